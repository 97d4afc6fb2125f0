/**
 * The order book per cooperative as a SQL read model: the same entries as the pure `OrderBook`
 * (every order a cooperative placed or received, with its counterparty, total, paid, terms,
 * status and dispute), kept in one table of a PostgreSQL schema of your choice by a projection,
 * and queried with `forCooperative` and `partiesOf`.
 *
 * Table (in `options.schema`): `tomiko_order_book`, one row per placed order (buyer, seller,
 * total and paid as `bigint`, terms, status, disputed, date placed), indexed by buyer and by
 * seller: a cooperative's book is its orders as buyer and as seller, the other party its
 * counterparty. An order's stream begins with its one `OrderPlaced`; its later events change
 * its row, and those of an order never placed change nothing, as in the pure model.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { Identifier, Page } from "@jatim/kernel"
import { OrderBook, type OrderId } from "@jatim/tomiko"
import { ofCooperative, ordersTable } from "./internal/parties.js"
import { bigint, declareTables, orderEvents, type PagedQuery, RupiahFromText, sqlReadModel } from "./internal/sql.js"

/** Where the book lives: the schema of its table, and its projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** The order book in SQL: its projection and its queries. */
export interface SqlOrderBook extends SqlReadModel.Projected {
  /** A cooperative's orders, by date placed then id (as `OrderBook.forCooperative`). */
  readonly forCooperative: (nik: Identifier.NikKoperasi) => SqlReadModel.Query<ReadonlyArray<OrderBook.Entry>>
  /** One page of `forCooperative` (as `OrderBook.forCooperativePage`). */
  readonly forCooperativePage: PagedQuery<Identifier.NikKoperasi, OrderBook.Entry, OrderBook.Key>
  /** The two cooperatives of `orderId` (buyer, then seller), if it was placed (as `OrderBook.partiesOf`). */
  readonly partiesOf: (
    orderId: OrderId.OrderId
  ) => SqlReadModel.Query<readonly [buyer: Identifier.NikKoperasi, seller: Identifier.NikKoperasi] | undefined>
}

/** The default projection name. */
export const defaultName = "tomiko-sql-order-book"

/** An entry of a cooperative's book as a row: amounts as PostgreSQL returns a `bigint`, as text. */
const Row = Schema.Struct({ ...OrderBook.Entry.fields, total: RupiahFromText, paid: RupiahFromText })

/** The two cooperatives of an order as a row. */
const PartiesRow = Schema.Struct({ buyer: Identifier.NikKoperasi, seller: Identifier.NikKoperasi })

const columns = `order_id AS "orderId", total::text AS "total", paid::text AS "paid", terms AS "terms", status AS "status",
  disputed AS "disputed", to_char(placed_on, 'YYYY-MM-DD') AS "placedOn"`

/** The book kept in `options.schema`. */
export const make: (options: Options) => SqlOrderBook = sqlReadModel(orderEvents, {
  defaultName,
  ...declareTables({
    orders: ordersTable("tomiko_order_book", {
      total: "bigint NOT NULL",
      paid: "bigint NOT NULL",
      terms: "text NOT NULL",
      status: "text NOT NULL",
      disputed: "boolean NOT NULL",
      placed_on: "date NOT NULL"
    })
  }),
  apply: (sql, { orders: t }, event) => {
    switch (event._tag) {
      case "OrderPlaced":
        return sql`INSERT INTO ${t} (order_id, buyer, seller, total, paid, terms, status, disputed, placed_on)
          VALUES (${event.orderId}, ${event.buyer}, ${event.seller}, ${bigint(event.total)}::bigint, 0, ${event.terms},
            'PLACED', false, ${event.placedOn}::date)
          ON CONFLICT (order_id) DO UPDATE SET buyer = EXCLUDED.buyer, seller = EXCLUDED.seller, total = EXCLUDED.total,
            paid = 0, terms = EXCLUDED.terms, status = 'PLACED', disputed = false, placed_on = EXCLUDED.placed_on`
      case "PaymentRecorded":
        return sql`UPDATE ${t} SET paid = ${bigint(event.paidTotal)}::bigint WHERE order_id = ${event.orderId}`
      case "OrderDisputed":
        return sql`UPDATE ${t} SET disputed = true WHERE order_id = ${event.orderId}`
      case "DisputeResolved":
        return sql`UPDATE ${t} SET disputed = false WHERE order_id = ${event.orderId}`
      default: {
        const status = OrderBook.statusAfter(event)
        return status === undefined ? Effect.void : sql`UPDATE ${t} SET status = ${status} WHERE order_id = ${event.orderId}`
      }
    }
  },
  queries: (model) => {
    /** A cooperative's orders in the book's order (`OrderBook.order`), after `after`, `limit` at the most (all when absent). */
    const book = (nik: Identifier.NikKoperasi, after?: OrderBook.Key, limit?: number) =>
      model.rows(
        Row,
        (sql, t) => sql`
          SELECT * FROM (${ofCooperative(sql, t.orders, nik, columns)}) book
          ${after === undefined ? sql.literal("") : sql`WHERE ("placedOn" COLLATE "C", "orderId" COLLATE "C") > (${after[0]}, ${after[1]})`}
          ORDER BY "placedOn" COLLATE "C", "orderId" COLLATE "C"${limit === undefined ? sql.literal("") : sql` LIMIT ${limit}`}`
      )
    return {
      forCooperative: (nik) => book(nik),
      forCooperativePage: (nik, request) => Page.readAfter(OrderBook.order, request, (after, limit) => book(nik, after, limit)),
      partiesOf: (orderId) =>
        Effect.map(
          model.rows(PartiesRow, (sql, t) => sql`SELECT buyer AS "buyer", seller AS "seller" FROM ${t.orders} WHERE order_id = ${orderId}`),
          (rows) => (rows[0] === undefined ? undefined : ([rows[0].buyer, rows[0].seller] as const))
        )
    }
  }
})
