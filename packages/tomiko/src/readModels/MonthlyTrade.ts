/**
 * Monthly trade per secondary network (read model): for each secondary cooperative and month
 * (`YYYY-MM`, WIB), the orders settled in its network, their value, the secondary's fees and
 * the sellers' payouts. Trade counts when it is settled: until then it can still be disputed.
 * A network's trade is seen by its secondary's admin and the Dinas (`visibleTo`).
 *
 * @since 0.1.0
 */
import { Option, Schema } from "effect"
import { CalendarDate, Identifier, ViewSchema, Visibility } from "@jatim/kernel"
import { type Entries, inMemoryFold, lookup, noEntries, setIn, sortedEntries } from "../internal/readModel.js"
import * as Order from "../Order.js"
import { OrderSettled } from "../OrderEvent.js"

/** Schema of one network's trade in one month. Amounts in whole rupiah. */
export const MonthTrade = ViewSchema.struct("MonthTrade", "a TOMIKO secondary network's settled trade in one month (WIB)", {
  /** Orders settled in the month. */
  orders: Schema.NonNegativeInt.annotations({ description: "orders settled in the month" }),
  /** Their total value, in whole rupiah. */
  value: Schema.NonNegativeInt.annotations({ description: "their total value, in whole rupiah" }),
  /** The secondary cooperative's fees, in whole rupiah. */
  fees: Schema.NonNegativeInt.annotations({ description: "the secondary cooperative's fees, in whole rupiah" }),
  /** The sellers' payouts, in whole rupiah. */
  payouts: Schema.NonNegativeInt.annotations({ description: "the sellers' payouts, in whole rupiah" })
})

/** One network's trade in one month. Amounts in whole rupiah. */
export interface MonthTrade extends Schema.Schema.Type<typeof MonthTrade> {}

/** The read model: each network's trade in each month, by secondary cooperative and month (query it with `of`). */
export interface MonthlyTrade {
  readonly byNetworkMonth: Entries<string, MonthTrade>
}

/** No trade. */
export const initial: MonthlyTrade = { byNetworkMonth: noEntries() }

const empty: MonthTrade = { orders: 0, value: 0, fees: 0, payouts: 0 }

const keyOf = (secondary: Identifier.NikKoperasi, month: CalendarDate.Month): string => `${secondary}\u0000${month}`

/** The trade after one settlement. */
export const applyEvent = (state: MonthlyTrade, event: OrderSettled): MonthlyTrade => {
  const key = keyOf(event.secondary, CalendarDate.month(event.settledOn))
  const current = lookup(state.byNetworkMonth, key) ?? empty
  return {
    byNetworkMonth: setIn(state.byNetworkMonth, key, {
      orders: current.orders + 1,
      value: current.value + event.total,
      fees: current.fees + event.fee,
      payouts: current.payouts + event.payout
    })
  }
}

/**
 * The trade after one recorded event (`apply`) and after a batch of events, in order (`applyAll`);
 * the in-memory read model, projection `tomiko-monthly-trade` (`make`).
 */
export const { apply, applyAll, make } = inMemoryFold({
  name: "tomiko-monthly-trade",
  category: Order.category,
  eventTypes: ["OrderSettled"],
  schema: OrderSettled,
  initial,
  applyEvent
})

/** A network's trade in a month (zero when none). */
export const of = (state: MonthlyTrade, secondary: Identifier.NikKoperasi, month: CalendarDate.Month): MonthTrade =>
  lookup(state.byNetworkMonth, keyOf(secondary, month)) ?? empty

/** One network's trade in one month, as a query answers it. */
export interface NetworkMonth {
  readonly secondary: Identifier.NikKoperasi
  readonly month: CalendarDate.Month
  readonly trade: MonthTrade
}

/**
 * Who sees a network's monthly trade: the admin of the secondary cooperative that runs it and
 * the Dinas. Member primaries do not: a network may have only two or three trading members, and
 * the total less a member's own trade would disclose the others' (each member sees its own
 * orders in its book). Anyone else gets none ("not found").
 */
export const visibleTo: Visibility.ReadPolicy<NetworkMonth> = (actor: Visibility.Viewer, view: NetworkMonth) =>
  Visibility.isDinas(actor) || (actor._tag === "KOPERASI_ADMIN" && actor.nik === view.secondary) ? Option.some(view) : Option.none()

/** Schema of one month of a network's fee statement: the month and its settled trade. */
export const StatementMonth = ViewSchema.struct(
  "FeeStatementMonth",
  "one month (WIB) of a TOMIKO network's fee statement: orders settled, their value, the secondary's fees, the sellers' payouts",
  { month: CalendarDate.Month, ...MonthTrade.fields }
)

/** One month of a network's fee statement. */
export interface StatementMonth extends Schema.Schema.Type<typeof StatementMonth> {}

/** Schema of a network's monthly fee statement: what its secondary earned, month by month, and in all. */
export const FeeStatement = ViewSchema.struct(
  "FeeStatement",
  "a TOMIKO secondary network's monthly fee statement: what the secondary earned per month from the orders settled in its network",
  {
    /** The secondary cooperative that runs the network. */
    secondary: Identifier.NikKoperasi,
    /** Every month with a settlement, oldest first. */
    months: Schema.Array(StatementMonth).annotations({ description: "every month with a settlement in the network, oldest first" }),
    /** The sums of every month. */
    total: MonthTrade.annotations({ description: "the sums of every month" })
  }
)

/** A network's monthly fee statement. */
export interface FeeStatement extends Schema.Schema.Type<typeof FeeStatement> {}

/** Every month of `secondary`'s network with a settlement, oldest first. */
export const months = (state: MonthlyTrade, secondary: Identifier.NikKoperasi): ReadonlyArray<StatementMonth> => {
  const prefix = `${secondary}\u0000`
  return sortedEntries(state.byNetworkMonth)
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, trade]) => ({ month: key.slice(prefix.length), ...trade }))
}

/** The fee statement of `secondary`'s network from its months (`months`, or the SQL model's): each month and their sums. */
export const statement = (secondary: Identifier.NikKoperasi, all: ReadonlyArray<StatementMonth>): FeeStatement => ({
  secondary,
  months: all,
  total: all.reduce(
    (sum, m) => ({ orders: sum.orders + m.orders, value: sum.value + m.value, fees: sum.fees + m.fees, payouts: sum.payouts + m.payouts }),
    empty
  )
})

/**
 * Who sees a network's fee statement: as its monthly trade (`visibleTo`), the secondary's admin
 * and the Dinas; anyone else gets none ("not found").
 */
export const statementVisibleTo: Visibility.ReadPolicy<FeeStatement> = (actor: Visibility.Viewer, view: FeeStatement) =>
  Visibility.isDinas(actor) || (actor._tag === "KOPERASI_ADMIN" && actor.nik === view.secondary) ? Option.some(view) : Option.none()
