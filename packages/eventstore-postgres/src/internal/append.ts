/**
 * Appends on PostgreSQL: one call of the `append_to_stream` SQL function, which checks every
 * expected-version variant under the stream's row lock, inserts the batch and bumps the
 * stream's version, atomically; inline projections in the same transaction; in a caller's
 * transaction, a savepoint of its own (adr/0060). Appends that arrive while others are on their
 * way to the server travel together in one call of `append_to_streams` (adr/0084).
 */
import { Chunk, Deferred, Effect, Option, Queue, type Scope } from "effect"
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
import { appendFailure, appendRefusal, retryTransient, unavailable } from "./errors.js"
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

/**
 * How appends are grouped (adr/0084). An append outside a caller's transaction, of at most
 * `maxEvents` events, to a store without inline projections, waits in a queue; each of
 * `concurrency` senders takes whatever waits (up to `maxAppends`) and sends it as one call, in
 * one transaction. Each append keeps its own expectation and its own outcome; none waits for a
 * timer: a lone append goes at once, alone.
 */
export interface GroupOptions {
  /** The most appends one call carries; 32 (each is a subtransaction, and PostgreSQL keeps 64 per transaction in shared memory). */
  readonly maxAppends: number
  /** The largest append grouped; a larger one is sent on its own. 100 events. */
  readonly maxEvents: number
  /** How many calls may be on their way at once; 2. */
  readonly concurrency: number
}

/** The grouping unless told otherwise. */
export const defaultGroupOptions: GroupOptions = { maxAppends: 32, maxEvents: 100, concurrency: 2 }

type AppendOutcome = Effect.Effect.Success<ReturnType<Adapter.Primitives["append"]>>
type AppendFailure = Effect.Effect.Error<ReturnType<Adapter.Primitives["append"]>>

/** An append waiting to be sent with others. */
interface Waiting {
  readonly append: Adapter.PreparedAppend
  readonly expected: ExpectedVersion.ExpectedVersion
  readonly done: Deferred.Deferred<AppendOutcome, AppendFailure>
}

/** `append_to_streams`'s row for one append. */
interface GroupRow {
  readonly result: string | null
  readonly error_code: string | null
  readonly error_detail: string | null
}

/**
 * The adapter's `append`: `channel` is the store's NOTIFY channel, `inline` its inline
 * projections, `group` how appends are grouped (`false`: each is sent alone).
 */
export const makeAppend = (
  tables: Tables,
  channel: string,
  notifier: Notifier,
  inline: ReadonlyArray<Projection.Projection<SqlClient.SqlClient>>,
  group: GroupOptions | false
): Effect.Effect<Adapter.Primitives["append"], never, Scope.Scope> =>
  Effect.gen(function* () {
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

    if (group === false || inline.length > 0) return append

    const groupStatement = `SELECT result, error_code, error_detail
    FROM "${schema}".append_to_streams($1, $2, $3, $4, $5, $6, $7, $8, $9)`

    /** Sends `waiting` (two or more appends) as one call, in one transaction; each gets its own outcome. */
    const sendTogether = (waiting: ReadonlyArray<Waiting>) =>
      Effect.gen(function* () {
        // In the order of their streams, so that two calls on their way lock common streams in the
        // same order (no deadlock between them); a stream's own appends keep their order (a stable sort).
        const sorted = [...waiting].sort((a, b) =>
          a.append.streamName < b.append.streamName ? -1 : a.append.streamName > b.append.streamName ? 1 : 0
        )
        const eventIds: Array<string> = []
        const types: Array<string> = []
        const data: Array<string> = []
        const metadata: Array<string> = []
        for (const { append } of sorted) {
          for (const event of append.events) {
            eventIds.push(event.eventId)
            types.push(event.type)
            data.push(event.dataJson)
            metadata.push(event.metadataJson)
          }
        }
        const rows = yield* sql
          .unsafe<GroupRow>(groupStatement, [
            sorted.map((w) => w.append.streamName),
            sorted.map((w) => w.append.category),
            sorted.map((w) => w.expected._tag),
            sorted.map((w) => (w.expected._tag === "Exact" ? w.expected.version : null)),
            sorted.map((w) => w.append.events.length),
            eventIds,
            types,
            data,
            metadata
          ])
          .pipe(Effect.mapError(unavailable(`append to ${sorted.length} streams together`)), retryTransient, Effect.either)
        if (rows._tag === "Left" || rows.right.length !== sorted.length) {
          const reason =
            rows._tag === "Left" ? rows.left.reason : `append_to_streams returned ${rows.right.length} rows for ${sorted.length} appends`
          for (const w of sorted) {
            yield* Deferred.fail(w.done, new EventStoreUnavailable({ operation: `append to "${w.append.streamName}"`, reason }))
          }
          return
        }
        const written = new Set<string>()
        for (let i = 0; i < sorted.length; i++) {
          const { append, done, expected } = sorted[i]!
          const row = rows.right[i]!
          const refusal =
            row.error_code === null ? undefined : appendRefusal(row.error_code, row.error_detail ?? undefined, append.streamName, expected)
          const result = row.result === null ? undefined : appendResult(row.result)
          if (refusal !== undefined) yield* Deferred.fail(done, refusal)
          else if (result === undefined) {
            yield* Deferred.fail(
              done,
              new EventStoreUnavailable({
                operation: `append to "${append.streamName}"`,
                reason: `append_to_streams returned ${JSON.stringify(row)}, not a result or a refusal`
              })
            )
          } else {
            if (result.eventsWritten > 0) written.add(append.category)
            yield* Deferred.succeed(done, result)
          }
        }
        if (written.size > 0) yield* notifier.appended([...written])
      })

    /** Sends what a sender took: one append alone (no subtransaction), several together. */
    const send = (taken: ReadonlyArray<Waiting>) =>
      Effect.gen(function* () {
        // An append whose caller was interrupted before it was sent is not sent.
        const waiting = yield* Effect.filter(taken, (w) => Effect.map(Deferred.isDone(w.done), (done) => !done))
        const lone = waiting[0]
        if (lone === undefined) return
        if (waiting.length === 1) return yield* Deferred.done(lone.done, yield* Effect.exit(append(lone.append, lone.expected)))
        yield* sendTogether(waiting).pipe(
          Effect.catchAllCause((cause) => Effect.forEach(waiting, (w) => Deferred.failCause(w.done, cause), { discard: true }))
        )
      })

    const queue = yield* Queue.unbounded<Waiting>()
    yield* Effect.addFinalizer(() => Queue.shutdown(queue))
    const sender = Effect.forever(
      Effect.flatMap(Queue.takeBetween(queue, 1, group.maxAppends), (taken) => send(Chunk.toReadonlyArray(taken)))
    )
    for (let i = 0; i < group.concurrency; i++) yield* Effect.forkScoped(sender)

    const grouped: Adapter.Primitives["append"] = (prepared, expected) =>
      Effect.gen(function* () {
        if (prepared.events.length > group.maxEvents || Option.isSome(yield* Effect.serviceOption(SqlClient.TransactionConnection))) {
          return yield* append(prepared, expected)
        }
        const done = yield* Deferred.make<AppendOutcome, AppendFailure>()
        yield* Queue.offer(queue, { append: prepared, expected, done })
        return yield* Deferred.await(done).pipe(Effect.onInterrupt(() => Deferred.interrupt(done)))
      })
    return grouped
  })
