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
import { SqlReadModel } from "@jatim/eventstore-postgres"
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

/**
 * The four read models with their tables in `options.schema`, under their default projection
 * names (one set per event store: the names key their checkpoints).
 */
export const make = SqlReadModel.makeGroup({
  onboardingProgress: SqlOnboardingProgress.make,
  onboardingFunnel: SqlOnboardingFunnel.make,
  stalledOnboardings: SqlStalledOnboardings.make,
  timeToOnboard: SqlTimeToOnboard.make
})

/** The four SQL read models, in one schema, and their four projections (for a `ProjectionRunner`). */
export type SqlReadModels = ReturnType<typeof make>
