import { describe, expect, it } from "vitest"
import { Either, type Schema } from "effect"
import * as fc from "fast-check"
import { Identifier } from "../src/index.js"

const digits = (n: number) => fc.array(fc.constantFrom(..."0123456789"), { minLength: n, maxLength: n }).map((d) => d.join(""))

const cases: ReadonlyArray<{
  readonly name: string
  // biome-ignore lint/suspicious/noExplicitAny: each case holds a different branded type
  readonly schema: Schema.Schema<any, string>
  readonly valid: fc.Arbitrary<string>
  /** The documented format, written out again as the reference. */
  readonly format: RegExp
  readonly mentions: string
}> = [
  { name: "NSPP", schema: Identifier.Nspp, valid: digits(12), format: /^[0-9]{12}$/, mentions: "12 digits" },
  { name: "NIB", schema: Identifier.Nib, valid: digits(13), format: /^[0-9]{13}$/, mentions: "13 digits" },
  { name: "NIK Koperasi", schema: Identifier.NikKoperasi, valid: digits(16), format: /^[0-9]{16}$/, mentions: "16 digits" },
  { name: "P-IRT", schema: Identifier.PirtNumber, valid: digits(15), format: /^[0-9]{15}$/, mentions: "15 digits" },
  {
    name: "BPOM",
    schema: Identifier.BpomNumber,
    valid: digits(12).map((d) => `MD${d}`),
    format: /^MD[0-9]{12}$/,
    mentions: '"MD" followed by 12 digits'
  },
  {
    name: "halal certificate",
    schema: Identifier.HalalCertificateNumber,
    valid: fc
      .integer({ min: 6, max: 30 })
      .chain(digits)
      .map((d) => `ID${d}`),
    format: /^ID[0-9]{6,30}$/,
    mentions: '"ID" followed by digits'
  }
]

describe("Identifier", () => {
  for (const { format, mentions, name, schema, valid } of cases) {
    it(`${name}: accepts its format, rejects every other string with a message naming the format`, () => {
      fc.assert(fc.property(valid, (value) => Either.isRight(Identifier.parse(schema, value))))
      fc.assert(
        fc.property(
          fc.oneof(
            fc.string(),
            valid.map((v) => v.slice(1)),
            valid.map((v) => `${v}0`)
          ),
          (value) => {
            const result = Identifier.parse(schema, value)
            expect(Either.isRight(result)).toBe(format.test(value))
            if (Either.isLeft(result)) {
              expect(result.left._tag).toBe("InvalidIdentifier")
              expect(result.left.message).toContain(mentions)
              expect(result.left.value).toBe(value)
            }
          }
        )
      )
      fc.assert(
        fc.property(valid, fc.constantFrom("x", " ", "-", "١"), fc.nat(), (value, bad, at) => {
          const i = at % (value.length + 1)
          return Either.isLeft(Identifier.parse(schema, value.slice(0, i) + bad + value.slice(i)))
        })
      )
    })
  }

  it("rejects near misses: one digit short or long, and wrong prefixes", () => {
    for (const [schema, value] of [
      [Identifier.Nspp, "51003578000"],
      [Identifier.Nspp, "5100357800011"],
      [Identifier.Nib, "912020123456"],
      [Identifier.NikKoperasi, "357801000000001"],
      [Identifier.BpomNumber, "ML123412341234"],
      [Identifier.BpomNumber, "MD12341234123"],
      [Identifier.HalalCertificateNumber, "35110000123450922"],
      [Identifier.PirtNumber, "P-IRT 2063507010123-26"]
    ] as const) {
      // biome-ignore lint/suspicious/noExplicitAny: the cases hold different branded types
      expect(Either.isLeft(Identifier.parse(schema as Schema.Schema<any, string>, value))).toBe(true)
    }
  })
})
