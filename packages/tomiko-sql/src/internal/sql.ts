/**
 * TOMIKO's SQL read models on `SqlReadModel` of `@jatim/eventstore-postgres`: each reads the
 * events of one of TOMIKO's streams, as its pure read model does — listing events from listing
 * streams, order events (or only the settlements) from order streams, cooperative events (the
 * networks) from cooperative streams.
 */
import type { SqlClient } from "@effect/sql"
import { Schema } from "effect"
import { SqlReadModel } from "@jatim/eventstore-postgres"
import { type Page, Rupiah } from "@jatim/kernel"
import { Koperasi, type KoperasiEvent, Listing, type ListingEvent, Order, type OrderEvent } from "@jatim/tomiko"

export const { decodeRows, declareTables, firstRow, IntFromText, orUndefined } = SqlReadModel

/** What a query of a SQL read model fails with: the database, or a row that does not decode. */
export type QueryError = SqlReadModel.QueryError

/** A query of one page of a list filtered by `F`, in SQL. */
export type PagedQuery<F, A, K> = Page.PagedQuery<F, A, K, QueryError, SqlClient.SqlClient>

/** An amount in whole rupiah, kept as `bigint` and selected as text. */
export const RupiahFromText = Schema.compose(Schema.NumberFromString, Rupiah.Rupiah)

/** An amount in whole rupiah as a `bigint` parameter (PostgreSQL reads the text exactly). */
export const bigint = (amount: number): string => String(amount)

/** The events a SQL read model reads: their codec and the categories of their streams. */
export type Source<E extends { readonly _tag: string }> = SqlReadModel.Source<E>

/** Listing events, from `listing-<id>` streams (as `ListingStock`). */
export const listingEvents: Source<ListingEvent.ListingEvent> = { codec: Listing.codec, categories: [Listing.category] }

/** Cooperative events, from `koperasi-<nik>` streams (as `Networks`). */
export const koperasiEvents: Source<KoperasiEvent.KoperasiEvent> = { codec: Koperasi.codec, categories: [Koperasi.category] }

/** Order events, from `order-<id>` streams (as `OrderBook` and `ReceivablesAgeing`). */
export const orderEvents: Source<OrderEvent.OrderEvent> = { codec: Order.codec, categories: [Order.category] }

/**
 * Only the settlements, from `order-<id>` streams (as `MonthlyTrade`): order events decoded by
 * the order codec (its versions and upcasters), but the runner reads no other type for it.
 */
export const settlements: Source<OrderEvent.OrderEvent> = {
  codec: { ...Order.codec, eventTypes: ["OrderSettled"] },
  categories: [Order.category]
}

/** A TOMIKO read model in SQL, declared by its tables, how an event of `source` changes them, and its queries. */
export const sqlReadModel = <Key extends string, E extends { readonly _tag: string }, Queries>(
  source: Source<E>,
  definition: SqlReadModel.SourcedDefinition<Key, E, Queries>
): SqlReadModel.Make<Queries> => SqlReadModel.reading(source)(definition)
