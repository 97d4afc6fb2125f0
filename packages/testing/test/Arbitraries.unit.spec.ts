import { describe, expect, it } from "vitest"
import { Either, Schema } from "effect"
import * as fc from "fast-check"
import { StreamName } from "@jatim/eventstore"
import { Arbitraries } from "../src/index.js"

const Rupiah = Schema.Int.pipe(Schema.between(0, 1_000_000_000))
const Priced = Schema.TaggedStruct("Priced", { listingId: Schema.NonEmptyTrimmedString, rupiah: Rupiah })
const Delisted = Schema.TaggedStruct("Delisted", { listingId: Schema.NonEmptyTrimmedString })

describe("Arbitraries", () => {
  it("fromSchema draws only values the schema accepts", () => {
    fc.assert(
      fc.property(Arbitraries.fromSchema(Priced), (value) => {
        expect(Either.isRight(Schema.validateEither(Priced)(value))).toBe(true)
      })
    )
  })

  it("oneOfSchemas draws values of every schema, each accepted by its own", () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(Arbitraries.oneOfSchemas(Priced, Delisted), (value) => {
        seen.add(value._tag)
        expect(Either.isRight(Schema.validateEither(Schema.Union(Priced, Delisted))(value))).toBe(true)
      })
    )
    expect(seen).toEqual(new Set(["Priced", "Delisted"]))
  })

  it("stream names are valid, invalid stream names are not", () => {
    fc.assert(fc.property(Arbitraries.streamName, (name) => Either.isRight(StreamName.parse(name))))
    fc.assert(fc.property(Arbitraries.invalidStreamName, (name) => Either.isLeft(StreamName.parse(name))))
  })
})
