/**
 * OPOP's read models in PostgreSQL: each a projection that keeps tables of its own in a schema
 * of your choice (through `@effect/sql`'s `SqlClient`), with queries that answer exactly what
 * the pure read model of the same name answers for the same events.
 *
 * ```ts
 * const readModels = SqlReadModels.make({ schema: "opop_read" })
 * const runner = yield* ProjectionRunner.make(readModels.projections)
 * const products = yield* readModels.productCatalogue.search({ category: "MAKANAN", grade: "UNGGULAN" })
 * ```
 *
 * @since 0.1.0
 */
import { SqlReadModel } from "@jatim/eventstore-postgres"
import * as SqlExpiringCertificates from "./ExpiringCertificates.js"
import * as SqlFlagshipTargets from "./FlagshipTargets.js"
import * as SqlKabupatenDashboard from "./KabupatenDashboard.js"
import * as SqlPesantrenDirectory from "./PesantrenDirectory.js"
import * as SqlProductCatalogue from "./ProductCatalogue.js"

/** What a query of a SQL read model fails with: the database (`SqlError`), or a row that does not decode (`ParseError`). */
export type { QueryError } from "./internal/sql.js"
/** The product catalogue in SQL. */
export * as SqlProductCatalogue from "./ProductCatalogue.js"
/** The pesantren directory in SQL. */
export * as SqlPesantrenDirectory from "./PesantrenDirectory.js"
/** The per-kabupaten/kota dashboard in SQL. */
export * as SqlKabupatenDashboard from "./KabupatenDashboard.js"
/** Certificates expiring within N days, in SQL. */
export * as SqlExpiringCertificates from "./ExpiringCertificates.js"
/** Flagship products by year against the program's targets, in SQL. */
export * as SqlFlagshipTargets from "./FlagshipTargets.js"

/**
 * The five read models with their tables in `options.schema`, under their default projection
 * names (one set per event store: the names key their checkpoints).
 */
export const make = SqlReadModel.makeGroup({
  productCatalogue: SqlProductCatalogue.make,
  pesantrenDirectory: SqlPesantrenDirectory.make,
  kabupatenDashboard: SqlKabupatenDashboard.make,
  expiringCertificates: SqlExpiringCertificates.make,
  flagshipTargets: SqlFlagshipTargets.make
})

/** The five SQL read models, in one schema, and their five projections (for a `ProjectionRunner`). */
export type SqlReadModels = ReturnType<typeof make>
