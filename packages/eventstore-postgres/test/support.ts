/**
 * What the Postgres suites share: a `PgClient`, a new store in a schema of its own, an app
 * instance, a transaction held open, a wait for a backend's state and a table of counts (the
 * database per suite comes from `@jatim/testing/postgres`).
 */
import { it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Layer, type Redacted, type Scope } from "effect"
import type { SqlError } from "@effect/sql/SqlError"
import { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { type Event, EventStore, Projection } from "@jatim/eventstore"
import { Fixtures } from "@jatim/testing"
import { uniqueSchema } from "@jatim/testing/postgres"
import { PostgresEventStore, PostgresProjections } from "../src/index.js"

export { suiteDatabaseBeforeAll, uniqueSchema } from "@jatim/testing/postgres"

/** A `PgClient` on `url`. */
export const clientLayer = (url: Redacted.Redacted<string>, maxConnections = 12) => PgClient.layer({ url, maxConnections })

/** A new, empty PostgreSQL event store on `url`, in a schema of its own unless one is given. */
export const storeLayer = (url: Redacted.Redacted<string>, options: PostgresEventStore.PostgresEventStoreOptions = {}) =>
  PostgresEventStore.layer({ schema: uniqueSchema(), ...options }).pipe(Layer.provideMerge(clientLayer(url)))

/** One app instance: its own connection pool, the store and the projection services in `schema`. */
export const instanceLayer = (
  url: Redacted.Redacted<string>,
  schema: string,
  options: PostgresEventStore.PostgresEventStoreOptions = {},
  connections = 8
) =>
  Layer.mergeAll(
    PostgresEventStore.layer({ ...options, schema }),
    PostgresProjections.layer({ schema, retry: "100 millis", checkInterval: "200 millis" })
  ).pipe(Layer.provideMerge(clientLayer(url, connections)))

/** A live test in a schema of its own, whose name `body` is given, in a scope; 30 s unless told. */
export const inSchemaTest = <A, E>(title: string, body: (schema: string) => Effect.Effect<A, E, Scope.Scope>, timeout = 30_000) =>
  it.live(title, () => Effect.scoped(body(uniqueSchema())), timeout)

/** `count` new events, one an append, to the streams `order-0`, `order-1`, `order-2` in turn. */
export const appendOrders = (count: number) =>
  Effect.forEach(
    Array.from({ length: count }, (_, i) => i),
    (i) => Effect.flatMap(Fixtures.newEvents(1), (events) => EventStore.appendToStream(`order-${i % 3}`, events))
  )

/** A transaction of its own, paused after its first part: the rest waits for `resume`. */
export interface PausedTransaction<E> {
  /** Lets the transaction go on: it runs its rest, then commits. */
  readonly resume: Effect.Effect<void>
  /** Resumes the transaction and waits for it to end. */
  readonly finish: Effect.Effect<void, E>
  /** The transaction's fiber, to join for its outcome. */
  readonly fiber: Fiber.Fiber<void, E>
}

/**
 * Forks a transaction that runs `first`, then waits to be resumed before it runs `rest` and
 * commits; returns once `first` has run, its locks and rows held by the open transaction.
 */
export const pausedTransaction = <A1, E1, R1, A2 = void, E2 = never, R2 = never>(
  first: Effect.Effect<A1, E1, R1>,
  rest?: Effect.Effect<A2, E2, R2>
): Effect.Effect<PausedTransaction<E1 | E2 | SqlError>, never, SqlClient.SqlClient | R1 | R2> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const paused = yield* Deferred.make<void>()
    const resumed = yield* Deferred.make<void>()
    const fiber = yield* Effect.fork(
      sql.withTransaction(
        Effect.gen(function* () {
          yield* first
          yield* Deferred.succeed(paused, undefined)
          yield* Deferred.await(resumed)
          if (rest !== undefined) yield* rest
        })
      )
    )
    yield* Deferred.await(paused)
    const resume = Deferred.succeed(resumed, undefined).pipe(Effect.asVoid)
    return { resume, finish: Effect.zipRight(resume, Fiber.join(fiber)), fiber }
  })

/**
 * Runs `query` every 10 milliseconds until it returns a row (a backend reached the state the test
 * waits for, or a statement acted on one); dies naming `what` after 10 seconds.
 */
export const untilRows = <E, R>(what: string, query: Effect.Effect<ReadonlyArray<unknown>, E, R>) =>
  Effect.gen(function* () {
    for (let i = 0; i < 1000; i++) {
      const rows = yield* Effect.orDie(query)
      if (rows.length > 0) return
      yield* Effect.sleep("10 millis")
    }
    return yield* Effect.dieMessage(`${what} never came`)
  })

/** A row for each append of the store's own that waits for a lock another transaction holds. */
export const appendsWaitingForALock = Effect.flatMap(
  SqlClient.SqlClient,
  (sql) => sql`SELECT pid FROM pg_stat_activity
    WHERE query LIKE '%append_to_stream%' AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`
)

/** One row of a `CountsTable`: how many times `key` was counted. */
export interface Count {
  readonly key: string
  readonly times: number
}

/** A read model table in `schema` that counts how often each key was seen (as SQL read models do). */
export const countsTable = (schema: string, table: string) => {
  const name = `${schema}.${table}`
  const run = <A>(statement: (sql: SqlClient.SqlClient) => Effect.Effect<A, SqlError>) => Effect.flatMap(SqlClient.SqlClient, statement)
  return {
    /** Creates the table unless it exists. */
    create: run((sql) => sql`CREATE TABLE IF NOT EXISTS ${sql(name)} (key text PRIMARY KEY, times int NOT NULL)`),
    /** Counts `key` once more. */
    count: (key: string) =>
      run((sql) => sql`INSERT INTO ${sql(name)} VALUES (${key}, 1) ON CONFLICT (key) DO UPDATE SET times = ${sql(name)}.times + 1`),
    /** Empties the table with `TRUNCATE`, which waits for every transaction that uses it. */
    truncate: run((sql) => sql`TRUNCATE ${sql(name)}`),
    /** Empties the table with `DELETE`, which does not see the rows of a transaction still running. */
    deleteAll: run((sql) => sql`DELETE FROM ${sql(name)}`),
    /** Every count, by key. */
    rows: run((sql) => sql<Count>`SELECT key, times FROM ${sql(name)} ORDER BY key`)
  }
}

/** Options of `countingProjection`. */
export interface CountingProjectionOptions {
  readonly name: string
  readonly schema: string
  readonly table: string
  /** The keys a batch counts, once each. */
  readonly keysOf: (events: ReadonlyArray<Event.RecordedEvent>) => ReadonlyArray<string>
  /** Runs in the batch's transaction after its counts. */
  readonly afterBatch?: ((events: ReadonlyArray<Event.RecordedEvent>) => Effect.Effect<void, unknown, SqlClient.SqlClient>) | undefined
  /** How a rebuild empties the table. */
  readonly reset: "truncate" | "deleteAll"
}

/** A SQL read model of the "order" category that counts keys in a `countsTable` of its own. */
export const countingProjection = ({ afterBatch, keysOf, name, reset, schema, table }: CountingProjectionOptions) => {
  const counts = countsTable(schema, table)
  return Projection.make<SqlClient.SqlClient>({
    name,
    filter: { categories: ["order"] },
    setup: counts.create,
    handle: (events) =>
      Effect.gen(function* () {
        for (const key of keysOf(events)) yield* counts.count(key)
        if (afterBatch !== undefined) yield* afterBatch(events)
      }),
    reset: counts[reset]
  })
}
