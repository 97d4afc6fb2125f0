import { describe, expect, it } from "@effect/vitest"
import { Effect, ManagedRuntime, type Redacted } from "effect"
import * as fc from "fast-check"
import { ProjectionRunner } from "@jatim/eventstore"
import { beforeAll } from "vitest"
import { Commands, ListingCommand, ListingStock } from "../src/index.js"
import { beras, createListing, rp, sellerAdmin } from "./fixtures.js"
import { instance, suiteDatabase, uniqueSchema } from "./postgres.js"
import * as SqlListingStock from "./SqlListingStock.js"
import { run, scenario, type Scenario } from "./stockScenario.js"
import { marketplace } from "./support.js"

let url: Redacted.Redacted<string>
beforeAll(async () => {
  url = await suiteDatabase("tomiko_stock")
})

describe("stock on PostgreSQL", () => {
  it("is never negative, and every reservation is made once and released or committed once, for any interleaving of orders", async () => {
    const runtime = ManagedRuntime.make(instance(url, uniqueSchema()))
    try {
      await runtime.runPromise(marketplace([]))
      let runs = 0
      await fc.assert(
        fc.asyncProperty(scenario(4), (s: Scenario) => runtime.runPromise(run(`r${++runs}`, s))),
        // Each run is some forty round trips with concurrent sagas against a real server on a
        // machine shared with other suites: 50 runs keep it under ~10 s; the in-memory
        // property runs the same scenario 1,000 times.
        { numRuns: 50 }
      )
    } finally {
      await runtime.dispose()
    }
  }, 120_000)

  it.live(
    "the SQL read model of stock per listing agrees with the in-memory one, and survives a rebuild",
    () => {
      const schema = uniqueSchema()
      return Effect.gen(function* () {
        yield* marketplace([])
        yield* run("sql", {
          stockA: 30,
          stockB: 6,
          restockA: 10,
          orders: [
            { lines: [{ listing: "a", quantity: 12 }], fate: "ship", runs: 2 },
            {
              lines: [
                { listing: "a", quantity: 5 },
                { listing: "b", quantity: 4 }
              ],
              fate: "cancel",
              runs: 1
            },
            {
              lines: [
                { listing: "b", quantity: 5 },
                { listing: "a", quantity: 9 }
              ],
              fate: "keep",
              runs: 2
            },
            { lines: [{ listing: "a", quantity: 15 }], fate: "keep", runs: 1 }
          ]
        })
        // One more listing, repriced and delisted.
        yield* Commands.listing(createListing(beras, { stock: 5, moq: 1 }))
        yield* Commands.listing(new ListingCommand.Reprice({ actor: sellerAdmin, listingId: beras, unitPrice: rp(67_000) }))
        yield* Commands.listing(new ListingCommand.Delist({ actor: sellerAdmin, listingId: beras, reason: "habis musim" }))
        const memory = yield* ListingStock.make()
        const sqlProjection = SqlListingStock.projection(schema)
        const runner = yield* ProjectionRunner.make([sqlProjection, memory.projection])
        yield* runner.awaitCaughtUp(sqlProjection.name)
        yield* runner.awaitCaughtUp(memory.projection.name)
        const expected = [...ListingStock.all(yield* memory.get)]
          .sort((a, b) => a.listingId.localeCompare(b.listingId))
          .map((s) => ({
            listing_id: s.listingId,
            seller: s.seller,
            unit_price: s.unitPrice,
            on_hand: s.onHand,
            reserved: s.reserved,
            active: s.active
          }))
        const rows = yield* SqlListingStock.rows(schema)
        expect(rows).toEqual(expected)
        expect(rows.map((r) => r.listing_id)).toEqual([beras, "sql-a", "sql-b"])
        yield* runner.rebuild(sqlProjection.name)
        yield* runner.awaitCaughtUp(sqlProjection.name)
        expect(yield* SqlListingStock.rows(schema)).toEqual(expected)
      }).pipe(Effect.scoped, Effect.provide(instance(url, schema)))
    },
    60_000
  )
})
