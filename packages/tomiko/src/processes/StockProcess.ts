/**
 * The process manager that keeps listings' stock in step with orders: a cancelled order's
 * reservations are released (by its buyer's admin), a shipped order's reservations are
 * committed (by its seller's admin). Each command carries the order as read from its own stream,
 * has the order event as its cause and is deduplicated, so a redelivered event changes nothing
 * (adr/0041).
 *
 * A process manager must never be stopped by what a party did: a listing refusing a release or a
 * commit (the reservation already closed, none held, the listing gone) is logged and the event
 * counted as handled, so every later order's stock still moves (adr/0044). Only store failures
 * stop it, to be retried.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import type { Event, EventStore, Projection } from "@jatim/eventstore"
import type { Identifier } from "@jatim/kernel"
import * as Commands from "../Commands.js"
import { adminActingOn, onOrderEvents, tolerating } from "../internal/orderProcess.js"
import type { ListingError } from "../ListingError.js"
import type { ListingId } from "../ListingId.js"
import type { OrderId } from "../OrderId.js"

/** The name of the process manager (its checkpoint). */
export const name = "tomiko-stock"

/** A listing's refusals (deterministic, so retrying would only stop the process), logged and tolerated: the reservation is as it can be. */
const toleratingRefusals = (listingId: ListingId) =>
  tolerating<ListingError["_tag"]>(
    ["ActorNotAuthorized", "ListingNotFound", "NoReservation", "ReservationClosed", "ReservationFollowsOrder"],
    (refusal) => `${name}: listing ${listingId} refused (${refusal._tag}), skipped: ${refusal.message}`
  )

/** What the process does to one listing of an order: release its reservation, or commit it. */
type StockStep = typeof Commands.releaseStock | typeof Commands.commitStock

/**
 * Runs `step` on each listing of `lines` for the admin of `party`, the event `cause` as its
 * cause; a listing's refusal is tolerated.
 */
const onEachListing = (
  cause: Event.RecordedEvent<unknown>,
  party: Identifier.NikKoperasi,
  orderId: OrderId,
  lines: ReadonlyArray<{ readonly listingId: ListingId }>,
  step: StockStep
) => {
  const { actor, options } = adminActingOn(cause, party)
  return Effect.forEach(lines, ({ listingId }) => step(actor, listingId, orderId, options).pipe(toleratingRefusals(listingId)), {
    discard: true
  })
}

/** Releases cancelled orders' reservations and commits shipped orders' reservations. */
export const processManager: Projection.Projection<EventStore.EventStore> = onOrderEvents(name, (event) => {
  const data = event.data
  switch (data._tag) {
    case "OrderCancelled":
      return onEachListing(event, data.buyer, data.orderId, data.release, Commands.releaseStock)
    case "OrderShipped":
      return onEachListing(event, data.seller, data.orderId, data.commit, Commands.commitStock)
    default:
      return Effect.void
  }
})
