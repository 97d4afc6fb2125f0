/** Helpers shared by the SQL read models. */
import { Effect, type ParseResult, Schema } from "effect"
import type { SqlError } from "@effect/sql/SqlError"

/** A column that is SQL `NULL` when the read model's field is `undefined`. */
export const orUndefined = <A, I, R>(schema: Schema.Schema<A, I, R>) =>
  Schema.transform(Schema.NullOr(schema), Schema.UndefinedOr(Schema.typeSchema(schema)), {
    strict: true,
    decode: (value) => value ?? undefined,
    encode: (value) => value ?? null
  })

/** A whole number PostgreSQL returns as text (`bigint`, `numeric`). */
export const IntFromText = Schema.compose(Schema.NumberFromString, Schema.Int)

/** Decodes the rows of a query with `row`, failing with a `ParseError` on anything else. */
export const decodeRows = <A, I, R, E, R2>(
  row: Schema.Schema<A, I, R>,
  rows: Effect.Effect<ReadonlyArray<unknown>, E, R2>
): Effect.Effect<ReadonlyArray<A>, E | ParseResult.ParseError, R | R2> =>
  Effect.flatMap(rows, Schema.decodeUnknown(Schema.Array(row)))

/** What a query of a SQL read model fails with: the database, or a row that does not decode. */
export type QueryError = SqlError | ParseResult.ParseError
