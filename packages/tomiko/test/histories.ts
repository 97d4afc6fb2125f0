/** Histories of order events for the read models' properties: valid placements, then any events about the placed orders. */
import { Effect, Either, Schema } from "effect"
import * as fc from "fast-check"
import { FixedClock } from "@jatim/testing"
import { Order, OrderEvent, type OrderId } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { now } from "./fixtures.js"

/** The events `effect` decides at the fixtures' instant, or none when it is refused. */
export const decided = <A, E>(effect: Effect.Effect<ReadonlyArray<A>, E>): ReadonlyArray<A> =>
  Either.getOrElse(Effect.runSync(Effect.either(effect).pipe(FixedClock.at(now))), () => [])

/** Valid placements, and any order events about the placed orders. */
export const orderHistory = fc
  .uniqueArray(Arbitraries.placeOrder, { minLength: 1, maxLength: 4, selector: (command) => command.orderId })
  .chain((placements) =>
    fc.tuple(
      fc.constant(placements),
      fc.array(fc.tuple(Arbitraries.anyOrderEvent, fc.constantFrom(...placements.map((p) => p.orderId))), { maxLength: 20 })
    )
  )
  .map(([placements, others]) => {
    const placed = placements.flatMap((command) => decided(Order.decide(command, Order.initialState)))
    // Any event of the Schema, about one of the placed orders.
    const about = ([event, orderId]: readonly [OrderEvent.OrderEvent, OrderId.OrderId]) =>
      Schema.decodeUnknownSync(OrderEvent.OrderEvent)({ ...Schema.encodeSync(OrderEvent.OrderEvent)(event), orderId })
    return { placements, events: [...placed, ...others.map(about)] }
  })
