/**
 * The process manager that keeps credit lines in step with tempo orders (adr/0083): an order paid
 * in full or cancelled releases the credit its acceptance reserved, for the seller's admin. Each
 * command carries the order as read from its own stream, has the order event as its cause and is
 * deduplicated, so a redelivered event changes nothing (adr/0041). (A failed acceptance's credit
 * is released by the acceptance saga itself.)
 *
 * A credit line refusing a release (none held, already released, the order not in a releasing
 * status) is logged and the event counted as handled, so later orders' credit still moves
 * (adr/0044). Only store failures stop it, to be retried.
 *
 * @since 0.2.0
 */
import { Effect } from "effect"
import type { EventStore, Projection } from "@jatim/eventstore"
import * as Commands from "../Commands.js"
import type { CreditLineError } from "../CreditLineError.js"
import { adminActingOn, onOrderEvents, tolerating } from "../internal/orderProcess.js"
import * as PaymentTerms from "../PaymentTerms.js"

/** The name of the process manager (its checkpoint). */
export const name = "tomiko-credit"

/** The credit line's refusals (deterministic, so retrying would only stop the process), logged and tolerated. */
const toleratingRefusals = (order: { readonly orderId: string }) =>
  tolerating<CreditLineError["_tag"]>(
    ["ActorNotAuthorized", "NoCreditReservation", "CreditFollowsOrder", "FactUnverified"],
    (refusal) => `${name}: the credit of order ${order.orderId} was not released (${refusal._tag}): ${refusal.message}`
  )

/** Releases the credit of tempo orders paid in full or cancelled. */
export const processManager: Projection.Projection<EventStore.EventStore> = onOrderEvents(name, (event) => {
  const data = event.data
  if (data._tag !== "OrderPaid" && data._tag !== "OrderCancelled") return Effect.void
  return Effect.gen(function* () {
    const order = yield* Commands.orderState(data.orderId)
    if (order._tag !== "Placed" || !PaymentTerms.isTempo(order.terms)) return
    const { actor, options } = adminActingOn(event, order.seller)
    yield* Commands.releaseCredit(actor, order.seller, order.buyer, order.orderId, options).pipe(toleratingRefusals(order))
  })
})
