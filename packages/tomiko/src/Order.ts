/**
 * The order aggregate, one stream per order (`order-<id>`): placed by a buyer primary to a
 * seller primary of the same secondary network, lines priced when placed; accepted (through the
 * acceptance saga, which reserves stock on every line) or rejected; shipped; delivered with a
 * BAST number; invoiced with a due date from its terms; paid in one or more payments never above
 * the total; settled into the secondary cooperative's fee and the seller's payout, which add up
 * to the total. Cancelled before shipment; disputed after delivery.
 *
 * @since 0.1.0
 */
import { Effect, Either, Struct } from "effect"
import { Decider, EventCodec } from "@jatim/eventstore"
import { type Actor, CalendarDate, type Identifier, Rupiah } from "@jatim/kernel"
import * as Authorization from "./Authorization.js"
import { type Entries, lookup, noEntries, setIn } from "./internal/readModel.js"
import type { OrderCommand, PlaceOrder } from "./OrderCommand.js"
import {
  BelowMinimumOrderQuantity,
  DuplicateOrderLine,
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

/** The category of order streams. */
export const category = "order"

/** The stream of the order `orderId`: `order-<id>`. */
export const streamName = (orderId: OrderId): string => `${category}-${orderId}`

/** The stream `command` is decided on: its orderId's. */
export const streamNameOf = (command: OrderCommand): string => streamName(command.orderId)

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

/** The state of a stream with no events. */
export const initialState: State = { _tag: "Unplaced" }

/** The state after one more event. */
export const evolve = (state: State, event: OrderEvent): State => {
  if (state._tag === "Unplaced") {
    return event._tag === "OrderPlaced"
      ? {
          ...Struct.omit(event, "_tag", "placedOn"),
          _tag: "Placed",
          status: "PLACED",
          reserved: false,
          bastNumber: undefined,
          dueOn: undefined,
          paid: Rupiah.zero,
          payments: noEntries(),
          dispute: undefined,
          settlement: undefined,
          failure: undefined
        }
      : state
  }
  switch (event._tag) {
    case "OrderPlaced":
      return state
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
      return { ...state, status: "SHIPPED", reserved: false }
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
  }
}

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
    if (seller.type !== "PRIMER") return yield* new PartyNotPrimary({ orderId, role: "seller", nik: seller.nik })
    if (buyer.network === undefined || buyer.network !== seller.network || buyer.network !== network.secondary) {
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
        feeBasisPoints: network.feeBasisPoints,
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
      case "CancelOrder": {
        yield* Authorization.authorize("CancelOrder", command.actor, [order.buyer])
        yield* inStatus(
          ["PLACED", "ACCEPTED"],
          "an order is cancelled only before shipment (PLACED or ACCEPTED), not while its acceptance runs"
        )
        return [
          new OrderCancelled({
            orderId,
            buyer: order.buyer,
            reason: command.reason,
            release: order.reserved ? lineQuantities(order) : []
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
        yield* inStatus(["DELIVERED"], "an order is invoiced once, after its delivery is confirmed with a BAST")
        const invoicedOn = yield* CalendarDate.today
        const dueOn = CalendarDate.addDays(invoicedOn, PaymentTerms.daysToPay(order.terms))
        return [new OrderInvoiced({ orderId, terms: order.terms, total: order.total, invoicedOn, dueOn })]
      }
      case "RecordPayment": {
        const { amount, paymentId } = command
        yield* Authorization.authorize("RecordPayment", command.actor, [order.buyer])
        const recorded = lookup(order.payments, paymentId)
        if (recorded !== undefined) {
          if (recorded === amount) return []
          return yield* new PaymentIdReused({ orderId, paymentId })
        }
        yield* inStatus(["INVOICED", "PAID"], "payments are recorded on an invoiced order")
        if (amount <= 0) return yield* new PaymentNotPositive({ orderId })
        const outstanding = order.total - order.paid
        if (amount > outstanding) return yield* new PaymentExceedsOutstanding({ orderId, amount, outstanding })
        const paidOn = yield* CalendarDate.today
        // At most the total (checked just above), so a safe whole number of rupiah.
        const paidTotal = (order.paid + amount) as Rupiah.Rupiah
        const payment = new PaymentRecorded({ orderId, paymentId, amount, paidTotal, paidOn })
        return paidTotal === order.total ? [payment, new OrderPaid({ orderId, paidOn })] : [payment]
      }
      case "SettleOrder": {
        yield* Authorization.authorize("SettleOrder", command.actor, [order.secondary])
        yield* inStatus(["PAID"], "only an order paid in full is settled")
        yield* notDisputed
        const { fee, payout } = Rupiah.split(order.total, order.feeBasisPoints)
        return [
          new OrderSettled({
            orderId,
            secondary: order.secondary,
            seller: order.seller,
            total: order.total,
            feeBasisPoints: order.feeBasisPoints,
            fee,
            payout,
            settledOn: yield* CalendarDate.today
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
        yield* Authorization.authorize("ResolveDispute", command.actor, [order.secondary])
        if (order.dispute === undefined) return yield* new OrderNotDisputed({ orderId })
        return [new DisputeResolved({ orderId, resolution: command.resolution })]
      }
    }
  })
}

/** The order decider. */
export const decider = Decider.make({ initialState, evolve, decide })

/** The codec of order events. */
export const codec = EventCodec.make(OrderEvent)
