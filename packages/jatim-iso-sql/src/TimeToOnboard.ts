/**
 * Time to onboard as a SQL read model: the same onboardings and summary as the pure
 * `TimeToOnboard`, kept in one table of a PostgreSQL schema of your choice by a projection, and
 * queried with `onboardings` and `summary`.
 *
 * Table (in `options.schema`): `jatim_iso_onboard_umkm`, one row per UMKM seen (see
 * `internal/progress.ts`), with two partial indexes over the completed onboardings by duration
 * (`onboarded_ms - registered_ms`), one of them per kabupaten/kota: a query reads the completed
 * onboardings it is about, not the table. The summary's sum of days is added up by PostgreSQL in
 * the pure read model's order and doubles, its median read from the one or two middle rows, so
 * every figure is the very number the pure read model gives.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import type { SqlClient, Statement } from "@effect/sql"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { Identifier, Region } from "@jatim/kernel"
import type { TimeToOnboard } from "@jatim/jatim-iso"
import * as Progress from "./internal/progress.js"
import { decodeRows, IntFromText, orUndefined } from "./internal/sql.js"

/** Where the onboardings live: the schema of their table, and their projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** Time to onboard in SQL: its projection and its queries. */
export interface SqlTimeToOnboard extends SqlReadModel.Projected {
  /** Every completed onboarding (of `region`, when given), fastest first (as `TimeToOnboard.onboardings`). */
  readonly onboardings: (region?: Region.RegionCode) => SqlReadModel.Query<ReadonlyArray<TimeToOnboard.Onboarding>>
  /** The summary of completed onboardings (of `region`), or `undefined` when there are none (as `TimeToOnboard.summary`). */
  readonly summary: (region?: Region.RegionCode) => SqlReadModel.Query<TimeToOnboard.Summary | undefined>
}

/** The default projection name. */
export const defaultName = "jatim-iso-sql-time-to-onboard"

const OnboardingRow = Schema.Struct({
  nib: Identifier.Nib,
  region: Region.RegionCode,
  registeredMs: IntFromText,
  onboardedMs: IntFromText
})

const TotalsRow = Schema.Struct({
  count: Schema.Int,
  sumDays: orUndefined(Schema.Number),
  fastest: orUndefined(IntFromText),
  slowest: orUndefined(IntFromText)
})

const MillisRow = Schema.Struct({ millis: IntFromText })

/** The completed onboardings: the rows of the indexes, and of every query. */
const completedOnboardings = "registered_ms IS NOT NULL AND onboarded_ms IS NOT NULL"

/** The time to onboard kept in `options.schema`. */
export const make: (options: Options) => SqlTimeToOnboard = Progress.readModel({
  defaultName,
  table: "jatim_iso_onboard_umkm",
  indexes: Progress.indexAndPerRegion("duration", { on: "(onboarded_ms - registered_ms), nib", where: completedOnboardings }),
  queries: (model) => {
    /** The completed onboardings of `region` (all when undefined), as a condition on the table aliased `p`. */
    const completed = (sql: SqlClient.SqlClient, region: Region.RegionCode | undefined): Statement.Fragment =>
      sql.and([sql.literal(completedOnboardings), ...(region === undefined ? [] : [sql`p.region = ${region}`])])

    const dayMillis = Progress.dayMillis

    return {
      onboardings: (region) =>
        Effect.map(
          model.rows(
            OnboardingRow,
            (
              sql,
              t
            ) => sql`SELECT p.nib AS "nib", p.region AS "region", p.registered_ms::text AS "registeredMs", p.onboarded_ms::text AS "onboardedMs"
            FROM ${t.umkm} p WHERE ${completed(sql, region)}
            ORDER BY (p.onboarded_ms - p.registered_ms), p.nib`
          ),
          (rows) =>
            rows.map((row) => ({
              nib: row.nib,
              region: row.region,
              registeredAt: new Date(row.registeredMs),
              onboardedAt: new Date(row.onboardedMs),
              millis: row.onboardedMs - row.registeredMs
            }))
        ),
      summary: (region) =>
        model.query((sql, t) =>
          Effect.gen(function* () {
            // The days of each onboarding added up fastest first, in doubles, as the pure read model adds them.
            const [totals] = yield* decodeRows(
              TotalsRow,
              sql`SELECT count(*)::int AS "count",
              sum((p.onboarded_ms - p.registered_ms)::float8 / ${dayMillis}::float8 ORDER BY (p.onboarded_ms - p.registered_ms)) AS "sumDays",
              min(p.onboarded_ms - p.registered_ms)::text AS "fastest", max(p.onboarded_ms - p.registered_ms)::text AS "slowest"
            FROM ${t.umkm} p WHERE ${completed(sql, region)}`
            )
            if (totals === undefined || totals.count === 0) return undefined
            const { count } = totals
            const middle = Math.floor(count / 2)
            const odd = count % 2 === 1
            const middles = yield* decodeRows(
              MillisRow,
              sql`SELECT (p.onboarded_ms - p.registered_ms)::text AS "millis" FROM ${t.umkm} p WHERE ${completed(sql, region)}
            ORDER BY (p.onboarded_ms - p.registered_ms), p.nib OFFSET ${odd ? middle : middle - 1} LIMIT ${odd ? 1 : 2}`
            )
            const days = middles.map((row) => row.millis / dayMillis)
            return {
              count,
              averageDays: (totals.sumDays ?? 0) / count,
              medianDays: odd ? days[0]! : (days[0]! + days[1]!) / 2,
              fastestDays: (totals.fastest ?? 0) / dayMillis,
              slowestDays: (totals.slowest ?? 0) / dayMillis
            }
          })
        )
    }
  }
})
