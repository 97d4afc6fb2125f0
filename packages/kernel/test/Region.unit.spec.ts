import { describe, expect, it } from "vitest"
import { Either } from "effect"
import * as fc from "fast-check"
import { Region } from "../src/index.js"

describe("Region", () => {
  it("holds the 29 kabupaten (35.01-35.29) and 9 kota (35.71-35.79) of Jawa Timur", () => {
    expect(Region.all).toHaveLength(38)
    const kabupaten = Region.all.filter((r) => r.kind === "Kabupaten").map((r) => r.code)
    const kota = Region.all.filter((r) => r.kind === "Kota").map((r) => r.code)
    expect(kabupaten).toEqual(Array.from({ length: 29 }, (_, i) => `35.${String(i + 1).padStart(2, "0")}`))
    expect(kota).toEqual(Array.from({ length: 9 }, (_, i) => `35.${71 + i}`))
    expect(Region.displayName("35.78")).toBe("Kota Surabaya")
    expect(Region.displayName("35.07")).toBe("Kabupaten Malang")
    expect(Region.byCode("35.73").bpsCode).toBe("3573")
  })

  it("accepts exactly the 38 codes and rejects anything else with a message naming the ranges", () => {
    const valid = new Set<string>(Region.codes)
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constantFrom(...Region.codes),
          fc.string(),
          fc.tuple(fc.nat(99), fc.nat(99)).map(([a, b]) => `${a}.${String(b).padStart(2, "0")}`)
        ),
        (code) => {
          const result = Region.parse(code)
          expect(Either.isRight(result)).toBe(valid.has(code))
          if (Either.isLeft(result)) expect(result.left.message).toContain("35.71 to 35.79")
        }
      )
    )
    for (const outside of ["35.00", "35.30", "35.70", "35.80", "36.01", "3578"]) {
      expect(Either.isLeft(Region.parse(outside))).toBe(true)
    }
  })
})
