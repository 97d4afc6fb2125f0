/**
 * The commands of an order's stream. Each carries the actor who issues it; `PlaceOrder` also
 * carries what the application read about both cooperatives, the network and the listings,
 * so that the decider checks every rule itself.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Actor, Identifier, Rupiah, Text } from "@jatim/kernel"
import { Quantity } from "./internal/quantity.js"
import { KoperasiType } from "./KoperasiEvent.js"
import { ListingId } from "./ListingId.js"
import { BastNumber, PaymentId } from "./OrderEvent.js"
import { OrderId } from "./OrderId.js"
import { PaymentTerms } from "./PaymentTerms.js"

/** A cooperative as the application read it when the order was placed. */
export const Party = Schema.Struct({
  nik: Identifier.NikKoperasi,
  /** Its kind; undefined when it is not registered. */
  type: Schema.UndefinedOr(KoperasiType),
  /** The secondary cooperative whose network it is in, if any (a secondary's own network is itself). */
  network: Schema.UndefinedOr(Identifier.NikKoperasi)
})

/** A cooperative as read by the application. */
export type Party = typeof Party.Type

/** The secondary network as read from the secondary cooperative: its NIK and its fee. */
export const Network = Schema.Struct({
  secondary: Identifier.NikKoperasi,
  feeBasisPoints: Rupiah.BasisPoints
})

/** The secondary network as read by the application. */
export type Network = typeof Network.Type

/** A listing as the application read it when the order was placed. */
export const ListingSnapshot = Schema.Struct({
  listingId: ListingId,
  seller: Identifier.NikKoperasi,
  unitPrice: Rupiah.Rupiah,
  minimumOrderQuantity: Quantity,
  /** False when it is delisted. */
  active: Schema.Boolean
})

/** A listing as read by the application. */
export type ListingSnapshot = typeof ListingSnapshot.Type

/** A line to order: a listing and a quantity. */
export const LineRequest = Schema.Struct({ listing: ListingSnapshot, quantity: Quantity })

/** A line to order. */
export type LineRequest = typeof LineRequest.Type

/** Place an order (the buyer's admin). Lines are priced from the listings as read. */
export class PlaceOrder extends Schema.TaggedClass<PlaceOrder>()("PlaceOrder", {
  actor: Actor.Actor,
  orderId: OrderId,
  buyer: Party,
  seller: Party,
  network: Network,
  terms: PaymentTerms,
  lines: Schema.Array(LineRequest)
}) {}

/** Begin accepting the order (the seller's admin, through the acceptance saga). */
export class StartAcceptance extends Schema.TaggedClass<StartAcceptance>()("StartAcceptance", {
  actor: Actor.Actor,
  orderId: OrderId
}) {}

/** Accept the order once every line is reserved (the acceptance saga, for the seller's admin). */
export class CompleteAcceptance extends Schema.TaggedClass<CompleteAcceptance>()("CompleteAcceptance", {
  actor: Actor.Actor,
  orderId: OrderId
}) {}

/** Record that a line could not be reserved (the acceptance saga, for the seller's admin). */
export class FailAcceptance extends Schema.TaggedClass<FailAcceptance>()("FailAcceptance", {
  actor: Actor.Actor,
  orderId: OrderId,
  reason: Schema.String
}) {}

/** Reject the order (the seller's admin). */
export class RejectOrder extends Schema.TaggedClass<RejectOrder>()("RejectOrder", {
  actor: Actor.Actor,
  orderId: OrderId,
  reason: Text.Reason
}) {}

/** Cancel the order before shipment (the buyer's admin). */
export class CancelOrder extends Schema.TaggedClass<CancelOrder>()("CancelOrder", {
  actor: Actor.Actor,
  orderId: OrderId,
  reason: Text.Reason
}) {}

/** Ship the order (the seller's admin). */
export class ShipOrder extends Schema.TaggedClass<ShipOrder>()("ShipOrder", {
  actor: Actor.Actor,
  orderId: OrderId
}) {}

/** Confirm the delivery with the BAST number (the buyer's admin). */
export class ConfirmDelivery extends Schema.TaggedClass<ConfirmDelivery>()("ConfirmDelivery", {
  actor: Actor.Actor,
  orderId: OrderId,
  bastNumber: BastNumber
}) {}

/** Invoice the delivered tempo order; the due date follows from its terms (the seller's admin). A `CASH` order is not invoiced. */
export class InvoiceOrder extends Schema.TaggedClass<InvoiceOrder>()("InvoiceOrder", {
  actor: Actor.Actor,
  orderId: OrderId
}) {}

/** Record a payment: on a tempo order's invoice, or on a `CASH` order once delivered (the buyer's admin). */
export class RecordPayment extends Schema.TaggedClass<RecordPayment>()("RecordPayment", {
  actor: Actor.Actor,
  orderId: OrderId,
  paymentId: PaymentId,
  amount: Rupiah.Rupiah
}) {}

/** Settle the paid order: the secondary's fee and the seller's payout (the secondary's admin). */
export class SettleOrder extends Schema.TaggedClass<SettleOrder>()("SettleOrder", {
  actor: Actor.Actor,
  orderId: OrderId
}) {}

/** Dispute the order after delivery (the buyer's admin). */
export class DisputeOrder extends Schema.TaggedClass<DisputeOrder>()("DisputeOrder", {
  actor: Actor.Actor,
  orderId: OrderId,
  reason: Text.Reason
}) {}

/** Resolve the order's dispute (the network's arbiter: the secondary's admin, or the Dinas on the secondary's own sale). */
export class ResolveDispute extends Schema.TaggedClass<ResolveDispute>()("ResolveDispute", {
  actor: Actor.Actor,
  orderId: OrderId,
  resolution: Text.Reason
}) {}

/**
 * Resolve the order's dispute with a credit note of `amount` taken off what the buyer owes (the
 * network's arbiter); up to what is not credited yet, so a full refund stays possible.
 */
export class ResolveDisputeWithCreditNote extends Schema.TaggedClass<ResolveDisputeWithCreditNote>()("ResolveDisputeWithCreditNote", {
  actor: Actor.Actor,
  orderId: OrderId,
  amount: Rupiah.Rupiah,
  resolution: Text.Reason
}) {}

/** Cancel the order before shipment (the seller's admin), releasing its reserved stock. */
export class CancelOrderAsSeller extends Schema.TaggedClass<CancelOrderAsSeller>()("CancelOrderAsSeller", {
  actor: Actor.Actor,
  orderId: OrderId,
  reason: Text.Reason
}) {}

/**
 * Escalate a shipment the buyer has not confirmed to the network's arbiter (the seller's admin),
 * at least `Order.escalationAfterDays` days after it shipped.
 */
export class EscalateDelivery extends Schema.TaggedClass<EscalateDelivery>()("EscalateDelivery", {
  actor: Actor.Actor,
  orderId: OrderId
}) {}

/** Confirm an escalated shipment's delivery on the buyer's behalf, with the BAST number (the network's arbiter). */
export class ConfirmDeliveryForBuyer extends Schema.TaggedClass<ConfirmDeliveryForBuyer>()("ConfirmDeliveryForBuyer", {
  actor: Actor.Actor,
  orderId: OrderId,
  bastNumber: BastNumber
}) {}

/** Cancel an escalated shipment that was never delivered (the network's arbiter). */
export class CancelEscalatedOrder extends Schema.TaggedClass<CancelEscalatedOrder>()("CancelEscalatedOrder", {
  actor: Actor.Actor,
  orderId: OrderId,
  reason: Text.Reason
}) {}

/** Every command of an order's stream. */
export const OrderCommand = Schema.Union(
  PlaceOrder,
  StartAcceptance,
  CompleteAcceptance,
  FailAcceptance,
  RejectOrder,
  CancelOrder,
  ShipOrder,
  ConfirmDelivery,
  InvoiceOrder,
  RecordPayment,
  SettleOrder,
  DisputeOrder,
  ResolveDispute,
  ResolveDisputeWithCreditNote,
  CancelOrderAsSeller,
  EscalateDelivery,
  ConfirmDeliveryForBuyer,
  CancelEscalatedOrder
)

/** A command of an order's stream. */
export type OrderCommand = typeof OrderCommand.Type
