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
import { Effect, Predicate } from "effect"
import { type AppendError, type Event, type EventStore, ProcessManager, type Projection, type ReadError } from "@jatim/eventstore"
import { Actor, type Identifier } from "@jatim/kernel"
import * as Commands from "../Commands.js"
import type { ListingError } from "../ListingError.js"
import type { ListingId } from "../ListingId.js"
import * as Order from "../Order.js"
import type { OrderId } from "../OrderId.js"

/** The tags of the listing's refusals: deterministic, so retrying would only stop the process. */
const refusals: ReadonlyArray<ListingError["_tag"]> = [
  "ActorNotAuthorized",
  "ListingNotFound",
  "NoReservation",
  "ReservationClosed",
  "ReservationFollowsOrder"
]

const isRefusal = (error: unknown): error is ListingError => refusals.some((tag) => Predicate.isTagged(error, tag))

/** Runs one step; a listing's refusal is logged and tolerated (the reservation is as it can be). */
const tolerant = (
  listingId: ListingId,
  step: Effect.Effect<unknown, ListingError | AppendError | ReadError, EventStore.EventStore>
): Effect.Effect<void, AppendError | ReadError, EventStore.EventStore> =>
  step.pipe(
    Effect.asVoid,
    Effect.catchIf(isRefusal, (refusal) =>
      Effect.logWarning(`${name}: listing ${listingId} refused (${refusal._tag}), skipped: ${refusal.message}`)
    )
  )

/** The name of the process manager (its checkpoint). */
export const name = "tomiko-stock"

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
  const actor = Actor.KoperasiAdmin.make({ nik: party })
  const options = ProcessManager.commandOptions(cause, Actor.toActorRef(actor))
  return Effect.forEach(lines, ({ listingId }) => tolerant(listingId, step(actor, listingId, orderId, options)), { discard: true })
}

/** Releases cancelled orders' reservations and commits shipped orders' reservations. */
export const processManager: Projection.Projection<EventStore.EventStore> = ProcessManager.make({
  name,
  codec: Order.codec,
  categories: [Order.category],
  handle: (event) => {
    const data = event.data
    switch (data._tag) {
      case "OrderCancelled":
        return onEachListing(event, data.buyer, data.orderId, data.release, Commands.releaseStock)
      case "OrderShipped":
        return onEachListing(event, data.seller, data.orderId, data.commit, Commands.commitStock)
      default:
        return Effect.void
    }
  }
})
