import { describe, expect, it } from "vitest"
import { Effect, Either, Random, Schema } from "effect"
import * as fc from "fast-check"
import { CertificateNumber } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { numberDrawnWith } from "./fixtures.js"

/** Numbers as completions draw them, each from a `Random` with a generated seed. */
const number = fc.integer().map(numberDrawnWith)
/** `count` numbers drawn one after another from one `Random` seeded with `seed`. */
const drawn = (seed: number, count: number): ReadonlyArray<string> =>
  Effect.runSync(Effect.replicateEffect(CertificateNumber.draw, count).pipe(Effect.withRandom(Random.make(seed))))
const codePositions = (n: string) => [...n].map((_, i) => i).filter((i) => i >= 4 && n[i] !== "-")

describe("CertificateNumber", () => {
  it("reads SJW-XXXX-XXXX-XXXX-CC; drawn from Random, the same for the same seed, another for another seed", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (seed, other) => {
        fc.pre(seed !== other)
        const n = numberDrawnWith(seed)
        expect(n).toMatch(/^SJW-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/)
        expect(numberDrawnWith(seed)).toBe(n)
        expect(drawn(seed, 3)).toEqual(drawn(seed, 3))
        expect(numberDrawnWith(other)).not.toBe(n)
      })
    )
  }, 15_000)

  it("every number issued parses back to itself, and passes the Schema", () => {
    fc.assert(
      fc.property(number, (n) => {
        expect(CertificateNumber.parse(n)).toEqual(Either.right(n))
        expect(Schema.is(CertificateNumber.CertificateNumber)(n)).toBe(true)
      })
    )
  }, 15_000)

  it("parsing forgives case, spaces, missing dashes and I/L/O for 1/1/0", () => {
    fc.assert(
      fc.property(number, (n) => {
        const typed = n.toLowerCase().replaceAll("-", " ").replaceAll("1", "l").replaceAll("0", "o")
        expect(CertificateNumber.parse(typed)).toEqual(Either.right(n))
        expect(CertificateNumber.parse(n.replaceAll("-", ""))).toEqual(Either.right(n))
      })
    )
  }, 15_000)

  it("any one mistyped character, in the code or the check, is caught", () => {
    fc.assert(
      fc.property(number, fc.nat(), fc.constantFrom(...CertificateNumber.alphabet), (n, pick, replacement) => {
        const places = codePositions(n)
        const i = places[pick % places.length]!
        fc.pre(n[i] !== replacement)
        const typo = n.slice(0, i) + replacement + n.slice(i + 1)
        expect(CertificateNumber.parse(typo)).toMatchObject({ _tag: "Left", left: { _tag: "InvalidCertificateNumber" } })
      })
    )
  }, 15_000)

  it("any swap of two neighbouring code characters is caught", () => {
    fc.assert(
      fc.property(number, fc.nat(), (n, pick) => {
        const compact = n.slice(4).replaceAll("-", "")
        const i = pick % 11
        fc.pre(compact[i] !== compact[i + 1])
        const swapped = compact.slice(0, i) + compact[i + 1] + compact[i] + compact.slice(i + 2)
        expect(Either.isLeft(CertificateNumber.parse(`SJW${swapped}`))).toBe(true)
      })
    )
  }, 15_000)

  it("refuses other strings with a message saying how numbers read", () => {
    for (const input of ["", "SJW", "ABC-0000-0000-0000-00", "SJW-0000-0000-0000", "SJW-UUUU-0000-0000-00"]) {
      const result = CertificateNumber.parse(input)
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result)) expect(result.left.message).toContain("Certificate numbers read like SJW-")
    }
    expect(Either.isLeft(Schema.decodeUnknownEither(CertificateNumber.CertificateNumber)("sjw-0000-0000-0000-00"))).toBe(true)
  }, 15_000)

  it("the Schema's arbitrary yields valid numbers", () => {
    fc.assert(
      fc.property(Arbitraries.anyEnrollmentEvent, (event) => {
        if (event._tag === "EnrollmentCompleted") expect(Either.isRight(CertificateNumber.parse(event.certificateNumber))).toBe(true)
      }),
      { numRuns: 200 }
    )
  }, 15_000)

  it("numbers drawn one after another are distinct, and use the whole code", () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 200 }), (seed, count) => {
        const numbers = drawn(seed, count)
        for (const n of numbers) seen.add(n)
        expect(new Set(numbers).size).toBe(count)
      }),
      { numRuns: 100 }
    )
    expect(seen.size).toBeGreaterThan(1000)
    // Every code character takes many values: no position is fixed, so no part of a number can be guessed.
    for (let i = 4; i < 18; i++) {
      if (i === 8 || i === 13) continue
      expect(new Set([...seen].map((n) => n[i])).size).toBeGreaterThan(20)
    }
  }, 15_000)
})
