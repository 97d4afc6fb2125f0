/**
 * The kabupaten/kota leaderboard as a SQL read model: the same standings as the pure
 * `KabupatenLeaderboard`, kept in four tables of a PostgreSQL schema of your choice by a
 * projection, and queried with `regions` and `learners`.
 *
 * Tables (in `options.schema`): `sijawara_leaderboard_enrolled` (who enrolled from each
 * kabupaten/kota), `sijawara_leaderboard_completions` (each course completed, by kabupaten/kota
 * and learner, with when), `sijawara_leaderboard_learners` (per kabupaten/kota and learner: the
 * courses completed and when the last one counted was) and `sijawara_leaderboard_regions` (per
 * kabupaten/kota: learners enrolled, courses completed). The first two make an event applied
 * twice count once; the last two are kept as events arrive, so `regions` reads at most 38 rows
 * and `learners` the top of one kabupaten/kota's index (`sijawara_leaderboard_learners_rank`),
 * however many learners it has. Ranks are competition ranks, computed when queried.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { Region } from "@jatim/kernel"
import { Ids, type KabupatenLeaderboard } from "@jatim/sijawara"
import { declareTables, sqlReadModel } from "./internal/sql.js"

/** Where the leaderboard lives: the schema of its tables, and its projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** The leaderboard in SQL: its projection and its queries. */
export interface SqlKabupatenLeaderboard extends SqlReadModel.Projected {
  /** Every kabupaten/kota, most completed courses first, then most learners, then by code (as `KabupatenLeaderboard.regions`). */
  readonly regions: SqlReadModel.Query<ReadonlyArray<KabupatenLeaderboard.RegionStanding>>
  /**
   * The top `limit` (10 when absent) learners of a kabupaten/kota: most completed courses first,
   * then who got there first, then by id (as `KabupatenLeaderboard.learners`).
   */
  readonly learners: (region: Region.RegionCode, limit?: number) => SqlReadModel.Query<ReadonlyArray<KabupatenLeaderboard.LearnerStanding>>
}

/** The default projection name. */
export const defaultName = "sijawara-sql-kabupaten-leaderboard"

const RegionRow = Schema.Struct({ region: Region.RegionCode, learners: Schema.Int, completions: Schema.Int })

const LearnerRow = Schema.Struct({ learnerId: Ids.LearnerId, completions: Schema.Int })

/** Competition ranks (1, 1, 3) of items sorted by score, highest first. */
const ranked = <A extends { readonly score: number }>(sorted: ReadonlyArray<A>): ReadonlyArray<A & { readonly rank: number }> => {
  const out: Array<A & { readonly rank: number }> = []
  sorted.forEach((item, i) => {
    const previous = out[i - 1]
    out.push({ ...item, rank: previous !== undefined && previous.score === item.score ? previous.rank : i + 1 })
  })
  return out
}

/** How many rows `limit` asks for, as `Array.prototype.slice(0, max(0, limit))` counts them (`undefined`: all). */
const rowsOf = (limit: number): number | undefined => {
  const bounded = Math.max(0, limit)
  if (Number.isNaN(bounded)) return 0
  return Number.isFinite(bounded) ? Math.trunc(bounded) : undefined
}

/** The leaderboard kept in `options.schema`. */
export const make: (options: Options) => SqlKabupatenLeaderboard = sqlReadModel({
  defaultName,
  ...declareTables({
    enrolled: {
      name: "sijawara_leaderboard_enrolled",
      columns: { region: "text NOT NULL", learner_id: 'text COLLATE "C" NOT NULL' },
      primaryKey: ["region", "learner_id"]
    },
    completions: {
      name: "sijawara_leaderboard_completions",
      columns: {
        region: "text NOT NULL",
        learner_id: 'text COLLATE "C" NOT NULL',
        course_id: 'text COLLATE "C" NOT NULL',
        completed_at: "timestamptz NOT NULL"
      },
      primaryKey: ["region", "learner_id", "course_id"]
    },
    learners: {
      name: "sijawara_leaderboard_learners",
      columns: {
        region: "text NOT NULL",
        learner_id: 'text COLLATE "C" NOT NULL',
        completions: "integer NOT NULL",
        last_completed_at: "timestamptz NOT NULL"
      },
      primaryKey: ["region", "learner_id"],
      indexes: { rank: "region, completions DESC, last_completed_at, learner_id" }
    },
    regions: {
      name: "sijawara_leaderboard_regions",
      columns: { region: "text PRIMARY KEY", learners: "integer NOT NULL", completions: "integer NOT NULL" }
    }
  }),
  apply: (sql, t, event) => {
    switch (event._tag) {
      case "Enrolled":
        // A learner counts once in the kabupaten/kota they enrolled from.
        return sql`WITH fresh AS (
              INSERT INTO ${t.enrolled} (region, learner_id) VALUES (${event.region}, ${event.learnerId})
              ON CONFLICT DO NOTHING
              RETURNING region
            )
            INSERT INTO ${t.regions} AS r (region, learners, completions)
            SELECT region, 1, 0 FROM fresh
            ON CONFLICT (region) DO UPDATE SET learners = r.learners + 1`
      case "EnrollmentCompleted":
        // A course counts once for the learner, in the kabupaten/kota they enrolled from.
        return sql`WITH fresh AS (
              INSERT INTO ${t.completions} (region, learner_id, course_id, completed_at)
              VALUES (${event.region}, ${event.learnerId}, ${event.courseId}, ${event.at})
              ON CONFLICT DO NOTHING
              RETURNING region, learner_id, completed_at
            ), learner AS (
              INSERT INTO ${t.learners} AS l (region, learner_id, completions, last_completed_at)
              SELECT region, learner_id, 1, completed_at FROM fresh
              ON CONFLICT (region, learner_id) DO UPDATE
              SET completions = l.completions + 1, last_completed_at = greatest(l.last_completed_at, EXCLUDED.last_completed_at)
            )
            INSERT INTO ${t.regions} AS r (region, learners, completions)
            SELECT region, 0, 1 FROM fresh
            ON CONFLICT (region) DO UPDATE SET completions = r.completions + 1`
      case "LessonCompleted":
      case "QuizAttempted":
      case "ModulePassed":
        return Effect.void
    }
  },
  queries: (model) => ({
    regions: Effect.map(
      model.rows(
        RegionRow,
        (sql, t) => sql`SELECT region AS "region", learners AS "learners", completions AS "completions" FROM ${t.regions}`
      ),
      (rows) => {
        const counts = new Map(rows.map((row) => [row.region, row]))
        const standings = Region.all.map((region) => ({
          region: region.code,
          name: Region.displayName(region.code),
          learners: counts.get(region.code)?.learners ?? 0,
          score: counts.get(region.code)?.completions ?? 0
        }))
        standings.sort((a, b) => b.score - a.score || b.learners - a.learners || (a.region < b.region ? -1 : 1))
        return ranked(standings).map(({ rank, region, name, learners, score }) => ({ rank, region, name, learners, completions: score }))
      }
    ),
    learners: (region, limit = 10) => {
      const rows = rowsOf(limit)
      if (rows === 0) return Effect.succeed([])
      return Effect.map(
        model.rows(
          LearnerRow,
          (sql, t) => sql`SELECT learner_id AS "learnerId", completions AS "completions" FROM ${t.learners}
            WHERE region = ${region}
            ORDER BY completions DESC, last_completed_at, learner_id
            ${rows === undefined ? sql`` : sql`LIMIT ${rows}`}`
        ),
        (top) =>
          ranked(top.map((row) => ({ learnerId: row.learnerId, score: row.completions }))).map(({ rank, learnerId, score }) => ({
            rank,
            learnerId,
            completions: score
          }))
      )
    }
  })
})
