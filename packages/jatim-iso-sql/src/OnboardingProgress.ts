/**
 * Onboarding progress as a SQL read model: where each UMKM is in its onboarding, as the pure
 * `OnboardingProgress` folds it, kept in one table of a PostgreSQL schema of your choice by a
 * projection, and queried with `get` (one UMKM, by its key) and `registered` (the registered UMKM
 * of a kabupaten/kota, through an index, or of Jawa Timur).
 *
 * Table (in `options.schema`): `jatim_iso_progress_umkm`, one row per UMKM seen (see the columns
 * in `internal/progress.ts`), indexed by kabupaten/kota and NIB for the registered ones.
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import type { SqlClient, Statement } from "@effect/sql"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import type { Identifier, Region } from "@jatim/kernel"
import { OnboardingProgress } from "@jatim/jatim-iso"
import * as Progress from "./internal/progress.js"

/** Where the progress lives: the schema of its table, and its projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** Onboarding progress in SQL: its projection and its queries. */
export interface SqlOnboardingProgress extends SqlReadModel.Projected {
  /** One UMKM's progress, if it was seen (as `OnboardingProgress.get`). */
  readonly get: (nib: Identifier.Nib) => SqlReadModel.Query<Option.Option<OnboardingProgress.UmkmProgress>>
  /** Every registered UMKM (of `region`, when given), in NIB order (as `OnboardingProgress.registered`). */
  readonly registered: (region?: Region.RegionCode) => SqlReadModel.Query<ReadonlyArray<OnboardingProgress.Registered>>
}

/** The default projection name. */
export const defaultName = "jatim-iso-sql-onboarding-progress"

const dateOf = (millis: number | null): Date | null => (millis === null ? null : new Date(millis))

/** A row as the pure read model gives it. */
const toProgress = (row: Progress.Row): OnboardingProgress.UmkmProgress => ({
  nib: row.nib,
  region: row.region,
  registeredAt: dateOf(row.registeredMs),
  legalityVerified: row.legalityVerified,
  trainings: new Set(row.trainings),
  approved: new Set(row.approved),
  storefronts: new Set(row.storefronts),
  onboardedAt: dateOf(row.onboardedMs),
  withdrawnAt: dateOf(row.withdrawnMs),
  lastActivityAt: new Date(row.lastActivityMs)
})

/** The progress kept in `options.schema`. */
export const make: (options: Options) => SqlOnboardingProgress = Progress.readModel({
  defaultName,
  table: "jatim_iso_progress_umkm",
  indexes: { region: { on: "region, nib", where: "registered_ms IS NOT NULL" } },
  queries: (model) => {
    const select = (where: (sql: SqlClient.SqlClient) => Statement.Fragment) =>
      Effect.map(
        model.rows(
          Progress.Row,
          (sql, t) => sql`SELECT ${sql.literal(Progress.columns)} FROM ${t.umkm} p WHERE ${where(sql)} ORDER BY p.nib`
        ),
        (rows) => rows.map(toProgress)
      )

    return {
      get: (nib) =>
        Effect.map(
          select((sql) => sql`p.nib = ${nib}`),
          (rows) => Option.fromNullable(rows[0])
        ),
      registered: (region) =>
        Effect.map(
          select((sql) =>
            region === undefined ? sql`p.registered_ms IS NOT NULL` : sql`p.region = ${region} AND p.registered_ms IS NOT NULL`
          ),
          (rows) => rows.filter(OnboardingProgress.isRegistered)
        )
    }
  }
})
