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
import { type AppendError, type EventStore, ProcessManager, type Projection, type ReadError } from "@jatim/eventstore"
import { Actor } from "@jatim/kernel"
import * as Commands from "../Commands.js"
import type { ListingError } from "../ListingError.js"
import type { ListingId } from "../ListingId.js"
import * as Order from "../Order.js"

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

/** Releases cancelled orders' reservations and commits shipped orders' reservations. */
export const processManager: Projection.Projection<EventStore.EventStore> = ProcessManager.make({
  name,
  codec: Order.codec,
  categories: [Order.category],
  handle: (event) => {
    const data = event.data
    switch (data._tag) {
      case "OrderCancelled": {
        const actor = Actor.KoperasiAdmin.make({ nik: data.buyer })
        return Effect.forEach(
          data.release,
          ({ listingId }) =>
            tolerant(
              listingId,
              Commands.releaseStock(actor, listingId, data.orderId, ProcessManager.commandOptions(event, Actor.toActorRef(actor)))
            ),
          { discard: true }
        )
      }
      case "OrderShipped": {
        const actor = Actor.KoperasiAdmin.make({ nik: data.seller })
        return Effect.forEach(
          data.commit,
          ({ listingId }) =>
            tolerant(
              listingId,
              Commands.commitStock(actor, listingId, data.orderId, ProcessManager.commandOptions(event, Actor.toActorRef(actor)))
            ),
          { discard: true }
        )
      }
      default:
        return Effect.void
    }
  }
})
