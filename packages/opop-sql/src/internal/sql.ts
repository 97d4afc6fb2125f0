/** Helpers shared by the SQL read models. */
import { Effect, type ParseResult, Schema } from "effect"
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { NullWhenUndefined, Projection } from "@jatim/eventstore"
import { OpopEvent } from "@jatim/opop"

/** A column that is SQL `NULL` when the read model's field is `undefined`. */
export const orUndefined = NullWhenUndefined.nullWhenUndefined

/** A whole number PostgreSQL returns as text (`bigint`, `numeric`). */
export const IntFromText = Schema.compose(Schema.NumberFromString, Schema.Int)

/** Decodes the rows of a query with `row`, failing with a `ParseError` on anything else. */
export const decodeRows = <A, I, R, E, R2>(
  row: Schema.Schema<A, I, R>,
  rows: Effect.Effect<ReadonlyArray<unknown>, E, R2>
): Effect.Effect<ReadonlyArray<A>, E | ParseResult.ParseError, R | R2> => Effect.flatMap(rows, Schema.decodeUnknown(Schema.Array(row)))

/** What a query of a SQL read model fails with: the database, or a row that does not decode. */
export type QueryError = SqlError | ParseResult.ParseError

/** What a SQL read model tells `sqlProjection` about itself. */
export interface SqlReadModelParts {
  /** The projection's (and checkpoint's) name. */
  readonly name: string
  /** The PostgreSQL schema of its tables, created before them. */
  readonly schema: string
  /** Creates its tables and indexes, idempotently. */
  readonly createTables: (sql: SqlClient.SqlClient) => Effect.Effect<unknown, unknown>
  /** Applies one event to its tables. */
  readonly apply: (sql: SqlClient.SqlClient, event: OpopEvent.OpopEvent) => Effect.Effect<unknown, unknown>
  /** Empties its tables, for a rebuild. */
  readonly truncate: (sql: SqlClient.SqlClient) => Effect.Effect<unknown, unknown>
}

/** The projection of a SQL read model over OPOP's events, applied one event at a time. */
export const sqlProjection = (parts: SqlReadModelParts): Projection.Projection<SqlClient.SqlClient> =>
  Projection.typed<OpopEvent.OpopEvent, SqlClient.SqlClient>({
    name: parts.name,
    codec: OpopEvent.codec,
    categories: OpopEvent.categories,
    setup: Effect.flatMap(SqlClient.SqlClient, (sql) =>
      Effect.zipRight(sql`CREATE SCHEMA IF NOT EXISTS ${sql(parts.schema)}`, parts.createTables(sql))
    ),
    handle: (events) =>
      Effect.flatMap(SqlClient.SqlClient, (sql) => Effect.forEach(events, (event) => parts.apply(sql, event.data), { discard: true })),
    reset: Effect.flatMap(SqlClient.SqlClient, (sql) => Effect.asVoid(parts.truncate(sql)))
  })
