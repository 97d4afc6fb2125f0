/**
 * The per-kabupaten/kota dashboard as a SQL read model: the same figures as the pure
 * `KabupatenDashboard`, from three tables of facts in a PostgreSQL schema of your choice kept
 * by a projection, counted when queried with `forRegion`, `all` and `province`.
 *
 * Tables (in `options.schema`): `opop_dashboard_pesantren` (kabupaten/kota, santri count,
 * verified, suspended, active flagship), `opop_dashboard_products` (pesantren, category,
 * current grade, channels) and `opop_dashboard_santri` (pesantren, venture, graduated).
 * Products and santri count in the kabupaten/kota of their pesantren, joined when queried;
 * those whose pesantren's registration has not been seen count nowhere.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import type { Statement } from "@effect/sql"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { Region } from "@jatim/kernel"
import { Curation, type KabupatenDashboard, ProductCategory } from "@jatim/opop"
import { decodeRows, declareTables, IntFromText, keepColumn, orUndefined, sqlReadModel } from "./internal/sql.js"

/** Where the dashboard lives: the schema of its tables, and its projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** The dashboard in SQL: its projection and its queries. */
export interface SqlKabupatenDashboard extends SqlReadModel.Projected {
  /** The dashboard of one kabupaten/kota (as `KabupatenDashboard.forRegion`). */
  readonly forRegion: (regionCode: Region.RegionCode) => SqlReadModel.Query<KabupatenDashboard.Dashboard>
  /** The dashboards of all 38 kabupaten/kota, in code order (as `KabupatenDashboard.all`). */
  readonly all: SqlReadModel.Query<ReadonlyArray<KabupatenDashboard.Dashboard>>
  /** The province's totals (as `KabupatenDashboard.province`). */
  readonly province: SqlReadModel.Query<KabupatenDashboard.Dashboard>
  /** The province's totals and every kabupaten/kota's dashboard, counted once for both. */
  readonly dashboards: SqlReadModel.Query<{
    readonly province: KabupatenDashboard.Dashboard
    readonly regions: ReadonlyArray<KabupatenDashboard.Dashboard>
  }>
}

/** The default projection name. */
export const defaultName = "opop-sql-kabupaten-dashboard"

const PesantrenRow = Schema.Struct({
  regionCode: Region.RegionCode,
  registered: Schema.Int,
  verified: Schema.Int,
  suspended: Schema.Int,
  santri: IntFromText,
  activeFlagships: Schema.Int
})

const ProductRow = Schema.Struct({
  regionCode: Region.RegionCode,
  category: ProductCategory.ProductCategory,
  grade: orUndefined(Curation.Grade),
  marketed: Schema.Boolean,
  products: Schema.Int
})

const SantriRow = Schema.Struct({
  regionCode: Region.RegionCode,
  enrolled: Schema.Int,
  withVenture: Schema.Int,
  graduated: Schema.Int
})

type Figures = Omit<KabupatenDashboard.Dashboard, "regionCode" | "regionName">

const zeroCounts = <K extends string>(keys: ReadonlyArray<K>): Record<K, number> => {
  const counts: Partial<Record<K, number>> = {}
  for (const key of keys) counts[key] = 0
  return counts as Record<K, number>
}

const emptyFigures = () => ({
  pesantren: { registered: 0, verified: 0, suspended: 0, santri: 0 },
  products: {
    total: 0,
    byCategory: zeroCounts(ProductCategory.categories),
    byGrade: zeroCounts(Curation.grades),
    marketed: 0
  },
  activeFlagships: 0,
  santripreneurs: { enrolled: 0, withVenture: 0, graduated: 0 }
})

type MutableFigures = ReturnType<typeof emptyFigures>

/** The dashboard kept in `options.schema`. */
export const make: (options: Options) => SqlKabupatenDashboard = sqlReadModel({
  defaultName,
  ...declareTables({
    pesantren: {
      name: "opop_dashboard_pesantren",
      columns: {
        nspp: "text PRIMARY KEY",
        region_code: "text NOT NULL",
        santri_count: "integer NOT NULL",
        verified: "boolean NOT NULL",
        suspended: "boolean NOT NULL",
        flagship: "text"
      }
    },
    products: {
      name: "opop_dashboard_products",
      columns: {
        product_id: "text PRIMARY KEY",
        nspp: "text NOT NULL",
        category: "text NOT NULL",
        grade: "text",
        channels: "text[] NOT NULL"
      },
      indexes: { nspp: "nspp" }
    },
    santri: {
      name: "opop_dashboard_santri",
      columns: { santri_id: "text PRIMARY KEY", nspp: "text NOT NULL", venture: "boolean NOT NULL", graduated: "boolean NOT NULL" },
      indexes: { nspp: "nspp" }
    }
  }),
  apply: (sql, t, event) => {
    switch (event._tag) {
      case "PesantrenRegistered":
        return sql`INSERT INTO ${t.pesantren} (nspp, region_code, santri_count, verified, suspended, flagship)
          VALUES (${event.nspp}, ${event.regionCode}, ${event.santriCount}, false, false, NULL)
          ON CONFLICT (nspp) DO NOTHING`
      case "PesantrenVerified":
        return sql`UPDATE ${t.pesantren} SET verified = true WHERE nspp = ${event.nspp}`
      case "PesantrenSuspended":
        return sql`UPDATE ${t.pesantren} SET suspended = true WHERE nspp = ${event.nspp}`
      case "PesantrenReinstated":
        return sql`UPDATE ${t.pesantren} SET suspended = false WHERE nspp = ${event.nspp}`
      case "FlagshipDesignated":
      case "FlagshipRetired":
        return keepColumn(sql, t.pesantren, event)
      case "ProductProposed":
        return sql`INSERT INTO ${t.products} (product_id, nspp, category, grade, channels)
          VALUES (${event.productId}, ${event.nspp}, ${event.category}, NULL, '{}')
          ON CONFLICT (product_id) DO NOTHING`
      case "ProductSubmittedForCuration":
        return sql`UPDATE ${t.products} SET grade = NULL WHERE product_id = ${event.productId}`
      case "ProductCurated":
        return sql`UPDATE ${t.products} SET grade = ${event.grade} WHERE product_id = ${event.productId}`
      case "ProductMarketed":
      case "ProductWithdrawnFromMarket":
        return keepColumn(sql, t.products, event)
      case "SantripreneurEnrolled":
        return sql`INSERT INTO ${t.santri} (santri_id, nspp, venture, graduated)
          VALUES (${event.santriId}, ${event.nspp}, false, false)
          ON CONFLICT (santri_id) DO NOTHING`
      case "VentureStarted":
        return sql`UPDATE ${t.santri} SET venture = true WHERE santri_id = ${event.santriId}`
      case "SantripreneurGraduated":
        return sql`UPDATE ${t.santri} SET graduated = true WHERE santri_id = ${event.santriId}`
      default:
        return Effect.void
    }
  },
  queries: (model) => {
    /** The figures of every kabupaten/kota that `only` selects (all when undefined), by code. */
    const figures = (only: Region.RegionCode | undefined) =>
      model.query((sql, t) =>
        Effect.gen(function* () {
          const inRegion: Statement.Fragment = only === undefined ? sql`TRUE` : sql`s.region_code = ${only}`
          const [pesantren, products, santri] = yield* Effect.all([
            decodeRows(
              PesantrenRow,
              sql`
          SELECT s.region_code AS "regionCode", count(*)::int AS "registered",
            (count(*) FILTER (WHERE s.verified))::int AS "verified",
            (count(*) FILTER (WHERE s.suspended))::int AS "suspended",
            sum(s.santri_count)::text AS "santri",
            (count(*) FILTER (WHERE s.flagship IS NOT NULL))::int AS "activeFlagships"
          FROM ${t.pesantren} s WHERE ${inRegion} GROUP BY s.region_code`
            ),
            decodeRows(
              ProductRow,
              sql`
          SELECT s.region_code AS "regionCode", p.category AS "category", p.grade AS "grade",
            (cardinality(p.channels) > 0) AS "marketed", count(*)::int AS "products"
          FROM ${t.products} p JOIN ${t.pesantren} s ON s.nspp = p.nspp
          WHERE ${inRegion} GROUP BY 1, 2, 3, 4`
            ),
            decodeRows(
              SantriRow,
              sql`
          SELECT s.region_code AS "regionCode", count(*)::int AS "enrolled",
            (count(*) FILTER (WHERE n.venture))::int AS "withVenture",
            (count(*) FILTER (WHERE n.graduated))::int AS "graduated"
          FROM ${t.santri} n JOIN ${t.pesantren} s ON s.nspp = n.nspp
          WHERE ${inRegion} GROUP BY s.region_code`
            )
          ])
          const byRegion = new Map<Region.RegionCode, MutableFigures>()
          const of = (code: Region.RegionCode): MutableFigures => {
            const existing = byRegion.get(code)
            if (existing !== undefined) return existing
            const created = emptyFigures()
            byRegion.set(code, created)
            return created
          }
          for (const row of pesantren) {
            const f = of(row.regionCode)
            f.pesantren = { registered: row.registered, verified: row.verified, suspended: row.suspended, santri: row.santri }
            f.activeFlagships = row.activeFlagships
          }
          for (const row of products) {
            const f = of(row.regionCode)
            f.products.total += row.products
            f.products.byCategory[row.category] += row.products
            if (row.grade !== undefined) f.products.byGrade[row.grade] += row.products
            if (row.marketed) f.products.marketed += row.products
          }
          for (const row of santri) {
            of(row.regionCode).santripreneurs = { enrolled: row.enrolled, withVenture: row.withVenture, graduated: row.graduated }
          }
          return byRegion as ReadonlyMap<Region.RegionCode, Figures>
        })
      )

    const dashboard = (regionCode: Region.RegionCode, figures: ReadonlyMap<Region.RegionCode, Figures>): KabupatenDashboard.Dashboard => ({
      regionCode,
      regionName: Region.displayName(regionCode),
      ...(figures.get(regionCode) ?? emptyFigures())
    })

    const sum = (all: Iterable<Figures>): Figures => {
      const total = emptyFigures()
      for (const f of all) {
        total.pesantren.registered += f.pesantren.registered
        total.pesantren.verified += f.pesantren.verified
        total.pesantren.suspended += f.pesantren.suspended
        total.pesantren.santri += f.pesantren.santri
        total.products.total += f.products.total
        for (const category of ProductCategory.categories) total.products.byCategory[category] += f.products.byCategory[category]
        for (const grade of Curation.grades) total.products.byGrade[grade] += f.products.byGrade[grade]
        total.products.marketed += f.products.marketed
        total.activeFlagships += f.activeFlagships
        total.santripreneurs.enrolled += f.santripreneurs.enrolled
        total.santripreneurs.withVenture += f.santripreneurs.withVenture
        total.santripreneurs.graduated += f.santripreneurs.graduated
      }
      return total
    }

    const all = (f: ReadonlyMap<Region.RegionCode, Figures>) => Region.codes.map((code) => dashboard(code, f))
    const province = (f: ReadonlyMap<Region.RegionCode, Figures>): KabupatenDashboard.Dashboard => ({
      regionCode: undefined,
      regionName: "Provinsi Jawa Timur",
      ...sum(f.values())
    })
    return {
      forRegion: (regionCode) => Effect.map(figures(regionCode), (f) => dashboard(regionCode, f)),
      all: Effect.map(figures(undefined), all),
      province: Effect.map(figures(undefined), province),
      dashboards: Effect.map(figures(undefined), (f) => ({ province: province(f), regions: all(f) }))
    }
  }
})
