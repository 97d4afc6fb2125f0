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
/** Each read model's module (the same as under `SqlReadModels`). */
export {
  SqlCooperativeStatement,
  SqlListingStock,
  SqlMonthlyTrade,
  SqlNetworks,
  SqlOrderBook,
  SqlReceivablesAgeing
} from "./SqlReadModels.js"
/** What a query of a SQL read model fails with: the database (`SqlError`), or a row that does not decode (`ParseError`). */
export type { QueryError } from "./internal/sql.js"
