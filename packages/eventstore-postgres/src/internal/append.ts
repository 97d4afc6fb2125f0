/**
 * Appends on PostgreSQL: one call of the `append_to_stream` SQL function, which checks every
 * expected-version variant under the stream's row lock, inserts the batch and bumps the
 * stream's version, atomically; inline projections in the same transaction; in a caller's
 * transaction, a savepoint of its own (adr/0060).
 */
import { Effect, Option } from "effect"
import { SqlClient } from "@effect/sql"
import { SqlError } from "@effect/sql/SqlError"
import {
  type Adapter,
  EventStoreUnavailable,
  type ExpectedVersion,
  GlobalPosition,
  InlineProjectionFailed,
  Projection
} from "@jatim/eventstore"
import { appendFailure, retryTransient, unavailable } from "./errors.js"
import type { Notifier } from "./notifier.js"
import { eventColumns } from "./rows.js"
import type { Tables } from "./tables.js"

/** `append_to_stream`'s result from its text form `(version,transaction,position,written)`. */
const appendResult = (text: unknown) => {
  const match = typeof text === "string" ? /^\((\d{1,15}),(\d{0,15}),(\d{0,15}),(\d{1,15})\)$/.exec(text) : null
  if (match === null) return undefined
  const [, version, transaction, position, written] = match
  return {
    nextExpectedVersion: Number(version),
    lastPosition: transaction === "" || position === "" ? undefined : GlobalPosition.make(Number(transaction), Number(position)),
    eventsWritten: Number(written)
  }
}

/** The adapter's `append`: `channel` is the store's NOTIFY channel, `inline` its inline projections. */
export const makeAppend = (
  tables: Tables,
  channel: string,
  notifier: Notifier,
  inline: ReadonlyArray<Projection.Projection<SqlClient.SqlClient>>
): Adapter.Primitives["append"] => {
  const { decodeRows, events, schema, sql, streams } = tables
  // `SELECT f(…)`, not `SELECT * FROM f(…)`: a function scan costs a plan per call (measured:
  // about a tenth of an append's throughput). The result is the composite's text form.
  const appendStatement = `SELECT "${schema}".append_to_stream($1, $2, $3, $4, $5, $6, $7, $8, $9)::text AS result`

  /**
   * One call of `append_to_stream`. `notifyAtCommit` makes the function notify in the
   * transaction (for a caller's transaction, whose commit is not ours to see).
   */
  const callAppend = (append: Adapter.PreparedAppend, expected: ExpectedVersion.ExpectedVersion, notifyAtCommit: boolean) =>
    Effect.gen(function* () {
      const count = append.events.length
      const eventIds = new Array<string>(count)
      const types = new Array<string>(count)
      const data = new Array<string>(count)
      const metadata = new Array<string>(count)
      for (let i = 0; i < count; i++) {
        const event = append.events[i]!
        eventIds[i] = event.eventId
        types[i] = event.type
        data[i] = event.dataJson
        metadata[i] = event.metadataJson
      }
      const rows = yield* sql
        .unsafe<{ readonly result: unknown }>(appendStatement, [
          append.streamName,
          append.category,
          expected._tag,
          expected._tag === "Exact" ? expected.version : null,
          eventIds,
          types,
          data,
          metadata,
          notifyAtCommit ? channel : null
        ])
        .pipe(Effect.mapError((error) => appendFailure(error, append.streamName, expected)))
      const result = appendResult(rows[0]?.result)
      if (result === undefined) {
        return yield* new EventStoreUnavailable({
          operation: `append to "${append.streamName}"`,
          reason: `append_to_stream returned ${JSON.stringify(rows[0]?.result)}, not (version,transaction,position,written)`
        })
      }
      return result
    })

  /** Applies the inline projections to what an append wrote, in its transaction. */
  const applyInline = (streamName: string, result: { readonly nextExpectedVersion: number; readonly eventsWritten: number }) =>
    Effect.gen(function* () {
      if (result.eventsWritten === 0) return
      const rows = yield* sql<Record<string, unknown>>`
          SELECT ${sql.literal(eventColumns)} FROM ${events} AS stored
          WHERE stream_name = ${streamName} AND stream_version > ${result.nextExpectedVersion - result.eventsWritten}
          ORDER BY stored.stream_version`.pipe(Effect.mapError(unavailable(`read back the append to "${streamName}"`)))
      const written = yield* Effect.mapError(
        decodeRows(rows),
        (error) => new EventStoreUnavailable({ operation: `read back the append to "${streamName}"`, reason: error.message })
      )
      for (const projection of inline) {
        const selected = written.filter((event) => Projection.selects(projection.filter, event))
        if (selected.length === 0) continue
        yield* Effect.provideService(projection.handle(selected), SqlClient.SqlClient, sql).pipe(
          Effect.mapError(
            (error) =>
              new InlineProjectionFailed({
                projection: projection.name,
                streamName,
                reason: error instanceof Error ? error.message : String(error)
              })
          )
        )
      }
    })

  /**
   * Locks a stream's row until the caller's transaction ends: after a conflict in it, the
   * version its retry reads is the one it appends at (writers elsewhere wait for its commit).
   */
  const holdStream = (streamName: string) =>
    sql`SELECT 1 FROM ${streams} WHERE stream_name = ${streamName} FOR UPDATE`.pipe(
      Effect.asVoid,
      Effect.mapError(unavailable(`lock stream "${streamName}" after a conflict`))
    )

  const append: Adapter.Primitives["append"] = (append, expected) =>
    Effect.gen(function* () {
      // In a caller's transaction the events become visible at its commit, so the
      // notification goes with that commit; otherwise the notifier sends it after ours.
      const inCallersTransaction = Option.isSome(yield* Effect.serviceOption(SqlClient.TransactionConnection))
      const write =
        inline.length === 0
          ? callAppend(append, expected, inCallersTransaction)
          : Effect.tap(callAppend(append, expected, inCallersTransaction), (result) => applyInline(append.streamName, result))
      // Alone, a single call is its own transaction. In a caller's transaction the append runs in
      // a savepoint (`withTransaction` nests as one): a conflict undoes the append alone and leaves
      // the caller's transaction usable, so a command handler in it reads again and retries; the
      // stream stays locked for that transaction, so the retry cannot lose the race again.
      const attempt =
        inline.length === 0 && !inCallersTransaction
          ? write
          : sql.withTransaction(write).pipe(
              Effect.mapError((error) => (error instanceof SqlError ? unavailable(`append to "${append.streamName}"`)(error) : error)),
              Effect.tapError((error) =>
                inCallersTransaction && error._tag === "ExpectedVersionConflict" ? holdStream(append.streamName) : Effect.void
              )
            )
      // Alone, a deadlock or serialization failure rolled back this append only: it runs again
      // and meets what the other transaction did (adr/0064). In a caller's, that one is to retry.
      const result = yield* inCallersTransaction ? attempt : retryTransient(attempt)
      if (result.eventsWritten > 0 && !inCallersTransaction) yield* notifier.appended([append.category])
      return result
    })

  return append
}
