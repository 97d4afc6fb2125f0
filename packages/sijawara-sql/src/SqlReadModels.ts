/**
 * Sijawara's read models in PostgreSQL: each a projection that keeps tables of its own in a
 * schema of your choice (through `@effect/sql`'s `SqlClient`), with queries that answer exactly
 * what the pure read model of the same name answers for the same events.
 *
 * ```ts
 * const readModels = SqlReadModels.make({ schema: "sijawara_read" })
 * const runner = yield* ProjectionRunner.make(readModels.projections)
 * const mine = yield* readModels.learnerProgress.ofLearner(learnerId)
 * ```
 *
 * @since 0.1.0
 */
import { SqlReadModel } from "@jatim/eventstore-postgres"
import * as SqlCertificateRegistry from "./CertificateRegistry.js"
import * as SqlCourseFunnel from "./CourseFunnel.js"
import * as SqlKabupatenLeaderboard from "./KabupatenLeaderboard.js"
import * as SqlLearnerProgress from "./LearnerProgress.js"

/** What a query of a SQL read model fails with: the database (`SqlError`), or a row that does not decode (`ParseError`). */
export type { QueryError } from "./internal/sql.js"
/** Learner progress in SQL. */
export * as SqlLearnerProgress from "./LearnerProgress.js"
/** The course funnel in SQL. */
export * as SqlCourseFunnel from "./CourseFunnel.js"
/** The kabupaten/kota leaderboard in SQL. */
export * as SqlKabupatenLeaderboard from "./KabupatenLeaderboard.js"
/** The certificate registry in SQL. */
export * as SqlCertificateRegistry from "./CertificateRegistry.js"

/**
 * The four read models with their tables in `options.schema`, under their default projection
 * names (one set per event store: the names key their checkpoints).
 */
export const make = SqlReadModel.makeGroup({
  learnerProgress: SqlLearnerProgress.make,
  courseFunnel: SqlCourseFunnel.make,
  kabupatenLeaderboard: SqlKabupatenLeaderboard.make,
  certificateRegistry: SqlCertificateRegistry.make
})

/** The four SQL read models, in one schema, and their four projections (for a `ProjectionRunner`). */
export type SqlReadModels = ReturnType<typeof make>
