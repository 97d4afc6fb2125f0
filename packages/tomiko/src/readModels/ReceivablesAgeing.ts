/**
 * Receivables ageing (read model): the unpaid invoices of orders on credit terms (tempo), and
 * which of them are overdue relative to a given date, in ageing buckets; `ageing` puts every
 * unpaid invoice of a seller or of a secondary network in a bucket (not due yet, or by days
 * overdue), which its seller's admin (`sellerVisibleTo`), the network's secondary's admin
 * (`networkVisibleTo`) and the Dinas see.
 *
 * @since 0.1.0
 */
import { Option, Schema } from "effect"
import { CalendarDate, Identifier, Rupiah, ViewSchema, Visibility } from "@jatim/kernel"
import { compareText, deleteIn, type Entries, inMemoryFold, lookup, noEntries, setIn, valuesOf } from "../internal/readModel.js"
import * as Order from "../Order.js"
import { OrderEvent } from "../OrderEvent.js"
import { OrderId } from "../OrderId.js"
import * as PaymentTerms from "../PaymentTerms.js"

/** An invoice on tempo terms not yet paid in full; its total is net of the order's credit notes. */
export interface Receivable {
  readonly orderId: OrderId
  readonly seller: Identifier.NikKoperasi
  readonly buyer: Identifier.NikKoperasi
  /** The secondary cooperative whose network the order runs in. */
  readonly secondary: Identifier.NikKoperasi
  readonly terms: PaymentTerms.PaymentTerms
  readonly total: Rupiah.Rupiah
  readonly paid: Rupiah.Rupiah
  readonly invoicedOn: CalendarDate.CalendarDate
  readonly dueOn: CalendarDate.CalendarDate
}

/** The read model: open tempo receivables by order id, and each order's parties. */
export interface Receivables {
  readonly open: Entries<OrderId, Receivable>
  readonly parties: Entries<
    OrderId,
    { readonly buyer: Identifier.NikKoperasi; readonly seller: Identifier.NikKoperasi; readonly secondary: Identifier.NikKoperasi }
  >
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
      return {
        ...state,
        parties: setIn(state.parties, event.orderId, { buyer: event.buyer, seller: event.seller, secondary: event.secondary })
      }
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

/** Every receivable of the network `secondary` runs not paid in full yet, overdue or not, by order id (code-unit order). */
export const unpaidInNetwork = (state: Receivables, secondary: Identifier.NikKoperasi): ReadonlyArray<Receivable> =>
  valuesOf(state.open)
    .filter((r) => r.secondary === secondary)
    .sort((a, b) => compareText(a.orderId, b.orderId))

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

/** The bucket of an unpaid invoice on a day: `NOT_DUE` (due that day or later), or by days overdue. */
export const AgeBucket = Schema.Literal("NOT_DUE", "1-30", "31-60", "61-90", "90+").annotations({
  description: "NOT_DUE: not due yet (or due today); else the days past the due date"
})

/** The bucket of an unpaid invoice on a day. */
export type AgeBucket = typeof AgeBucket.Type

/** The buckets, in the order an ageing lists them. */
export const ageBuckets: ReadonlyArray<AgeBucket> = AgeBucket.literals

/** Schema of one unpaid tempo invoice, aged on a day. Amounts in whole rupiah. */
export const AgedReceivable = ViewSchema.struct("AgedReceivable", "one unpaid TOMIKO tempo invoice, aged on a day (WIB)", {
  orderId: OrderId,
  seller: Identifier.NikKoperasi,
  buyer: Identifier.NikKoperasi,
  /** The secondary cooperative whose network the order runs in. */
  secondary: Identifier.NikKoperasi,
  terms: PaymentTerms.PaymentTerms,
  /** The invoice's total, net of the order's credit notes. */
  total: Rupiah.Rupiah.annotations({ description: "the invoice's total, net of the order's credit notes" }),
  paid: Rupiah.Rupiah,
  /** What is still owed: total less paid. */
  outstanding: Rupiah.Rupiah.annotations({ description: "what is still owed: total less paid" }),
  invoicedOn: CalendarDate.CalendarDate,
  dueOn: CalendarDate.CalendarDate,
  /** Days past the due date; 0 when not due yet. */
  daysOverdue: Schema.NonNegativeInt.annotations({ description: "days past the due date; 0 when not due yet" }),
  bucket: AgeBucket
})

/** One unpaid tempo invoice, aged on a day. */
export interface AgedReceivable extends Schema.Schema.Type<typeof AgedReceivable> {}

/** Schema of one bucket's sum: how many unpaid invoices are in it and what they still owe. */
export const BucketTotal = Schema.Struct({
  bucket: AgeBucket,
  invoices: Schema.NonNegativeInt.annotations({ description: "unpaid invoices in the bucket" }),
  outstanding: Schema.NonNegativeInt.annotations({ description: "what they still owe, in whole rupiah" })
}).annotations({ identifier: "AgeingBucketTotal" })

/** One bucket's sum. */
export interface BucketTotal extends Schema.Schema.Type<typeof BucketTotal> {}

/** Schema of an ageing: every unpaid tempo invoice of a seller or a network on a day, by bucket. */
export const Ageing = ViewSchema.struct("ReceivablesAgeing", "unpaid TOMIKO tempo invoices by age bucket on a day (WIB)", {
  /** The day the invoices are aged on (WIB). */
  asOf: CalendarDate.CalendarDate.annotations({ description: "the day the invoices are aged on (WIB)" }),
  /** Every bucket, not due first, with its count and sum (zero when empty). */
  buckets: Schema.Array(BucketTotal).annotations({ description: "every bucket, NOT_DUE first, with its count and what it still owes" }),
  /** What every unpaid invoice still owes. */
  outstanding: Schema.NonNegativeInt.annotations({ description: "what every unpaid invoice still owes, in whole rupiah" }),
  /** The invoices, most overdue first, then by order id. */
  receivables: Schema.Array(AgedReceivable).annotations({ description: "the unpaid invoices, most overdue first, then by order id" })
})

/** Every unpaid tempo invoice of a seller or a network on a day, by bucket. */
export interface Ageing extends Schema.Schema.Type<typeof Ageing> {}

/** `receivable` aged on `today`. */
export const aged = (receivable: Receivable, today: CalendarDate.CalendarDate): AgedReceivable => {
  const daysOverdue = Math.max(0, CalendarDate.daysBetween(receivable.dueOn, today))
  return {
    ...receivable,
    outstanding: Rupiah.unsafeMake(Math.max(0, receivable.total - receivable.paid)),
    daysOverdue,
    bucket: daysOverdue === 0 ? "NOT_DUE" : bucketOf(daysOverdue)
  }
}

/**
 * The ageing of `receivables` (a seller's `unpaid`, or a network's `unpaidInNetwork`) on `today`:
 * each in its bucket, and every bucket's count and sum, which add up to the whole.
 */
export const ageing = (receivables: ReadonlyArray<Receivable>, today: CalendarDate.CalendarDate): Ageing => {
  const all = receivables.map((r) => aged(r, today)).sort((a, b) => b.daysOverdue - a.daysOverdue || compareText(a.orderId, b.orderId))
  return {
    asOf: today,
    buckets: ageBuckets.map((bucket) => {
      const inBucket = all.filter((r) => r.bucket === bucket)
      return { bucket, invoices: inBucket.length, outstanding: inBucket.reduce((sum, r) => sum + r.outstanding, 0) }
    }),
    outstanding: all.reduce((sum, r) => sum + r.outstanding, 0),
    receivables: all
  }
}

/** A seller's ageing, as a query answers it. */
export interface SellerAgeing {
  readonly seller: Identifier.NikKoperasi
  readonly ageing: Ageing
}

/** A network's ageing (its secondary's NIK), as a query answers it. */
export interface NetworkAgeing {
  readonly secondary: Identifier.NikKoperasi
  readonly ageing: Ageing
}

/**
 * Who sees a seller's ageing: its own admin and the Dinas. A buyer sees what it owes in its own
 * statement (`CooperativeStatement`), not what the seller's other buyers owe; anyone else gets
 * none ("not found").
 */
export const sellerVisibleTo: Visibility.ReadPolicy<SellerAgeing> = (actor: Visibility.Viewer, view: SellerAgeing) =>
  Visibility.isDinas(actor) || (actor._tag === "KOPERASI_ADMIN" && actor.nik === view.seller) ? Option.some(view) : Option.none()

/**
 * Who sees a network's ageing: the admin of the secondary cooperative that runs it (it settles
 * the network's orders and arbitrates its disputes) and the Dinas. Member primaries do not: the
 * network's receivables name who owes whom (adr/0086). Anyone else gets none ("not found").
 */
export const networkVisibleTo: Visibility.ReadPolicy<NetworkAgeing> = (actor: Visibility.Viewer, view: NetworkAgeing) =>
  Visibility.isDinas(actor) || (actor._tag === "KOPERASI_ADMIN" && actor.nik === view.secondary) ? Option.some(view) : Option.none()
