/**
 * The commands of a credit line's stream (`creditline-<seller>-<buyer>`). Each carries the actor
 * who issues it.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { Actor, Identifier, Rupiah } from "@jatim/kernel"
import { OrderId } from "./OrderId.js"
import { OrderReading } from "./OrderReading.js"

/** Set (or, with `null`, lift) the tempo credit limit the seller extends to the buyer (the seller's admin). */
export class SetCreditLimit extends Schema.TaggedClass<SetCreditLimit>()("SetCreditLimit", {
  actor: Actor.Actor,
  seller: Identifier.NikKoperasi,
  buyer: Identifier.NikKoperasi,
  limit: Schema.NullOr(Rupiah.Rupiah)
}) {}

/** Reserve a tempo order's total on the credit line (the seller's admin, through the acceptance saga). */
export class ReserveCredit extends Schema.TaggedClass<ReserveCredit>()("ReserveCredit", {
  actor: Actor.Actor,
  seller: Identifier.NikKoperasi,
  buyer: Identifier.NikKoperasi,
  orderId: OrderId,
  amount: Rupiah.Rupiah
}) {}

/**
 * Release a tempo order's reservation, once, when the order as read from its stream
 * (`OrderReading.read`) was paid in full, cancelled or failed its acceptance (the order's own
 * processes, for the seller's admin).
 */
export class ReleaseCredit extends Schema.TaggedClass<ReleaseCredit>()("ReleaseCredit", {
  actor: Actor.Actor,
  seller: Identifier.NikKoperasi,
  buyer: Identifier.NikKoperasi,
  order: OrderReading
}) {}

/** Every command of a credit line's stream. */
export const CreditLineCommand = Schema.Union(SetCreditLimit, ReserveCredit, ReleaseCredit)

/** A command of a credit line's stream. */
export type CreditLineCommand = typeof CreditLineCommand.Type
