import { it } from "@effect/vitest"
import { Chunk, Effect, Either, Fiber, Runtime, Stream } from "effect"
import { SqlClient } from "@effect/sql"
import { EventStore, GlobalPosition, type Event } from "@jatim/eventstore"
import { Fixtures } from "@jatim/testing"
import * as fc from "fast-check"
import { expect } from "vitest"
import { storeLayer, suiteDatabaseBeforeAll } from "./support.js"

const url = suiteDatabaseBeforeAll("global_order")

/** One writer's transaction: appends to some streams, waits, then commits or rolls back. */
interface Transaction {
  readonly appends: ReadonlyArray<{ readonly stream: number; readonly events: number }>
  readonly holdMillis: number
  readonly rollback: boolean
}

const transaction: fc.Arbitrary<Transaction> = fc.record({
  appends: fc.array(fc.record({ stream: fc.nat({ max: 3 }), events: fc.integer({ min: 1, max: 3 }) }), {
    minLength: 1,
    maxLength: 2
  }),
  holdMillis: fc.integer({ min: 0, max: 3 }),
  rollback: fc.boolean()
})

const scenario = fc.record({
  writers: fc.array(fc.array(transaction, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 4 }),
  batchSize: fc.integer({ min: 1, max: 3 })
})

class RolledBack {
  readonly _tag = "RolledBack"
}

const rollbackMarker = new RolledBack()

it.live(
  "concurrent writers with rollbacks: a live subscriber gets every committed event once, in order, and nothing rolled back",
  () =>
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const sql = yield* SqlClient.SqlClient
      const runPromise = Runtime.runPromise(yield* Effect.runtime<never>())
      let run = 0

      const runTransaction = (writer: number, tx: Transaction) =>
        Effect.gen(function* () {
          const written: Array<string> = []
          for (const append of tx.appends) {
            const events = yield* Fixtures.newEvents(append.events)
            yield* store.appendToStream(`r${run}w-${writer}x${append.stream}`, events)
            written.push(...events.map((e) => e.eventId))
          }
          yield* Effect.sleep(`${tx.holdMillis} millis`)
          if (tx.rollback) return yield* Effect.fail(rollbackMarker)
          return written
        }).pipe(sql.withTransaction, Effect.either)

      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(scenario, ({ batchSize, writers }) =>
            runPromise(
              Effect.gen(function* () {
                run += 1
                const [head] = yield* Stream.runCollect(store.readAll({ direction: "backward", maxCount: 1 })).pipe(
                  Effect.map(Chunk.toArray)
                )
                const received: Array<Event.RecordedEvent> = []
                const subscriber = yield* Effect.fork(
                  store
                    .subscribe({ from: head?.globalPosition, batchSize })
                    .pipe(Stream.runForEach((event) => Effect.sync(() => received.push(event))))
                )
                const outcomes = yield* Effect.forEach(
                  writers,
                  (transactions, writer) => Effect.forEach(transactions, (tx) => runTransaction(writer, tx)),
                  { concurrency: "unbounded" }
                )
                const committed = outcomes.flat().flatMap((outcome) => (Either.isRight(outcome) ? outcome.right : []))
                const rolledBack = writers.flat().filter((tx) => tx.rollback).length
                expect(outcomes.flat().filter(Either.isLeft)).toHaveLength(rolledBack)
                // Everything committed is visible now: give the subscriber up to 10 s to have it all.
                for (let waited = 0; received.length < committed.length && waited < 10_000; waited += 2) {
                  yield* Effect.sleep("2 millis")
                }
                yield* Effect.sleep("5 millis")
                yield* Fiber.interrupt(subscriber)
                expect(received.map((e) => e.eventId).sort()).toEqual([...committed].sort())
                for (let i = 1; i < received.length; i++) {
                  expect(GlobalPosition.isAfter(received[i]!.globalPosition, received[i - 1]!.globalPosition)).toBe(true)
                }
              })
            ).then(() => true)
          ),
          { numRuns: Number(process.env.FC_NUM_RUNS ?? 1000) }
        )
      )
    }).pipe(Effect.provide(storeLayer(url()))),
  300_000
)
