/**
 * Reads of all events and of a category inside the caller's own transaction: they must not wait
 * for that transaction to end (it cannot while it waits), and they see what it wrote, in its
 * place in the global order. The store waits 10 minutes for running transactions here, so a
 * read that waited on its own transaction would outlast the test's timeout.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Context, Deferred, Effect, Fiber, Layer, Stream, type Redacted } from "effect"
import { SqlClient } from "@effect/sql"
import { EventStore, type Event } from "@jatim/eventstore"
import { Fixtures } from "@jatim/testing"
import { beforeAll } from "vitest"
import { PostgresEventStore } from "../src/index.js"
import { clientLayer, suiteDatabase, uniqueSchema } from "./support.js"

let url: Redacted.Redacted<string>
beforeAll(async () => {
  url = await suiteDatabase("own_transaction_reads")
})

const store = () =>
  PostgresEventStore.layer({ schema: uniqueSchema(), readWaitTimeout: "10 minutes" }).pipe(Layer.provideMerge(clientLayer(url, 6)))

/** Runs `effect` on a connection of its own, outside the transaction of the fiber that runs it. */
const outside = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.mapInputContext(
    effect,
    (context: Context.Context<R>) => Context.omit(SqlClient.TransactionConnection)(context) as Context.Context<R>
  )

const ids = (events: Chunk.Chunk<Event.RecordedEvent>) => Chunk.toReadonlyArray(Chunk.map(events, (e) => e.eventId))

describe("reads inside the caller's own transaction (PostgreSQL)", () => {
  it.live(
    "readAll and readCategory return at once and include the transaction's own events, in order",
    () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const store = yield* EventStore.EventStore
        const before = yield* Fixtures.newEvents(2)
        yield* store.appendToStream("order-1", before)
        const own = yield* Fixtures.newEvents(3)
        const meanwhile = yield* Fixtures.newEvents(1)
        const later = yield* Fixtures.newEvents(1)
        const [all, orders, listings, fromOwn, backward] = yield* sql.withTransaction(
          Effect.gen(function* () {
            yield* store.appendToStream("order-2", own.slice(0, 2))
            yield* store.appendToStream("listing-1", own.slice(2))
            // Another transaction, younger than this one, commits meanwhile: it comes after it in the order.
            yield* outside(store.appendToStream("order-9", meanwhile))
            return yield* Effect.all([
              Stream.runCollect(store.readAll()),
              Stream.runCollect(store.readCategory("order")),
              Stream.runCollect(store.readCategory("listing")),
              Effect.flatMap(Stream.runCollect(store.readAll({ direction: "backward", maxCount: 4 })), (tail) =>
                Stream.runCollect(store.readAll({ from: Chunk.unsafeLast(tail).globalPosition }))
              ),
              Stream.runCollect(store.readAll({ direction: "backward" }))
            ])
          })
        )
        const beforeIds = before.map((e) => e.eventId)
        const ownIds = own.map((e) => e.eventId)
        const meanwhileId = meanwhile[0]!.eventId
        expect(ids(all)).toEqual([...beforeIds, ...ownIds, meanwhileId])
        expect(ids(orders)).toEqual([...beforeIds, ...ownIds.slice(0, 2), meanwhileId])
        expect(ids(listings)).toEqual(ownIds.slice(2))
        expect(ids(fromOwn)).toEqual([...ownIds.slice(1), meanwhileId])
        expect(ids(backward)).toEqual([...beforeIds, ...ownIds, meanwhileId].reverse())
        // Committed, the events keep their place: a later append follows them.
        yield* store.appendToStream("order-3", later)
        expect(ids(yield* Stream.runCollect(store.readAll()))).toEqual([...beforeIds, ...ownIds, meanwhileId, later[0]!.eventId])
      }).pipe(Effect.provide(store())),
    30_000
  )

  it.live(
    "with no other transaction about, a read sees the events its transaction just wrote",
    () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const store = yield* EventStore.EventStore
        const before = yield* Fixtures.newEvents(1)
        yield* store.appendToStream("order-1", before)
        const own = yield* Fixtures.newEvents(2)
        // The newest transaction id is this transaction's own: no other can be older and running.
        const [all, orders] = yield* sql.withTransaction(
          Effect.zipRight(
            store.appendToStream("order-2", own),
            Effect.all([Stream.runCollect(store.readAll()), Stream.runCollect(store.readCategory("order"))])
          )
        )
        const expected = [...before, ...own].map((e) => e.eventId)
        expect(ids(all)).toEqual(expected)
        expect(ids(orders)).toEqual(expected)
      }).pipe(Effect.provide(store())),
    30_000
  )

  it.live(
    "in a repeatable-read transaction, a read does not wait for what its snapshot can never see",
    () =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const store = yield* EventStore.EventStore
        const committed = yield* Fixtures.newEvents(1)
        yield* store.appendToStream("order-1", committed)
        // Another transaction appends and stays open across the read.
        const appended = yield* Deferred.make<void>()
        const finish = yield* Deferred.make<void>()
        const other = yield* Effect.fork(
          sql.withTransaction(
            Effect.gen(function* () {
              yield* store.appendToStream("order-2", yield* Fixtures.newEvents(1))
              yield* Deferred.succeed(appended, undefined)
              yield* Deferred.await(finish)
            })
          )
        )
        yield* Deferred.await(appended)
        // A younger transaction commits: the snapshot now lists the older one as running.
        yield* store.appendToStream("order-3", yield* Fixtures.newEvents(1))
        const [all, orders] = yield* sql.withTransaction(
          Effect.zipRight(
            sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`,
            Effect.all([Stream.runCollect(store.readAll()), Stream.runCollect(store.readCategory("order"))])
          )
        )
        yield* Deferred.succeed(finish, undefined)
        yield* Fiber.join(other)
        // What ended before the running transaction, and nothing after it.
        expect(ids(all)).toEqual([committed[0]!.eventId])
        expect(ids(orders)).toEqual([committed[0]!.eventId])
      }).pipe(Effect.provide(store())),
    30_000
  )
})
