/**
 * @jatim/opop-sql: OPOP's read models in PostgreSQL, on the adapter side of the house — each a
 * projection that keeps tables of its own through `@effect/sql`'s `SqlClient`, with queries that
 * answer exactly what `@jatim/opop`'s pure read model of the same name answers for the same
 * events. The domain package stays free of SQL (adr/0072).
 *
 * @since 0.1.0
 */

/** The four read models in one schema (`SqlReadModels.make({ schema })`), and each one's module. */
export * as SqlReadModels from "./SqlReadModels.js"
/** The product catalogue in SQL. */
export * as SqlProductCatalogue from "./ProductCatalogue.js"
/** The pesantren directory in SQL. */
export * as SqlPesantrenDirectory from "./PesantrenDirectory.js"
/** The per-kabupaten/kota dashboard in SQL. */
export * as SqlKabupatenDashboard from "./KabupatenDashboard.js"
/** Certificates expiring within N days, in SQL. */
export * as SqlExpiringCertificates from "./ExpiringCertificates.js"
/** What a query of a SQL read model fails with: the database (`SqlError`), or a row that does not decode (`ParseError`). */
export type { QueryError } from "./internal/sql.js"
