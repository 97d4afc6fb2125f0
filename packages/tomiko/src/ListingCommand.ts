/**
 * The commands of a listing's stream. Each carries the actor who issues it.
 *
 * @since 0.1.0
 */
import { Schema, Struct } from "effect"
import { Actor, Identifier, Rupiah, Text } from "@jatim/kernel"
import { Quantity } from "./internal/quantity.js"
import { ListingCreated } from "./ListingEvent.js"
import { ListingId } from "./ListingId.js"
import { OpopMaker } from "./OpopMaker.js"
import { OrderId } from "./OrderId.js"
import { OrderReading } from "./OrderReading.js"

/**
 * List a product of the seller cooperative (its admin). An OPOP product carries its maker as
 * read from OPOP's events (`OpopMaker.read`, done by `Commands.createListing`): only the
 * pesantren's Kopontren lists it.
 */
export class CreateListing extends Schema.TaggedClass<CreateListing>()("CreateListing", {
  actor: Actor.Actor,
  // What `ListingCreated` records, but the OPOP product's maker as read from OPOP's events.
  ...Struct.omit(ListingCreated.fields, "_tag", "opop"),
  opop: Schema.optional(OpopMaker)
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
  reason: Text.Reason
}) {}

/** Reserve stock for an order; again for the same order, nothing happens (the seller's admin). */
export class ReserveStock extends Schema.TaggedClass<ReserveStock>()("ReserveStock", {
  actor: Actor.Actor,
  listingId: ListingId,
  orderId: OrderId,
  buyer: Identifier.NikKoperasi,
  quantity: Quantity
}) {}

/**
 * Release an order's reservation, once, when the order as read from its stream
 * (`OrderReading.read`) was cancelled or its acceptance failed: the order's own processes do,
 * for the seller's or the buyer's admin.
 */
export class ReleaseStock extends Schema.TaggedClass<ReleaseStock>()("ReleaseStock", {
  actor: Actor.Actor,
  listingId: ListingId,
  order: OrderReading
}) {}

/**
 * Commit an order's reservation, once, when the order as read from its stream shipped: the
 * stock process does, for the seller's admin.
 */
export class CommitStock extends Schema.TaggedClass<CommitStock>()("CommitStock", {
  actor: Actor.Actor,
  listingId: ListingId,
  order: OrderReading
}) {}

/** Every command of a listing's stream. */
export const ListingCommand = Schema.Union(CreateListing, Restock, Reprice, Delist, ReserveStock, ReleaseStock, CommitStock)

/** A command of a listing's stream. */
export type ListingCommand = typeof ListingCommand.Type
