/**
 * Stalled onboardings as a SQL read model: the same entries as the pure `StalledOnboardings`,
 * kept in one table of a PostgreSQL schema of your choice by a projection, and queried with
 * `stalled`, relative to a `now` argument (the caller's clock, as the pure read model takes it).
 *
 * Table (in `options.schema`): `jatim_iso_stalled_umkm`, one row per UMKM seen (see
 * `internal/progress.ts`), with two partial indexes over the open onboardings (registered,
 * neither onboarded nor withdrawn) by last activity, one of them per kabupaten/kota: a query reads
 * the entries it returns, not the table.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { Page } from "@jatim/kernel"
import { Requirement, StalledOnboardings } from "@jatim/jatim-iso"
import * as Progress from "./internal/progress.js"
import type { PagedQuery } from "./internal/sql.js"

/** Where the stalled onboardings live: the schema of their table, and their projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** Stalled onboardings in SQL: their projection and their query. */
export interface SqlStalledOnboardings extends SqlReadModel.Projected {
  /**
   * The onboardings with no activity for more than `days` days before `now` (of `region`, when
   * given), longest idle first (as `StalledOnboardings.stalled`).
   */
  readonly stalled: (options: StalledOnboardings.StalledOptions) => SqlReadModel.Query<ReadonlyArray<StalledOnboardings.Stalled>>
  /** One page of `stalled` (as `StalledOnboardings.stalledPage`), read from the index of its order. */
  readonly stalledPage: PagedQuery<StalledOnboardings.StalledOptions, StalledOnboardings.Stalled, StalledOnboardings.Key>
}

/** The default projection name. */
export const defaultName = "jatim-iso-sql-stalled-onboardings"

/** The largest magnitude a `bigint` bound is clamped to (far beyond any instant a `Date` holds). */
const boundLimit = 2 ** 62

/** The open onboardings (registered, neither onboarded nor withdrawn): the rows of the indexes, and of every query. */
const openOnboardings = "registered_ms IS NOT NULL AND onboarded_ms IS NULL AND withdrawn_ms IS NULL"

/** The stalled onboardings kept in `options.schema`. */
export const make: (options: Options) => SqlStalledOnboardings = Progress.readModel({
  defaultName,
  table: "jatim_iso_stalled_umkm",
  indexes: Progress.indexAndPerRegion("idle", { on: "last_activity_ms, nib", where: openOnboardings }),
  queries: (model) => {
    /** The stalled onboardings of `options`, after `after` in their order, `limit` at the most (all when absent). */
    const stalled = (
      { days, now, region }: StalledOnboardings.StalledOptions,
      after?: StalledOnboardings.Key,
      limit?: number
    ): SqlReadModel.Query<ReadonlyArray<StalledOnboardings.Stalled>> => {
      const nowMs = now.getTime()
      const idleMoreThan = days * Progress.dayMillis
      // Idle for more than NaN or +∞ milliseconds, or before an invalid `now`: never.
      if (Number.isNaN(nowMs) || Number.isNaN(idleMoreThan) || idleMoreThan === Infinity) return Effect.succeed([])
      // The pure read model's test, `now - last > idleMoreThan`, as PostgreSQL computes it in the
      // same doubles; `last <= bound` (implied by it) lets the index find the candidates.
      const bound = Math.min(boundLimit, Math.max(-boundLimit, Math.ceil(nowMs - idleMoreThan) + 1))
      return Effect.map(
        model.rows(
          Progress.Row,
          (sql, t) => sql`SELECT ${sql.literal(Progress.columns)} FROM ${t.umkm} p
            WHERE ${sql.and([
              sql.literal(openOnboardings),
              ...(region === undefined ? [] : [sql`p.region = ${region}`]),
              ...(idleMoreThan === -Infinity
                ? []
                : [
                    sql`p.last_activity_ms <= ${bound}::bigint`,
                    sql`(${nowMs}::bigint - p.last_activity_ms)::float8 > ${idleMoreThan}::float8`
                  ]),
              ...(after === undefined ? [] : [sql`(p.last_activity_ms, p.nib) > (${after[0]}::bigint, ${after[1]})`])
            ])}
            ORDER BY p.last_activity_ms, p.nib${limit === undefined ? sql.literal("") : sql` LIMIT ${limit}`}`
        ),
        (rows) =>
          rows.flatMap((row): ReadonlyArray<StalledOnboardings.Stalled> => {
            if (row.region === null) return []
            return [
              {
                nib: row.nib,
                region: row.region,
                stage: Progress.stageOf(row),
                missing: Requirement.missing(Progress.requirementProgress(row)),
                lastActivityAt: new Date(row.lastActivityMs),
                idleDays: Math.floor((nowMs - row.lastActivityMs) / Progress.dayMillis)
              }
            ]
          })
      )
    }
    return {
      stalled: (options) => stalled(options),
      stalledPage: (options, request) => Page.readAfter(StalledOnboardings.order, request, (after, limit) => stalled(options, after, limit))
    }
  }
})
