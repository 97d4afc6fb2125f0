/**
 * Subscribers of one store that ask for the same page at the same time share its read: one read
 * of the adapter, one decoding, the same events for each. A read asked after a change of the
 * signal, for another page or for other categories, is a read of its own.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Deferred, Effect, Either, Fiber, Stream } from "effect"
import { Adapter, type Event, GlobalPosition, StreamName } from "../src/index.js"

const event = (n: number, category = "order"): Event.RecordedEvent => ({
  streamName: Either.getOrThrow(StreamName.make(category, String(n))),
  streamVersion: 1,
  globalPosition: GlobalPosition.make(n, 0),
  eventId: `e-${n}`,
  type: "OrderPlaced",
  data: { n },
  metadata: { occurredAt: new Date("2026-03-01T08:00:00.000Z"), schemaVersion: 1 }
})

/** A store whose page reads wait at `gate` and are counted, as are their decodings. */
const gatedStore = (events: ReadonlyArray<Event.RecordedEvent>) =>
  Effect.gen(function* () {
    const changes = yield* Adapter.makeChangeSignal
    const gate = yield* Deferred.make<void>()
    const counts = { reads: 0, decodings: 0 }
    const readPage: Adapter.ReadPage = (request) =>
      Effect.gen(function* () {
        counts.reads++
        yield* Deferred.await(gate)
        const selected = events
          .filter((e) => request.from === undefined || GlobalPosition.isAfter(e.globalPosition, request.from))
          .filter((e) => request.categories === undefined || request.categories.some((c) => e.streamName.startsWith(`${c}-`)))
          .slice(0, request.limit)
        const page = Adapter.decodedPage(selected)
        return {
          ...page,
          events: Effect.sync(() => {
            counts.decodings++
            return selected
          })
        }
      })
    const store = Adapter.make({
      append: () => Effect.die("not used"),
      readStream: () => Effect.die("not used"),
      readPage,
      startRead: Effect.succeed(readPage),
      changes,
      // The subscribers' own pages only: the tail they join once caught up reads too (test/SharedTail.property.spec.ts).
      sharedTail: false
    })
    return { store, gate, counts, changes }
  })

/** Forks a subscriber taking `n` events with `options`, and lets it reach its first read. */
const subscriber = (store: ReturnType<typeof Adapter.make>, n: number, options: Parameters<typeof store.subscribe>[0] = {}) =>
  Effect.fork(Stream.runCollect(Stream.take(store.subscribe({ batchSize: 10, ...options }), n)))

const settle = Effect.repeatN(Effect.yieldNow(), 20)

describe("Subscribers' page reads", () => {
  it.effect("asked for the same page at the same time are read and decoded once, and each subscriber gets every event", () =>
    Effect.gen(function* () {
      const events = [event(1), event(2), event(3)]
      const { counts, gate, store } = yield* gatedStore(events)
      const fibers = yield* Effect.forEach([1, 2, 3, 4], () => subscriber(store, 3))
      yield* settle
      expect(counts.reads).toBe(1)
      yield* Deferred.succeed(gate, undefined)
      const received = yield* Effect.forEach(fibers, (fiber) => Effect.map(Fiber.join(fiber), Chunk.toReadonlyArray))
      for (const got of received) expect(got.map((e) => e.eventId)).toEqual(["e-1", "e-2", "e-3"])
      expect(counts.reads).toBe(1)
      expect(counts.decodings).toBe(1)
    })
  )

  it.effect("are read again after a change of the signal, and for other categories or another position", () =>
    Effect.gen(function* () {
      const events = [event(1), event(2, "listing"), event(3)]
      const { changes, counts, gate, store } = yield* gatedStore(events)
      const first = yield* subscriber(store, 2)
      yield* settle
      // Something was stored since the first read started: this read may see more, so it reads.
      yield* changes.notify
      const afterChange = yield* subscriber(store, 2)
      const otherCategory = yield* subscriber(store, 1, { categories: ["listing"] })
      const otherPosition = yield* subscriber(store, 1, { from: GlobalPosition.make(1, 0) })
      yield* settle
      expect(counts.reads).toBe(4)
      yield* Deferred.succeed(gate, undefined)
      expect(Chunk.toReadonlyArray(yield* Fiber.join(first)).map((e) => e.eventId)).toEqual(["e-1", "e-2"])
      expect(Chunk.toReadonlyArray(yield* Fiber.join(afterChange)).map((e) => e.eventId)).toEqual(["e-1", "e-2"])
      expect(Chunk.toReadonlyArray(yield* Fiber.join(otherCategory)).map((e) => e.eventId)).toEqual(["e-2"])
      expect(Chunk.toReadonlyArray(yield* Fiber.join(otherPosition)).map((e) => e.eventId)).toEqual(["e-2"])
    })
  )

  it.effect("a read whose reader is interrupted is read again by the subscribers that waited for it", () =>
    Effect.gen(function* () {
      const { counts, gate, store } = yield* gatedStore([event(1)])
      const reader = yield* subscriber(store, 1)
      yield* settle
      const waiting = yield* subscriber(store, 1)
      yield* settle
      expect(counts.reads).toBe(1)
      yield* Fiber.interrupt(reader)
      yield* settle
      expect(counts.reads).toBe(2)
      yield* Deferred.succeed(gate, undefined)
      expect(Chunk.toReadonlyArray(yield* Fiber.join(waiting)).map((e) => e.eventId)).toEqual(["e-1"])
    })
  )
})
