/**
 * The domain errors of an order's stream. Each message names the rule that refused the command.
 * Each class declares its category (`ErrorCategory` of `@jatim/kernel`), which hosts map.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type Actor, ErrorCategory, Identifier } from "@jatim/kernel"
import { ListingId } from "./ListingId.js"
import { OrderId } from "./OrderId.js"
import { OrderStatus } from "./OrderStatus.js"

/** The order id is used already. */
export class OrderAlreadyPlaced extends ErrorCategory.DomainError<OrderAlreadyPlaced>()(
  "OrderAlreadyPlaced",
  { orderId: OrderId },
  ErrorCategory.ruleViolated,
  ({ orderId }) => `Order ${orderId} is placed already: an order id is used once.`
) {}

/** The order does not exist. */
export class OrderNotFound extends ErrorCategory.DomainError<OrderNotFound>()(
  "OrderNotFound",
  { orderId: OrderId, action: Schema.String },
  ErrorCategory.notFound,
  ({ orderId, action }) => `Order ${orderId} does not exist, so you cannot ${action}.`
) {}

/** A cooperative ordering from itself. */
export class OrderToItself extends ErrorCategory.DomainError<OrderToItself>()(
  "OrderToItself",
  { orderId: OrderId, nik: Identifier.NikKoperasi },
  ErrorCategory.ruleViolated,
  ({ orderId, nik }) =>
    `Order ${orderId} cannot be placed: cooperative ${nik} would buy from itself, and a cooperative never orders from itself.`
) {}

/** The buyer is not a registered primary cooperative, or the seller neither a primary nor a secondary. */
export class PartyNotPrimary extends ErrorCategory.DomainError<PartyNotPrimary>()(
  "PartyNotPrimary",
  { orderId: OrderId, role: Schema.Literal("buyer", "seller"), nik: Identifier.NikKoperasi },
  ErrorCategory.ruleViolated,
  ({ orderId, role, nik }) =>
    role === "buyer"
      ? `Order ${orderId} cannot be placed: its buyer ${nik} is not a registered PRIMER cooperative, and on TOMIKO primary cooperatives buy.`
      : `Order ${orderId} cannot be placed: its seller ${nik} is not a registered cooperative; a PRIMER cooperative sells ` +
        `within its network, and a SEKUNDER one to the primaries of its own network.`
) {}

/** The buyer and the seller are not in the same secondary network (or the seller is a secondary outside its own network). */
export class NotInSameNetwork extends ErrorCategory.DomainError<NotInSameNetwork>()(
  "NotInSameNetwork",
  { orderId: OrderId, buyer: Identifier.NikKoperasi, seller: Identifier.NikKoperasi },
  ErrorCategory.ruleViolated,
  ({ orderId, buyer, seller }) =>
    `Order ${orderId} cannot be placed: buyer ${buyer} and seller ${seller} are not in the ` +
    `same secondary cooperative's network, and orders run within one network (a secondary ` +
    `cooperative sells only to the primaries of its own network).`
) {}

/** An order without lines. */
export class NoOrderLines extends ErrorCategory.DomainError<NoOrderLines>()(
  "NoOrderLines",
  { orderId: OrderId },
  ErrorCategory.ruleViolated,
  ({ orderId }) => `Order ${orderId} cannot be placed without lines: an order has at least one line.`
) {}

/** Two lines of the same listing. */
export class DuplicateOrderLine extends ErrorCategory.DomainError<DuplicateOrderLine>()(
  "DuplicateOrderLine",
  { orderId: OrderId, listingId: ListingId },
  ErrorCategory.ruleViolated,
  ({ orderId, listingId }) => `Order ${orderId} has two lines of listing ${listingId}: an order has one line per listing.`
) {}

/** A line of a listing of another cooperative than the seller. */
export class LineNotFromSeller extends ErrorCategory.DomainError<LineNotFromSeller>()(
  "LineNotFromSeller",
  { orderId: OrderId, listingId: ListingId, seller: Identifier.NikKoperasi },
  ErrorCategory.ruleViolated,
  ({ orderId, listingId, seller }) =>
    `Order ${orderId} cannot include listing ${listingId}: it is not a listing of the seller ` +
    `${seller}, and an order's lines all come from its seller.`
) {}

/** A line of a delisted listing. */
export class ListingNotAvailable extends ErrorCategory.DomainError<ListingNotAvailable>()(
  "ListingNotAvailable",
  { orderId: OrderId, listingId: ListingId },
  ErrorCategory.ruleViolated,
  ({ orderId, listingId }) =>
    `Order ${orderId} cannot include listing ${listingId}: it is delisted or does not exist, and only active listings are ordered.`
) {}

/** A line below the listing's minimum order quantity. */
export class BelowMinimumOrderQuantity extends ErrorCategory.DomainError<BelowMinimumOrderQuantity>()(
  "BelowMinimumOrderQuantity",
  { orderId: OrderId, listingId: ListingId, quantity: Schema.Int, minimumOrderQuantity: Schema.Int },
  ErrorCategory.ruleViolated,
  ({ orderId, quantity, listingId, minimumOrderQuantity }) =>
    `Order ${orderId} orders ${quantity} of listing ${listingId}: a line orders at least the ` +
    `listing's minimum order quantity (${minimumOrderQuantity}).`
) {}

/** The order's total is beyond exact whole-rupiah arithmetic. */
export class OrderTotalTooLarge extends ErrorCategory.DomainError<OrderTotalTooLarge>()(
  "OrderTotalTooLarge",
  { orderId: OrderId },
  ErrorCategory.ruleViolated,
  ({ orderId }) =>
    `Order ${orderId} cannot be placed: its total exceeds ${Number.MAX_SAFE_INTEGER} rupiah, beyond which amounts are not exact.`
) {}

/** The command does not apply to an order in its status. */
export class OrderNotInStatus extends ErrorCategory.DomainError<OrderNotInStatus>()(
  "OrderNotInStatus",
  { orderId: OrderId, status: OrderStatus, action: Schema.String, rule: Schema.String },
  ErrorCategory.ruleViolated,
  ({ orderId, status, action, rule }) => `Order ${orderId} is ${status}, so you cannot ${action}: ${rule}.`
) {}

/** A payment of Rp0. */
export class PaymentNotPositive extends ErrorCategory.DomainError<PaymentNotPositive>()(
  "PaymentNotPositive",
  { orderId: OrderId },
  ErrorCategory.ruleViolated,
  ({ orderId }) => `A payment of Rp0 on order ${orderId} is not a payment: a payment is at least Rp1.`
) {}

/** A payment above what remains to be paid. */
export class PaymentExceedsOutstanding extends ErrorCategory.DomainError<PaymentExceedsOutstanding>()(
  "PaymentExceedsOutstanding",
  { orderId: OrderId, amount: Schema.Int, outstanding: Schema.Int },
  ErrorCategory.ruleViolated,
  ({ amount, orderId, outstanding }) =>
    `A payment of Rp${amount} on order ${orderId} is refused: only Rp${outstanding} is ` +
    `outstanding, and payments never add up to more than the total.`
) {}

/** A payment reference used already, with another amount. */
export class PaymentIdReused extends ErrorCategory.DomainError<PaymentIdReused>()(
  "PaymentIdReused",
  { orderId: OrderId, paymentId: Schema.String },
  ErrorCategory.ruleViolated,
  ({ paymentId, orderId }) =>
    `Payment ${paymentId} on order ${orderId} was recorded already with another amount: a payment reference is recorded once.`
) {}

/** The order is under dispute. */
export class OrderUnderDispute extends ErrorCategory.DomainError<OrderUnderDispute>()(
  "OrderUnderDispute",
  { orderId: OrderId, reason: Schema.String, action: Schema.String },
  ErrorCategory.ruleViolated,
  ({ orderId, reason, action }) => `Order ${orderId} is under dispute ("${reason}"), so you cannot ${action}: resolve the dispute first.`
) {}

/** The order is not under dispute. */
export class OrderNotDisputed extends ErrorCategory.DomainError<OrderNotDisputed>()(
  "OrderNotDisputed",
  { orderId: OrderId },
  ErrorCategory.ruleViolated,
  ({ orderId }) => `Order ${orderId} is not under dispute: only a disputed order's dispute is resolved.`
) {}

/** An invoice asked for a `CASH` order, which is paid on delivery without one. */
export class CashOrderNotInvoiced extends ErrorCategory.DomainError<CashOrderNotInvoiced>()(
  "CashOrderNotInvoiced",
  { orderId: OrderId },
  ErrorCategory.ruleViolated,
  ({ orderId }) =>
    `Order ${orderId} is on CASH terms, so it is not invoiced: a CASH order is paid on delivery ` +
    `(record the payments once the BAST is signed); only tempo orders are invoiced.`
) {}

/** An escalation asked for before the buyer had its days to confirm the delivery. */
export class EscalationTooEarly extends ErrorCategory.DomainError<EscalationTooEarly>()(
  "EscalationTooEarly",
  {
    orderId: OrderId,
    shippedOn: Schema.String,
    /** The first day the seller may escalate. */
    escalableOn: Schema.String,
    days: Schema.Int
  },
  ErrorCategory.ruleViolated,
  ({ days, escalableOn, orderId, shippedOn }) =>
    `Order ${orderId} shipped on ${shippedOn}: its buyer has ${days} days to confirm the delivery, ` +
    `so it can be escalated to the network from ${escalableOn}.`
) {}

/** The arbiter acted on a shipment that was not escalated to it. */
export class DeliveryNotEscalated extends ErrorCategory.DomainError<DeliveryNotEscalated>()(
  "DeliveryNotEscalated",
  { orderId: OrderId, action: Schema.String },
  ErrorCategory.ruleViolated,
  ({ action, orderId }) =>
    `Order ${orderId}'s shipment was not escalated, so you cannot ${action}: the network steps in ` +
    `only when the seller escalates a shipment its buyer has not confirmed.`
) {}

/** A credit note of Rp0. */
export class CreditNoteNotPositive extends ErrorCategory.DomainError<CreditNoteNotPositive>()(
  "CreditNoteNotPositive",
  { orderId: OrderId },
  ErrorCategory.ruleViolated,
  ({ orderId }) =>
    `A credit note of Rp0 on order ${orderId} credits nothing: a credit note is at least Rp1 (resolve the dispute without one instead).`
) {}

/** A credit note above what is not credited yet. */
export class CreditNoteExceedsTotal extends ErrorCategory.DomainError<CreditNoteExceedsTotal>()(
  "CreditNoteExceedsTotal",
  { orderId: OrderId, amount: Schema.Int, creditable: Schema.Int },
  ErrorCategory.ruleViolated,
  ({ amount, creditable, orderId }) =>
    `A credit note of Rp${amount} on order ${orderId} is refused: only Rp${creditable} of its ` +
    `total is not credited yet, and credit notes never add up to more than the total.`
) {}

/** Every error of an order's stream: what `Order.decide` fails with. */
export type OrderError =
  | OrderAlreadyPlaced
  | OrderNotFound
  | OrderToItself
  | PartyNotPrimary
  | NotInSameNetwork
  | NoOrderLines
  | DuplicateOrderLine
  | LineNotFromSeller
  | ListingNotAvailable
  | BelowMinimumOrderQuantity
  | OrderTotalTooLarge
  | OrderNotInStatus
  | PaymentNotPositive
  | PaymentExceedsOutstanding
  | PaymentIdReused
  | OrderUnderDispute
  | OrderNotDisputed
  | CashOrderNotInvoiced
  | EscalationTooEarly
  | DeliveryNotEscalated
  | CreditNoteNotPositive
  | CreditNoteExceedsTotal
  | Actor.ActorNotAuthorized
