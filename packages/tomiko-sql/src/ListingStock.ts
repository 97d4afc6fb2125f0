/**
 * Stock per listing as a SQL read model: the same stock as the pure `ListingStock` (on hand,
 * reserved, available, price, active), kept in one table of a PostgreSQL schema of your choice
 * by a projection, and queried with `get`, `ofSeller` and `all`.
 *
 * Table (in `options.schema`): `tomiko_listing_stock`, one row per created listing (its seller,
 * unit price, units on hand and reserved as `bigint`, whether it is still listed), indexed by
 * seller. `available` (`onHand - reserved`) is computed when queried. As in the pure model, an
 * event of a listing never created changes nothing, and a listing created again starts afresh.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { SqlClient, Statement } from "@effect/sql"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { type Identifier, Page } from "@jatim/kernel"
import { type ListingId, ListingStock } from "@jatim/tomiko"
import { bigint, declareTables, firstRow, IntFromText, listingEvents, RupiahFromText, sqlReadModel } from "./internal/sql.js"

/** Where the stock lives: the schema of its table, and its projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** Stock per listing in SQL: its projection and its queries. */
export interface SqlListingStock extends SqlReadModel.Projected {
  /** The stock of `listingId`, if it was created (as `ListingStock.get`). */
  readonly get: (listingId: ListingId.ListingId) => SqlReadModel.Query<ListingStock.Stock | undefined>
  /** The stock of every listing of `seller`, by listing id in code-unit order (as `ListingStock.ofSeller`). */
  readonly ofSeller: (seller: Identifier.NikKoperasi) => SqlReadModel.Query<ReadonlyArray<ListingStock.Stock>>
  /** The stock of every listing, by listing id in code-unit order (as `ListingStock.all`). */
  readonly all: SqlReadModel.Query<ReadonlyArray<ListingStock.Stock>>
  /** One page of `all` (as `ListingStock.allPage`), read from the table's key. */
  readonly allPage: (request: Page.Request<ListingStock.Key>) => SqlReadModel.Query<Page.Page<ListingStock.Stock, ListingStock.Key>>
}

/** The default projection name. */
export const defaultName = "tomiko-sql-listing-stock"

/** The stock of one listing as a row: counts as PostgreSQL returns a `bigint`, as text. */
const Row = Schema.Struct({
  ...ListingStock.Stock.fields,
  unitPrice: RupiahFromText,
  onHand: IntFromText,
  reserved: IntFromText,
  available: IntFromText
})

/** The stock kept in `options.schema`. */
export const make: (options: Options) => SqlListingStock = sqlReadModel(listingEvents, {
  defaultName,
  ...declareTables({
    stock: {
      name: "tomiko_listing_stock",
      columns: {
        listing_id: "text PRIMARY KEY",
        seller: "text NOT NULL",
        unit_price: "bigint NOT NULL",
        on_hand: "bigint NOT NULL",
        reserved: "bigint NOT NULL",
        active: "boolean NOT NULL"
      },
      // `order`: the order of `all` and its pages, by listing id in code-unit order.
      indexes: { seller: "seller", order: 'listing_id COLLATE "C"' }
    }
  }),
  apply: (sql, { stock: t }, event) => {
    switch (event._tag) {
      case "ListingCreated":
        return sql`INSERT INTO ${t} (listing_id, seller, unit_price, on_hand, reserved, active)
          VALUES (${event.listingId}, ${event.seller}, ${bigint(event.unitPrice)}::bigint, ${bigint(event.stock)}::bigint, 0, true)
          ON CONFLICT (listing_id) DO UPDATE SET seller = EXCLUDED.seller, unit_price = EXCLUDED.unit_price,
            on_hand = EXCLUDED.on_hand, reserved = 0, active = true`
      case "ListingRestocked":
        return sql`UPDATE ${t} SET on_hand = on_hand + ${bigint(event.quantity)}::bigint WHERE listing_id = ${event.listingId}`
      case "ListingRepriced":
        return sql`UPDATE ${t} SET unit_price = ${bigint(event.unitPrice)}::bigint WHERE listing_id = ${event.listingId}`
      case "ListingDelisted":
        return sql`UPDATE ${t} SET active = false WHERE listing_id = ${event.listingId}`
      case "StockReserved":
        return sql`UPDATE ${t} SET reserved = reserved + ${bigint(event.quantity)}::bigint WHERE listing_id = ${event.listingId}`
      case "StockReleased":
        return sql`UPDATE ${t} SET reserved = reserved - ${bigint(event.quantity)}::bigint WHERE listing_id = ${event.listingId}`
      case "StockCommitted":
        return sql`UPDATE ${t} SET on_hand = on_hand - ${bigint(event.quantity)}::bigint,
            reserved = reserved - ${bigint(event.quantity)}::bigint
          WHERE listing_id = ${event.listingId}`
    }
  },
  queries: (model) => {
    const select = (where: (sql: SqlClient.SqlClient) => Statement.Fragment, limit?: number) =>
      model.rows(
        Row,
        (sql, t) => sql`
        SELECT listing_id AS "listingId", seller AS "seller", unit_price::text AS "unitPrice",
          on_hand::text AS "onHand", reserved::text AS "reserved", (on_hand - reserved)::text AS "available",
          active AS "active"
        FROM ${t.stock}
        WHERE ${where(sql)}
        ORDER BY listing_id COLLATE "C"${limit === undefined ? sql.literal("") : sql` LIMIT ${limit}`}`
      )

    return {
      get: (listingId) => firstRow(select((sql) => sql`listing_id = ${listingId}`)),
      ofSeller: (seller) => select((sql) => sql`seller = ${seller}`),
      all: select((sql) => sql`TRUE`),
      allPage: (request) =>
        Page.readAfter(ListingStock.order, request, (after, limit) =>
          select((sql) => (after === undefined ? sql`TRUE` : sql`listing_id COLLATE "C" > ${after[0]}`), limit)
        )
    }
  }
})
