/**
 * The events of an order's stream (`order-<id>`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { CalendarDate, Identifier, Rupiah, Text } from "@jatim/kernel"
import { Quantity } from "./internal/quantity.js"
import { ListingId } from "./ListingId.js"
import { OrderId } from "./OrderId.js"
import { PaymentTerms } from "./PaymentTerms.js"

/** A BAST (Berita Acara Serah Terima) number: the handover record of a delivery. */
export const BastNumber = Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(64), Schema.brand("BastNumber"))

/** A BAST number. */
export type BastNumber = typeof BastNumber.Type

/** A payment's reference, unique within its order (a transfer reference). */
export const PaymentId = Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(64), Schema.brand("PaymentId"))

/** A payment's reference. */
export type PaymentId = typeof PaymentId.Type

/** A line of an order, priced when the order was placed: `lineTotal = unitPrice × quantity`. */
export const PricedLine = Schema.Struct({
  listingId: ListingId,
  quantity: Quantity,
  unitPrice: Rupiah.Rupiah,
  lineTotal: Rupiah.Rupiah
})

/** A priced line. */
export type PricedLine = typeof PricedLine.Type

/** A line's listing and quantity, as reservations need them. */
export const LineQuantity = Schema.Struct({ listingId: ListingId, quantity: Quantity })

/** A line's listing and quantity. */
export type LineQuantity = typeof LineQuantity.Type

/** A buyer primary placed an order to a seller primary of the same secondary network. */
export class OrderPlaced extends Schema.TaggedClass<OrderPlaced>()("OrderPlaced", {
  orderId: OrderId,
  buyer: Identifier.NikKoperasi,
  seller: Identifier.NikKoperasi,
  /** The secondary cooperative whose network the order runs in. */
  secondary: Identifier.NikKoperasi,
  /** The secondary cooperative's fee on this order, fixed when it was placed. */
  feeBasisPoints: Rupiah.BasisPoints,
  terms: PaymentTerms,
  lines: Schema.Array(PricedLine),
  total: Rupiah.Rupiah,
  placedOn: CalendarDate.CalendarDate
}) {}

/** The seller began accepting: the saga reserves stock on every line. */
export class AcceptanceStarted extends Schema.TaggedClass<AcceptanceStarted>()("AcceptanceStarted", {
  orderId: OrderId
}) {}

/** Stock is reserved on every line: the seller accepted the order. */
export class OrderAccepted extends Schema.TaggedClass<OrderAccepted>()("OrderAccepted", {
  orderId: OrderId,
  acceptedOn: CalendarDate.CalendarDate
}) {}

/** A line could not be reserved; the reservations made were released; the order failed. */
export class OrderAcceptanceFailed extends Schema.TaggedClass<OrderAcceptanceFailed>()("OrderAcceptanceFailed", {
  orderId: OrderId,
  reason: Schema.String
}) {}

/** The seller rejected the order. */
export class OrderRejected extends Schema.TaggedClass<OrderRejected>()("OrderRejected", {
  orderId: OrderId,
  reason: Text.Reason
}) {}

/**
 * Who cancelled an order: its buyer or its seller before shipment, or the network's arbiter (the
 * secondary's admin, or a Dinas officer on the secondary's own sale) after an escalation.
 */
export const CancelledBy = Schema.Literal("BUYER", "SELLER", "ARBITER")

/** Who cancelled an order. */
export type CancelledBy = typeof CancelledBy.Type

/**
 * The order was cancelled (by its buyer or its seller before shipment, or by the arbiter of an
 * escalated shipment), with the reason; `release` lists the reservations to release. Events
 * written before sellers could cancel carry no `cancelledBy`: they read as the buyer's.
 */
export class OrderCancelled extends Schema.TaggedClass<OrderCancelled>()("OrderCancelled", {
  orderId: OrderId,
  buyer: Identifier.NikKoperasi,
  reason: Text.Reason,
  release: Schema.Array(LineQuantity),
  cancelledBy: Schema.optionalWith(CancelledBy, { default: () => "BUYER" as const })
}) {}

/** The seller shipped the order; `commit` lists the reservations that leave the warehouse. */
export class OrderShipped extends Schema.TaggedClass<OrderShipped>()("OrderShipped", {
  orderId: OrderId,
  seller: Identifier.NikKoperasi,
  commit: Schema.Array(LineQuantity),
  shippedOn: CalendarDate.CalendarDate
}) {}

/** Who confirmed a delivery: the buyer, or the network's arbiter on its behalf after an escalation. */
export const ConfirmedBy = Schema.Literal("BUYER", "ARBITER")

/** Who confirmed a delivery. */
export type ConfirmedBy = typeof ConfirmedBy.Type

/**
 * The delivery was confirmed with a handover record (BAST): by the buyer, or by the network's
 * arbiter on its behalf after the seller escalated (events written before escalations carry no
 * `confirmedBy`: they read as the buyer's).
 */
export class OrderDelivered extends Schema.TaggedClass<OrderDelivered>()("OrderDelivered", {
  orderId: OrderId,
  bastNumber: BastNumber,
  deliveredOn: CalendarDate.CalendarDate,
  confirmedBy: Schema.optionalWith(ConfirmedBy, { default: () => "BUYER" as const })
}) {}

/**
 * The seller escalated a shipment its buyer has not confirmed for `Order.escalationAfterDays`
 * days to the network's arbiter, who may now confirm the delivery for the buyer or cancel.
 */
export class DeliveryEscalated extends Schema.TaggedClass<DeliveryEscalated>()("DeliveryEscalated", {
  orderId: OrderId,
  seller: Identifier.NikKoperasi,
  shippedOn: CalendarDate.CalendarDate,
  escalatedOn: CalendarDate.CalendarDate
}) {}

/** The seller invoiced the order; it is due on `dueOn` by its terms. */
export class OrderInvoiced extends Schema.TaggedClass<OrderInvoiced>()("OrderInvoiced", {
  orderId: OrderId,
  terms: PaymentTerms,
  total: Rupiah.Rupiah,
  invoicedOn: CalendarDate.CalendarDate,
  dueOn: CalendarDate.CalendarDate
}) {}

/** The buyer paid part or all of the invoice. `paidTotal` is the sum paid so far. */
export class PaymentRecorded extends Schema.TaggedClass<PaymentRecorded>()("PaymentRecorded", {
  orderId: OrderId,
  paymentId: PaymentId,
  amount: Rupiah.Rupiah,
  paidTotal: Rupiah.Rupiah,
  paidOn: CalendarDate.CalendarDate
}) {}

/**
 * A dispute was resolved with a credit note: `amount` is taken off what the buyer owes;
 * `creditedTotal` is the sum of the order's credit notes so far (never above its total, which a
 * full refund reaches). What was paid beyond the rest is refunded at settlement.
 */
export class CreditNoteIssued extends Schema.TaggedClass<CreditNoteIssued>()("CreditNoteIssued", {
  orderId: OrderId,
  amount: Rupiah.Rupiah,
  creditedTotal: Rupiah.Rupiah,
  resolution: Text.Reason,
  issuedOn: CalendarDate.CalendarDate
}) {}

/** The invoice is paid in full. */
export class OrderPaid extends Schema.TaggedClass<OrderPaid>()("OrderPaid", {
  orderId: OrderId,
  paidOn: CalendarDate.CalendarDate
}) {}

/**
 * The order was settled: the secondary's fee and the seller's payout add up to `total`, the
 * amount settled — the order's total less its credit notes (`credited`). `refunded` is what the
 * buyer had paid beyond that amount and gets back. No fee on the secondary's own sales (its
 * `feeBasisPoints` is 0). Events written before credit notes carry neither: both read as 0.
 */
export class OrderSettled extends Schema.TaggedClass<OrderSettled>()("OrderSettled", {
  orderId: OrderId,
  secondary: Identifier.NikKoperasi,
  seller: Identifier.NikKoperasi,
  total: Rupiah.Rupiah,
  feeBasisPoints: Rupiah.BasisPoints,
  fee: Rupiah.Rupiah,
  payout: Rupiah.Rupiah,
  settledOn: CalendarDate.CalendarDate,
  credited: Schema.optionalWith(Rupiah.Rupiah, { default: () => Rupiah.zero }),
  refunded: Schema.optionalWith(Rupiah.Rupiah, { default: () => Rupiah.zero })
}) {}

/** The buyer disputed the order after delivery. */
export class OrderDisputed extends Schema.TaggedClass<OrderDisputed>()("OrderDisputed", {
  orderId: OrderId,
  reason: Text.Reason
}) {}

/** The secondary cooperative resolved the dispute. */
export class DisputeResolved extends Schema.TaggedClass<DisputeResolved>()("DisputeResolved", {
  orderId: OrderId,
  resolution: Text.Reason
}) {}

/** Every event of an order's stream. */
export const OrderEvent = Schema.Union(
  OrderPlaced,
  AcceptanceStarted,
  OrderAccepted,
  OrderAcceptanceFailed,
  OrderRejected,
  OrderCancelled,
  OrderShipped,
  OrderDelivered,
  OrderInvoiced,
  PaymentRecorded,
  OrderPaid,
  OrderSettled,
  OrderDisputed,
  DisputeResolved,
  DeliveryEscalated,
  CreditNoteIssued
)

/** An event of an order's stream. */
export type OrderEvent = typeof OrderEvent.Type
