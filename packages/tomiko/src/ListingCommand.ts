/**
 * The commands of a listing's stream. Each carries the actor who issues it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Actor, Identifier, Rupiah } from "@jatim/kernel"
import { Name, Quantity, Reason, StockLevel } from "./internal/text.js"
import { OpopReference } from "./ListingEvent.js"
import { ListingId } from "./ListingId.js"
import { OrderId } from "./OrderId.js"

/** List a product of the seller cooperative (its admin). */
export class CreateListing extends Schema.TaggedClass<CreateListing>()("CreateListing", {
  actor: Actor.Actor,
  listingId: ListingId,
  seller: Identifier.NikKoperasi,
  name: Name,
  unitPrice: Rupiah.Rupiah,
  stock: StockLevel,
  minimumOrderQuantity: Quantity,
  opop: Schema.optional(OpopReference)
}) {}

/** Add stock (the seller's admin). */
export class Restock extends Schema.TaggedClass<Restock>()("Restock", {
  actor: Actor.Actor,
  listingId: ListingId,
  quantity: Quantity
}) {}

/** Change the unit price (the seller's admin). */
export class Reprice extends Schema.TaggedClass<Reprice>()("Reprice", {
  actor: Actor.Actor,
  listingId: ListingId,
  unitPrice: Rupiah.Rupiah
}) {}

/** Withdraw the listing (the seller's admin). */
export class Delist extends Schema.TaggedClass<Delist>()("Delist", {
  actor: Actor.Actor,
  listingId: ListingId,
  reason: Reason
}) {}

/** Reserve stock for an order; again for the same order, nothing happens (the seller's admin). */
export class ReserveStock extends Schema.TaggedClass<ReserveStock>()("ReserveStock", {
  actor: Actor.Actor,
  listingId: ListingId,
  orderId: OrderId,
  buyer: Identifier.NikKoperasi,
  quantity: Quantity
}) {}

/** Release an order's reservation, once (the seller's or the buyer's admin). */
export class ReleaseStock extends Schema.TaggedClass<ReleaseStock>()("ReleaseStock", {
  actor: Actor.Actor,
  listingId: ListingId,
  orderId: OrderId
}) {}

/** Commit an order's reservation when it ships, once (the seller's admin). */
export class CommitStock extends Schema.TaggedClass<CommitStock>()("CommitStock", {
  actor: Actor.Actor,
  listingId: ListingId,
  orderId: OrderId
}) {}

/** Every command of a listing's stream. */
export const ListingCommand = Schema.Union(CreateListing, Restock, Reprice, Delist, ReserveStock, ReleaseStock, CommitStock)

/** A command of a listing's stream. */
export type ListingCommand = typeof ListingCommand.Type
