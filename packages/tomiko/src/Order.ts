/**
 * The order aggregate, one stream per order (`order-<id>`): placed by a buyer primary to a
 * seller primary of the same secondary network, or to that network's secondary itself (no network
 * fee on its own sales), lines priced when placed; accepted (through the acceptance saga, which
 * reserves stock on every line) or rejected; shipped; delivered with a BAST number; a tempo order
 * invoiced with a due date from its terms (a `CASH` order is paid on delivery, without an
 * invoice); paid in one or more payments never above what is owed; settled into the secondary
 * cooperative's fee and the seller's payout, which add up to the amount settled. Cancelled
 * before shipment by its buyer or its seller; a shipment the buyer does not confirm escalated by
 * the seller to the network's arbiter, who confirms it for the buyer or cancels; disputed after
 * delivery, and resolved with or without a credit note (adr/0080).
 *
 * @since 0.1.0
 */
import { Effect, Either, Struct } from "effect"
import { Aggregate, Decider, EventCodec, Lifecycle } from "@jatim/eventstore"
import { type Actor, CalendarDate, type Identifier, Rupiah } from "@jatim/kernel"
import * as Authorization from "./Authorization.js"
import { type Entries, lookup, noEntries, setIn } from "./internal/readModel.js"
import type { OrderCommand, PlaceOrder } from "./OrderCommand.js"
import {
  BelowMinimumOrderQuantity,
  CashOrderNotInvoiced,
  CreditNoteExceedsTotal,
  CreditNoteNotPositive,
  DeliveryNotEscalated,
  DuplicateOrderLine,
  EscalationTooEarly,
  LineNotFromSeller,
  ListingNotAvailable,
  NoOrderLines,
  NotInSameNetwork,
  OrderAlreadyPlaced,
  OrderNotDisputed,
  OrderNotFound,
  OrderNotInStatus,
  OrderToItself,
  OrderTotalTooLarge,
  OrderUnderDispute,
  PartyNotPrimary,
  PaymentExceedsOutstanding,
  PaymentIdReused,
  PaymentNotPositive,
  type OrderError
} from "./OrderError.js"
import {
  AcceptanceStarted,
  CreditNoteIssued,
  DeliveryEscalated,
  DisputeResolved,
  OrderAccepted,
  OrderAcceptanceFailed,
  OrderCancelled,
  OrderDelivered,
  OrderDisputed,
  OrderEvent,
  OrderInvoiced,
  OrderPaid,
  OrderPlaced,
  OrderRejected,
  OrderSettled,
  OrderShipped,
  PaymentRecorded,
  type PricedLine
} from "./OrderEvent.js"
import type { OrderId } from "./OrderId.js"
import type { OrderStatus } from "./OrderStatus.js"
import * as PaymentTerms from "./PaymentTerms.js"

/** The streams of orders, one an order: `order-<orderId>`; a command is decided on its orderId's (category `"order"`). */
export const { category, streamName, streamNameOf } = Aggregate.streamsById("order", (command: OrderCommand) => command.orderId)

/** No order yet. */
export interface Unplaced {
  readonly _tag: "Unplaced"
}

/** A placed order. */
export interface Placed {
  readonly _tag: "Placed"
  readonly orderId: OrderId
  readonly buyer: Identifier.NikKoperasi
  readonly seller: Identifier.NikKoperasi
  readonly secondary: Identifier.NikKoperasi
  readonly feeBasisPoints: Rupiah.BasisPoints
  readonly terms: PaymentTerms.PaymentTerms
  readonly lines: ReadonlyArray<PricedLine>
  readonly total: Rupiah.Rupiah
  readonly status: OrderStatus
  /** Whether stock was reserved on every line (it was accepted). */
  readonly reserved: boolean
  readonly bastNumber: string | undefined
  readonly dueOn: CalendarDate.CalendarDate | undefined
  /** The day it shipped, once it did. */
  readonly shippedOn: CalendarDate.CalendarDate | undefined
  /** Whether its seller escalated the unconfirmed shipment to the network's arbiter. */
  readonly escalated: boolean
  /** The sum of its credit notes (never above the total). */
  readonly credited: Rupiah.Rupiah
  /** The sum of the payments recorded. */
  readonly paid: Rupiah.Rupiah
  /** Every payment's amount, by payment reference. */
  readonly payments: Entries<string, Rupiah.Rupiah>
  /** Why it is disputed, while it is. */
  readonly dispute: string | undefined
  /** The settlement, once settled. */
  readonly settlement: Rupiah.Split | undefined
  /** Why its acceptance failed, when it did. */
  readonly failure: string | undefined
}

/** The state of an order's stream. */
export type State = Unplaced | Placed

/**
 * `initialState` is the state of a stream with no events (`Unplaced`), `evolve` the state after one
 * more event.
 */
export const { initialState, evolve } = Lifecycle.make<State, OrderEvent>()({
  initial: "Unplaced",
  creation: "OrderPlaced",
  create: (event) => ({
    ...Struct.omit(event, "_tag", "placedOn"),
    _tag: "Placed",
    status: "PLACED",
    reserved: false,
    bastNumber: undefined,
    dueOn: undefined,
    shippedOn: undefined,
    escalated: false,
    credited: Rupiah.zero,
    paid: Rupiah.zero,
    payments: noEntries(),
    dispute: undefined,
    settlement: undefined,
    failure: undefined
  }),
  next: (state, event) => {
    switch (event._tag) {
      case "AcceptanceStarted":
        return { ...state, status: "ACCEPTING" }
      case "OrderAccepted":
        return { ...state, status: "ACCEPTED", reserved: true }
      case "OrderAcceptanceFailed":
        return { ...state, status: "ACCEPTANCE_FAILED", failure: event.reason }
      case "OrderRejected":
        return { ...state, status: "REJECTED" }
      case "OrderCancelled":
        return { ...state, status: "CANCELLED", reserved: false }
      case "OrderShipped":
        return { ...state, status: "SHIPPED", reserved: false, shippedOn: event.shippedOn }
      case "OrderDelivered":
        return { ...state, status: "DELIVERED", bastNumber: event.bastNumber }
      case "OrderInvoiced":
        return { ...state, status: "INVOICED", dueOn: event.dueOn }
      case "PaymentRecorded":
        return { ...state, paid: event.paidTotal, payments: setIn(state.payments, event.paymentId, event.amount) }
      case "OrderPaid":
        return { ...state, status: "PAID" }
      case "OrderSettled":
        return { ...state, status: "SETTLED", settlement: { fee: event.fee, payout: event.payout } }
      case "OrderDisputed":
        return { ...state, dispute: event.reason }
      case "DisputeResolved":
        return { ...state, dispute: undefined }
      case "DeliveryEscalated":
        return { ...state, escalated: true }
      case "CreditNoteIssued":
        return { ...state, credited: event.creditedTotal }
    }
  }
})

/** Days a buyer has to confirm a shipment's delivery before its seller may escalate it to the network's arbiter. */
export const escalationAfterDays = 14

/** What the buyer owes in all: the total less the credit notes (never below zero). */
export const owed = (order: Placed): Rupiah.Rupiah => Rupiah.unsafeMake(Math.max(0, order.total - order.credited))

/**
 * The statuses in which an order takes payments: an invoiced (tempo) order, or a `CASH` order
 * once delivered (paid on delivery, without an invoice); and a paid one, so that a payment sent
 * again is recognised. A `CASH` order invoiced before `CASH` orders stopped being invoiced still
 * takes payments as INVOICED.
 */
export const payableStatuses = (terms: PaymentTerms.PaymentTerms): ReadonlyArray<OrderStatus> =>
  PaymentTerms.isTempo(terms) ? ["INVOICED", "PAID"] : ["DELIVERED", "INVOICED", "PAID"]

/** Whether an order in its status waits for payments now (it is payable and not paid yet). */
const awaitsPayment = (order: Placed): boolean => order.status !== "PAID" && payableStatuses(order.terms).includes(order.status)

/** Prices the lines of an order: each line's total is `unitPrice × quantity`, the total their exact sum. */
export const price = (
  orderId: OrderId,
  lines: PlaceOrder["lines"]
): Either.Either<{ readonly lines: ReadonlyArray<PricedLine>; readonly total: Rupiah.Rupiah }, OrderTotalTooLarge> =>
  Either.gen(function* () {
    const priced: Array<PricedLine> = []
    for (const { listing, quantity } of lines) {
      const lineTotal = yield* Either.mapLeft(Rupiah.times(listing.unitPrice, quantity), () => new OrderTotalTooLarge({ orderId }))
      priced.push({ listingId: listing.listingId, quantity, unitPrice: listing.unitPrice, lineTotal })
    }
    const total = yield* Either.mapLeft(Rupiah.sum(priced.map((line) => line.lineTotal)), () => new OrderTotalTooLarge({ orderId }))
    return { lines: priced, total }
  })

const place = (command: PlaceOrder, state: State) =>
  Effect.gen(function* () {
    const { buyer, network, orderId, seller, terms } = command
    yield* Authorization.authorize("PlaceOrder", command.actor, [buyer.nik])
    if (state._tag === "Placed") return yield* new OrderAlreadyPlaced({ orderId })
    if (buyer.nik === seller.nik) return yield* new OrderToItself({ orderId, nik: buyer.nik })
    if (buyer.type !== "PRIMER") return yield* new PartyNotPrimary({ orderId, role: "buyer", nik: buyer.nik })
    if (seller.type === undefined) return yield* new PartyNotPrimary({ orderId, role: "seller", nik: seller.nik })
    // A secondary sells only in its own network: to primaries that joined it (adr/0080).
    const networkSells = seller.type === "SEKUNDER"
    const sellersNetwork = networkSells ? seller.nik : seller.network
    if (buyer.network === undefined || buyer.network !== sellersNetwork || buyer.network !== network.secondary) {
      return yield* new NotInSameNetwork({ orderId, buyer: buyer.nik, seller: seller.nik })
    }
    if (command.lines.length === 0) return yield* new NoOrderLines({ orderId })
    const seen = new Set<string>()
    for (const { listing, quantity } of command.lines) {
      const { listingId } = listing
      if (seen.has(listingId)) return yield* new DuplicateOrderLine({ orderId, listingId })
      seen.add(listingId)
      if (listing.seller !== seller.nik) return yield* new LineNotFromSeller({ orderId, listingId, seller: seller.nik })
      if (!listing.active) return yield* new ListingNotAvailable({ orderId, listingId })
      if (quantity < listing.minimumOrderQuantity) {
        return yield* new BelowMinimumOrderQuantity({
          orderId,
          listingId,
          quantity,
          minimumOrderQuantity: listing.minimumOrderQuantity
        })
      }
    }
    const { lines, total } = yield* price(orderId, command.lines)
    const placedOn = yield* CalendarDate.today
    return [
      new OrderPlaced({
        orderId,
        buyer: buyer.nik,
        seller: seller.nik,
        secondary: network.secondary,
        // No network fee on the secondary's own sales.
        feeBasisPoints: networkSells ? Rupiah.BasisPoints.make(0) : network.feeBasisPoints,
        terms,
        lines,
        total,
        placedOn
      })
    ]
  })

const lineQuantities = (order: Placed) => order.lines.map(({ listingId, quantity }) => ({ listingId, quantity }))

/** The cooperatives of an order: its buyer, its seller and its network's secondary. */
export const parties = (order: {
  readonly buyer: Identifier.NikKoperasi
  readonly seller: Identifier.NikKoperasi
  readonly secondary: Identifier.NikKoperasi
}): ReadonlyArray<Identifier.NikKoperasi> => [order.buyer, order.seller, order.secondary]

/**
 * Whether `actor` may know of an order with these `parties` (adr/0050): the admin of one of
 * them, or the Dinas. To anyone else the order does not exist.
 */
export const mayKnowOf = (actor: Actor.Actor, parties: ReadonlyArray<Identifier.NikKoperasi>): boolean =>
  actor._tag === "DINAS_OFFICER" || (actor._tag === "KOPERASI_ADMIN" && parties.includes(actor.nik))

/** The events a command produces on an order's stream, or the rule that refuses it. */
export const decide = (command: OrderCommand, state: State): Effect.Effect<ReadonlyArray<OrderEvent>, OrderError> => {
  if (command._tag === "PlaceOrder") return place(command, state)
  return Effect.gen(function* () {
    const { orderId } = command
    const action = Authorization.permissions[command._tag].action
    if (state._tag === "Unplaced") return yield* new OrderNotFound({ orderId, action })
    const order = state
    // An order exists only for its parties and the Dinas (adr/0050): anyone else is told what
    // they would be told of an order that does not exist, never who its parties are.
    if (!mayKnowOf(command.actor, parties(order))) return yield* new OrderNotFound({ orderId, action })
    const inStatus = (allowed: ReadonlyArray<OrderStatus>, rule: string) =>
      allowed.includes(order.status) ? Effect.void : Effect.fail(new OrderNotInStatus({ orderId, status: order.status, action, rule }))
    const notDisputed =
      order.dispute === undefined ? Effect.void : Effect.fail(new OrderUnderDispute({ orderId, reason: order.dispute, action }))
    switch (command._tag) {
      case "StartAcceptance": {
        yield* Authorization.authorize("StartAcceptance", command.actor, [order.seller])
        if (order.status === "ACCEPTING") return []
        yield* inStatus(["PLACED"], "only a PLACED order is accepted")
        return [new AcceptanceStarted({ orderId })]
      }
      case "CompleteAcceptance": {
        yield* Authorization.authorize("CompleteAcceptance", command.actor, [order.seller])
        if (order.status === "ACCEPTED") return []
        yield* inStatus(["ACCEPTING"], "an order is accepted once its acceptance has started and every line is reserved")
        return [new OrderAccepted({ orderId, acceptedOn: yield* CalendarDate.today })]
      }
      case "FailAcceptance": {
        yield* Authorization.authorize("FailAcceptance", command.actor, [order.seller])
        if (order.status === "ACCEPTANCE_FAILED") return []
        yield* inStatus(["ACCEPTING"], "only an acceptance in progress fails")
        return [new OrderAcceptanceFailed({ orderId, reason: command.reason })]
      }
      case "RejectOrder": {
        yield* Authorization.authorize("RejectOrder", command.actor, [order.seller])
        yield* inStatus(["PLACED"], "only a PLACED order is rejected")
        return [new OrderRejected({ orderId, reason: command.reason })]
      }
      case "CancelOrder":
      case "CancelOrderAsSeller": {
        const bySeller = command._tag === "CancelOrderAsSeller"
        yield* Authorization.authorize(command._tag, command.actor, [bySeller ? order.seller : order.buyer])
        yield* inStatus(
          ["PLACED", "ACCEPTED"],
          "an order is cancelled only before shipment (PLACED or ACCEPTED), not while its acceptance runs"
        )
        return [
          new OrderCancelled({
            orderId,
            buyer: order.buyer,
            reason: command.reason,
            release: order.reserved ? lineQuantities(order) : [],
            cancelledBy: bySeller ? "SELLER" : "BUYER"
          })
        ]
      }
      case "ShipOrder": {
        yield* Authorization.authorize("ShipOrder", command.actor, [order.seller])
        yield* inStatus(["ACCEPTED"], "only an ACCEPTED order is shipped")
        return [new OrderShipped({ orderId, seller: order.seller, commit: lineQuantities(order), shippedOn: yield* CalendarDate.today })]
      }
      case "ConfirmDelivery": {
        yield* Authorization.authorize("ConfirmDelivery", command.actor, [order.buyer])
        yield* inStatus(["SHIPPED"], "only a SHIPPED order is delivered")
        return [new OrderDelivered({ orderId, bastNumber: command.bastNumber, deliveredOn: yield* CalendarDate.today })]
      }
      case "InvoiceOrder": {
        yield* Authorization.authorize("InvoiceOrder", command.actor, [order.seller])
        if (!PaymentTerms.isTempo(order.terms)) return yield* new CashOrderNotInvoiced({ orderId })
        yield* inStatus(["DELIVERED"], "an order is invoiced once, after its delivery is confirmed with a BAST")
        const invoicedOn = yield* CalendarDate.today
        const dueOn = CalendarDate.addDays(invoicedOn, PaymentTerms.daysToPay(order.terms))
        // The invoice is for what is owed: the total less any credit note of a dispute resolved before it.
        const invoiced = new OrderInvoiced({ orderId, terms: order.terms, total: owed(order), invoicedOn, dueOn })
        return order.paid >= owed(order) ? [invoiced, new OrderPaid({ orderId, paidOn: invoicedOn })] : [invoiced]
      }
      case "RecordPayment": {
        const { amount, paymentId } = command
        yield* Authorization.authorize("RecordPayment", command.actor, [order.buyer])
        const recorded = lookup(order.payments, paymentId)
        if (recorded !== undefined) {
          if (recorded === amount) return []
          return yield* new PaymentIdReused({ orderId, paymentId })
        }
        yield* inStatus(
          payableStatuses(order.terms),
          PaymentTerms.isTempo(order.terms)
            ? "payments on a tempo order are recorded once it is invoiced"
            : "a CASH order is paid on delivery: payments are recorded once its delivery is confirmed"
        )
        if (amount <= 0) return yield* new PaymentNotPositive({ orderId })
        const outstanding = Math.max(0, owed(order) - order.paid)
        if (amount > outstanding) return yield* new PaymentExceedsOutstanding({ orderId, amount, outstanding })
        const paidOn = yield* CalendarDate.today
        // At most what is owed (checked just above), so a safe whole number of rupiah.
        const paidTotal = Rupiah.unsafeMake(order.paid + amount)
        const payment = new PaymentRecorded({ orderId, paymentId, amount, paidTotal, paidOn })
        return paidTotal === owed(order) ? [payment, new OrderPaid({ orderId, paidOn })] : [payment]
      }
      case "SettleOrder": {
        yield* Authorization.authorize("SettleOrder", command.actor, [order.secondary])
        yield* inStatus(["PAID"], "only an order paid in full is settled")
        yield* notDisputed
        // What is settled is what is owed: the total less the credit notes; what was paid beyond it is refunded.
        const settled = owed(order)
        const { fee, payout } = Rupiah.split(settled, order.feeBasisPoints)
        return [
          new OrderSettled({
            orderId,
            secondary: order.secondary,
            seller: order.seller,
            total: settled,
            feeBasisPoints: order.feeBasisPoints,
            fee,
            payout,
            settledOn: yield* CalendarDate.today,
            credited: order.credited,
            refunded: Rupiah.unsafeMake(Math.max(0, order.paid - settled))
          })
        ]
      }
      case "DisputeOrder": {
        yield* Authorization.authorize("DisputeOrder", command.actor, [order.buyer])
        yield* inStatus(["DELIVERED", "INVOICED", "PAID"], "an order is disputed after its delivery and before its settlement")
        yield* notDisputed
        return [new OrderDisputed({ orderId, reason: command.reason })]
      }
      case "ResolveDispute": {
        yield* Authorization.authorizeArbiter("ResolveDispute", command.actor, order)
        if (order.dispute === undefined) return yield* new OrderNotDisputed({ orderId })
        return [new DisputeResolved({ orderId, resolution: command.resolution })]
      }
      case "ResolveDisputeWithCreditNote": {
        const { amount, resolution } = command
        yield* Authorization.authorizeArbiter("ResolveDisputeWithCreditNote", command.actor, order)
        if (order.dispute === undefined) return yield* new OrderNotDisputed({ orderId })
        if (amount <= 0) return yield* new CreditNoteNotPositive({ orderId })
        const creditable = order.total - order.credited
        if (amount > creditable) return yield* new CreditNoteExceedsTotal({ orderId, amount, creditable })
        const issuedOn = yield* CalendarDate.today
        const creditedTotal = Rupiah.unsafeMake(order.credited + amount)
        const events: Array<OrderEvent> = [
          new CreditNoteIssued({ orderId, amount, creditedTotal, resolution, issuedOn }),
          new DisputeResolved({ orderId, resolution })
        ]
        // An order waiting for payments whose payments now cover what is owed is paid.
        if (awaitsPayment(order) && order.paid >= order.total - creditedTotal) events.push(new OrderPaid({ orderId, paidOn: issuedOn }))
        return events
      }
      case "EscalateDelivery": {
        yield* Authorization.authorize("EscalateDelivery", command.actor, [order.seller])
        if (order.status === "SHIPPED" && order.escalated) return []
        yield* inStatus(["SHIPPED"], "only a shipment not confirmed yet is escalated")
        const escalatedOn = yield* CalendarDate.today
        const shippedOn = order.shippedOn ?? escalatedOn
        if (CalendarDate.daysBetween(shippedOn, escalatedOn) < escalationAfterDays) {
          return yield* new EscalationTooEarly({
            orderId,
            shippedOn,
            escalableOn: CalendarDate.addDays(shippedOn, escalationAfterDays),
            days: escalationAfterDays
          })
        }
        return [new DeliveryEscalated({ orderId, seller: order.seller, shippedOn, escalatedOn })]
      }
      case "ConfirmDeliveryForBuyer": {
        const action = "confirm a delivery for the buyer"
        yield* Authorization.authorizeArbiter("ConfirmDeliveryForBuyer", command.actor, order)
        yield* inStatus(["SHIPPED"], "only a SHIPPED order is delivered")
        if (!order.escalated) return yield* new DeliveryNotEscalated({ orderId, action })
        return [
          new OrderDelivered({ orderId, bastNumber: command.bastNumber, deliveredOn: yield* CalendarDate.today, confirmedBy: "ARBITER" })
        ]
      }
      case "CancelEscalatedOrder": {
        yield* Authorization.authorizeArbiter("CancelEscalatedOrder", command.actor, order)
        yield* inStatus(["SHIPPED"], "only a shipment not delivered is cancelled by the network")
        if (!order.escalated) return yield* new DeliveryNotEscalated({ orderId, action: "cancel an escalated order" })
        // Its goods left the seller's warehouse: its stock was committed at shipment, nothing is released.
        return [new OrderCancelled({ orderId, buyer: order.buyer, reason: command.reason, release: [], cancelledBy: "ARBITER" })]
      }
    }
  })
}

/** The order decider. */
export const decider = Decider.make({ initialState, evolve, decide })

/** The codec of order events. */
export const codec = EventCodec.make(OrderEvent)
