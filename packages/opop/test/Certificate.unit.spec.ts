import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { CalendarDate } from "@jatim/kernel"
import { Certificate, ProductCategory } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { bpom, date, halal, pirt } from "./fixtures.js"

describe("Certificate", () => {
  it("a P-IRT is valid through the day before the fifth anniversary of its issue", () => {
    expect(Certificate.pirtValidUntil(date("2022-01-15"))).toBe("2027-01-14")
    expect(Certificate.pirtValidUntil(date("2024-02-29"))).toBe("2029-02-28")
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), (day) => {
        const issuedOn = CalendarDate.fromDayNumber(day)
        const number = Arbitraries.pirtNumber(issuedOn)
        const certificate = Certificate.fromSubmission(Certificate.PirtSubmission.make({ _tag: "PIRT", number, issuedOn }))
        const validUntil = Certificate.pirtValidUntil(issuedOn)
        expect(certificate.validUntil).toBe(validUntil)
        const years = CalendarDate.daysBetween(issuedOn, validUntil) / 365.25
        expect(years).toBeGreaterThan(4.99)
        expect(years).toBeLessThan(5)
        expect(Certificate.isValidOn(certificate, issuedOn)).toBe(true)
        expect(Certificate.isValidOn(certificate, validUntil)).toBe(true)
        expect(Certificate.isValidOn(certificate, CalendarDate.addDays(validUntil, 1))).toBe(false)
        expect(Certificate.isValidOn(certificate, CalendarDate.addDays(issuedOn, -1))).toBe(false)
      })
    )
  })

  it("other certificates keep the validity they carry", () => {
    expect(Certificate.fromSubmission(halal)).toBe(halal)
  })

  it("the market rule: food and drink need halal and P-IRT or BPOM valid on the day; others nothing", () => {
    const onDay = date("2024-06-01")
    const certificates = fc.subarray([halal, pirt, bpom])
    fc.assert(
      fc.property(fc.constantFrom(...ProductCategory.categories), certificates, (category, held) => {
        const missing = Certificate.missingForMarket(category, held, onDay)
        const has = (kind: Certificate.CertificateKind) => held.some((c) => c._tag === kind)
        const food = ProductCategory.isFoodOrDrink(category)
        expect(missing.includes("a valid halal certificate")).toBe(food && !has("HALAL"))
        expect(missing.includes("a valid P-IRT or BPOM registration")).toBe(food && !has("PIRT") && !has("BPOM"))
        expect(missing.length).toBeLessThanOrEqual(food ? 2 : 0)
      })
    )
    expect(Certificate.missingForMarket("MAKANAN", [halal, pirt], date("2027-01-15"))).toEqual(["a valid P-IRT or BPOM registration"])
  })
})
