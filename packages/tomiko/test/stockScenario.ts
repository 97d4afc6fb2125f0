/**
 * The stock property, shared by the in-memory and the PostgreSQL suites: orders against one hot
 * listing (and a second one, so that some acceptances fail after reserving), accepted by
 * concurrent sagas (some run twice at once), then cancelled or shipped with their releases and
 * commits issued twice at once. Afterwards, on every listing: stock was never negative at any
 * version, each order reserved at most once, and each reservation was released or committed at
 * most once — exactly once where the order's fate demands it.
 */
import { expect } from "vitest"
import { Effect, Predicate, Schema } from "effect"
import * as fc from "fast-check"
import { EventStore } from "@jatim/eventstore"
import { AcceptanceSaga, Commands, Listing, ListingCommand, ListingId, OrderCommand, OrderId } from "../src/index.js"
import { buyer, buyerAdmin, createListing, seller, sellerAdmin } from "./fixtures.js"

/** One order of a scenario. */
export interface OrderPlan {
  readonly lines: ReadonlyArray<{ readonly listing: "a" | "b"; readonly quantity: number }>
  readonly fate: "cancel" | "ship" | "keep"
  /** How many sagas accept it at once. */
  readonly runs: number
}

/** A scenario. */
export interface Scenario {
  readonly stockA: number
  readonly stockB: number
  readonly restockA: number
  readonly orders: ReadonlyArray<OrderPlan>
}

const quantity = fc.integer({ min: 1, max: 15 })

/** Scenarios of 1 to `maxOrders` orders. */
export const scenario = (maxOrders: number): fc.Arbitrary<Scenario> =>
  fc.record({
    stockA: fc.integer({ min: 0, max: 40 }),
    stockB: fc.integer({ min: 0, max: 20 }),
    restockA: fc.integer({ min: 0, max: 20 }),
    orders: fc.array(
      fc.record({
        lines: fc.oneof(
          quantity.map((q) => [{ listing: "a" as const, quantity: q }]),
          fc.tuple(quantity, quantity).map(([qa, qb]) => [
            { listing: "a" as const, quantity: qa },
            { listing: "b" as const, quantity: qb }
          ]),
          fc.tuple(quantity, quantity).map(([qa, qb]) => [
            { listing: "b" as const, quantity: qb },
            { listing: "a" as const, quantity: qa }
          ])
        ),
        fate: fc.constantFrom("cancel" as const, "ship" as const, "keep" as const),
        runs: fc.integer({ min: 1, max: 2 })
      }),
      { minLength: 1, maxLength: maxOrders }
    )
  })

const conflict = (error: unknown) => Predicate.isTagged(error, "ExpectedVersionConflict")
const retryConflicts = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.retry(effect, { while: conflict, times: 100 })

/** Runs `scenario` with listing and order ids starting with `prefix`; the buyer and seller must be in one network. */
export const run = (prefix: string, scenario: Scenario) =>
  Effect.gen(function* () {
    const listingIds = { a: ListingId.ListingId.make(`${prefix}-a`), b: ListingId.ListingId.make(`${prefix}-b`) }
    yield* Commands.listing(createListing(listingIds.a, { stock: scenario.stockA, moq: 1 }))
    yield* Commands.listing(createListing(listingIds.b, { stock: scenario.stockB, moq: 1 }))
    const orders = scenario.orders.map((plan, i) => ({ ...plan, orderId: OrderId.OrderId.make(`${prefix}-o${i}`) }))
    for (const order of orders) {
      yield* Commands.placeOrder({
        actor: buyerAdmin,
        orderId: order.orderId,
        buyer,
        seller,
        terms: "CASH",
        lines: order.lines.map((line) => ({ listingId: listingIds[line.listing], quantity: line.quantity }))
      })
    }

    // Every saga at once, and a restock among them.
    const sagas = orders.flatMap((order) =>
      Array.from({ length: order.runs }, () =>
        Effect.map(retryConflicts(AcceptanceSaga.accept(order.orderId, sellerAdmin)), (outcome) => ({ order, outcome }))
      )
    )
    const restock =
      scenario.restockA === 0
        ? []
        : [
            Effect.as(
              retryConflicts(
                Commands.listing(new ListingCommand.Restock({ actor: sellerAdmin, listingId: listingIds.a, quantity: scenario.restockA }))
              ),
              undefined
            )
          ]
    const results = yield* Effect.all([...sagas, ...restock], { concurrency: "unbounded" })
    const outcomes = new Map<string, string>()
    for (const result of results) {
      if (result === undefined) continue
      const previous = outcomes.get(result.order.orderId)
      // Runs of one order's saga agree on its outcome.
      if (previous !== undefined) expect(result.outcome._tag).toBe(previous)
      // The outcome is what its Schema describes, and comes back unchanged from JSON.
      const json: unknown = JSON.parse(JSON.stringify(Schema.encodeSync(AcceptanceSaga.Outcome)(result.outcome)))
      expect(Schema.decodeUnknownSync(AcceptanceSaga.Outcome)(json)).toStrictEqual(result.outcome)
      outcomes.set(result.order.orderId, result.outcome._tag)
    }

    // Fates of the accepted orders, with each release or commit issued twice at once.
    yield* Effect.all(
      orders
        .filter((order) => outcomes.get(order.orderId) === "Accepted" && order.fate !== "keep")
        .map((order) =>
          Effect.gen(function* () {
            const cancel = order.fate === "cancel"
            yield* cancel
              ? Commands.order(new OrderCommand.CancelOrder({ actor: buyerAdmin, orderId: order.orderId, reason: "batal" }))
              : Commands.order(new OrderCommand.ShipOrder({ actor: sellerAdmin, orderId: order.orderId }))
            const options = { causationId: `${order.fate}-${order.orderId}`, deduplicate: true }
            yield* Effect.all(
              order.lines.flatMap((line) => {
                const listingId = listingIds[line.listing]
                // As the stock process issues them: with the order as read from its stream.
                const once = retryConflicts(
                  cancel
                    ? Commands.releaseStock(buyerAdmin, listingId, order.orderId, options)
                    : Commands.commitStock(sellerAdmin, listingId, order.orderId, options)
                )
                return [once, once]
              }),
              { concurrency: "unbounded" }
            )
          })
        ),
      { concurrency: "unbounded" }
    )

    // The invariants, on every listing's whole history.
    for (const key of ["a", "b"] as const) {
      const listingId = listingIds[key]
      const { events } = yield* EventStore.readStream(Listing.streamName(listingId))
      const decoded = yield* Effect.forEach(events, Listing.codec.decode)
      let state: Listing.State = Listing.initialState
      const reservedCount = new Map<string, number>()
      const closedCount = new Map<string, number>()
      for (const { data } of decoded) {
        state = Listing.evolve(state, data)
        if (state._tag === "Listed") {
          expect(state.onHand).toBeGreaterThanOrEqual(0)
          expect(Listing.available(state)).toBeGreaterThanOrEqual(0)
        }
        if (data._tag === "StockReserved") reservedCount.set(data.orderId, (reservedCount.get(data.orderId) ?? 0) + 1)
        if (data._tag === "StockReleased" || data._tag === "StockCommitted") {
          expect(reservedCount.get(data.orderId)).toBe(1)
          closedCount.set(data.orderId, (closedCount.get(data.orderId) ?? 0) + 1)
        }
      }
      for (const count of reservedCount.values()) expect(count).toBe(1)
      for (const count of closedCount.values()) expect(count).toBe(1)
      if (state._tag !== "Listed") return expect.fail(`listing ${listingId} was not created`)
      let committed = 0
      for (const order of orders) {
        const line = order.lines.find((l) => l.listing === key)
        const reservation = Listing.reservationOf(state, order.orderId)
        if (line === undefined) {
          expect(reservation).toBeUndefined()
          continue
        }
        const outcome = outcomes.get(order.orderId)
        if (outcome === "Failed") {
          expect(reservation === undefined || reservation.status === "RELEASED").toBe(true)
        } else {
          expect(reservation?.status).toBe(order.fate === "cancel" ? "RELEASED" : order.fate === "ship" ? "COMMITTED" : "HELD")
          if (order.fate === "ship") committed += line.quantity
        }
      }
      const initial = key === "a" ? scenario.stockA + scenario.restockA : scenario.stockB
      expect(state.onHand).toBe(initial - committed)
    }
  })
