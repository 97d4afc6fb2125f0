import { describe, expect, it } from "vitest"
import { Either, Schema } from "effect"
import * as fc from "fast-check"
import { CalendarDate } from "@jatim/kernel"
import { PesantrenCommand, ProductCommand, SantripreneurCommand } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { runPesantren, runProducts } from "./world.js"

/** The fields that carry facts read from another stream: they never come from JSON (adr/0014). */
const readFacts = ["candidate", "pesantren"] as const

const roundTrips = <A, I>(schema: Schema.Schema<A, I>, command: A) => {
  const encoded: unknown = Schema.encodeSync(schema)(command)
  const json: unknown = JSON.parse(JSON.stringify(encoded))
  const fields = (value: unknown): ReadonlyArray<[string, unknown]> =>
    typeof value === "object" && value !== null ? Object.entries(value) : []
  const facts = new Map(fields(encoded).filter(([key]) => readFacts.some((field) => field === key)))
  if (facts.size === 0) {
    expect(Schema.decodeUnknownSync(schema)(json)).toEqual(command)
    return
  }
  // A fact read from a stream does not survive JSON: the command decodes only with the fact as read.
  expect(Either.isLeft(Schema.decodeUnknownEither(schema)(json))).toBe(true)
  const withFacts = Object.fromEntries(fields(json).map(([key, value]) => [key, facts.has(key) ? facts.get(key) : value]))
  expect(Schema.decodeUnknownSync(schema)(withFacts)).toEqual(command)
}

const refusesAll = <A, I>(schema: Schema.Schema<A, I>, inputs: fc.Arbitrary<Arbitraries.InvalidCommandInput>) => {
  const fields = new Set<string>()
  const decode = Schema.decodeUnknownEither(schema)
  fc.assert(
    fc.property(inputs, ({ field, input, problem }) => {
      fields.add(field)
      expect(Either.isLeft(decode(input)), `${problem} (${field}) was accepted`).toBe(true)
    })
  )
  expect(fields.size).toBeGreaterThan(5)
}

describe("Arbitraries", () => {
  it("valid commands are well-formed: they survive JSON and decode to themselves", () => {
    fc.assert(fc.property(Arbitraries.pesantrenCommand(), (c) => roundTrips(PesantrenCommand.PesantrenCommand, c)))
    fc.assert(fc.property(Arbitraries.productCommand(), (c) => roundTrips(ProductCommand.ProductCommand, c)))
    fc.assert(fc.property(Arbitraries.santripreneurCommand(), (c) => roundTrips(SantripreneurCommand.SantripreneurCommand, c)))
  })

  it("invalid command inputs are refused by the command Schemas, whatever field is broken", () => {
    refusesAll(PesantrenCommand.PesantrenCommand, Arbitraries.invalidPesantrenCommandInput())
    refusesAll(ProductCommand.ProductCommand, Arbitraries.invalidProductCommandInput())
    refusesAll(SantripreneurCommand.SantripreneurCommand, Arbitraries.invalidSantripreneurCommandInput())
  })

  it("onboarding prefixes are valid commands in the strong sense: every one of them is accepted", () => {
    const onboarding = Arbitraries.instant.chain((start) =>
      fc.tuple(
        fc.constant(start.getTime()),
        Arbitraries.pesantrenOnboarding(),
        Arbitraries.productOnboarding(undefined, CalendarDate.fromEpochMillis(start.getTime()))
      )
    )
    fc.assert(
      fc.property(onboarding, ([start, pesantren, products]) => {
        runPesantren({ start, steps: pesantren.map((command) => ({ command, advance: 0 })) }, ({ error }) => expect(error).toBeUndefined())
        runProducts({ start, steps: products.map((command) => ({ command, advance: 0 })) }, ({ command, error }) => {
          // A food product without certificates may only be graded PEMULA: its score is refused otherwise.
          if (error !== undefined) expect([command._tag, error._tag]).toEqual(["ScoreProduct", "CertificationRequired"])
        })
      })
    )
  })
})
