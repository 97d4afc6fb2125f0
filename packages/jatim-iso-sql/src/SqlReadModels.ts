/**
 * JATIM ISO's read models in PostgreSQL: each a projection that keeps tables of its own in a
 * schema of your choice (through `@effect/sql`'s `SqlClient`), with queries that answer exactly
 * what the pure read model of the same name answers for the same events.
 *
 * ```ts
 * const readModels = SqlReadModels.make({ schema: "jatim_iso_read" })
 * const runner = yield* ProjectionRunner.make(readModels.projections)
 * const sidoarjo = yield* readModels.onboardingFunnel.funnel("35.15")
 * ```
 *
 * @since 0.1.0
 */
import type { SqlClient } from "@effect/sql"
import type { Projection } from "@jatim/eventstore"
import * as SqlOnboardingFunnel from "./OnboardingFunnel.js"
import * as SqlOnboardingProgress from "./OnboardingProgress.js"
import * as SqlStalledOnboardings from "./StalledOnboardings.js"
import * as SqlTimeToOnboard from "./TimeToOnboard.js"

/** What a query of a SQL read model fails with: the database (`SqlError`), or a row that does not decode (`ParseError`). */
export type { QueryError } from "./internal/sql.js"
/** Onboarding progress in SQL. */
export * as SqlOnboardingProgress from "./OnboardingProgress.js"
/** The onboarding funnel in SQL. */
export * as SqlOnboardingFunnel from "./OnboardingFunnel.js"
/** Stalled onboardings in SQL. */
export * as SqlStalledOnboardings from "./StalledOnboardings.js"
/** Time to onboard in SQL. */
export * as SqlTimeToOnboard from "./TimeToOnboard.js"

/** The four SQL read models, in one schema. */
export interface SqlReadModels {
  readonly onboardingProgress: SqlOnboardingProgress.SqlOnboardingProgress
  readonly onboardingFunnel: SqlOnboardingFunnel.SqlOnboardingFunnel
  readonly stalledOnboardings: SqlStalledOnboardings.SqlStalledOnboardings
  readonly timeToOnboard: SqlTimeToOnboard.SqlTimeToOnboard
  /** Their four projections, for a `ProjectionRunner`. */
  readonly projections: ReadonlyArray<Projection.Projection<SqlClient.SqlClient>>
}

/**
 * The four read models with their tables in `options.schema`, under their default projection
 * names (one set per event store: the names key their checkpoints).
 */
export const make = (options: { readonly schema: string }): SqlReadModels => {
  const onboardingProgress = SqlOnboardingProgress.make(options)
  const onboardingFunnel = SqlOnboardingFunnel.make(options)
  const stalledOnboardings = SqlStalledOnboardings.make(options)
  const timeToOnboard = SqlTimeToOnboard.make(options)
  return {
    onboardingProgress,
    onboardingFunnel,
    stalledOnboardings,
    timeToOnboard,
    projections: [onboardingProgress.projection, onboardingFunnel.projection, stalledOnboardings.projection, timeToOnboard.projection]
  }
}
