/**
 * What became of an order, as its own stream says (read by `read`): what a listing's
 * `ReleaseStock` and `CommitStock` carry, so that a reservation is released only when its order
 * was cancelled or its acceptance failed, and committed only when it shipped — by the order's own
 * processes (the acceptance saga, the stock process manager), never on a party's word. An
 * accepted order's stock stays reserved whoever asks.
 *
 * @since 0.1.0
 */
import { Effect, type Schema } from "effect"
import { Aggregate, type EventStore, type ReadError } from "@jatim/eventstore"
import type { Verified } from "@jatim/kernel"
import { orderReading, OrderReadingContent } from "./internal/issuers.js"
import * as Order from "./Order.js"
import type { OrderId } from "./OrderId.js"
import type { OrderStatus } from "./OrderStatus.js"

/** Schema of what an order's stream says about it. */
export const Content = OrderReadingContent

/** What an order's stream says about it. */
export interface Content extends Schema.Schema.Type<typeof Content> {}

/** An order as read from its stream by `read` (no caller can write one). */
export type OrderReading = Verified.Verified<Content, "OrderReading">

/** Schema of an order's reading: admits only a reading `read` returned. */
export const OrderReading: Schema.Schema<OrderReading> = orderReading.schema

/**
 * Whether `u` is a reading `read` made from the order's stream (not a look-alike, a copy, a JSON round-trip or
 * another kind's fact): the deciders check it, so a forged fact is refused even when a command's
 * validation was skipped.
 */
export const is: (u: unknown) => u is OrderReading = orderReading.is

/** The statuses in which an order no longer holds its reservations: they are released. */
export const releasing: ReadonlyArray<OrderStatus> = ["CANCELLED", "ACCEPTANCE_FAILED", "REJECTED"]

/** The statuses in which an order's goods have left the seller: its reservations are committed. */
export const committing: ReadonlyArray<OrderStatus> = ["SHIPPED", "DELIVERED", "INVOICED", "PAID", "SETTLED"]

/** The order `orderId` as its stream says it is now. */
export const read = (orderId: OrderId): Effect.Effect<OrderReading, ReadError, EventStore.EventStore> =>
  Effect.map(Aggregate.currentState(Order, Order.streamName(orderId)), (state) =>
    orderReading.issue({ orderId, status: state._tag === "Placed" ? state.status : null })
  )
