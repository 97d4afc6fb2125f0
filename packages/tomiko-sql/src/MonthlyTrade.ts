/**
 * Monthly trade per secondary network as a SQL read model: the same figures as the pure
 * `MonthlyTrade` (orders settled in a network in a month, their value, the secondary's fees and
 * the sellers' payouts), kept in one table of a PostgreSQL schema of your choice by a
 * projection that reads only the settlements, and queried with `of` (one network's month),
 * `months` (one network's months: its fee statement) and `all` (every network's months, for reports).
 *
 * Table (in `options.schema`): `tomiko_monthly_trade`, one row per secondary cooperative and
 * month (`YYYY-MM`, WIB, of the settlement date) with a settlement in it, its sums as `bigint`,
 * keyed by both: `of` reads one row, `months` one network's rows, `all` every row.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { CalendarDate, Identifier } from "@jatim/kernel"
import type { MonthlyTrade } from "@jatim/tomiko"
import { bigint, declareTables, IntFromText, settlements, sqlReadModel } from "./internal/sql.js"

/** Where the trade lives: the schema of its table, and its projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** Monthly trade in SQL: its projection and its query. */
export interface SqlMonthlyTrade extends SqlReadModel.Projected {
  /** A network's trade in a month, zero when none (as `MonthlyTrade.of`). */
  readonly of: (secondary: Identifier.NikKoperasi, month: CalendarDate.Month) => SqlReadModel.Query<MonthlyTrade.MonthTrade>
  /** One network's trade in every month with a settlement, oldest first (as `MonthlyTrade.months`). */
  readonly months: (secondary: Identifier.NikKoperasi) => SqlReadModel.Query<ReadonlyArray<MonthlyTrade.StatementMonth>>
  /** Every network's trade in every month with a settlement, by network (NIK Koperasi of the secondary), then month. */
  readonly all: SqlReadModel.Query<ReadonlyArray<NetworkMonth>>
}

/** One network's trade in one month: the secondary cooperative, the month (`YYYY-MM`) and its figures. */
export interface NetworkMonth extends MonthlyTrade.MonthTrade {
  readonly secondary: Identifier.NikKoperasi
  readonly month: CalendarDate.Month
}

/** The default projection name. */
export const defaultName = "tomiko-sql-monthly-trade"

/** One network's trade in one month as a row: sums as PostgreSQL returns a `bigint`, as text. */
const Row = Schema.Struct({
  orders: IntFromText,
  value: IntFromText,
  fees: IntFromText,
  payouts: IntFromText
})

const none: MonthlyTrade.MonthTrade = { orders: 0, value: 0, fees: 0, payouts: 0 }

/** The trade kept in `options.schema`. */
export const make: (options: Options) => SqlMonthlyTrade = sqlReadModel(settlements, {
  defaultName,
  ...declareTables({
    trade: {
      name: "tomiko_monthly_trade",
      columns: {
        secondary: "text NOT NULL",
        month: "text NOT NULL",
        orders: "bigint NOT NULL",
        value: "bigint NOT NULL",
        fees: "bigint NOT NULL",
        payouts: "bigint NOT NULL"
      },
      primaryKey: ["secondary", "month"]
    }
  }),
  apply: (sql, { trade: t }, event) => {
    switch (event._tag) {
      case "OrderSettled":
        return sql`INSERT INTO ${t} AS m (secondary, month, orders, value, fees, payouts)
          VALUES (${event.secondary}, ${CalendarDate.month(event.settledOn)}, 1, ${bigint(event.total)}::bigint,
            ${bigint(event.fee)}::bigint, ${bigint(event.payout)}::bigint)
          ON CONFLICT (secondary, month) DO UPDATE SET orders = m.orders + 1, value = m.value + EXCLUDED.value,
            fees = m.fees + EXCLUDED.fees, payouts = m.payouts + EXCLUDED.payouts`
      default:
        return Effect.void
    }
  },
  queries: (model) => ({
    of: (secondary, month) =>
      Effect.map(
        model.rows(
          Row,
          (sql, t) => sql`
            SELECT orders::text AS "orders", value::text AS "value", fees::text AS "fees", payouts::text AS "payouts"
            FROM ${t.trade} WHERE secondary = ${secondary} AND month = ${month}`
        ),
        (rows) => rows[0] ?? none
      ),
    months: (secondary) =>
      model.rows(
        Schema.Struct({ month: CalendarDate.Month, ...Row.fields }),
        (sql, t) => sql`
          SELECT month AS "month", orders::text AS "orders", value::text AS "value", fees::text AS "fees", payouts::text AS "payouts"
          FROM ${t.trade} WHERE secondary = ${secondary} ORDER BY month COLLATE "C"`
      ),
    all: model.rows(
      Schema.Struct({ secondary: Identifier.NikKoperasi, month: CalendarDate.Month, ...Row.fields }),
      (sql, t) => sql`
        SELECT secondary AS "secondary", month AS "month", orders::text AS "orders", value::text AS "value",
          fees::text AS "fees", payouts::text AS "payouts"
        FROM ${t.trade} ORDER BY secondary COLLATE "C", month COLLATE "C"`
    )
  })
})
