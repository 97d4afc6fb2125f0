/**
 * The statement per cooperative as a SQL read model: the same billed orders as the pure
 * `CooperativeStatement` (a tempo order once invoiced, a `CASH` order once delivered), kept in one
 * table of a PostgreSQL schema of your choice by a projection, and queried with `lines` (one
 * cooperative's, as buyer and seller); `CooperativeStatement.statementOf` sums them.
 *
 * Table (in `options.schema`): `tomiko_statement_orders`, one row per placed order: buyer,
 * seller, terms, total, credited and paid as `bigint`, and the billing and due dates (`NULL`
 * until billed), indexed by buyer and by seller.
 *
 * @since 0.2.0
 */
import { Effect, Schema } from "effect"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import type { Identifier } from "@jatim/kernel"
import { CooperativeStatement, type PaymentTerms } from "@jatim/tomiko"
import { ofCooperative, ordersTable } from "./internal/parties.js"
import { bigint, declareTables, orderEvents, RupiahFromText, sqlReadModel } from "./internal/sql.js"

/** Where the statements live: the schema of their table, and their projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** The statements in SQL: their projection and their query. */
export interface SqlCooperativeStatement extends SqlReadModel.Projected {
  /** The billed orders of `nik`, as buyer and seller, by billing date then order id (as `CooperativeStatement.lines`). */
  readonly lines: (nik: Identifier.NikKoperasi) => SqlReadModel.Query<ReadonlyArray<CooperativeStatement.Line>>
}

/** The default projection name. */
export const defaultName = "tomiko-sql-cooperative-statement"

/** A line as a row: amounts as PostgreSQL returns a `bigint`, as text. */
const Row = Schema.Struct({
  ...CooperativeStatement.Line.fields,
  invoiced: RupiahFromText,
  credited: RupiahFromText,
  paid: RupiahFromText,
  outstanding: RupiahFromText
})

const columns = `order_id AS "orderId", terms AS "terms",
  to_char(billed_on, 'YYYY-MM-DD') AS "billedOn", to_char(due_on, 'YYYY-MM-DD') AS "dueOn",
  total::text AS "invoiced", credited::text AS "credited", paid::text AS "paid",
  GREATEST(0, total - credited - paid)::text AS "outstanding"`

/** The terms paid on delivery (the others are tempo, invoiced). */
const cash: PaymentTerms.PaymentTerms = "CASH"

/** The statements kept in `options.schema`. */
export const make: (options: Options) => SqlCooperativeStatement = sqlReadModel(orderEvents, {
  defaultName,
  ...declareTables({
    orders: ordersTable("tomiko_statement_orders", {
      terms: "text NOT NULL",
      total: "bigint NOT NULL",
      credited: "bigint NOT NULL",
      paid: "bigint NOT NULL",
      billed_on: "date",
      due_on: "date"
    })
  }),
  apply: (sql, { orders: t }, event) => {
    switch (event._tag) {
      case "OrderPlaced":
        return sql`INSERT INTO ${t} (order_id, buyer, seller, terms, total, credited, paid, billed_on, due_on)
          VALUES (${event.orderId}, ${event.buyer}, ${event.seller}, ${event.terms}, ${bigint(event.total)}::bigint, 0, 0, NULL, NULL)
          ON CONFLICT (order_id) DO UPDATE SET buyer = EXCLUDED.buyer, seller = EXCLUDED.seller, terms = EXCLUDED.terms,
            total = EXCLUDED.total, credited = 0, paid = 0, billed_on = NULL, due_on = NULL`
      case "OrderDelivered":
        // A CASH order is due on delivery, without an invoice.
        return sql`UPDATE ${t} SET billed_on = ${event.deliveredOn}::date, due_on = ${event.deliveredOn}::date
          WHERE order_id = ${event.orderId} AND terms = ${cash}`
      case "OrderInvoiced":
        return sql`UPDATE ${t} SET billed_on = ${event.invoicedOn}::date, due_on = ${event.dueOn}::date WHERE order_id = ${event.orderId}`
      case "PaymentRecorded":
        return sql`UPDATE ${t} SET paid = ${bigint(event.paidTotal)}::bigint WHERE order_id = ${event.orderId}`
      case "CreditNoteIssued":
        return sql`UPDATE ${t} SET credited = ${bigint(event.creditedTotal)}::bigint WHERE order_id = ${event.orderId}`
      default:
        return Effect.void
    }
  },
  queries: (model) => ({
    lines: (nik) =>
      model.rows(
        Row,
        (sql, t) => sql`
          SELECT * FROM (${ofCooperative(sql, t.orders, nik, columns, "billed_on IS NOT NULL")}) statement
          ORDER BY "billedOn" COLLATE "C", "orderId" COLLATE "C"`
      )
  })
})
