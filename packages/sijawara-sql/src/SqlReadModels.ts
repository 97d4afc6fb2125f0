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
import type { SqlClient } from "@effect/sql"
import type { Projection } from "@jatim/eventstore"
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

/** The four SQL read models, in one schema. */
export interface SqlReadModels {
  readonly learnerProgress: SqlLearnerProgress.SqlLearnerProgress
  readonly courseFunnel: SqlCourseFunnel.SqlCourseFunnel
  readonly kabupatenLeaderboard: SqlKabupatenLeaderboard.SqlKabupatenLeaderboard
  readonly certificateRegistry: SqlCertificateRegistry.SqlCertificateRegistry
  /** Their four projections, for a `ProjectionRunner`. */
  readonly projections: ReadonlyArray<Projection.Projection<SqlClient.SqlClient>>
}

/**
 * The four read models with their tables in `options.schema`, under their default projection
 * names (one set per event store: the names key their checkpoints).
 */
export const make = (options: { readonly schema: string }): SqlReadModels => {
  const learnerProgress = SqlLearnerProgress.make(options)
  const courseFunnel = SqlCourseFunnel.make(options)
  const kabupatenLeaderboard = SqlKabupatenLeaderboard.make(options)
  const certificateRegistry = SqlCertificateRegistry.make(options)
  return {
    learnerProgress,
    courseFunnel,
    kabupatenLeaderboard,
    certificateRegistry,
    projections: [learnerProgress.projection, courseFunnel.projection, kabupatenLeaderboard.projection, certificateRegistry.projection]
  }
}
