/**
 * The order book per cooperative (read model): every order a cooperative placed (as buyer) or
 * received (as seller), with its counterparty, total, terms and status. A cooperative's book is
 * seen by its own admin and the Dinas only (`visibleTo`); to anyone else it does not exist.
 *
 * @since 0.1.0
 */
import { Option, Schema } from "effect"
import { CalendarDate, Identifier, Page, Rupiah, ViewSchema, Visibility } from "@jatim/kernel"
import { type Entries, inMemoryFold, lookup, noEntries, setIn, valuesOf } from "../internal/readModel.js"
import * as Order from "../Order.js"
import { OrderEvent } from "../OrderEvent.js"
import { OrderId } from "../OrderId.js"
import { OrderStatus } from "../OrderStatus.js"
import { PaymentTerms } from "../PaymentTerms.js"

/** Schema of one order in a cooperative's book. */
export const Entry = ViewSchema.struct("OrderBookEntry", "one order in a cooperative's TOMIKO order book", {
  orderId: OrderId,
  /** Whether the cooperative placed the order (`BUYER`) or received it (`SELLER`). */
  role: Schema.Literal("BUYER", "SELLER").annotations({
    description: "whether the cooperative placed the order (BUYER) or received it (SELLER)"
  }),
  /** The other cooperative of the order. */
  counterparty: Identifier.NikKoperasi,
  total: Rupiah.Rupiah,
  /** What the buyer has paid so far. */
  paid: Rupiah.Rupiah,
  terms: PaymentTerms,
  status: OrderStatus,
  /** Whether a dispute is open. */
  disputed: Schema.Boolean,
  placedOn: CalendarDate.CalendarDate
})

/** One order in a cooperative's book. */
export interface Entry extends Schema.Schema.Type<typeof Entry> {}

/** The read model: each cooperative's orders by id, and each order's two cooperatives. */
export interface OrderBook {
  readonly byCooperative: Entries<Identifier.NikKoperasi, Entries<OrderId, Entry>>
  readonly parties: Entries<OrderId, readonly [Identifier.NikKoperasi, Identifier.NikKoperasi]>
}

/** The empty order book. */
export const initial: OrderBook = { byCooperative: noEntries(), parties: noEntries() }

/** The status an order has after `event`, when the event changes it. */
export const statusAfter = (event: OrderEvent): OrderStatus | undefined => {
  switch (event._tag) {
    case "OrderPlaced":
      return "PLACED"
    case "AcceptanceStarted":
      return "ACCEPTING"
    case "OrderAccepted":
      return "ACCEPTED"
    case "OrderAcceptanceFailed":
      return "ACCEPTANCE_FAILED"
    case "OrderRejected":
      return "REJECTED"
    case "OrderCancelled":
      return "CANCELLED"
    case "OrderShipped":
      return "SHIPPED"
    case "OrderDelivered":
      return "DELIVERED"
    case "OrderInvoiced":
      return "INVOICED"
    case "OrderPaid":
      return "PAID"
    case "OrderSettled":
      return "SETTLED"
    case "PaymentRecorded":
    case "OrderDisputed":
    case "DisputeResolved":
    case "DeliveryEscalated":
    case "CreditNoteIssued":
      return undefined
  }
}

const upsert = (book: OrderBook, nik: Identifier.NikKoperasi, entry: Entry): OrderBook => ({
  ...book,
  byCooperative: setIn(book.byCooperative, nik, setIn(lookup(book.byCooperative, nik) ?? noEntries(), entry.orderId, entry))
})

/** The book after one order event. */
export const applyEvent = (book: OrderBook, event: OrderEvent): OrderBook => {
  if (event._tag === "OrderPlaced") {
    const common = {
      orderId: event.orderId,
      total: event.total,
      paid: Rupiah.zero,
      terms: event.terms,
      status: "PLACED" as const,
      disputed: false,
      placedOn: event.placedOn
    }
    const withParties = { ...book, parties: setIn(book.parties, event.orderId, [event.buyer, event.seller] as const) }
    return upsert(upsert(withParties, event.buyer, { ...common, role: "BUYER", counterparty: event.seller }), event.seller, {
      ...common,
      role: "SELLER",
      counterparty: event.buyer
    })
  }
  const parties = lookup(book.parties, event.orderId)
  if (parties === undefined) return book
  const status = statusAfter(event)
  return parties.reduce((current, nik) => {
    const orders = lookup(current.byCooperative, nik)
    const entry = orders === undefined ? undefined : lookup(orders, event.orderId)
    if (entry === undefined) return current
    return upsert(current, nik, {
      ...entry,
      status: status ?? entry.status,
      paid: event._tag === "PaymentRecorded" ? event.paidTotal : entry.paid,
      disputed: event._tag === "OrderDisputed" ? true : event._tag === "DisputeResolved" ? false : entry.disputed
    })
  }, book)
}

/**
 * The book after one recorded event (`apply`) and after a batch of events, in order (`applyAll`);
 * the in-memory read model, projection `tomiko-order-book` (`make`).
 */
export const { apply, applyAll, make } = inMemoryFold({
  name: "tomiko-order-book",
  category: Order.category,
  eventTypes: Order.codec.eventTypes,
  schema: OrderEvent,
  initial,
  applyEvent
})

/** The two cooperatives of `orderId` (buyer, then seller), if it was placed. */
export const partiesOf = (
  book: OrderBook,
  orderId: OrderId
): readonly [buyer: Identifier.NikKoperasi, seller: Identifier.NikKoperasi] | undefined => lookup(book.parties, orderId)

/** The order of `forCooperative`: by date placed, then order id (code-unit order); a page starts after such a key. */
export const order = Page.byKey(
  (entry: Entry) => [entry.placedOn, entry.orderId] as const,
  Schema.Tuple(CalendarDate.CalendarDate, OrderId)
)

/** The key of an order book entry in `order`: its date placed and order id. */
export type Key = ReturnType<typeof order.key>

/** A cooperative's orders, by date placed then id. */
export const forCooperative = (book: OrderBook, nik: Identifier.NikKoperasi): ReadonlyArray<Entry> =>
  Page.sort(order, valuesOf(lookup(book.byCooperative, nik) ?? noEntries<OrderId, Entry>()))

/** One page of `forCooperative`. */
export const forCooperativePage = (book: OrderBook, nik: Identifier.NikKoperasi, request: Page.Request<Key>): Page.Page<Entry, Key> =>
  Page.ofSorted(order, forCooperative(book, nik), request)

/** One cooperative's book: its NIK and its orders. */
export interface CooperativeBook {
  readonly nik: Identifier.NikKoperasi
  readonly entries: ReadonlyArray<Entry>
}

/**
 * Who sees a cooperative's order book: its own admin and the Dinas. Anyone else (another
 * cooperative, its network's secondary, pesantren, learners, UMKM owners) gets none: whom a
 * cooperative trades with, for how much and on what terms is its business, and even whether it
 * has a book is not disclosed.
 */
export const visibleTo: Visibility.ReadPolicy<CooperativeBook> = (actor: Visibility.Viewer, book: CooperativeBook) =>
  Visibility.isDinas(actor) || (actor._tag === "KOPERASI_ADMIN" && actor.nik === book.nik) ? Option.some(book) : Option.none()
