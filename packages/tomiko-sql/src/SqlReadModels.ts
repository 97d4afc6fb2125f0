/**
 * TOMIKO's read models in PostgreSQL: each a projection that keeps tables of its own in a schema
 * of your choice (through `@effect/sql`'s `SqlClient`), with queries that answer exactly what the
 * pure read model of the same name answers for the same events.
 *
 * ```ts
 * const readModels = SqlReadModels.make({ schema: "tomiko_read" })
 * const runner = yield* ProjectionRunner.make(readModels.projections)
 * const book = yield* readModels.orderBook.forCooperative(nik)
 * ```
 *
 * @since 0.1.0
 */
import type { SqlClient } from "@effect/sql"
import type { Projection } from "@jatim/eventstore"
import * as SqlListingStock from "./ListingStock.js"
import * as SqlMonthlyTrade from "./MonthlyTrade.js"
import * as SqlOrderBook from "./OrderBook.js"
import * as SqlReceivablesAgeing from "./ReceivablesAgeing.js"

/** What a query of a SQL read model fails with: the database (`SqlError`), or a row that does not decode (`ParseError`). */
export type { QueryError } from "./internal/sql.js"
/** Stock per listing in SQL. */
export * as SqlListingStock from "./ListingStock.js"
/** Monthly trade per secondary network in SQL. */
export * as SqlMonthlyTrade from "./MonthlyTrade.js"
/** The order book per cooperative in SQL. */
export * as SqlOrderBook from "./OrderBook.js"
/** Receivables ageing in SQL. */
export * as SqlReceivablesAgeing from "./ReceivablesAgeing.js"

/** The four SQL read models, in one schema. */
export interface SqlReadModels {
  readonly listingStock: SqlListingStock.SqlListingStock
  readonly monthlyTrade: SqlMonthlyTrade.SqlMonthlyTrade
  readonly orderBook: SqlOrderBook.SqlOrderBook
  readonly receivablesAgeing: SqlReceivablesAgeing.SqlReceivablesAgeing
  /** Their four projections, for a `ProjectionRunner`. */
  readonly projections: ReadonlyArray<Projection.Projection<SqlClient.SqlClient>>
}

/**
 * The four read models with their tables in `options.schema`, under their default projection
 * names (one set per event store: the names key their checkpoints).
 */
export const make = (options: { readonly schema: string }): SqlReadModels => {
  const listingStock = SqlListingStock.make(options)
  const monthlyTrade = SqlMonthlyTrade.make(options)
  const orderBook = SqlOrderBook.make(options)
  const receivablesAgeing = SqlReceivablesAgeing.make(options)
  return {
    listingStock,
    monthlyTrade,
    orderBook,
    receivablesAgeing,
    projections: [listingStock.projection, monthlyTrade.projection, orderBook.projection, receivablesAgeing.projection]
  }
}
