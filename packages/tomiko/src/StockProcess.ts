/**
 * The process manager that keeps listings' stock in step with orders: a cancelled order's
 * reservations are released (by its buyer's admin), a shipped order's reservations are
 * committed (by its seller's admin). Each command has the order event as its cause and is
 * deduplicated, so a redelivered event changes nothing (adr/0041).
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { type EventStore, ProcessManager, type Projection } from "@jatim/eventstore"
import { Actor } from "@jatim/kernel"
import * as Listing from "./Listing.js"
import { CommitStock, ReleaseStock } from "./ListingCommand.js"
import * as Order from "./Order.js"
import * as TomikoCommands from "./TomikoCommands.js"

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
        return Effect.forEach(data.release, ({ listingId }) =>
          TomikoCommands.listing(
            Listing.streamName(listingId),
            new ReleaseStock({ actor, listingId, orderId: data.orderId }),
            ProcessManager.commandOptions(event, Actor.toActorRef(actor))
          ), { discard: true })
      }
      case "OrderShipped": {
        const actor = Actor.KoperasiAdmin.make({ nik: data.seller })
        return Effect.forEach(data.commit, ({ listingId }) =>
          TomikoCommands.listing(
            Listing.streamName(listingId),
            new CommitStock({ actor, listingId, orderId: data.orderId }),
            ProcessManager.commandOptions(event, Actor.toActorRef(actor))
          ), { discard: true })
      }
      default:
        return Effect.void
    }
  }
})
