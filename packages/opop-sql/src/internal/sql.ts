/** OPOP's SQL read models on `SqlReadModel` of `@jatim/eventstore-postgres`: OPOP's events and categories. */
import type { SqlClient, Statement } from "@effect/sql"
import { SqlReadModel } from "@jatim/eventstore-postgres"
import type { Page } from "@jatim/kernel"
import { OpopEvent } from "@jatim/opop"

export const { decodeRows, declareTables, firstRow, IntFromText, orUndefined } = SqlReadModel

/** What a query of a SQL read model fails with: the database, or a row that does not decode. */
export type QueryError = SqlReadModel.QueryError

/** A query of one page of a list filtered by `F`, in SQL. */
export type PagedQuery<F, A, K> = Page.PagedQuery<F, A, K, QueryError, SqlClient.SqlClient>

/** An OPOP read model in SQL, declared by its tables, how an OPOP event changes them, and its queries. */
export const sqlReadModel = SqlReadModel.reading({ codec: OpopEvent.codec, categories: OpopEvent.categories })

/** The OPOP events of the tags `Tag`. */
type EventOf<Tag extends OpopEvent.OpopEvent["_tag"]> = Extract<OpopEvent.OpopEvent, { readonly _tag: Tag }>

/**
 * The statement keeping a column that several OPOP read models keep alike, in `table`: a
 * product's market channels (`channels text[]`, keyed by `product_id`: each once, in the order
 * added), or a pesantren's active flagship (`flagship`, keyed by `nspp`: NULL when none; the
 * retirement of another product changes nothing).
 */
export const keepColumn = (
  sql: SqlClient.SqlClient,
  table: Statement.Fragment,
  event: EventOf<"ProductMarketed" | "ProductWithdrawnFromMarket" | "FlagshipDesignated" | "FlagshipRetired">
) => {
  switch (event._tag) {
    case "ProductMarketed":
      return sql`UPDATE ${table} SET channels = array_append(channels, ${event.channel}::text)
          WHERE product_id = ${event.productId} AND NOT (${event.channel}::text = ANY (channels))`
    case "ProductWithdrawnFromMarket":
      return sql`UPDATE ${table} SET channels = array_remove(channels, ${event.channel}::text) WHERE product_id = ${event.productId}`
    case "FlagshipDesignated":
      return sql`UPDATE ${table} SET flagship = ${event.productId} WHERE nspp = ${event.nspp}`
    case "FlagshipRetired":
      return sql`UPDATE ${table} SET flagship = NULL WHERE nspp = ${event.nspp} AND flagship = ${event.productId}`
  }
}

/**
 * The end of a query of a list read in keyset order (see `Page.readAfter`): `WHERE` every one of
 * `conditions` holds and, when `after` is given, the row's key comes after it; `ORDER BY` the key;
 * `LIMIT limit` when given. `key` is the SQL of the key's two columns in the list's order (such as
 * `name COLLATE "C", nspp COLLATE "C"`), compared as a row with `after`.
 */
export const inKeyOrder = (
  sql: SqlClient.SqlClient,
  key: string,
  conditions: ReadonlyArray<Statement.Fragment>,
  after?: readonly [Page.KeyPart, Page.KeyPart],
  limit?: number
): Statement.Fragment =>
  sql`WHERE ${sql.and([...conditions, ...(after === undefined ? [] : [sql`(${sql.literal(key)}) > (${after[0]}, ${after[1]})`])])}
        ORDER BY ${sql.literal(key)}${limit === undefined ? sql.literal("") : sql` LIMIT ${limit}`}`
