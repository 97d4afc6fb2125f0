import { describe, expect, it } from "vitest"
import { Either, Schema } from "effect"
import * as fc from "fast-check"
import { Rupiah } from "../src/index.js"

const amount = fc.integer({ min: 0, max: 1_000_000_000_000 }).map(Rupiah.unsafeMake)
const rate = fc.integer({ min: 0, max: 10_000 }).map((bp) => Schema.decodeSync(Rupiah.BasisPoints)(bp))

describe("Rupiah", () => {
  it("accepts whole, non-negative amounts only", () => {
    for (const bad of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
      expect(Either.isLeft(Schema.decodeUnknownEither(Rupiah.Rupiah)(bad))).toBe(true)
    }
    expect(Schema.decodeUnknownEither(Rupiah.Rupiah)(15000)).toEqual(Either.right(15000))
  })

  it("a fee in basis points rounds half up to a whole rupiah", () => {
    fc.assert(
      fc.property(amount, rate, (a, r) => {
        const exact = (a * r) / 10_000
        const fee = Rupiah.fee(a, r)
        expect(Number.isInteger(fee)).toBe(true)
        // Half up: within half a rupiah of the exact fee, and a tie goes up.
        const product = BigInt(a) * BigInt(r)
        const remainder = product % 10_000n
        const floor = product / 10_000n
        expect(BigInt(fee)).toBe(remainder >= 5_000n ? floor + 1n : floor)
        expect(Math.abs(fee - exact)).toBeLessThanOrEqual(0.5 + 1e-9 * exact)
      })
    )
    expect(Rupiah.fee(Rupiah.unsafeMake(150), Schema.decodeSync(Rupiah.BasisPoints)(250))).toBe(4) // 3.75 → 4
    expect(Rupiah.fee(Rupiah.unsafeMake(100), Schema.decodeSync(Rupiah.BasisPoints)(50))).toBe(1) // 0.5 → 1
    expect(Rupiah.fee(Rupiah.unsafeMake(100), Schema.decodeSync(Rupiah.BasisPoints)(49))).toBe(0) // 0.49 → 0
  })

  it("a split's fee and payout always add back to the total", () => {
    fc.assert(
      fc.property(amount, rate, (total, r) => {
        const { fee, payout } = Rupiah.split(total, r)
        expect(fee + payout).toBe(total)
        expect(fee).toBeGreaterThanOrEqual(0)
        expect(payout).toBeGreaterThanOrEqual(0)
      })
    )
  })

  it("sums and line totals are exact, and refuse results beyond safe integers", () => {
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 50 }), (amounts) => {
        const total = amounts.reduce((t, a) => t + BigInt(a), 0n)
        expect(Rupiah.sum(amounts)).toEqual(Either.right(Number(total)))
      })
    )
    fc.assert(
      fc.property(amount, fc.nat({ max: 1_000 }), (price, quantity) => {
        expect(Rupiah.times(price, quantity)).toEqual(Either.right(price * quantity))
      })
    )
    const huge = Rupiah.unsafeMake(Number.MAX_SAFE_INTEGER)
    expect(Either.isLeft(Rupiah.sum([huge, Rupiah.unsafeMake(1)]))).toBe(true)
    expect(Either.isLeft(Rupiah.times(huge, 2))).toBe(true)
    expect(Either.isLeft(Rupiah.subtract(Rupiah.unsafeMake(1), Rupiah.unsafeMake(2)))).toBe(true)
  })

  it("formats as Indonesians write amounts", () => {
    expect(Rupiah.format(Rupiah.unsafeMake(0))).toBe("Rp0")
    expect(Rupiah.format(Rupiah.unsafeMake(15_000))).toBe("Rp15.000")
    expect(Rupiah.format(Rupiah.unsafeMake(1_250_000))).toBe("Rp1.250.000")
  })
})
