/**
 * The events of a credit line's stream (`creditline-<seller>-<buyer>`): what a seller extends to
 * one buyer on tempo terms, and the tempo orders that use it (adr/0083).
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { CalendarDate, Identifier, Rupiah } from "@jatim/kernel"
import { OrderId } from "./OrderId.js"

/** The seller set (or, with `null`, lifted) its tempo credit limit for the buyer. */
export class CreditLimitSet extends Schema.TaggedClass<CreditLimitSet>()("CreditLimitSet", {
  seller: Identifier.NikKoperasi,
  buyer: Identifier.NikKoperasi,
  /** The most the buyer may owe the seller on accepted tempo orders not paid in full; `null`: no limit. */
  limit: Schema.NullOr(Rupiah.Rupiah),
  setOn: CalendarDate.CalendarDate
}) {}

/** A tempo order's total was reserved on the credit line when the order was accepted. */
export class CreditReserved extends Schema.TaggedClass<CreditReserved>()("CreditReserved", {
  seller: Identifier.NikKoperasi,
  buyer: Identifier.NikKoperasi,
  orderId: OrderId,
  amount: Rupiah.Rupiah
}) {}

/** A tempo order's reservation was released: it was paid in full, cancelled, or its acceptance failed. */
export class CreditReleased extends Schema.TaggedClass<CreditReleased>()("CreditReleased", {
  seller: Identifier.NikKoperasi,
  buyer: Identifier.NikKoperasi,
  orderId: OrderId,
  amount: Rupiah.Rupiah
}) {}

/** Every event of a credit line's stream. */
export const CreditLineEvent = Schema.Union(CreditLimitSet, CreditReserved, CreditReleased)

/** An event of a credit line's stream. */
export type CreditLineEvent = typeof CreditLineEvent.Type
