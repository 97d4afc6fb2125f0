/**
 * Receivables ageing (read model): the unpaid invoices of orders on credit terms (tempo), and
 * which of them are overdue relative to a given date, in ageing buckets.
 *
 * @since 0.1.0
 */
import { Option } from "effect"
import { CalendarDate, type Identifier, Rupiah, Visibility } from "@jatim/kernel"
import { compareText, deleteIn, type Entries, inMemoryFold, lookup, noEntries, setIn, valuesOf } from "../internal/readModel.js"
import * as Order from "../Order.js"
import { OrderEvent } from "../OrderEvent.js"
import type { OrderId } from "../OrderId.js"
import * as PaymentTerms from "../PaymentTerms.js"

/** An invoice on tempo terms not yet paid in full; its total is net of the order's credit notes. */
export interface Receivable {
  readonly orderId: OrderId
  readonly seller: Identifier.NikKoperasi
  readonly buyer: Identifier.NikKoperasi
  readonly terms: PaymentTerms.PaymentTerms
  readonly total: Rupiah.Rupiah
  readonly paid: Rupiah.Rupiah
  readonly invoicedOn: CalendarDate.CalendarDate
  readonly dueOn: CalendarDate.CalendarDate
}

/** The read model: open tempo receivables by order id, and each order's parties. */
export interface Receivables {
  readonly open: Entries<OrderId, Receivable>
  readonly parties: Entries<OrderId, { readonly buyer: Identifier.NikKoperasi; readonly seller: Identifier.NikKoperasi }>
}

/** No receivables. */
export const initial: Receivables = { open: noEntries(), parties: noEntries() }

/** The ageing bucket of an overdue receivable, by days past its due date. */
export type Bucket = "1-30" | "31-60" | "61-90" | "90+"

/** The bucket of `daysOverdue` (at least 1). */
export const bucketOf = (daysOverdue: number): Bucket =>
  daysOverdue <= 30 ? "1-30" : daysOverdue <= 60 ? "31-60" : daysOverdue <= 90 ? "61-90" : "90+"

/** An overdue receivable. */
export interface Overdue extends Receivable {
  readonly outstanding: number
  readonly daysOverdue: number
  readonly bucket: Bucket
}

/** The receivables after one order event. */
export const applyEvent = (state: Receivables, event: OrderEvent): Receivables => {
  switch (event._tag) {
    case "OrderPlaced":
      return { ...state, parties: setIn(state.parties, event.orderId, { buyer: event.buyer, seller: event.seller }) }
    case "OrderInvoiced": {
      const parties = lookup(state.parties, event.orderId)
      if (parties === undefined || !PaymentTerms.isTempo(event.terms)) return state
      const receivable: Receivable = {
        orderId: event.orderId,
        ...parties,
        terms: event.terms,
        total: event.total,
        paid: Rupiah.zero,
        invoicedOn: event.invoicedOn,
        dueOn: event.dueOn
      }
      return { ...state, open: setIn(state.open, event.orderId, receivable) }
    }
    case "PaymentRecorded": {
      const receivable = lookup(state.open, event.orderId)
      return receivable === undefined
        ? state
        : { ...state, open: setIn(state.open, event.orderId, { ...receivable, paid: event.paidTotal }) }
    }
    case "CreditNoteIssued": {
      // A credit note takes its amount off the invoice's total (an order it pays off is paid just after).
      const receivable = lookup(state.open, event.orderId)
      return receivable === undefined
        ? state
        : {
            ...state,
            open: setIn(state.open, event.orderId, {
              ...receivable,
              total: Rupiah.unsafeMake(Math.max(0, receivable.total - event.amount))
            })
          }
    }
    case "OrderPaid":
    case "OrderSettled":
      return { ...state, open: deleteIn(state.open, event.orderId) }
    default:
      return state
  }
}

/**
 * The receivables after one recorded event (`apply`) and after a batch of events, in order (`applyAll`);
 * the in-memory read model, projection `tomiko-receivables-ageing` (`make`).
 */
export const { apply, applyAll, make } = inMemoryFold({
  name: "tomiko-receivables-ageing",
  category: Order.category,
  eventTypes: Order.codec.eventTypes,
  schema: OrderEvent,
  initial,
  applyEvent
})

/** Every receivable not paid in full yet, overdue or not, by order id (code-unit order); of one seller only when `seller` is given. */
export const unpaid = (state: Receivables, seller?: Identifier.NikKoperasi): ReadonlyArray<Receivable> =>
  valuesOf(state.open)
    .filter((r) => seller === undefined || r.seller === seller)
    .sort((a, b) => compareText(a.orderId, b.orderId))

/**
 * The receivables overdue on `today` (due before it), most overdue first; of one seller only
 * when `seller` is given.
 */
export const overdue = (state: Receivables, today: CalendarDate.CalendarDate, seller?: Identifier.NikKoperasi): ReadonlyArray<Overdue> =>
  valuesOf(state.open)
    .filter((r) => seller === undefined || r.seller === seller)
    .map((r) => ({ ...r, daysOverdue: CalendarDate.daysBetween(r.dueOn, today), outstanding: r.total - r.paid }))
    .filter((r) => r.daysOverdue > 0)
    .map((r): Overdue => ({ ...r, bucket: bucketOf(r.daysOverdue) }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.orderId.localeCompare(b.orderId))

/**
 * Who sees a receivable (a statement line): its seller (who is owed), its buyer (who owes) and
 * the Dinas. Anyone else gets none.
 */
export const visibleTo: Visibility.ReadPolicy<Receivable> = (actor: Visibility.Viewer, receivable: Receivable) =>
  Visibility.isDinas(actor) || (actor._tag === "KOPERASI_ADMIN" && (actor.nik === receivable.seller || actor.nik === receivable.buyer))
    ? Option.some(receivable)
    : Option.none()
