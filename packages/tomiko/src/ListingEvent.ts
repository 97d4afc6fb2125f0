/**
 * The events of a listing's stream (`listing-<id>`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Identifier, Rupiah, Text } from "@jatim/kernel"
import { Quantity, StockLevel } from "./internal/quantity.js"
import { ListingId } from "./ListingId.js"
import { OrderId } from "./OrderId.js"

/** An OPOP product a listing sells, and the Kopontren allowed to list it. */
export const OpopReference = Schema.Struct({
  productId: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(100)),
  /** The NIK Koperasi of the pesantren's Kopontren: the only cooperative that may list the product. */
  kopontren: Identifier.NikKoperasi
})

/** An OPOP product a listing sells. */
export type OpopReference = typeof OpopReference.Type

/** A seller cooperative listed a product. */
export class ListingCreated extends Schema.TaggedClass<ListingCreated>()("ListingCreated", {
  listingId: ListingId,
  seller: Identifier.NikKoperasi,
  name: Text.Name,
  unitPrice: Rupiah.Rupiah,
  stock: StockLevel,
  minimumOrderQuantity: Quantity,
  opop: Schema.optional(OpopReference)
}) {}

/** Stock was added. */
export class ListingRestocked extends Schema.TaggedClass<ListingRestocked>()("ListingRestocked", {
  listingId: ListingId,
  quantity: Quantity
}) {}

/** The unit price changed (orders placed before keep their price). */
export class ListingRepriced extends Schema.TaggedClass<ListingRepriced>()("ListingRepriced", {
  listingId: ListingId,
  unitPrice: Rupiah.Rupiah
}) {}

/** The listing was withdrawn from the marketplace. */
export class ListingDelisted extends Schema.TaggedClass<ListingDelisted>()("ListingDelisted", {
  listingId: ListingId,
  reason: Text.Reason
}) {}

/** Stock was reserved for an order. */
export class StockReserved extends Schema.TaggedClass<StockReserved>()("StockReserved", {
  listingId: ListingId,
  orderId: OrderId,
  buyer: Identifier.NikKoperasi,
  quantity: Quantity
}) {}

/** An order's reservation was released: the stock is available again. */
export class StockReleased extends Schema.TaggedClass<StockReleased>()("StockReleased", {
  listingId: ListingId,
  orderId: OrderId,
  quantity: Quantity
}) {}

/** An order's reservation was committed: the stock left with the shipment. */
export class StockCommitted extends Schema.TaggedClass<StockCommitted>()("StockCommitted", {
  listingId: ListingId,
  orderId: OrderId,
  quantity: Quantity
}) {}

/** Every event of a listing's stream. */
export const ListingEvent = Schema.Union(
  ListingCreated,
  ListingRestocked,
  ListingRepriced,
  ListingDelisted,
  StockReserved,
  StockReleased,
  StockCommitted
)

/** An event of a listing's stream. */
export type ListingEvent = typeof ListingEvent.Type
