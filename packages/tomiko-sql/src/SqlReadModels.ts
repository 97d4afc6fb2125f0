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
import { SqlReadModel } from "@jatim/eventstore-postgres"
import * as SqlCooperativeStatement from "./CooperativeStatement.js"
import * as SqlListingStock from "./ListingStock.js"
import * as SqlMonthlyTrade from "./MonthlyTrade.js"
import * as SqlNetworks from "./Networks.js"
import * as SqlOrderBook from "./OrderBook.js"
import * as SqlReceivablesAgeing from "./ReceivablesAgeing.js"

/** What a query of a SQL read model fails with: the database (`SqlError`), or a row that does not decode (`ParseError`). */
export type { QueryError } from "./internal/sql.js"
/** The statement per cooperative in SQL. */
export * as SqlCooperativeStatement from "./CooperativeStatement.js"
/** Stock per listing in SQL. */
export * as SqlListingStock from "./ListingStock.js"
/** Monthly trade per secondary network in SQL. */
export * as SqlMonthlyTrade from "./MonthlyTrade.js"
/** The secondary networks in SQL. */
export * as SqlNetworks from "./Networks.js"
/** The order book per cooperative in SQL. */
export * as SqlOrderBook from "./OrderBook.js"
/** Receivables ageing in SQL. */
export * as SqlReceivablesAgeing from "./ReceivablesAgeing.js"

/**
 * The six read models with their tables in `options.schema`, under their default projection
 * names (one set per event store: the names key their checkpoints).
 */
export const make = SqlReadModel.makeGroup({
  listingStock: SqlListingStock.make,
  monthlyTrade: SqlMonthlyTrade.make,
  orderBook: SqlOrderBook.make,
  receivablesAgeing: SqlReceivablesAgeing.make,
  cooperativeStatement: SqlCooperativeStatement.make,
  networks: SqlNetworks.make
})

/** The six SQL read models, in one schema, and their six projections (for a `ProjectionRunner`). */
export type SqlReadModels = ReturnType<typeof make>
