import { describe, expect, it } from "vitest"
import { Effect, Either, Schema } from "effect"
import * as fc from "fast-check"
import { FixedClock } from "@jatim/testing"
import { Koperasi, Listing, ListingCommand, Order, OrderCommand } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { generated } from "./facts.js"
import { now } from "./fixtures.js"

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runSync(Effect.either(effect).pipe(FixedClock.at(now)))

describe("the exported arbitraries (and the tests' generators of commands that carry facts)", () => {
  it("valid commands pass every rule", () => {
    fc.assert(
      fc.property(Arbitraries.placeOrder, (command) => {
        expect(Either.isRight(run(Order.decide(command, Order.initialState)))).toBe(true)
      })
    )
    // A secondary's own sale is placed with no network fee, whatever its network's fee is.
    fc.assert(
      fc.property(Arbitraries.placeOrderFromNetwork, (command) => {
        const result = run(Order.decide(command, Order.initialState))
        expect(Either.isRight(result) && result.right[0]?._tag === "OrderPlaced" && result.right[0].feeBasisPoints).toBe(0)
      })
    )
    fc.assert(
      fc.property(fc.oneof(Arbitraries.registerPrimary, generated.registerSecondary), (command) => {
        expect(Either.isRight(run(Koperasi.decide(command, Koperasi.initialState)))).toBe(true)
      })
    )
    fc.assert(
      fc.property(fc.oneof(Arbitraries.createListing, generated.createListing), (command) => {
        expect(Either.isRight(run(Listing.decide(command, Listing.initialState)))).toBe(true)
      })
    )
  })

  it("invalid commands fail with the error that names the rule they break", () => {
    fc.assert(
      fc.property(Arbitraries.invalidPlaceOrder, ({ command, rule }) => {
        const result = run(Order.decide(command, Order.initialState))
        expect(Either.isLeft(result) && result.left._tag).toBe(rule)
      })
    )
    fc.assert(
      fc.property(fc.oneof(Arbitraries.invalidRegistration, generated.invalidRegistration), ({ command, rule }) => {
        const result = run(Koperasi.decide(command, Koperasi.initialState))
        expect(Either.isLeft(result) && result.left._tag).toBe(rule)
      })
    )
    fc.assert(
      fc.property(fc.oneof(Arbitraries.invalidCreateListing, generated.invalidCreateListing), ({ command, rule }) => {
        const result = run(Listing.decide(command, Listing.initialState))
        expect(Either.isLeft(result) && result.left._tag).toBe(rule)
      })
    )
  })

  it("undecodable inputs are refused at the boundary, before any decider sees them", () => {
    const decoders: Record<"CreateListing" | "PlaceOrder" | "RecordPayment", (input: unknown) => Either.Either<unknown, unknown>> = {
      CreateListing: Schema.decodeUnknownEither(ListingCommand.CreateListing),
      PlaceOrder: Schema.decodeUnknownEither(OrderCommand.PlaceOrder),
      RecordPayment: Schema.decodeUnknownEither(OrderCommand.RecordPayment)
    }
    fc.assert(
      fc.property(Arbitraries.undecodableInput, ({ input, schema }) => {
        expect(Either.isLeft(decoders[schema](input))).toBe(true)
      })
    )
    // The valid commands they are derived from do decode (after encoding).
    fc.assert(
      fc.property(Arbitraries.placeOrder, (command) => {
        const encoded = Schema.encodeSync(OrderCommand.PlaceOrder)(command)
        expect(Either.isRight(Schema.decodeUnknownEither(OrderCommand.PlaceOrder)(encoded))).toBe(true)
      })
    )
  })
})
