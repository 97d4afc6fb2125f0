/**
 * Flagship products against the program's targets as a SQL read model: the same report as the
 * pure `FlagshipTargets`, from two tables of a PostgreSQL schema of your choice kept by a
 * projection, counted per year when queried with `report`.
 *
 * Tables (in `options.schema`): `opop_targets_pesantren` (each registered pesantren's
 * kabupaten/kota) and `opop_targets_designations` (each flagship designation, in order per
 * pesantren, with its day and the day it was retired: a retirement without a day counts from the
 * designation's own day, as in the pure model). Days are kept as the `YYYY-MM-DD` text the
 * events carry and compared as text, as the pure model compares them.
 *
 * @since 0.2.0
 */
import { Effect, Schema } from "effect"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { Region } from "@jatim/kernel"
import { FlagshipTargets } from "@jatim/opop"
import { declareTables, sqlReadModel } from "./internal/sql.js"

/** Where the report lives: the schema of its tables, and its projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** The report in SQL: its projection and its query. */
export interface SqlFlagshipTargets extends SqlReadModel.Projected {
  /** The report through a year, for one kabupaten/kota or all (as `FlagshipTargets.report`). */
  readonly report: (options: FlagshipTargets.ReportOptions) => SqlReadModel.Query<FlagshipTargets.Report>
}

/** The default projection name. */
export const defaultName = "opop-sql-flagship-targets"

const Row = Schema.Struct({ year: Schema.Int, regionCode: Region.RegionCode, active: Schema.Int, designated: Schema.Int })

/** The report kept in `options.schema`. */
export const make: (options: Options) => SqlFlagshipTargets = sqlReadModel({
  defaultName,
  ...declareTables({
    pesantren: { name: "opop_targets_pesantren", columns: { nspp: "text PRIMARY KEY", region_code: "text NOT NULL" } },
    designations: {
      name: "opop_targets_designations",
      columns: {
        nspp: "text NOT NULL",
        seq: "integer NOT NULL",
        product_id: "text NOT NULL",
        designated_on: "text NOT NULL",
        retired_on: "text"
      },
      primaryKey: ["nspp", "seq"]
    }
  }),
  apply: (sql, t, event) => {
    switch (event._tag) {
      case "PesantrenRegistered":
        return sql`INSERT INTO ${t.pesantren} (nspp, region_code) VALUES (${event.nspp}, ${event.regionCode})
          ON CONFLICT (nspp) DO NOTHING`
      case "FlagshipDesignated":
        // Only for a pesantren whose registration was seen, as the pure model.
        return sql`INSERT INTO ${t.designations} (nspp, seq, product_id, designated_on, retired_on)
          SELECT p.nspp, coalesce((SELECT max(seq) FROM ${t.designations} d WHERE d.nspp = p.nspp), 0) + 1,
            ${event.productId}, ${event.designatedOn}, NULL
          FROM ${t.pesantren} p WHERE p.nspp = ${event.nspp}`
      case "FlagshipRetired":
        return sql`UPDATE ${t.designations} SET retired_on = coalesce(${event.retiredOn ?? null}::text, designated_on)
          WHERE nspp = ${event.nspp} AND product_id = ${event.productId} AND retired_on IS NULL`
      default:
        return Effect.void
    }
  },
  queries: (model) => ({
    report: ({ region, throughYear }) =>
      Effect.map(
        model.rows(
          Row,
          (sql, t) => sql`
          SELECT y.year AS "year", p.region_code AS "regionCode",
            count(*) FILTER (WHERE d.designated_on <= y.last AND (d.retired_on IS NULL OR d.retired_on > y.last))::int AS "active",
            count(*) FILTER (WHERE d.designated_on >= y.first AND d.designated_on <= y.last)::int AS "designated"
          FROM (
            SELECT year, lpad(year::text, 4, '0') || '-01-01' AS first, lpad(year::text, 4, '0') || '-12-31' AS last
            FROM generate_series(${FlagshipTargets.firstYear}::int, ${throughYear}::int) AS year
          ) y
          CROSS JOIN ${t.designations} d
          JOIN ${t.pesantren} p ON p.nspp = d.nspp
          GROUP BY y.year, p.region_code`
        ),
        (rows) => assemble(rows, throughYear, region)
      )
  })
})

/** The report from the counts per year and kabupaten/kota (those with no designation count 0). */
const assemble = (
  rows: ReadonlyArray<typeof Row.Type>,
  throughYear: number,
  region: Region.RegionCode | undefined
): FlagshipTargets.Report => {
  const years = FlagshipTargets.yearsThrough(throughYear)
  const figures = (year: number, code?: Region.RegionCode) => {
    const matching = rows.filter((row) => row.year === year && (code === undefined || row.regionCode === code))
    return {
      year,
      active: matching.reduce((sum, row) => sum + row.active, 0),
      designated: matching.reduce((sum, row) => sum + row.designated, 0)
    }
  }
  return {
    province: years.map((year) => {
      const total = figures(year)
      const target = FlagshipTargets.targets.get(year)
      return { ...total, target, shareOfTarget: target === undefined ? undefined : total.active / target }
    }),
    regions: Region.all
      .filter((r) => region === undefined || r.code === region)
      .map((r) => ({ regionCode: r.code, regionName: Region.displayName(r.code), years: years.map((year) => figures(year, r.code)) }))
  }
}
