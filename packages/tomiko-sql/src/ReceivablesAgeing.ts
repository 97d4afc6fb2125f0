/**
 * Receivables ageing as a SQL read model: the same open tempo invoices as the pure
 * `ReceivablesAgeing`, kept in two tables of a PostgreSQL schema of your choice by a
 * projection, and queried with `unpaid`, and with `overdue` relative to a `today` argument.
 *
 * Tables (in `options.schema`): `tomiko_receivables_parties_v2` (buyer, seller and network of each
 * placed order, which an invoice does not carry) and `tomiko_receivables_open_v2` (one row per
 * invoice on tempo terms not yet paid in full: parties, network, terms, total and paid as
 * `bigint`, invoice and due dates; the total net of credit notes), indexed by due date, by seller
 * and due date and by network: `overdue` reads only the invoices due before `today`, the queries
 * only one seller's or one network's when given. A receivable leaves the table when its order is
 * paid in full or settled.
 *
 * The `_v2` tables (with the network) replace the first version's under a new projection name,
 * `tomiko-sql-receivables-ageing-v2`: its checkpoint starts at the beginning, so the projection
 * builds the new tables from every order event while the old ones are left as they were (drop
 * them at leisure; adr/0086).
 *
 * @since 0.1.0
 */
import { Effect, Schema, Struct } from "effect"
import type { SqlClient, Statement } from "@effect/sql"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import type { CalendarDate, Identifier } from "@jatim/kernel"
import { PaymentTerms, ReceivablesAgeing } from "@jatim/tomiko"
import { bigint, declareTables, IntFromText, orderEvents, RupiahFromText, sqlReadModel } from "./internal/sql.js"

/** Where the receivables live: the schema of their tables, and their projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** Receivables ageing in SQL: its projection and its queries. */
export interface SqlReceivablesAgeing extends SqlReadModel.Projected {
  /**
   * Every receivable not paid in full yet, overdue or not, by order id (code-unit order); of one
   * seller only when `seller` is given (as `ReceivablesAgeing.unpaid`).
   */
  readonly unpaid: (seller?: Identifier.NikKoperasi) => SqlReadModel.Query<ReadonlyArray<ReceivablesAgeing.Receivable>>
  /** Every receivable of the network `secondary` runs not paid in full yet, by order id (as `ReceivablesAgeing.unpaidInNetwork`). */
  readonly unpaidInNetwork: (secondary: Identifier.NikKoperasi) => SqlReadModel.Query<ReadonlyArray<ReceivablesAgeing.Receivable>>
  /**
   * The receivables overdue on `today` (due before it), most overdue first, then by order id; of
   * one seller only when `seller` is given (as `ReceivablesAgeing.overdue`).
   */
  readonly overdue: (
    today: CalendarDate.CalendarDate,
    seller?: Identifier.NikKoperasi
  ) => SqlReadModel.Query<ReadonlyArray<ReceivablesAgeing.Overdue>>
}

/** The default projection name. */
export const defaultName = "tomiko-sql-receivables-ageing-v2"

/** A receivable as a row: an `AgedReceivable` but its age, amounts as PostgreSQL returns a `bigint`, as text. */
const ReceivableRow = Schema.Struct({
  ...Struct.omit(ReceivablesAgeing.AgedReceivable.fields, "outstanding", "daysOverdue", "bucket"),
  total: RupiahFromText,
  paid: RupiahFromText
})

/** An overdue receivable as a row; its bucket is added after. */
const OverdueRow = Schema.Struct({
  ...ReceivableRow.fields,
  outstanding: IntFromText,
  daysOverdue: Schema.Int
})

const receivableColumns = `order_id AS "orderId", seller AS "seller", buyer AS "buyer", secondary AS "secondary", terms AS "terms",
  total::text AS "total", paid::text AS "paid",
  to_char(invoiced_on, 'YYYY-MM-DD') AS "invoicedOn", to_char(due_on, 'YYYY-MM-DD') AS "dueOn"`

/** The order of `ReceivablesAgeing.overdue`: most overdue first, then by id as JavaScript compares strings by locale. */
const mostOverdueFirst = (a: ReceivablesAgeing.Overdue, b: ReceivablesAgeing.Overdue): number =>
  b.daysOverdue - a.daysOverdue || a.orderId.localeCompare(b.orderId)

/** The receivables kept in `options.schema`. */
export const make: (options: Options) => SqlReceivablesAgeing = sqlReadModel(orderEvents, {
  defaultName,
  ...declareTables({
    parties: {
      name: "tomiko_receivables_parties_v2",
      columns: { order_id: "text PRIMARY KEY", buyer: "text NOT NULL", seller: "text NOT NULL", secondary: "text NOT NULL" }
    },
    open: {
      name: "tomiko_receivables_open_v2",
      columns: {
        order_id: "text PRIMARY KEY",
        seller: "text NOT NULL",
        buyer: "text NOT NULL",
        secondary: "text NOT NULL",
        terms: "text NOT NULL",
        total: "bigint NOT NULL",
        paid: "bigint NOT NULL",
        invoiced_on: "date NOT NULL",
        due_on: "date NOT NULL"
      },
      indexes: { due_on: "due_on", seller: "seller, due_on", secondary: 'secondary, order_id COLLATE "C"' }
    }
  }),
  apply: (sql, t, event) => {
    switch (event._tag) {
      case "OrderPlaced":
        return sql`INSERT INTO ${t.parties} (order_id, buyer, seller, secondary)
          VALUES (${event.orderId}, ${event.buyer}, ${event.seller}, ${event.secondary})
          ON CONFLICT (order_id) DO UPDATE SET buyer = EXCLUDED.buyer, seller = EXCLUDED.seller, secondary = EXCLUDED.secondary`
      case "OrderInvoiced":
        // Cash invoices are due at once and never age; an invoice of an order never placed has no parties.
        return PaymentTerms.isTempo(event.terms)
          ? sql`INSERT INTO ${t.open} (order_id, seller, buyer, secondary, terms, total, paid, invoiced_on, due_on)
              SELECT p.order_id, p.seller, p.buyer, p.secondary, ${event.terms}, ${bigint(event.total)}::bigint, 0,
                ${event.invoicedOn}::date, ${event.dueOn}::date
              FROM ${t.parties} p WHERE p.order_id = ${event.orderId}
              ON CONFLICT (order_id) DO UPDATE SET seller = EXCLUDED.seller, buyer = EXCLUDED.buyer, secondary = EXCLUDED.secondary,
                terms = EXCLUDED.terms,
                total = EXCLUDED.total, paid = 0, invoiced_on = EXCLUDED.invoiced_on, due_on = EXCLUDED.due_on`
          : Effect.void
      case "PaymentRecorded":
        return sql`UPDATE ${t.open} SET paid = ${bigint(event.paidTotal)}::bigint WHERE order_id = ${event.orderId}`
      case "CreditNoteIssued":
        // As the pure model: the credit note comes off the invoice's total.
        return sql`UPDATE ${t.open} SET total = GREATEST(0, total - ${bigint(event.amount)}::bigint) WHERE order_id = ${event.orderId}`
      case "OrderPaid":
      case "OrderSettled":
        return sql`DELETE FROM ${t.open} WHERE order_id = ${event.orderId}`
      default:
        return Effect.void
    }
  },
  queries: (model) => {
    const ofSeller = (sql: SqlClient.SqlClient, seller: Identifier.NikKoperasi | undefined): Statement.Fragment =>
      seller === undefined ? sql`TRUE` : sql`seller = ${seller}`

    /** The receivables not paid in full yet that `where` selects, by order id (code-unit order). */
    const unpaid = (where: (sql: SqlClient.SqlClient) => Statement.Fragment) =>
      model.rows(
        ReceivableRow,
        (sql, t) => sql`
          SELECT ${sql.literal(receivableColumns)}
          FROM ${t.open}
          WHERE ${where(sql)}
          ORDER BY order_id COLLATE "C"`
      )

    return {
      unpaid: (seller) => unpaid((sql) => ofSeller(sql, seller)),
      unpaidInNetwork: (secondary) => unpaid((sql) => sql`secondary = ${secondary}`),
      overdue: (today, seller) =>
        Effect.map(
          model.rows(
            OverdueRow,
            (sql, t) => sql`
            SELECT ${sql.literal(receivableColumns)},
              (total - paid)::text AS "outstanding", (${today}::date - due_on) AS "daysOverdue"
            FROM ${t.open}
            WHERE due_on < ${today}::date AND ${ofSeller(sql, seller)}`
          ),
          (rows) =>
            rows
              .map((row): ReceivablesAgeing.Overdue => ({ ...row, bucket: ReceivablesAgeing.bucketOf(row.daysOverdue) }))
              .sort(mostOverdueFirst)
        )
    }
  }
})
