/**
 * Stock per listing (read model): on hand, reserved and available units, price and whether the
 * listing is active. Listings are offers to every cooperative, so every cooperative's admin and
 * the Dinas see them (`visibleTo`); others do not.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Identifier, Page, Rupiah, ViewSchema, Visibility } from "@jatim/kernel"
import { compareText, type Entries, inMemoryFold, lookup, noEntries, setIn, valuesOf } from "../internal/readModel.js"
import * as Listing from "../Listing.js"
import { ListingEvent } from "../ListingEvent.js"
import { ListingId } from "../ListingId.js"

/** Schema of the stock of one listing. */
export const Stock = ViewSchema.struct("ListingStock", "the stock of one TOMIKO listing", {
  listingId: ListingId,
  seller: Identifier.NikKoperasi,
  unitPrice: Rupiah.Rupiah,
  /** Units in the seller's hands, reserved ones included. */
  onHand: Schema.NonNegativeInt.annotations({ description: "units in the seller's hands, reserved ones included" }),
  /** Units held for accepted orders not shipped or cancelled yet. */
  reserved: Schema.NonNegativeInt.annotations({ description: "units held for accepted orders not shipped or cancelled yet" }),
  /** `onHand - reserved`: what new orders can still reserve. */
  available: Schema.NonNegativeInt.annotations({ description: "onHand - reserved: what new orders can still reserve" }),
  /** Whether the listing is still listed (not delisted). */
  active: Schema.Boolean
})

/** The stock of one listing. */
export interface Stock extends Schema.Schema.Type<typeof Stock> {}

/** The read model: each listing's stock, by listing id (query it with `get`, `ofSeller` and `all`). */
export interface ListingStock {
  readonly byListing: Entries<ListingId, Stock>
}

/** No listings. */
export const initial: ListingStock = { byListing: noEntries() }

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
      byListing: setIn(state.byListing, event.listingId, {
        listingId: event.listingId,
        seller: event.seller,
        unitPrice: event.unitPrice,
        onHand: event.stock,
        reserved: 0,
        available: event.stock,
        active: true
      })
    }
  }
  const stock = lookup(state.byListing, event.listingId)
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
  return { byListing: setIn(state.byListing, event.listingId, next) }
}

/**
 * The stock after one recorded event (`apply`) and after a batch of events, in order (`applyAll`);
 * the in-memory read model, projection `tomiko-listing-stock` (`make`).
 */
export const { apply, applyAll, make } = inMemoryFold({
  name: "tomiko-listing-stock",
  category: Listing.category,
  eventTypes: Listing.codec.eventTypes,
  schema: ListingEvent,
  initial,
  applyEvent
})

/** The stock of `listingId`, if it was created. */
export const get = (state: ListingStock, listingId: ListingId): Stock | undefined => lookup(state.byListing, listingId)

/** The order of `all` and `ofSeller`: by listing id (code-unit order); a page starts after such a key. */
export const order = Page.byKey((stock: Stock) => [stock.listingId] as const, Schema.Tuple(ListingId))

/** The key of a listing's stock in `order`: its listing id. */
export type Key = ReturnType<typeof order.key>

const byListingId = (a: Stock, b: Stock): number => compareText(a.listingId, b.listingId)

/** The stock of every listing of `seller`, by listing id (code-unit order). */
export const ofSeller = (state: ListingStock, seller: Identifier.NikKoperasi): ReadonlyArray<Stock> =>
  valuesOf(state.byListing)
    .filter((stock) => stock.seller === seller)
    .sort(byListingId)

/** The stock of every listing, by listing id (code-unit order). */
export const all = (state: ListingStock): ReadonlyArray<Stock> => valuesOf(state.byListing).sort(byListingId)

/** One page of `all`. */
export const allPage = (state: ListingStock, request: Page.Request<Key>): Page.Page<Stock, Key> => Page.ofSorted(order, all(state), request)

/**
 * Who sees a listing's stock: every cooperative's admin (TOMIKO is the marketplace between
 * cooperatives: a listing is an offer to all of them, with its price and what is available) and
 * the Dinas. It names no person, and the reserved units are a total, not anyone's orders. Others
 * (pesantren, UMKM owners, learners, curators) are not traders on TOMIKO and see none.
 */
export const visibleTo: Visibility.ViewerPolicy<Stock> = Visibility.byViewer(
  (viewer) => Visibility.isDinas(viewer) || viewer._tag === "KOPERASI_ADMIN"
)
