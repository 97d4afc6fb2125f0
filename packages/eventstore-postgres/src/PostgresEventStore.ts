/**
 * The PostgreSQL adapter of the event store contract, on `@effect/sql-pg`.
 *
 * - An append is one call of a SQL function that checks every expected-version variant under
 *   the stream's row lock, inserts the batch and bumps the stream's version, atomically.
 * - Global order is `(transaction_id, global_position)`. Reads of all events and of a category
 *   see a transaction's events only once every older transaction has ended, so a reader that
 *   resumes after its checkpoint never skips an event that committed late (adr/0006).
 * - Subscriptions wake on LISTEN/NOTIFY and poll as a fallback. One notifier per store sends
 *   the NOTIFY after appends commit, so writers do not queue for the notification lock (appends
 *   in a caller's transaction notify in it, at its commit).
 *
 * Appends join the caller's transaction (`SqlClient.withTransaction`) when there is one, in a
 * savepoint of their own: a failed append leaves that transaction usable. Reads of all events
 * and of a category inside it see its own events, in their place in the order (adr/0060).
 *
 * @since 0.1.0
 */
import { Config, type ConfigError, Duration, Effect, Layer, Option, Stream, type Scope } from "effect"
import { SqlClient } from "@effect/sql"
import { SqlError } from "@effect/sql/SqlError"
import type { MigrationError } from "@effect/sql/Migrator"
import { PgClient } from "@effect/sql-pg"
import {
  Adapter,
  EventStore,
  type ExpectedVersion,
  GlobalPosition,
  EventStoreUnavailable,
  InlineProjectionFailed,
  Projection,
  StreamName,
  type ReadError
} from "@jatim/eventstore"
import { appendFailure, retryTransient, unavailable } from "./internal/errors.js"
import { listen } from "./internal/listener.js"
import { makeNotifier } from "./internal/notifier.js"
import { eventColumns, lastPosition, toRecordedEvents } from "./internal/rows.js"
import { migrate, schemaNameProblem } from "./Migrations.js"

/** Options of the PostgreSQL event store. */
export interface PostgresEventStoreOptions {
  /** The PostgreSQL schema holding the store's tables; `eventstore` by default. */
  readonly schema?: string | undefined
  /** Run the migrations when the store is made; `true` by default. */
  readonly migrate?: boolean | undefined
  /** What one append may carry. */
  readonly limits?: Adapter.AppendLimits | undefined
  /** How often a subscriber looks for new events when no notification wakes it; 500 ms. */
  readonly pollInterval?: Duration.DurationInput | undefined
  /**
   * How long the store gathers appends before it notifies other processes' subscribers with one
   * NOTIFY; 5 ms. Subscribers of this store are woken at once.
   */
  readonly notifyWindow?: Duration.DurationInput | undefined
  /** How often the listener proves its connection alive; 5 s. */
  readonly heartbeatInterval?: Duration.DurationInput | undefined
  /**
   * How long a read of all events or of a category waits for transactions that were running
   * when it started, so that it sees everything committed before it; 5 s. After that it
   * returns the events that are safe to read (a prefix of the global order). A read inside a
   * caller's transaction never waits for that transaction, and sees its events.
   */
  readonly readWaitTimeout?: Duration.DurationInput | undefined
  /**
   * Projections applied in the append's own transaction: a failing one fails the append and
   * nothing is written. Their setup runs when the store is made.
   */
  readonly inline?: ReadonlyArray<Projection.Projection<SqlClient.SqlClient>> | undefined
}

/** The schema used when none is given. */
export const defaultSchema = "eventstore"

/** The longest schema name the store takes (its NOTIFY channel, `<schema>_appended`, must fit 63). */
export const maxSchemaLength = 50

/** The LISTEN/NOTIFY channel of the store in `schema`. */
export const channelOf = (schema: string): string => `${schema}_appended`

const maxVersion = "9223372036854775807"

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

/** Makes the PostgreSQL event store over the `PgClient` of the context. */
export const make = (
  options: PostgresEventStoreOptions = {}
): Effect.Effect<EventStore.EventStore, SqlError | MigrationError, PgClient.PgClient | Scope.Scope> =>
  Effect.gen(function* () {
    const schema = options.schema ?? defaultSchema
    const problem = schemaNameProblem(schema, maxSchemaLength)
    if (problem !== undefined) {
      return yield* Effect.dieMessage(`PostgresEventStore: invalid schema name ${JSON.stringify(schema)}: ${problem}`)
    }
    const sql = yield* PgClient.PgClient
    if (options.migrate ?? true) yield* Effect.provideService(migrate(schema), SqlClient.SqlClient, sql)
    const limits = options.limits ?? Adapter.defaultAppendLimits
    const pollInterval = Duration.decode(options.pollInterval ?? "500 millis")
    const readWaitTimeout = Duration.toMillis(Duration.decode(options.readWaitTimeout ?? "5 seconds"))
    const channel = channelOf(schema)
    const events = sql`${sql(schema)}.events`
    const streams = sql`${sql(schema)}.streams`
    const signal = yield* listen(sql, channel, Duration.decode(options.heartbeatInterval ?? "5 seconds"))
    const inline = options.inline ?? []
    yield* Effect.forEach(
      inline,
      (projection) =>
        Effect.provideService(projection.setup, SqlClient.SqlClient, sql).pipe(
          Effect.orDieWith((error) => new Error(`inline projection "${projection.name}" could not be set up: ${String(error)}`))
        ),
      { discard: true }
    )

    const decodeRows = (rows: ReadonlyArray<Readonly<Record<string, unknown>>>) => Effect.suspend(() => toRecordedEvents(rows))

    const notifier = yield* makeNotifier(sql, channel, signal, Duration.decode(options.notifyWindow ?? "5 millis"))
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

    const appendToStream: EventStore.EventStore["appendToStream"] = (streamName, newEvents, appendOptions) =>
      Effect.gen(function* () {
        const append = yield* Adapter.prepareAppend(streamName, newEvents, limits)
        const expected = yield* Adapter.decodeExpectedVersion(append.streamName, appendOptions?.expectedVersion)
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
        if (result.eventsWritten > 0 && !inCallersTransaction) yield* notifier.appended
        return result
      }).pipe(
        Effect.withSpan("EventStore.appendToStream", { attributes: { streamName, events: newEvents.length }, captureStackTrace: false })
      )

    const readStream: EventStore.EventStore["readStream"] = (streamName, readOptions) =>
      Effect.gen(function* () {
        const name = yield* StreamName.parse(streamName)
        yield* Adapter.validateReadStreamOptions(readOptions)
        const backward = readOptions?.direction === "backward"
        const from = readOptions?.fromVersion ?? (backward ? maxVersion : 1)
        const rows = yield* sql<Record<string, unknown>>`
          SELECT s.version::text AS current_version, e.*
          FROM (SELECT version FROM ${streams} WHERE stream_name = ${name}) s
          LEFT JOIN LATERAL (
            SELECT ${sql.literal(eventColumns)} FROM ${events} AS stored
            WHERE stream_name = ${name}
              AND ${backward ? sql`stream_version <= ${from}` : sql`stream_version >= ${from}`}
            ORDER BY stored.stream_version ${sql.literal(backward ? "DESC" : "ASC")}
            LIMIT ${readOptions?.maxCount ?? null}
          ) e ON true`.pipe(Effect.mapError(unavailable(`read stream "${name}"`)))
        const current = rows[0]?.current_version
        return {
          streamVersion: current === undefined ? 0 : Number(current),
          events: yield* decodeRows(rows.filter((row) => row.event_id !== null))
        }
      }).pipe(Effect.withSpan("EventStore.readStream", { attributes: { streamName }, captureStackTrace: false }))

    /** One page in global order, of transactions below `bound` (all of which have ended). */
    const readPageBelow =
      (bound: "snapshot" | number): Adapter.ReadPage =>
      (request) => {
        const backward = request.direction === "backward"
        const conditions = [
          bound === "snapshot"
            ? sql`transaction_id < pg_snapshot_xmin(pg_current_snapshot())`
            : sql`transaction_id < ${String(bound)}::xid8`,
          ...(request.from === undefined
            ? []
            : [
                sql`(transaction_id, global_position) ${sql.literal(backward ? "<" : ">")} (${String(
                  request.from.transaction
                )}::xid8, ${request.from.sequence})`
              ]),
          ...(request.categories === undefined
            ? []
            : [request.categories.length === 1 ? sql`category = ${request.categories[0]!}` : sql.in("category", request.categories)]),
          ...(request.eventTypes === undefined ? [] : [sql.in("event_type", request.eventTypes)])
        ]
        const order = sql.literal(backward ? "DESC" : "ASC")
        return sql<Record<string, unknown>>`
        SELECT ${sql.literal(eventColumns)} FROM ${events} AS stored
        WHERE ${sql.and(conditions)}
        ORDER BY stored.transaction_id ${order}, stored.global_position ${order}
        LIMIT ${request.limit}`.pipe(
          Effect.mapError(unavailable("read events in global order")),
          Effect.map((rows): Adapter.Page => ({ size: rows.length, last: lastPosition(rows), events: decodeRows(rows) })),
          Effect.withSpan("EventStore.readPage", {
            attributes: { limit: request.limit, direction: request.direction },
            captureStackTrace: false
          })
        )
      }

    /**
     * What the server says of the transactions around a read: the read's own transaction, if
     * it has an id; the oldest other one still running; and below what every other one is
     * known to have ended or to be listed as running (the snapshot's `xmax`, or one past the
     * own transaction when that is the newest: no other can hide between). A snapshot lists
     * running transactions below its `xmax` only, and never the reader's own.
     */
    const transactions = sql<{
      readonly own: string | null
      readonly xmax: string
      readonly oldest: string | null
      readonly frozen: boolean
    }>`
      SELECT pg_current_xact_id_if_assigned()::text AS own, pg_snapshot_xmax(s)::text AS xmax,
        (SELECT min(x) FROM pg_snapshot_xip(s) AS x)::text AS oldest,
        current_setting('transaction_isolation') <> 'read committed' AS frozen
      FROM pg_current_snapshot() s`.pipe(
      Effect.map((rows) => {
        const row = rows[0]!
        const own = row.own === null ? undefined : Number(row.own)
        const xmax = Number(row.xmax)
        const covered = own === xmax ? own + 1 : xmax
        return {
          own,
          xmax,
          /** Every other transaction below this has ended. */
          settled: Math.min(row.oldest === null ? covered : Number(row.oldest), covered),
          frozen: row.frozen === true
        }
      }),
      Effect.mapError(unavailable("read the transaction horizon"))
    )

    /**
     * The transaction horizon of a read that starts now: every transaction below it, other
     * than the reader's own, has ended once `settled` reaches it. Waits (briefly, with backoff)
     * for the transactions running now; after `readWaitTimeout`, settles for what has ended.
     * The reader's own transaction is never waited for: its events, which it sees, are read in
     * their place in the order (adr/0060). A snapshot that lasts the whole transaction
     * (repeatable read, serializable) never sees others end: it takes what has ended at once.
     */
    const settledHorizon: Effect.Effect<number, ReadError> = Effect.gen(function* () {
      const first = yield* transactions
      const horizon = first.own === undefined ? first.xmax : Math.max(first.xmax, first.own + 1)
      if (first.settled >= horizon) return horizon
      if (first.frozen) return first.settled
      let waited = 0
      for (let delay = 1; waited < readWaitTimeout; delay = Math.min(delay * 2, 50)) {
        yield* Effect.sleep(Duration.millis(delay))
        waited += delay
        const now = yield* transactions
        if (now.settled >= horizon) return horizon
      }
      return Math.min((yield* transactions).settled, horizon)
    })

    const readAll: EventStore.EventStore["readAll"] = (readOptions) =>
      Stream.unwrap(Effect.map(settledHorizon, (horizon) => Adapter.readAllFromPages(readPageBelow(horizon))(readOptions)))

    return EventStore.EventStore.of({
      appendToStream,
      readStream,
      readAll,
      readCategory: (category, readOptions) => readAll({ ...readOptions, categories: [category] }),
      subscribe: Adapter.subscribeFromPages(readPageBelow("snapshot"), signal, pollInterval)
    })
  })

/** A layer of the PostgreSQL event store over the `PgClient` of the context. */
export const layer = (
  options?: PostgresEventStoreOptions
): Layer.Layer<EventStore.EventStore, SqlError | MigrationError, PgClient.PgClient> => Layer.scoped(EventStore.EventStore, make(options))

/** A `PgClient` connected to `DATABASE_URL` (read through Effect's `Config`). */
export const clientLayerFromConfig: Layer.Layer<PgClient.PgClient | SqlClient.SqlClient, ConfigError.ConfigError | SqlError> =
  PgClient.layerConfig({
    url: Config.redacted("DATABASE_URL")
  })

/** The PostgreSQL event store on `DATABASE_URL`, its schema from `EVENTSTORE_SCHEMA` (`eventstore`). */
export const layerFromConfig = (
  options: Omit<PostgresEventStoreOptions, "schema"> = {}
): Layer.Layer<EventStore.EventStore, ConfigError.ConfigError | SqlError | MigrationError> =>
  Layer.unwrapEffect(
    Effect.map(
      Config.string("EVENTSTORE_SCHEMA").pipe(
        Config.validate({
          message:
            `must be a schema the event store may use: at most ${maxSchemaLength} lower-case letters, digits or "_", ` +
            `not pg_* nor information_schema`,
          validation: (schema) => schemaNameProblem(schema, maxSchemaLength) === undefined
        }),
        Config.withDefault(defaultSchema)
      ),
      (schema) => layer({ ...options, schema })
    )
  ).pipe(Layer.provide(clientLayerFromConfig))
