/**
 * The domain errors of a credit line's stream. Each message names the rule that refused the
 * command, with the figures. Each class declares its category (`ErrorCategory` of
 * `@jatim/kernel`), which hosts map.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { type Actor, ErrorCategory, Identifier, Rupiah } from "@jatim/kernel"
import type { FactUnverified } from "./FactError.js"
import { OrderId } from "./OrderId.js"
import { OrderStatus } from "./OrderStatus.js"

/** Accepting the order would take what the buyer owes the seller on tempo beyond its limit. */
export class CreditLimitExceeded extends ErrorCategory.DomainError<CreditLimitExceeded>()(
  "CreditLimitExceeded",
  {
    orderId: OrderId,
    seller: Identifier.NikKoperasi,
    buyer: Identifier.NikKoperasi,
    limit: Rupiah.Rupiah,
    /** The totals of the buyer's accepted tempo orders with the seller not paid in full yet. */
    outstanding: Rupiah.Rupiah,
    amount: Rupiah.Rupiah
  },
  ErrorCategory.ruleViolated,
  ({ amount, buyer, limit, orderId, outstanding, seller }) =>
    `Order ${orderId} of ${Rupiah.format(amount)} on tempo terms is refused: buyer ${buyer} already ` +
    `owes seller ${seller} ${Rupiah.format(outstanding)} on accepted tempo orders not paid in full, ` +
    `and together they would pass the credit limit of ${Rupiah.format(limit)} (by ` +
    // The excess as a plain amount: the message is worded whatever the figures (never a throw).
    `${Rupiah.format((outstanding + amount - limit) as Rupiah.Rupiah)}). Pay an open order, order on CASH terms, or ask the seller for a higher limit.`
) {}

/** The order reserved another amount on the credit line already. */
export class CreditReservationConflict extends ErrorCategory.DomainError<CreditReservationConflict>()(
  "CreditReservationConflict",
  { orderId: OrderId, reserved: Schema.Int, requested: Schema.Int },
  ErrorCategory.ruleViolated,
  ({ orderId, requested, reserved }) =>
    `Order ${orderId} reserved Rp${reserved} on its credit line already, so Rp${requested} is refused: an order reserves its total once.`
) {}

/** The order holds no reservation on the credit line. */
export class NoCreditReservation extends ErrorCategory.DomainError<NoCreditReservation>()(
  "NoCreditReservation",
  { orderId: OrderId },
  ErrorCategory.ruleViolated,
  ({ orderId }) => `Order ${orderId} holds no reservation on this credit line, so nothing is released.`
) {}

/** The order, as read from its stream, still owes its total: its reservation stays. */
export class CreditFollowsOrder extends ErrorCategory.DomainError<CreditFollowsOrder>()(
  "CreditFollowsOrder",
  { orderId: OrderId, status: Schema.NullOr(OrderStatus) },
  ErrorCategory.ruleViolated,
  ({ orderId, status }) =>
    `Order ${orderId} is ${status ?? "not placed"}, so its credit reservation stays: it is released only once the ` +
    `order is paid in full, cancelled or failed its acceptance, as its own stream says.`
) {}

/** Every error of a credit line's stream: what `CreditLine.decide` fails with. */
export type CreditLineError =
  | CreditLimitExceeded
  | CreditReservationConflict
  | NoCreditReservation
  | CreditFollowsOrder
  | FactUnverified
  | Actor.ActorNotAuthorized
