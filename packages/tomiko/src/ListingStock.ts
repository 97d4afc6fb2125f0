/**
 * Stock per listing (read model): on hand, reserved and available units, price and whether the
 * listing is active.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import { InMemoryReadModel, type Event } from "@jatim/eventstore"
import type { Identifier, Rupiah } from "@jatim/kernel"
import { decoder } from "./internal/decode.js"
import * as Listing from "./Listing.js"
import { ListingEvent } from "./ListingEvent.js"
import type { ListingId } from "./ListingId.js"

/** The stock of one listing. */
export interface Stock {
  readonly listingId: ListingId
  readonly seller: Identifier.NikKoperasi
  readonly unitPrice: Rupiah.Rupiah
  readonly onHand: number
  readonly reserved: number
  readonly available: number
  readonly active: boolean
}

/** The read model: each listing's stock, by listing id. */
export type ListingStock = Readonly<Record<string, Stock>>

/** No listings. */
export const initial: ListingStock = {}

const withCounts = (stock: Stock, onHand: number, reserved: number): Stock => ({
  ...stock,
  onHand,
  reserved,
  available: onHand - reserved
})

/** The stock after one listing event. */
export const applyEvent = (state: ListingStock, event: ListingEvent): ListingStock => {
  if (event._tag === "ListingCreated") {
    return {
      ...state,
      [event.listingId]: {
        listingId: event.listingId,
        seller: event.seller,
        unitPrice: event.unitPrice,
        onHand: event.stock,
        reserved: 0,
        available: event.stock,
        active: true
      }
    }
  }
  const stock = state[event.listingId]
  if (stock === undefined) return state
  const next = ((): Stock => {
    switch (event._tag) {
      case "ListingRestocked":
        return withCounts(stock, stock.onHand + event.quantity, stock.reserved)
      case "ListingRepriced":
        return { ...stock, unitPrice: event.unitPrice }
      case "ListingDelisted":
        return { ...stock, active: false }
      case "StockReserved":
        return withCounts(stock, stock.onHand, stock.reserved + event.quantity)
      case "StockReleased":
        return withCounts(stock, stock.onHand, stock.reserved - event.quantity)
      case "StockCommitted":
        return withCounts(stock, stock.onHand - event.quantity, stock.reserved - event.quantity)
    }
  })()
  return { ...state, [event.listingId]: next }
}

const decode = decoder(ListingEvent)

/** The stock after one recorded event. */
export const apply = (state: ListingStock, event: Event.RecordedEvent): ListingStock => applyEvent(state, decode(event))

/** The in-memory read model (projection `tomiko-listing-stock`). */
export const make = (): Effect.Effect<InMemoryReadModel.InMemoryReadModel<ListingStock>> =>
  InMemoryReadModel.make({
    name: "tomiko-listing-stock",
    filter: { categories: [Listing.category], eventTypes: Listing.codec.eventTypes },
    initial,
    apply
  })
