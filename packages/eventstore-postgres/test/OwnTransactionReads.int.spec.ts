/**
 * Reads of all events and of a category inside the caller's own transaction: they must not wait
 * for that transaction to end (it cannot while it waits), and they see what it wrote, in its
 * place in the global order. The store waits 10 minutes for running transactions here, so a
 * read that waited on its own transaction would outlast the test's timeout.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Context, Effect, Layer, Stream } from "effect"
import { SqlClient } from "@effect/sql"
import { EventStore, type Event } from "@jatim/eventstore"
import { Fixtures } from "@jatim/testing"
import { PostgresEventStore } from "../src/index.js"
import { clientLayer, pausedTransaction, suiteDatabaseBeforeAll, uniqueSchema } from "./support.js"

const url = suiteDatabaseBeforeAll("own_transaction_reads")

/** A new store that waits 10 minutes for running transactions. */
const newStore = () =>
  PostgresEventStore.layer({ schema: uniqueSchema(), readWaitTimeout: "10 minutes" }).pipe(Layer.provideMerge(clientLayer(url(), 6)))

/** Runs `effect` on a connection of its own, outside the transaction of the fiber that runs it. */
const outside = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.mapInputContext(
    effect,
    (context: Context.Context<R>) => Context.omit(SqlClient.TransactionConnection)(context) as Context.Context<R>
  )

const ids = (events: Chunk.Chunk<Event.RecordedEvent>) => Chunk.toReadonlyArray(Chunk.map(events, (e) => e.eventId))

/** A test on a new store, given its SQL client and the store; 30 s. */
const test = <A, E>(
  title: string,
  body: (sql: SqlClient.SqlClient, store: EventStore.EventStore) => Effect.Effect<A, E, EventStore.EventStore | SqlClient.SqlClient>
) =>
  it.live(
    title,
    () =>
      Effect.flatMap(Effect.all([SqlClient.SqlClient, EventStore.EventStore]), ([sql, store]) => body(sql, store)).pipe(
        Effect.provide(newStore())
      ),
    30_000
  )

/** `count` new events, appended to "order-1" and committed before the test's transactions. */
const committedBefore = (count: number) => Effect.tap(Fixtures.newEvents(count), (events) => EventStore.appendToStream("order-1", events))

/** A read of all events and a read of the "order" category. */
const readAllAndOrders = Effect.flatMap(EventStore.EventStore, (store) =>
  Effect.all([Stream.runCollect(store.readAll()), Stream.runCollect(store.readCategory("order"))])
)

describe("reads inside the caller's own transaction (PostgreSQL)", () => {
  test("readAll and readCategory return at once and include the transaction's own events, in order", (sql, store) =>
    Effect.gen(function* () {
      const before = yield* committedBefore(2)
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
    }))

  test("with no other transaction about, a read sees the events its transaction just wrote", (sql, store) =>
    Effect.gen(function* () {
      const before = yield* committedBefore(1)
      const own = yield* Fixtures.newEvents(2)
      // The newest transaction id is this transaction's own: no other can be older and running.
      const [all, orders] = yield* sql.withTransaction(Effect.zipRight(store.appendToStream("order-2", own), readAllAndOrders))
      const expected = [...before, ...own].map((e) => e.eventId)
      expect(ids(all)).toEqual(expected)
      expect(ids(orders)).toEqual(expected)
    }))

  test("in a repeatable-read transaction, a read does not wait for what its snapshot can never see", (sql, store) =>
    Effect.gen(function* () {
      const committed = yield* committedBefore(1)
      // Another transaction appends and stays open across the read.
      const other = yield* pausedTransaction(Effect.flatMap(Fixtures.newEvents(1), (events) => store.appendToStream("order-2", events)))
      // A younger transaction commits: the snapshot now lists the older one as running.
      yield* store.appendToStream("order-3", yield* Fixtures.newEvents(1))
      const [all, orders] = yield* sql.withTransaction(
        Effect.zipRight(sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`, readAllAndOrders)
      )
      yield* other.finish
      // What ended before the running transaction, and nothing after it.
      expect(ids(all)).toEqual([committed[0]!.eventId])
      expect(ids(orders)).toEqual([committed[0]!.eventId])
    }))
})
