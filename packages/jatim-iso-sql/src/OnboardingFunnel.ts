/**
 * The onboarding funnel as a SQL read model: the same counts as the pure `OnboardingFunnel`,
 * kept in two tables of a PostgreSQL schema of your choice by a projection, and queried with
 * `funnel` and `byRegion` — from counters, so a query reads at most 38 × 7 small rows, however
 * many UMKM there are.
 *
 * Tables (in `options.schema`): `jatim_iso_funnel_umkm`, one row per UMKM seen with its stage
 * (see `internal/progress.ts`), and `jatim_iso_funnel_counts`, how many registered UMKM each
 * kabupaten/kota has at each stage (keyed by both). Each event moves its UMKM's row and, when
 * the UMKM registers or changes stage, the counters, in one statement.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { Region } from "@jatim/kernel"
import { OnboardingFunnel, Requirement } from "@jatim/jatim-iso"
import * as Progress from "./internal/progress.js"
import { declareTables, sqlReadModel } from "./internal/sql.js"

/** Where the funnel lives: the schema of its tables, and its projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** The funnel in SQL: its projection and its queries. */
export interface SqlOnboardingFunnel extends SqlReadModel.Projected {
  /** The funnel of Jawa Timur, or of one kabupaten/kota (as `OnboardingFunnel.funnel`). */
  readonly funnel: (region?: Region.RegionCode) => SqlReadModel.Query<OnboardingFunnel.Funnel>
  /** The funnel of each kabupaten/kota with a registered UMKM, in code order (as `OnboardingFunnel.byRegion`). */
  readonly byRegion: SqlReadModel.Query<ReadonlyMap<Region.RegionCode, OnboardingFunnel.Funnel>>
}

/** The default projection name. */
export const defaultName = "jatim-iso-sql-onboarding-funnel"

const CountRow = Schema.Struct({
  region: Region.RegionCode,
  stage: Requirement.Stage,
  umkm: Schema.Int
})

/** No UMKM at any stage: the pure read model's funnel of no events, to count into. */
const emptyFunnel = (): { [S in Requirement.Stage]: number } => ({ ...OnboardingFunnel.funnel(OnboardingFunnel.initial) })

/** The funnel kept in `options.schema`. */
export const make: (options: Options) => SqlOnboardingFunnel = sqlReadModel({
  defaultName,
  ...declareTables({
    umkm: Progress.table("jatim_iso_funnel_umkm"),
    counts: {
      name: "jatim_iso_funnel_counts",
      columns: { region: 'text COLLATE "C" NOT NULL', stage: "text NOT NULL", umkm: "integer NOT NULL" },
      primaryKey: ["region", "stage"]
    }
  }),
  // The row before the event, the row after, and the move between them: the stage left loses
  // the UMKM, the stage reached gains it (all in one snapshot, so `before` is the row before).
  apply: (sql, t, event) =>
    sql`WITH before AS (SELECT region, stage FROM ${t.umkm} WHERE nib = ${event.nib}),
      after AS (${Progress.upsert(sql, t.umkm, event)}),
      moved AS (
        SELECT b.region AS from_region, b.stage AS from_stage, a.region AS to_region, a.stage AS to_stage
        FROM after a LEFT JOIN before b ON true
        WHERE (b.region, b.stage) IS DISTINCT FROM (a.region, a.stage)
      ),
      leaving AS (
        UPDATE ${t.counts} c SET umkm = c.umkm - 1 FROM moved m
        WHERE m.from_stage IS NOT NULL AND c.region = m.from_region AND c.stage = m.from_stage
      )
      INSERT INTO ${t.counts} AS c (region, stage, umkm)
      SELECT to_region, to_stage, 1 FROM moved WHERE to_stage IS NOT NULL
      ON CONFLICT (region, stage) DO UPDATE SET umkm = c.umkm + 1`,
  queries: (model) => {
    const counts = (region: Region.RegionCode | undefined) =>
      model.rows(
        CountRow,
        (sql, t) => sql`SELECT region AS "region", stage AS "stage", umkm AS "umkm" FROM ${t.counts}
        WHERE ${region === undefined ? sql`umkm > 0` : sql`region = ${region} AND umkm > 0`}
        ORDER BY region`
      )

    return {
      funnel: (region) =>
        Effect.map(counts(region), (rows) => {
          const funnel = emptyFunnel()
          for (const row of rows) funnel[row.stage] += row.umkm
          return funnel
        }),
      byRegion: Effect.map(counts(undefined), (rows) => {
        const funnels = new Map<Region.RegionCode, { [S in Requirement.Stage]: number }>()
        for (const row of rows) {
          const funnel = funnels.get(row.region) ?? emptyFunnel()
          funnel[row.stage] += row.umkm
          funnels.set(row.region, funnel)
        }
        return funnels
      })
    }
  }
})
