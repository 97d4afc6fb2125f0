/**
 * @jatim/tomiko-sql: TOMIKO's read models in PostgreSQL, on the adapter side of the house —
 * each a projection that keeps tables of its own through `@effect/sql`'s `SqlClient`, with
 * queries that answer exactly what `@jatim/tomiko`'s pure read model of the same name answers
 * for the same events. The domain package stays free of SQL (adr/0072).
 *
 * @since 0.1.0
 */

/** The six read models in one schema (`SqlReadModels.make({ schema })`), and each one's module. */
export * as SqlReadModels from "./SqlReadModels.js"
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
/** What a query of a SQL read model fails with: the database (`SqlError`), or a row that does not decode (`ParseError`). */
export type { QueryError } from "./internal/sql.js"
