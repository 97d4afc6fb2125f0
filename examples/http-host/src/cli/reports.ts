/**
 * The Dinas's reports, each read from a SQL read model of the host (the `*-sql` packages'
 * queries, on the host's read schema) as a table of columns and rows: what `jatim export`
 * writes as CSV or xlsx.
 */
import { Effect } from "effect"
import type { Region } from "@jatim/kernel"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { sqlReadModels } from "../readModels/postgres.js"
import { storeSchema } from "./database.js"

/** A cell: text, a number or a yes/no. */
export type Cell = string | number | boolean

/** A report: its columns, and one row of cells per item. */
export interface Report {
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<Cell>>
}

/** A value's leaves as `path → cell`: nested objects by dotted path, arrays joined with "; ", absent values as "". */
export const flatten = (value: unknown, prefix = ""): ReadonlyArray<readonly [string, Cell]> => {
  if (value === undefined || value === null) return [[prefix, ""]]
  if (value instanceof Date) return [[prefix, value.toISOString()]]
  if (Array.isArray(value))
    return [[prefix, value.map((item) => (typeof item === "object" ? JSON.stringify(item) : String(item))).join("; ")]]
  if (typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => flatten(inner, prefix === "" ? key : `${prefix}.${key}`))
  }
  return [[prefix, typeof value === "number" || typeof value === "boolean" ? value : String(value)]]
}

/** Items as a report: the columns of the first item's leaves (or `empty`'s when there are none). */
export const reportOf = (items: ReadonlyArray<unknown>, columns: ReadonlyArray<string>): Report => ({
  columns,
  rows: items.map((item) => {
    const cells = new Map(flatten(item))
    return columns.map((column) => cells.get(column) ?? "")
  })
})

/** The columns of `items`' leaves, in first-seen order. */
const columnsOf = (items: ReadonlyArray<unknown>, fallback: ReadonlyArray<string>): ReadonlyArray<string> => {
  if (items.length === 0) return fallback
  const seen = new Set<string>()
  for (const item of items) for (const [column] of flatten(item)) seen.add(column)
  return [...seen]
}

/** A report read from a read model, for a kabupaten/kota or the whole province. */
export interface ReportDefinition {
  readonly name: string
  readonly description: string
  /** Whether `--region` narrows it. */
  readonly byRegion: boolean
  readonly read: (region: Region.RegionCode | undefined) => SqlReadModel.Query<Report>
}

const table = <A>(query: SqlReadModel.Query<ReadonlyArray<A>>, fallback: ReadonlyArray<string>) =>
  Effect.map(query, (items) => reportOf(items, columnsOf(items, fallback)))

/** The reports `jatim export` knows, by name. */
export const reports = (): ReadonlyArray<ReportDefinition> => {
  const models = sqlReadModels(storeSchema)
  return [
    {
      name: "opop-catalogue",
      description: "OPOP product catalogue: every product with its pesantren, region, grade, channels and flagship mark",
      byRegion: true,
      read: (region) => table(models.opop.productCatalogue.search(region === undefined ? {} : { regionCode: region }), ["productId"])
    },
    {
      name: "opop-dashboard",
      description: "OPOP per-kabupaten/kota dashboard: pesantren, santri, products by category and grade, flagships, santripreneurs",
      byRegion: true,
      read: (region) =>
        table(
          region === undefined
            ? models.opop.kabupatenDashboard.all
            : Effect.map(models.opop.kabupatenDashboard.forRegion(region), (d) => [d]),
          ["regionCode"]
        )
    },
    {
      name: "sijawara-leaderboard",
      description: "Sijawara leaderboard: kabupaten/kota ranked by completed courses",
      byRegion: true,
      read: (region) =>
        table(
          Effect.map(models.sijawara.kabupatenLeaderboard.regions, (rows) =>
            rows.filter((r) => region === undefined || r.region === region)
          ),
          ["rank", "region", "name", "learners", "completions"]
        )
    },
    {
      name: "sijawara-certificates",
      description: "Sijawara certificates issued: number, learner, course and version, topic, region, date",
      byRegion: true,
      read: (region) =>
        table(models.sijawara.certificateRegistry.all(region), [
          "number",
          "learnerId",
          "courseId",
          "courseVersion",
          "topic",
          "region",
          "issuedAt"
        ])
    },
    {
      name: "jatim-iso-funnel",
      description: "JATIM ISO onboarding funnel: UMKM at each stage, per kabupaten/kota",
      byRegion: true,
      read: (region) =>
        table(
          Effect.map(models.jatimIso.onboardingFunnel.byRegion, (funnels) =>
            [...funnels]
              .filter(([code]) => region === undefined || code === region)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([code, funnel]) => ({ region: code, ...funnel }))
          ),
          ["region"]
        )
    },
    {
      name: "tomiko-monthly-trade",
      description: "TOMIKO monthly trade per secondary network: orders settled, value, fees, payouts (Rupiah)",
      byRegion: false,
      read: () => table(models.tomiko.monthlyTrade.all, ["secondary", "month", "orders", "value", "fees", "payouts"])
    }
  ]
}
