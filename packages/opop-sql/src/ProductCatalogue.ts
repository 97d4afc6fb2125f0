/**
 * The product catalogue as a SQL read model: the same entries and filters as the pure
 * `ProductCatalogue`, kept in three tables of a PostgreSQL schema of your choice by a
 * projection, and queried with `search` and `get`.
 *
 * Tables (in `options.schema`): `opop_catalogue_products` (one row per proposed product, its
 * grade and its channels in the order they were added), `opop_catalogue_pesantren` (name and
 * kabupaten/kota of each registered pesantren) and `opop_catalogue_flagships` (the active
 * flagship of each pesantren). Products are joined to their pesantren when queried, so events of
 * different streams may come in either order, as in the pure model.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import type { SqlClient, Statement } from "@effect/sql"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { Page, Region } from "@jatim/kernel"
import { Curation, ProductCatalogue, type ProductId } from "@jatim/opop"
import { declareTables, firstRow, inKeyOrder, keepColumn, orUndefined, type PagedQuery, sqlReadModel } from "./internal/sql.js"

/** Where the catalogue lives: the schema of its tables, and its projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** The catalogue in SQL: its projection and its queries. */
export interface SqlProductCatalogue extends SqlReadModel.Projected {
  /** The products that match `filter`, by name, then id (as `ProductCatalogue.search`). */
  readonly search: (filter?: ProductCatalogue.CatalogueFilter) => SqlReadModel.Query<ReadonlyArray<ProductCatalogue.CatalogueEntry>>
  /** One page of `search` (as `ProductCatalogue.searchPage`), read from the index of its order. */
  readonly searchPage: PagedQuery<ProductCatalogue.CatalogueFilter, ProductCatalogue.CatalogueEntry, ProductCatalogue.Key>
  /** The product `productId` with its pesantren, if proposed (as `ProductCatalogue.get`). */
  readonly get: (productId: ProductId.ProductId) => SqlReadModel.Query<ProductCatalogue.CatalogueEntry | undefined>
}

/** The default projection name. */
export const defaultName = "opop-sql-product-catalogue"

/** A catalogue entry as a row of `search`: the price as PostgreSQL returns a `bigint`, as text, and absent values as NULL. */
const Row = Schema.Struct({
  ...ProductCatalogue.CatalogueEntry.fields,
  unitPrice: Schema.compose(Schema.NumberFromString, ProductCatalogue.CatalogueEntry.fields.unitPrice),
  grade: orUndefined(Curation.Grade),
  pesantrenName: orUndefined(Schema.String),
  regionCode: orUndefined(Region.RegionCode)
})

/** The catalogue kept in `options.schema`. */
export const make: (options: Options) => SqlProductCatalogue = sqlReadModel({
  defaultName,
  ...declareTables({
    products: {
      name: "opop_catalogue_products",
      columns: {
        product_id: "text PRIMARY KEY",
        nspp: "text NOT NULL",
        name: "text NOT NULL",
        category: "text NOT NULL",
        description: "text NOT NULL",
        unit_price: "bigint NOT NULL",
        monthly_capacity: "integer NOT NULL",
        status: "text NOT NULL",
        grade: "text",
        channels: "text[] NOT NULL"
      },
      indexes: { nspp: "nspp", order: 'name COLLATE "C", product_id COLLATE "C"' }
    },
    pesantren: {
      name: "opop_catalogue_pesantren",
      columns: { nspp: "text PRIMARY KEY", name: "text NOT NULL", region_code: "text NOT NULL" }
    },
    flagships: {
      name: "opop_catalogue_flagships",
      columns: { nspp: "text PRIMARY KEY", product_id: "text NOT NULL" }
    }
  }),
  apply: (sql, t, event) => {
    switch (event._tag) {
      case "PesantrenRegistered":
        return sql`INSERT INTO ${t.pesantren} (nspp, name, region_code)
          VALUES (${event.nspp}, ${event.name}, ${event.regionCode})
          ON CONFLICT (nspp) DO NOTHING`
      case "FlagshipDesignated":
        return sql`INSERT INTO ${t.flagships} (nspp, product_id) VALUES (${event.nspp}, ${event.productId})
          ON CONFLICT (nspp) DO UPDATE SET product_id = EXCLUDED.product_id`
      case "FlagshipRetired":
        return sql`DELETE FROM ${t.flagships} WHERE nspp = ${event.nspp} AND product_id = ${event.productId}`
      case "ProductProposed":
        return sql`INSERT INTO ${t.products}
          (product_id, nspp, name, category, description, unit_price, monthly_capacity, status, grade, channels)
          VALUES (${event.productId}, ${event.nspp}, ${event.name}, ${event.category}, ${event.description},
            ${String(event.unitPrice)}::bigint, ${event.monthlyCapacity}, 'PROPOSED', NULL, '{}')
          ON CONFLICT (product_id) DO NOTHING`
      case "ProductSubmittedForCuration":
        return sql`UPDATE ${t.products} SET status = 'IN_CURATION', grade = NULL WHERE product_id = ${event.productId}`
      case "ProductCurated":
        return sql`UPDATE ${t.products} SET status = 'CURATED', grade = ${event.grade} WHERE product_id = ${event.productId}`
      case "ProductMarketed":
      case "ProductWithdrawnFromMarket":
        return keepColumn(sql, t.products, event)
      case "ProductRepriced":
        return sql`UPDATE ${t.products} SET unit_price = ${event.unitPrice} WHERE product_id = ${event.productId}`
      case "MonthlyCapacityChanged":
        return sql`UPDATE ${t.products} SET monthly_capacity = ${event.monthlyCapacity} WHERE product_id = ${event.productId}`
      default:
        return Effect.void
    }
  },
  queries: (model) => {
    /** The products where every condition of `where` holds, in the catalogue's order, after `after`, `limit` at the most (all when absent). */
    const select = (where: (sql: SqlClient.SqlClient) => ReadonlyArray<Statement.Fragment>, after?: ProductCatalogue.Key, limit?: number) =>
      model.rows(
        Row,
        (sql, t) => sql`
        SELECT p.product_id AS "productId", p.nspp AS "nspp", p.name AS "name", p.category AS "category",
          p.description AS "description", p.unit_price::text AS "unitPrice", p.monthly_capacity AS "monthlyCapacity",
          p.status AS "status", p.grade AS "grade", p.channels AS "channels",
          s.name AS "pesantrenName", s.region_code AS "regionCode", (f.product_id IS NOT NULL) AS "flagship"
        FROM ${t.products} p
        LEFT JOIN ${t.pesantren} s ON s.nspp = p.nspp
        LEFT JOIN ${t.flagships} f ON f.nspp = p.nspp AND f.product_id = p.product_id
        ${inKeyOrder(sql, 'p.name COLLATE "C", p.product_id COLLATE "C"', where(sql), after, limit)}`
      )
    const filtered =
      (filter: ProductCatalogue.CatalogueFilter) =>
      (sql: SqlClient.SqlClient): ReadonlyArray<Statement.Fragment> => [
        ...(filter.category === undefined ? [] : [sql`p.category = ${filter.category}`]),
        ...(filter.grade === undefined ? [] : [sql`p.grade = ${filter.grade}`]),
        ...(filter.regionCode === undefined ? [] : [sql`s.region_code = ${filter.regionCode}`]),
        ...(filter.marketedOnly === true ? [sql`cardinality(p.channels) > 0`] : []),
        ...(filter.flagshipsOnly === true ? [sql`f.product_id IS NOT NULL`] : [])
      ]

    return {
      search: (filter = {}) => select(filtered(filter)),
      searchPage: (filter, request) =>
        Page.readAfter(ProductCatalogue.order, request, (after, limit) => select(filtered(filter), after, limit)),
      get: (productId) => firstRow(select((sql) => [sql`p.product_id = ${productId}`]))
    }
  }
})
