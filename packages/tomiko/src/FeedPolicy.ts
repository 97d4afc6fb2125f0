/**
 * What the live feed sends each actor of TOMIKO's events (categories `koperasi`, `listing`,
 * `order` and `creditline`; the stock and credit processes and the acceptance saga write only to these):
 *
 * - an order's events: to its buyer's, its seller's and its network's secondary's admins, and
 *   the Dinas (the parties are read from the order's own stream);
 * - a listing's catalogue events (created, restocked, repriced, delisted): to every cooperative's
 *   admin and the Dinas (a listing is an offer to all cooperatives);
 * - a listing's stock movements (reserved, released, committed), which name an order and its
 *   buyer: to the listing's seller, the reservation's buyer and the Dinas;
 * - a credit line's events (limit set, credit reserved or released), which name its seller and
 *   buyer: to those two cooperatives' admins and the Dinas;
 * - a cooperative's events (registered, joined or left a network): to everyone. A cooperative is
 *   an institution; its NIK Koperasi, name, region, founders, fee and network are public facts of
 *   the register, and the member count is a number, not a person.
 *
 * An event that does not decode as TOMIKO's is left out. Nothing in TOMIKO's events is personal
 * data, so nothing is trimmed.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import type { EventStore } from "@jatim/eventstore"
import { type Actor, type Identifier, Visibility } from "@jatim/kernel"
import * as Koperasi from "./Koperasi.js"
import { KoperasiEvent } from "./KoperasiEvent.js"
import * as Listing from "./Listing.js"
import { ListingEvent } from "./ListingEvent.js"
import * as Order from "./Order.js"
import { OrderEvent } from "./OrderEvent.js"
import * as Commands from "./Commands.js"
import * as CreditLine from "./CreditLine.js"
import { CreditLineEvent } from "./CreditLineEvent.js"

/** The stream categories of TOMIKO. */
export const categories: ReadonlyArray<string> = [Koperasi.category, Listing.category, Order.category, CreditLine.category]

const categoryOf = (streamName: string): string => streamName.slice(0, streamName.indexOf("-"))

/** The event as `schema` decodes it from its stored form, or none. */
const decode = <A, I>(schema: Schema.Schema<A, I>, event: Visibility.StoredEvent): Option.Option<A> =>
  typeof event.data === "object" && event.data !== null
    ? Schema.decodeUnknownOption(schema)({ ...event.data, _tag: event.type })
    : Option.none()

const isAdminOf = (actor: Actor.Actor, niks: ReadonlyArray<Identifier.NikKoperasi>): boolean =>
  actor._tag === "KOPERASI_ADMIN" && niks.includes(actor.nik)

const orderEvent = (actor: Actor.Actor, data: OrderEvent) =>
  Effect.gen(function* () {
    if (Visibility.isDinas(actor)) return true
    if (actor._tag !== "KOPERASI_ADMIN") return false
    if (data._tag === "OrderPlaced") return Order.mayKnowOf(actor, Order.parties(data))
    const order = yield* Commands.orderState(data.orderId)
    return order._tag === "Placed" && Order.mayKnowOf(actor, Order.parties(order))
  })

const listingEvent = (actor: Actor.Actor, data: ListingEvent) =>
  Effect.gen(function* () {
    if (Visibility.isDinas(actor)) return true
    if (actor._tag !== "KOPERASI_ADMIN") return false
    switch (data._tag) {
      case "ListingCreated":
      case "ListingRestocked":
      case "ListingRepriced":
      case "ListingDelisted":
        return true
      case "StockReserved":
      case "StockReleased":
      case "StockCommitted": {
        const listing = yield* Commands.listingState(data.listingId)
        if (listing._tag !== "Listed") return false
        const buyer = data._tag === "StockReserved" ? data.buyer : Listing.reservationOf(listing, data.orderId)?.buyer
        return isAdminOf(actor, buyer === undefined ? [listing.seller] : [listing.seller, buyer])
      }
    }
  })

/** The feed policy of TOMIKO's events. */
export const feedPolicy: Visibility.FeedPolicy<EventStore.EventStore> = {
  categories,
  visible: (actor, event) => {
    const visible = (decided: Effect.Effect<boolean, unknown, EventStore.EventStore>) =>
      decided.pipe(
        Effect.map((yes) => (yes ? Option.some(event.data) : Option.none())),
        Effect.orElseSucceed(() => Option.none<unknown>())
      )
    switch (categoryOf(event.streamName)) {
      case Koperasi.category:
        return Effect.succeed(Option.map(decode(KoperasiEvent, event), () => event.data))
      case Listing.category:
        return Option.match(decode(ListingEvent, event), {
          onNone: () => Effect.succeed(Option.none()),
          onSome: (data) => visible(listingEvent(actor, data))
        })
      case Order.category:
        return Option.match(decode(OrderEvent, event), {
          onNone: () => Effect.succeed(Option.none()),
          onSome: (data) => visible(orderEvent(actor, data))
        })
      case CreditLine.category:
        return Effect.succeed(
          Option.flatMap(decode(CreditLineEvent, event), (data) =>
            Visibility.isDinas(actor) || isAdminOf(actor, [data.seller, data.buyer]) ? Option.some(event.data) : Option.none()
          )
        )
      default:
        return Effect.succeed(Option.none())
    }
  }
}
