import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer, Schema } from "effect"
import { Checkpoints, EventStore, InMemoryEventStore, LeaderElection, ProjectionRunner } from "@jatim/eventstore"
import { AcceptanceSaga, Commands, KoperasiCommand, Listing, ListingCommand, Order, OrderCommand, StockProcess } from "../src/index.js"
import { beras, buyer, buyerAdmin, gula, linesOrdered, minyak, order1, order2, secondary, seller, sellerAdmin } from "./fixtures.js"
import { marketplace, typesOf } from "./support.js"

const inMemory = Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory)

const place = (orderId = order1, lines = linesOrdered) =>
  Commands.placeOrder({ actor: buyerAdmin, orderId, buyer, seller, terms: "TEMPO_14", lines })

/** A marketplace stocked with `stock` of beras and minyak, and order1 placed (20 beras, 12 minyak). */
const placedWithStock = (stock: { readonly beras: number; readonly minyak: number }) =>
  Effect.zipRight(
    marketplace([
      { listingId: beras, stock: stock.beras },
      { listingId: minyak, stock: stock.minyak }
    ]),
    place()
  )

/** A step of a saga's run on order1, with its causation id (deduplicated, as the saga's own steps). */
const sagaStep = (name: "start" | "reserve" | "fail") => ({ causationId: AcceptanceSaga.causationId(order1, name), deduplicate: true })

/** What a run of the saga that crashed had done: started, and reserved the first line (20 beras). */
const startedAndReservedBeras = Effect.zipRight(
  Commands.order(new OrderCommand.StartAcceptance({ actor: sellerAdmin, orderId: order1 }), sagaStep("start")),
  Commands.listing(
    new ListingCommand.ReserveStock({ actor: sellerAdmin, listingId: beras, orderId: order1, buyer, quantity: 20 }),
    sagaStep("reserve")
  )
)

const stockOf = (listingId: typeof beras) =>
  Effect.map(Commands.listingState(listingId), (state) =>
    state._tag === "Listed" ? { onHand: state.onHand, reserved: Listing.reserved(state), available: Listing.available(state) } : undefined
  )

const statusOf = (orderId = order1) =>
  Effect.map(Commands.orderState(orderId), (state) => (state._tag === "Placed" ? state.status : undefined))

/**
 * Checks what a failed acceptance of order1 (50 beras on hand, minyak short) leaves: beras's
 * reservation of 20 released, its stock whole again, and nothing reserved on minyak or on `others`.
 */
const failedOnMinyak = (...others: ReadonlyArray<typeof beras>) =>
  Effect.gen(function* () {
    expect(yield* typesOf(Listing.streamName(beras))).toEqual(["ListingCreated", "StockReserved", "StockReleased"])
    for (const listingId of [minyak, ...others]) expect(yield* typesOf(Listing.streamName(listingId))).toEqual(["ListingCreated"])
    expect(yield* stockOf(beras)).toEqual({ onHand: 50, reserved: 0, available: 50 })
  })

/** Checks that order1's acceptance failed once, and that beras was reserved and released once. */
const failedOnce = Effect.gen(function* () {
  expect(yield* typesOf(Listing.streamName(beras))).toEqual(["ListingCreated", "StockReserved", "StockReleased"])
  expect(yield* typesOf(Order.streamName(order1))).toEqual(["OrderPlaced", "AcceptanceStarted", "OrderAcceptanceFailed"])
})

describe("AcceptanceSaga", () => {
  it("an outcome is served as JSON by its Schema, as it reads, and read back unchanged", () => {
    const outcomes: ReadonlyArray<AcceptanceSaga.Outcome> = [
      { _tag: "Accepted", orderId: order1 },
      { _tag: "Failed", orderId: order1, reason: "line minyak-2l could not be reserved: only 11 available" }
    ]
    for (const outcome of outcomes) {
      const json: unknown = JSON.parse(JSON.stringify(Schema.encodeSync(AcceptanceSaga.Outcome)(outcome)))
      expect(json).toEqual(outcome)
      expect(Schema.decodeUnknownSync(AcceptanceSaga.Outcome)(json)).toStrictEqual(outcome)
    }
  })

  it.effect("accepting reserves stock on every line, then accepts the order", () =>
    Effect.gen(function* () {
      yield* placedWithStock({ beras: 50, minyak: 12 })
      const outcome = yield* AcceptanceSaga.accept(order1, sellerAdmin)
      expect(outcome).toEqual({ _tag: "Accepted", orderId: order1 })
      expect(yield* statusOf()).toBe("ACCEPTED")
      expect(yield* stockOf(beras)).toEqual({ onHand: 50, reserved: 20, available: 30 })
      expect(yield* stockOf(minyak)).toEqual({ onHand: 12, reserved: 12, available: 0 })
      // Every step carries the saga's cause, which is what deduplicates a retried step.
      const { events } = yield* EventStore.readStream(Listing.streamName(beras))
      expect(events[1]?.metadata.causationId).toBe(AcceptanceSaga.causationId(order1, "reserve"))
      const orderEvents = (yield* EventStore.readStream(Order.streamName(order1))).events
      expect(orderEvents.map((e) => e.metadata.causationId)).toEqual([
        undefined,
        AcceptanceSaga.causationId(order1, "start"),
        AcceptanceSaga.causationId(order1, "complete")
      ])
    }).pipe(Effect.provide(inMemory))
  )

  it.effect("when a line cannot be reserved, the lines reserved are released and the order fails with the reason", () =>
    Effect.gen(function* () {
      yield* marketplace([
        { listingId: beras, stock: 50 },
        { listingId: minyak, stock: 11 },
        { listingId: gula, stock: 100 }
      ])
      yield* place(order1, [
        { listingId: beras, quantity: 20 },
        { listingId: minyak, quantity: 12 },
        { listingId: gula, quantity: 5 }
      ])
      const outcome = yield* AcceptanceSaga.accept(order1, sellerAdmin)
      expect(outcome._tag).toBe("Failed")
      expect(outcome._tag === "Failed" && outcome.reason).toContain("line minyak-2l could not be reserved")
      expect(outcome._tag === "Failed" && outcome.reason).toContain("only 11 available")
      expect(yield* statusOf()).toBe("ACCEPTANCE_FAILED")
      yield* failedOnMinyak(gula)
    }).pipe(Effect.provide(inMemory))
  )

  it.effect("a saga run again reserves and releases each line once, and gives the same outcome", () =>
    Effect.gen(function* () {
      yield* placedWithStock({ beras: 50, minyak: 5 })
      const first = yield* AcceptanceSaga.accept(order1, sellerAdmin)
      // Restocking in between does not turn a failed acceptance into a new one.
      yield* Commands.listing(new ListingCommand.Restock({ actor: sellerAdmin, listingId: minyak, quantity: 100 }))
      const again = yield* AcceptanceSaga.accept(order1, sellerAdmin)
      expect(again).toEqual(first)
      yield* failedOnce
    }).pipe(Effect.provide(inMemory))
  )

  it.effect("a saga that crashed after reserving a line resumes without reserving it again", () =>
    Effect.gen(function* () {
      yield* placedWithStock({ beras: 50, minyak: 50 })
      // The crashed run: it started and reserved the first line, with the saga's causation ids.
      yield* startedAndReservedBeras
      expect(yield* AcceptanceSaga.accept(order1, sellerAdmin)).toEqual({ _tag: "Accepted", orderId: order1 })
      expect(yield* typesOf(Listing.streamName(beras))).toEqual(["ListingCreated", "StockReserved"])
      expect(yield* typesOf(Listing.streamName(minyak))).toEqual(["ListingCreated", "StockReserved"])
    }).pipe(Effect.provide(inMemory))
  )

  it.effect("a saga that crashed after recording the failure releases the held lines when run again", () =>
    Effect.gen(function* () {
      yield* placedWithStock({ beras: 50, minyak: 5 })
      // The crashed run: it reserved beras, found minyak short, recorded the failure, and died.
      yield* startedAndReservedBeras
      yield* Commands.order(
        new OrderCommand.FailAcceptance({ actor: sellerAdmin, orderId: order1, reason: "line minyak-2l could not be reserved" }),
        sagaStep("fail")
      )
      expect(yield* stockOf(beras)).toEqual({ onHand: 50, reserved: 20, available: 30 })
      const outcome = yield* AcceptanceSaga.accept(order1, sellerAdmin)
      expect(outcome).toEqual({ _tag: "Failed", orderId: order1, reason: "line minyak-2l could not be reserved" })
      yield* failedOnMinyak()
    }).pipe(Effect.provide(inMemory))
  )

  it.effect("two runs of the saga at once agree on one outcome and touch each line once", () =>
    Effect.gen(function* () {
      yield* placedWithStock({ beras: 50, minyak: 5 })
      const [a, b] = yield* Effect.all([AcceptanceSaga.accept(order1, sellerAdmin), AcceptanceSaga.accept(order1, sellerAdmin)], {
        concurrency: "unbounded"
      })
      expect(a).toEqual(b)
      expect(a._tag).toBe("Failed")
      yield* failedOnce
    }).pipe(Effect.provide(inMemory))
  )

  it.effect("only the seller's admin accepts: the buyer's attempt is refused before any stock is touched", () =>
    Effect.gen(function* () {
      yield* placedWithStock({ beras: 50, minyak: 50 })
      const refused = yield* Effect.either(AcceptanceSaga.accept(order1, buyerAdmin))
      expect(Either.isLeft(refused) && refused.left._tag).toBe("ActorNotAuthorized")
      expect(yield* typesOf(Listing.streamName(beras))).toEqual(["ListingCreated"])
      expect(yield* statusOf()).toBe("PLACED")
    }).pipe(Effect.provide(inMemory))
  )

  it.effect("a rejected order is not accepted", () =>
    Effect.gen(function* () {
      yield* placedWithStock({ beras: 50, minyak: 50 })
      yield* Commands.order(new OrderCommand.RejectOrder({ actor: sellerAdmin, orderId: order1, reason: "libur" }))
      const refused = yield* Effect.either(AcceptanceSaga.accept(order1, sellerAdmin))
      expect(Either.isLeft(refused) && refused.left._tag).toBe("OrderNotInStatus")
    }).pipe(Effect.provide(inMemory))
  )

  it.effect("placing an order reads the cooperatives and listings from the store: outside the network it is refused", () =>
    Effect.gen(function* () {
      yield* marketplace([{ listingId: beras, stock: 50 }])
      yield* Commands.koperasi(new KoperasiCommand.LeaveNetwork({ actor: sellerAdmin, nik: seller, secondary }))
      const refused = yield* Effect.either(place(order2, [{ listingId: beras, quantity: 5 }]))
      expect(Either.isLeft(refused) && refused.left._tag).toBe("NotInSameNetwork")
    }).pipe(Effect.provide(inMemory))
  )
})

describe("StockProcess", () => {
  it.live("releases a cancelled order's reservations and commits a shipped order's, once each", () =>
    Effect.gen(function* () {
      yield* marketplace([
        { listingId: beras, stock: 50 },
        { listingId: minyak, stock: 50 }
      ])
      yield* place(order1)
      yield* place(order2)
      yield* AcceptanceSaga.accept(order1, sellerAdmin)
      yield* AcceptanceSaga.accept(order2, sellerAdmin)
      const runner = yield* ProjectionRunner.make([StockProcess.processManager])
      yield* Commands.order(new OrderCommand.CancelOrder({ actor: buyerAdmin, orderId: order1, reason: "batal" }))
      yield* Commands.order(new OrderCommand.ShipOrder({ actor: sellerAdmin, orderId: order2 }))
      yield* runner.awaitCaughtUp(StockProcess.name)
      expect(yield* typesOf(Listing.streamName(beras))).toEqual([
        "ListingCreated",
        "StockReserved",
        "StockReserved",
        "StockReleased",
        "StockCommitted"
      ])
      expect(yield* stockOf(beras)).toEqual({ onHand: 30, reserved: 0, available: 30 })
      expect(yield* stockOf(minyak)).toEqual({ onHand: 38, reserved: 0, available: 38 })
      // A rebuild redelivers every order event: nothing is released or committed twice.
      yield* runner.rebuild(StockProcess.name)
      yield* runner.awaitCaughtUp(StockProcess.name)
      expect(yield* typesOf(Listing.streamName(beras))).toHaveLength(5)
    }).pipe(Effect.scoped, Effect.provide(inMemory))
  )
})
