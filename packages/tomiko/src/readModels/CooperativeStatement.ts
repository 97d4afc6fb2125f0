/**
 * The statement per cooperative (read model): every order a cooperative was billed for (as
 * buyer) or billed (as seller) — a tempo order once invoiced, a `CASH` order once delivered (it
 * is paid on delivery, without an invoice) — with what was billed, credited by credit notes,
 * paid and is still outstanding, and the sums as buyer (what it owes) and as seller (what it is
 * owed). A cooperative's statement is seen by its own admin and the Dinas only (`visibleTo`).
 *
 * @since 0.2.0
 */
import { Option, Schema } from "effect"
import { CalendarDate, Identifier, Rupiah, ViewSchema, Visibility } from "@jatim/kernel"
import { compareText, type Entries, inMemoryFold, lookup, noEntries, setIn } from "../internal/readModel.js"
import * as Order from "../Order.js"
import { OrderEvent } from "../OrderEvent.js"
import { OrderId } from "../OrderId.js"
import * as PaymentTerms from "../PaymentTerms.js"

/** One order as the statements keep it: its parties, total, what was credited and paid, and when it was billed. */
export interface Billing {
  readonly orderId: OrderId
  readonly buyer: Identifier.NikKoperasi
  readonly seller: Identifier.NikKoperasi
  readonly terms: PaymentTerms.PaymentTerms
  readonly total: Rupiah.Rupiah
  readonly credited: Rupiah.Rupiah
  readonly paid: Rupiah.Rupiah
  /** The day it was billed (a tempo order's invoice, a `CASH` order's delivery); undefined until then. */
  readonly billedOn: CalendarDate.CalendarDate | undefined
  /** The day it is due (a tempo invoice's due date; a `CASH` order's delivery). */
  readonly dueOn: CalendarDate.CalendarDate | undefined
}

/** The read model: every placed order by id, and each cooperative's orders. */
export interface Statements {
  readonly orders: Entries<OrderId, Billing>
  readonly byCooperative: Entries<Identifier.NikKoperasi, Entries<OrderId, true>>
}

/** No orders. */
export const initial: Statements = { orders: noEntries(), byCooperative: noEntries() }

const withOrderOf = (state: Statements, nik: Identifier.NikKoperasi, orderId: OrderId): Statements["byCooperative"] =>
  setIn(state.byCooperative, nik, setIn(lookup(state.byCooperative, nik) ?? noEntries<OrderId, true>(), orderId, true as const))

const update = (state: Statements, orderId: OrderId, f: (billing: Billing) => Billing): Statements => {
  const billing = lookup(state.orders, orderId)
  return billing === undefined ? state : { ...state, orders: setIn(state.orders, orderId, f(billing)) }
}

/** The statements after one order event. */
export const applyEvent = (state: Statements, event: OrderEvent): Statements => {
  switch (event._tag) {
    case "OrderPlaced": {
      const billing: Billing = {
        orderId: event.orderId,
        buyer: event.buyer,
        seller: event.seller,
        terms: event.terms,
        total: event.total,
        credited: Rupiah.zero,
        paid: Rupiah.zero,
        billedOn: undefined,
        dueOn: undefined
      }
      const withBuyer = {
        orders: setIn(state.orders, event.orderId, billing),
        byCooperative: withOrderOf(state, event.buyer, event.orderId)
      }
      return { ...withBuyer, byCooperative: withOrderOf(withBuyer, event.seller, event.orderId) }
    }
    case "OrderDelivered":
      // A CASH order is due on delivery, without an invoice.
      return update(state, event.orderId, (b) =>
        PaymentTerms.isTempo(b.terms) ? b : { ...b, billedOn: event.deliveredOn, dueOn: event.deliveredOn }
      )
    case "OrderInvoiced":
      return update(state, event.orderId, (b) => ({ ...b, billedOn: event.invoicedOn, dueOn: event.dueOn }))
    case "PaymentRecorded":
      return update(state, event.orderId, (b) => ({ ...b, paid: event.paidTotal }))
    case "CreditNoteIssued":
      return update(state, event.orderId, (b) => ({ ...b, credited: event.creditedTotal }))
    default:
      return state
  }
}

/**
 * The statements after one recorded event (`apply`) and after a batch of events, in order
 * (`applyAll`); the in-memory read model, projection `tomiko-cooperative-statement` (`make`).
 */
export const { apply, applyAll, make } = inMemoryFold({
  name: "tomiko-cooperative-statement",
  category: Order.category,
  eventTypes: ["OrderPlaced", "OrderDelivered", "OrderInvoiced", "PaymentRecorded", "CreditNoteIssued"],
  schema: OrderEvent,
  initial,
  applyEvent
})

/** Schema of one billed order in a cooperative's statement. Amounts in whole rupiah. */
export const Line = ViewSchema.struct("StatementLine", "one billed order in a TOMIKO cooperative's statement", {
  orderId: OrderId,
  /** Whether the cooperative was billed (`BUYER`) or billed the other (`SELLER`). */
  role: Schema.Literal("BUYER", "SELLER").annotations({ description: "whether the cooperative owes (BUYER) or is owed (SELLER)" }),
  counterparty: Identifier.NikKoperasi,
  terms: PaymentTerms.PaymentTerms,
  billedOn: CalendarDate.CalendarDate.annotations({
    description: "the day it was billed: a tempo order's invoice, a CASH order's delivery"
  }),
  dueOn: CalendarDate.CalendarDate.annotations({ description: "the day it is due: a tempo invoice's due date, a CASH order's delivery" }),
  /** The order's total, billed. */
  invoiced: Rupiah.Rupiah.annotations({ description: "the order's total, billed (credit notes are shown apart)" }),
  /** The sum of its credit notes. */
  credited: Rupiah.Rupiah.annotations({ description: "the sum of the order's credit notes" }),
  paid: Rupiah.Rupiah.annotations({ description: "what the buyer paid" }),
  /** Invoiced less credited less paid (never below zero: what was paid beyond is refunded at settlement). */
  outstanding: Rupiah.Rupiah.annotations({ description: "invoiced less credited less paid, never below zero" })
})

/** One billed order in a cooperative's statement. */
export interface Line extends Schema.Schema.Type<typeof Line> {}

/** Schema of the sums of a statement's lines in one role. */
export const Totals = ViewSchema.struct("StatementTotals", "the sums of a statement's lines in one role, in whole rupiah", {
  orders: Schema.NonNegativeInt,
  invoiced: Schema.NonNegativeInt,
  credited: Schema.NonNegativeInt,
  paid: Schema.NonNegativeInt,
  outstanding: Schema.NonNegativeInt
})

/** The sums of a statement's lines in one role. */
export interface Totals extends Schema.Schema.Type<typeof Totals> {}

/** Schema of a cooperative's statement. */
export const Statement = ViewSchema.struct("CooperativeStatement", "a TOMIKO cooperative's statement of its billed orders", {
  nik: Identifier.NikKoperasi,
  /** Every billed order, by billing date then order id. */
  lines: Schema.Array(Line).annotations({ description: "every billed order, as buyer and as seller, by billing date then order id" }),
  /** What it was billed as buyer: what it owes. */
  asBuyer: Totals.annotations({ description: "the sums as buyer: what it was billed and owes" }),
  /** What it billed as seller: what it is owed. */
  asSeller: Totals.annotations({ description: "the sums as seller: what it billed and is owed" })
})

/** A cooperative's statement. */
export interface Statement extends Schema.Schema.Type<typeof Statement> {}

/** The line of `billing` for `nik`, if it was billed. */
const lineOf = (nik: Identifier.NikKoperasi, billing: Billing): Line | undefined => {
  if (billing.billedOn === undefined || billing.dueOn === undefined) return undefined
  if (billing.buyer !== nik && billing.seller !== nik) return undefined
  // An order to itself (which the decider refuses) would be on the statement once, as the seller's.
  const asBuyer = billing.seller !== nik
  return {
    orderId: billing.orderId,
    role: asBuyer ? "BUYER" : "SELLER",
    counterparty: asBuyer ? billing.seller : billing.buyer,
    terms: billing.terms,
    billedOn: billing.billedOn,
    dueOn: billing.dueOn,
    invoiced: billing.total,
    credited: billing.credited,
    paid: billing.paid,
    outstanding: Rupiah.unsafeMake(Math.max(0, billing.total - billing.credited - billing.paid))
  }
}

/** The order of a statement's lines: by billing date, then order id (code-unit order). */
export const byBillingDate = (a: Line, b: Line): number => compareText(a.billedOn, b.billedOn) || compareText(a.orderId, b.orderId)

const none: Totals = { orders: 0, invoiced: 0, credited: 0, paid: 0, outstanding: 0 }

const sum = (lines: ReadonlyArray<Line>): Totals =>
  lines.reduce(
    (t, l) => ({
      orders: t.orders + 1,
      invoiced: t.invoiced + l.invoiced,
      credited: t.credited + l.credited,
      paid: t.paid + l.paid,
      outstanding: t.outstanding + l.outstanding
    }),
    none
  )

/** The statement of `nik` from its lines (`lines`, or the SQL model's): the lines in order and the sums per role. */
export const statementOf = (nik: Identifier.NikKoperasi, lines: ReadonlyArray<Line>): Statement => {
  const sorted = [...lines].sort(byBillingDate)
  return {
    nik,
    lines: sorted,
    asBuyer: sum(sorted.filter((l) => l.role === "BUYER")),
    asSeller: sum(sorted.filter((l) => l.role === "SELLER"))
  }
}

/** The billed orders of `nik`, as buyer and seller, by billing date then order id. */
export const lines = (state: Statements, nik: Identifier.NikKoperasi): ReadonlyArray<Line> =>
  Array.from(lookup(state.byCooperative, nik) ?? noEntries<OrderId, true>())
    .flatMap(([orderId]) => {
      const billing = lookup(state.orders, orderId)
      const line = billing === undefined ? undefined : lineOf(nik, billing)
      return line === undefined ? [] : [line]
    })
    .sort(byBillingDate)

/** The statement of `nik`. */
export const statement = (state: Statements, nik: Identifier.NikKoperasi): Statement => statementOf(nik, lines(state, nik))

/**
 * Who sees a cooperative's statement: its own admin and the Dinas. Anyone else (its
 * counterparties, its network's secondary included) gets none ("not found"): what a cooperative
 * owes and is owed is its business.
 */
export const visibleTo: Visibility.ReadPolicy<Statement> = (actor: Visibility.Viewer, view: Statement) =>
  Visibility.isDinas(actor) || (actor._tag === "KOPERASI_ADMIN" && actor.nik === view.nik) ? Option.some(view) : Option.none()
