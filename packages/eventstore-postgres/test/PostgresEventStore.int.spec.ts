import { describe, expect, it } from "@effect/vitest"
import { Cause, Chunk, ConfigError, ConfigProvider, Effect, Either, Exit, Fiber, Layer, Option, Redacted, Schema, Stream } from "effect"
import { SqlClient } from "@effect/sql"
import { Adapter, type Event, EventCodec, EventStore, ExpectedVersion, TypedEventStore } from "@jatim/eventstore"
import { Fixtures } from "@jatim/testing"
import { Migrations, PostgresEventStore } from "../src/index.js"
import {
  appendsWaitingForALock,
  clientLayer,
  pausedTransaction,
  storeLayer,
  suiteDatabaseBeforeAll,
  uniqueSchema,
  untilRows
} from "./support.js"

const url = suiteDatabaseBeforeAll("adapter")

const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) => Effect.map(Stream.runCollect(stream), Chunk.toArray)

/** Runs `body` against a new store in a schema of its own, which it is told. */
const inStore = <A, E>(
  body: (env: {
    readonly schema: string
    readonly sql: SqlClient.SqlClient
    readonly store: EventStore.EventStore
  }) => Effect.Effect<A, E, EventStore.EventStore | SqlClient.SqlClient>,
  options: PostgresEventStore.PostgresEventStoreOptions = {}
) => {
  const schema = uniqueSchema()
  return Effect.gen(function* () {
    return yield* body({ schema, sql: yield* SqlClient.SqlClient, store: yield* EventStore.EventStore })
  }).pipe(Effect.provide(storeLayer(url(), { ...options, schema })))
}

/** The options of the deadlock scenarios: see the comment above them. */
const deadlockTest = { timeout: 30_000, retry: 2 }

describe("PostgreSQL event store", () => {
  describe("migrations", () => {
    it.live("create the store in the configured schema, never in public, and are harmless to run again", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const first = yield* Migrations.migrate("ledger_one")
        const again = yield* Migrations.migrate("ledger_one")
        expect(first.map(([id]) => id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
        expect(again).toEqual([])
        const tables = yield* sql<{ table_schema: string; table_name: string }>`
          SELECT table_schema, table_name FROM information_schema.tables
          WHERE table_name IN ('events', 'streams') ORDER BY table_schema, table_name`
        expect(tables).toEqual([
          { table_schema: "ledger_one", table_name: "events" },
          { table_schema: "ledger_one", table_name: "streams" }
        ])
      }).pipe(Effect.provide(clientLayer(url())))
    )

    it.live("run from several instances at once: one migrates, the others find it done", () =>
      Effect.gen(function* () {
        const results = yield* Effect.all(
          Array.from({ length: 4 }, () => Migrations.migrate("ledger_race")),
          { concurrency: "unbounded" }
        )
        expect(results.flat().map(([id]) => id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
        const store = yield* PostgresEventStore.make({ schema: "ledger_race" })
        yield* store.appendToStream("ledger-1", yield* Fixtures.newEvents(2))
        expect((yield* store.readStream("ledger-1")).streamVersion).toBe(2)
      }).pipe(Effect.scoped, Effect.provide(clientLayer(url())))
    )
  })

  describe("schema names", () => {
    const reserved = ["information_schema", "pg_catalog", "pg_toast", "pg_store", "pg_temp_1"]

    it.live("PostgreSQL's own schemas (pg_*, information_schema) are refused before anything is created", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        for (const schema of reserved) {
          const made = yield* Effect.exit(PostgresEventStore.make({ schema }))
          expect(Exit.isFailure(made) && Cause.isDie(made.cause), schema).toBe(true)
          expect(Exit.isFailure(made) && Cause.pretty(made.cause), schema).toContain(`invalid schema name "${schema}"`)
          const migrated = yield* Effect.exit(Migrations.migrate(schema))
          expect(Exit.isFailure(migrated) && Cause.isDie(migrated.cause), schema).toBe(true)
        }
        const created = yield* sql<{ table_schema: string }>`
          SELECT table_schema FROM information_schema.tables WHERE table_name IN ('events', 'streams', 'eventstore_migrations')
            AND (table_schema LIKE 'pg\_%' OR table_schema = 'information_schema')`
        expect(created).toEqual([])
        for (const schema of reserved) expect(Migrations.schemaNameProblem(schema), schema).toBeDefined()
        for (const schema of ["eventstore", "ledger_1", "_x", "pgstore", "select"]) {
          expect(Migrations.schemaNameProblem(schema), schema).toBeUndefined()
        }
      }).pipe(Effect.scoped, Effect.provide(clientLayer(url())))
    )

    it.live("a reserved or invalid EVENTSTORE_SCHEMA fails layerFromConfig with a ConfigError", () =>
      Effect.gen(function* () {
        for (const schema of ["pg_store", "information_schema", "Upper", "x".repeat(51)]) {
          const error = yield* Effect.flip(
            Layer.build(PostgresEventStore.layerFromConfig()).pipe(
              Effect.scoped,
              Effect.withConfigProvider(
                ConfigProvider.fromMap(
                  new Map([
                    ["DATABASE_URL", Redacted.value(url())],
                    ["EVENTSTORE_SCHEMA", schema]
                  ])
                )
              )
            )
          )
          expect(ConfigError.isConfigError(error), schema).toBe(true)
          expect(String(error)).toContain("EVENTSTORE_SCHEMA")
        }
      })
    )
  })

  describe("configuration", () => {
    it.live("layerFromConfig connects to DATABASE_URL and uses EVENTSTORE_SCHEMA", () =>
      Effect.gen(function* () {
        yield* EventStore.appendToStream("order-1", yield* Fixtures.newEvents(1))
        const sql = yield* SqlClient.SqlClient
        const rows = yield* sql<{ count: string }>`SELECT count(*)::text AS count FROM configured_store.events`
        expect(rows[0]!.count).toBe("1")
      }).pipe(
        Effect.provide(Layer.merge(PostgresEventStore.layerFromConfig(), PostgresEventStore.clientLayerFromConfig)),
        Effect.withConfigProvider(
          ConfigProvider.fromMap(
            new Map([
              ["DATABASE_URL", Redacted.value(url())],
              ["EVENTSTORE_SCHEMA", "configured_store"]
            ])
          )
        )
      )
    )
  })

  describe("append", () => {
    it.live("a connection killed during an append: nothing is written, the caller gets a typed error, a retry applies once", () =>
      inStore(({ schema, sql, store }) =>
        Effect.gen(function* () {
          yield* store.appendToStream("order-1", yield* Fixtures.newEvents(1))
          const batch = yield* Fixtures.newEvents(3)
          // Another transaction holds the stream's row, so the append waits inside its SQL call.
          const holder = yield* pausedTransaction(sql`SELECT version FROM ${sql(schema)}.streams WHERE stream_name = 'order-1' FOR UPDATE`)
          const appending = yield* Effect.fork(store.appendToStream("order-1", batch, { expectedVersion: ExpectedVersion.exact(1) }))
          yield* untilRows("an append waiting for a lock", appendsWaitingForALock)
          yield* sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE query LIKE '%append_to_stream%' AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`
          const failed = yield* Effect.either(Fiber.join(appending))
          expect(Either.isLeft(failed) && failed.left._tag).toBe("EventStoreUnavailable")
          yield* holder.finish
          expect((yield* store.readStream("order-1")).streamVersion).toBe(1)
          const retried = yield* store.appendToStream("order-1", batch, { expectedVersion: ExpectedVersion.exact(1) })
          expect(retried).toMatchObject({ nextExpectedVersion: 4, eventsWritten: 3 })
          const again = yield* store.appendToStream("order-1", batch, { expectedVersion: ExpectedVersion.exact(1) })
          expect(again).toMatchObject({ nextExpectedVersion: 4, eventsWritten: 0 })
          const { events } = yield* store.readStream("order-1")
          expect(events.slice(1).map((e) => e.eventId)).toEqual(batch.map((e) => e.eventId))
        })
      )
    )

    /**
     * PostgreSQL rolls back the transaction whose deadlock check (one `deadlock_timeout`, 1 s,
     * after it began to wait) finds the cycle. These tests close the cycle right after the first
     * waiter is seen, so that waiter's check finds it; on a machine so busy that closing it takes
     * longer than that second, the first check finds no cycle yet and the other side is rolled
     * back instead, and the scenario runs again. The assertions stay exact.
     */
    it.live(
      "a deadlock of an append on its own with a caller's transaction: the append runs again and is the duplicate it is",
      () =>
        inStore(({ store }) =>
          Effect.gen(function* () {
            const [e1, e2] = yield* Fixtures.newEvents(2)
            // B, a caller's transaction, appends e2 to y-1, then (once A waits for it) e1 to y-1.
            const b = yield* pausedTransaction(store.appendToStream("y-1", [e2!]), store.appendToStream("y-1", [e1!]))
            // A, on its own, appends [e1, e2] to x-1: it takes e1, then waits for B's e2.
            const a = yield* Effect.fork(Effect.either(store.appendToStream("x-1", [e1!, e2!])))
            yield* untilRows("an append waiting for a lock", appendsWaitingForALock)
            // B now waits for A's e1: a deadlock. A waited first, so its check finds it and rolls A back.
            yield* b.finish
            const outcome = yield* Fiber.join(a)
            // A ran again and met B's events: e1 is stored in y-1, not an unavailable store.
            expect(outcome).toEqual(
              Either.left(
                expect.objectContaining({
                  _tag: "DuplicateEventId",
                  eventId: e1!.eventId,
                  reason: Adapter.duplicateReasons.otherStream("y-1")
                })
              )
            )
            expect((yield* store.readStream("y-1")).events.map((e) => e.eventId)).toEqual([e2!.eventId, e1!.eventId])
            expect((yield* store.readStream("x-1")).streamVersion).toBe(0)
          })
        ),
      deadlockTest
    )

    it.live(
      "a deadlock of two callers' transactions crossing two streams: one commits, the other is told to run its transaction again",
      () =>
        inStore(({ store }) =>
          Effect.gen(function* () {
            const [a1, a2, b1, b2] = yield* Fixtures.newEvents(4)
            const a = yield* pausedTransaction(store.appendToStream("x-1", [a1!]), store.appendToStream("y-1", [a2!]))
            const b = yield* pausedTransaction(store.appendToStream("y-1", [b1!]), store.appendToStream("x-1", [b2!]))
            // A waits for B's y-1; then B asks for A's x-1.
            yield* a.resume
            yield* untilRows("an append waiting for a lock", appendsWaitingForALock)
            yield* b.resume
            const [aOutcome, bOutcome] = [yield* Effect.either(Fiber.join(a.fiber)), yield* Effect.either(Fiber.join(b.fiber))]
            // A waited first, so PostgreSQL rolls A back; B commits.
            expect(Either.isRight(bOutcome)).toBe(true)
            expect(Either.isLeft(aOutcome) && aOutcome.left).toMatchObject({ _tag: "EventStoreUnavailable" })
            const reason = Either.isLeft(aOutcome) && aOutcome.left._tag === "EventStoreUnavailable" ? aOutcome.left.reason : ""
            expect(reason).toContain("deadlock")
            expect(reason).toContain("run the whole transaction again")
            expect((yield* store.readStream("x-1")).events.map((e) => e.eventId)).toEqual([b2!.eventId])
            expect((yield* store.readStream("y-1")).events.map((e) => e.eventId)).toEqual([b1!.eventId])
          })
        ),
      deadlockTest
    )

    it.live("the SQL function refuses an expectation that is none of the four variants (EVEXP), whoever calls it", () =>
      inStore(({ schema, sql }) =>
        Effect.gen(function* () {
          for (const [kind, version] of [
            ["Whatever", null],
            ["Exact", null],
            ["Exact", -1],
            ["Any", 3],
            [null, null]
          ] as const) {
            const error = yield* Effect.flip(
              sql.unsafe(
                `SELECT "${schema}".append_to_stream('order-1', 'order', $1, $2, ARRAY['e-1'], ARRAY['Noted'], ARRAY['{}'::jsonb],
              ARRAY['{"occurredAt": "2026-01-01T00:00:00.000Z", "schemaVersion": 1}'::jsonb], NULL)`,
                [kind, version]
              )
            )
            expect(error.cause, `${kind}(${version})`).toMatchObject({ code: "EVEXP" })
          }
          expect((yield* EventStore.readStream("order-1")).streamVersion).toBe(0)
        })
      )
    )

    it.live("an append inside the caller's transaction is undone with it", () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const store = yield* EventStore.EventStore
        const rolledBack = yield* Effect.either(
          sql.withTransaction(
            Effect.gen(function* () {
              yield* store.appendToStream("order-1", yield* Fixtures.newEvents(2))
              return yield* Effect.fail("changed my mind")
            })
          )
        )
        expect(rolledBack).toEqual(Either.left("changed my mind"))
        expect((yield* store.readStream("order-1")).streamVersion).toBe(0)
        expect(yield* collect(store.readAll())).toEqual([])
      }).pipe(Effect.provide(storeLayer(url())))
    )

    it.live("payloads over the configured limit are refused with a typed error and nothing is written", () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const small = yield* Fixtures.newEvent("Noted", { text: "x".repeat(100) })
        const large = yield* Fixtures.newEvent("Noted", { text: "x".repeat(2_000) })
        yield* store.appendToStream("note-1", [small])
        const error = yield* Effect.flip(store.appendToStream("note-1", [large]))
        expect(error).toMatchObject({ _tag: "InvalidEvent", eventId: large.eventId })
        expect(error.message).toContain("limit of 1000")
        expect((yield* store.readStream("note-1")).streamVersion).toBe(1)
      }).pipe(Effect.provide(storeLayer(url(), { limits: { maxEventBytes: 1000, maxBatchSize: 100 } })))
    )
  })

  describe("reads", () => {
    it.live("stored JSON that no longer decodes fails reads with EventDecodeError naming the event", () =>
      inStore(({ schema, sql, store }) =>
        Effect.gen(function* () {
          const [event] = yield* Fixtures.newEvents(1)
          yield* store.appendToStream("note-1", [event!])
          yield* sql`UPDATE ${sql(schema)}.events SET metadata = '{"schemaVersion": "two"}'::jsonb`
          const fromStream = yield* Effect.flip(store.readStream("note-1"))
          expect(fromStream).toMatchObject({ _tag: "EventDecodeError", eventId: event!.eventId, streamName: "note-1" })
          const fromAll = yield* Effect.flip(collect(store.readAll()))
          expect(fromAll._tag).toBe("EventDecodeError")
        })
      )
    )

    it.live("a typed read of data that no longer fits the event schema fails with EventDecodeError", () =>
      inStore(({ schema }) =>
        Effect.gen(function* () {
          class Priced extends Schema.TaggedClass<Priced>()("Priced", { rupiah: Schema.Int }) {}
          const typed = yield* TypedEventStore.make(EventCodec.make(Schema.Union(Priced)))
          yield* typed.appendToStream("listing-1", [{ event: new Priced({ rupiah: 15_000 }) }])
          const sql = yield* SqlClient.SqlClient
          yield* sql`UPDATE ${sql(schema)}.events SET data = '{"rupiah": "lima belas ribu"}'::jsonb`
          const error = yield* Effect.flip(typed.readStream("listing-1"))
          expect(error).toMatchObject({ _tag: "EventDecodeError", eventType: "Priced" })
        })
      )
    )

    it.live("a transaction that commits late is delivered in its place: nothing after it is delivered first", () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const [early] = yield* Fixtures.newEvents(1)
        const [late] = yield* Fixtures.newEvents(1)
        // Transaction A appends first (lower transaction id and sequence) but commits last.
        const a = yield* pausedTransaction(store.appendToStream("order-a", [early!]))
        yield* store.appendToStream("order-b", [late!])
        const subscriber = yield* Effect.fork(collect(Stream.take(store.subscribe({ batchSize: 1 }), 2)))
        const reader = yield* Effect.fork(collect(store.readAll()))
        yield* Effect.sleep("300 millis")
        // While A is open, B's event must not be delivered: a reader would checkpoint past A's.
        expect(Option.isNone(yield* Fiber.poll(subscriber))).toBe(true)
        expect(Option.isNone(yield* Fiber.poll(reader))).toBe(true)
        yield* a.finish
        const delivered = yield* Fiber.join(subscriber)
        expect(delivered.map((e) => e.eventId)).toEqual([early!.eventId, late!.eventId])
        expect(delivered[0]!.globalPosition.sequence).toBeLessThan(delivered[1]!.globalPosition.sequence)
        expect((yield* Fiber.join(reader)).map((e) => e.eventId)).toEqual([early!.eventId, late!.eventId])
      }).pipe(Effect.provide(storeLayer(url())))
    )

    it.live("a read of all events does not wait forever for a transaction left open: it returns what has ended", () =>
      Effect.gen(function* () {
        const store = yield* EventStore.EventStore
        const committed = yield* Fixtures.newEvents(2)
        yield* store.appendToStream("order-1", committed)
        const open = yield* pausedTransaction(Effect.flatMap(Fixtures.newEvents(1), (events) => store.appendToStream("order-2", events)))
        const read = yield* collect(store.readAll())
        expect(read.map((e) => e.eventId)).toEqual(committed.map((e) => e.eventId))
        yield* open.finish
        expect(yield* collect(store.readAll())).toHaveLength(3)
      }).pipe(Effect.provide(storeLayer(url(), { readWaitTimeout: "200 millis" })))
    )
  })

  describe("subscriptions", () => {
    /** Another instance of the store on the same schema: its own pool, listener and notifier. */
    const otherInstance =
      (schema: string) =>
      <A, E>(effect: Effect.Effect<A, E, EventStore.EventStore | SqlClient.SqlClient>) =>
        Effect.provide(effect, storeLayer(url(), { schema }))

    /**
     * A subscriber on a new store that does not poll (an hour), and `count` new events that
     * `deliver` appends; the subscriber gets exactly those events, in order.
     */
    const subscriberGets = <E>(
      count: number,
      deliver: (
        schema: string,
        events: ReadonlyArray<Event.NewEvent>
      ) => Effect.Effect<void, E, EventStore.EventStore | SqlClient.SqlClient>,
      options: PostgresEventStore.PostgresEventStoreOptions = {}
    ) =>
      inStore(
        ({ schema, sql, store }) =>
          Effect.gen(function* () {
            // The store's listener starts in the background: with polling off, a notification
            // sent before it listens would wake no one.
            yield* untilRows(
              "the listener",
              sql`SELECT pid FROM pg_stat_activity WHERE query = ${`LISTEN "${PostgresEventStore.channelOf(schema)}"`}`
            )
            const received = yield* Effect.fork(collect(Stream.take(store.subscribe(), count)))
            const events = yield* Fixtures.newEvents(count)
            yield* deliver(schema, events)
            expect((yield* Fiber.join(received)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId))
          }),
        { pollInterval: "1 hour", ...options }
      )

    it.live("wake on another instance's append: its notifier sends the NOTIFY after the commit", () =>
      // Polling is off: only a notification can deliver them.
      subscriberGets(3, (schema, events) =>
        otherInstance(schema)(Effect.forEach(events, (event, i) => EventStore.appendToStream(`order-${i}`, [event]), { discard: true }))
      )
    )

    it.live("wake when a caller's transaction holding an append commits", () =>
      // Polling is off: a notification sent before the commit would find nothing to read, and
      // none would come after it; the notification goes with the commit.
      subscriberGets(2, (schema, events) =>
        otherInstance(schema)(
          Effect.flatMap(SqlClient.SqlClient, (sql) =>
            sql.withTransaction(
              Effect.gen(function* () {
                yield* EventStore.appendToStream("order-1", [events[0]!])
                yield* EventStore.appendToStream("order-2", [events[1]!])
              })
            )
          )
        )
      )
    )

    it.live(
      "survive a dropped LISTEN connection: the listener comes back and wakes subscribers",
      () =>
        subscriberGets(
          2,
          (schema, [first, second]) =>
            Effect.gen(function* () {
              const sql = yield* SqlClient.SqlClient
              const channel = PostgresEventStore.channelOf(schema)
              // The writer is another instance, so the subscriber hears of its appends only by LISTEN.
              const append = (event: Event.NewEvent) => otherInstance(schema)(EventStore.appendToStream("order-1", [event]))
              yield* append(first!)
              const listening = sql`SELECT pid FROM pg_stat_activity WHERE query = ${`LISTEN "${channel}"`}`
              yield* untilRows("the listener", listening)
              yield* sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = ${`LISTEN "${channel}"`}`
              // Polling is off: only a listener that came back can deliver the second event.
              yield* append(second!)
            }),
          { heartbeatInterval: "100 millis" }
        ),
      30_000
    )
  })
})
