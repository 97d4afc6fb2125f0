/**
 * Stock per listing as a SQL read model: a projection with a table of its own, kept in the
 * same transaction as its checkpoint by the PostgreSQL projection runner. CHECK constraints
 * make the database refuse any row where stock would be negative.
 *
 * It lives with the tests because `@jatim/tomiko`'s sources stay free of SQL; an application
 * that keeps its read models in PostgreSQL copies it next to its adapter.
 */
import { Effect } from "effect"
import { SqlClient } from "@effect/sql"
import { Projection } from "@jatim/eventstore"
import { Listing, type ListingEvent } from "../src/index.js"

/** A row of the table. */
export interface Row {
  readonly listing_id: string
  readonly seller: string
  readonly unit_price: number
  readonly on_hand: number
  readonly reserved: number
  readonly active: boolean
}

/** The projection `tomiko-listing-stock-sql`, with its table `<schema>.tomiko_listing_stock`. */
export const projection = (schema: string) => {
  const table = (sql: SqlClient.SqlClient) => sql(`${schema}.tomiko_listing_stock`)
  const apply = (sql: SqlClient.SqlClient, event: ListingEvent.ListingEvent) => {
    const t = table(sql)
    switch (event._tag) {
      case "ListingCreated":
        return sql`INSERT INTO ${t} (listing_id, seller, unit_price, on_hand, reserved, active)
          VALUES (${event.listingId}, ${event.seller}, ${event.unitPrice}, ${event.stock}, 0, true)
          ON CONFLICT (listing_id) DO NOTHING`
      case "ListingRestocked":
        return sql`UPDATE ${t} SET on_hand = on_hand + ${event.quantity} WHERE listing_id = ${event.listingId}`
      case "ListingRepriced":
        return sql`UPDATE ${t} SET unit_price = ${event.unitPrice} WHERE listing_id = ${event.listingId}`
      case "ListingDelisted":
        return sql`UPDATE ${t} SET active = false WHERE listing_id = ${event.listingId}`
      case "StockReserved":
        return sql`UPDATE ${t} SET reserved = reserved + ${event.quantity} WHERE listing_id = ${event.listingId}`
      case "StockReleased":
        return sql`UPDATE ${t} SET reserved = reserved - ${event.quantity} WHERE listing_id = ${event.listingId}`
      case "StockCommitted":
        return sql`UPDATE ${t} SET on_hand = on_hand - ${event.quantity}, reserved = reserved - ${event.quantity}
          WHERE listing_id = ${event.listingId}`
    }
  }
  return Projection.typed<ListingEvent.ListingEvent, SqlClient.SqlClient>({
    name: "tomiko-listing-stock-sql",
    codec: Listing.codec,
    categories: [Listing.category],
    setup: Effect.flatMap(
      SqlClient.SqlClient,
      (sql) =>
        sql`CREATE TABLE IF NOT EXISTS ${table(sql)} (
        listing_id text PRIMARY KEY,
        seller text NOT NULL,
        unit_price bigint NOT NULL,
        on_hand integer NOT NULL CHECK (on_hand >= 0),
        reserved integer NOT NULL CHECK (reserved >= 0),
        active boolean NOT NULL,
        CHECK (on_hand - reserved >= 0)
      )`
    ),
    handle: (events) =>
      Effect.flatMap(SqlClient.SqlClient, (sql) => Effect.forEach(events, (event) => apply(sql, event.data), { discard: true })),
    reset: Effect.flatMap(SqlClient.SqlClient, (sql) => sql`TRUNCATE ${table(sql)}`)
  })
}

/** Every row, by listing id. */
export const rows = (schema: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql<Row>`SELECT listing_id, seller, unit_price::int AS unit_price, on_hand, reserved, active
      FROM ${sql(`${schema}.tomiko_listing_stock`)} ORDER BY listing_id`
  )
