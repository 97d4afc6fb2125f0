import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Fiber, Stream } from "effect"
import { EventStore, InMemoryEventStore, TypedEventStore } from "../src/index.js"
import { Counted, Reset, tallyCodec, tallyDecider } from "./fixtures/tally.js"

describe("TypedEventStore", () => {
  it.effect("appends typed events and reads them back decoded", () =>
    Effect.gen(function* () {
      const store = yield* TypedEventStore.make(tallyCodec)
      yield* store.appendToStream("tally-1", [{ event: new Counted({ amount: 2 }) }, { event: new Reset({ reason: "new month" }) }])
      const { events, streamVersion } = yield* store.readStream("tally-1")
      expect(streamVersion).toBe(2)
      expect(events.map((e) => e.data)).toEqual([new Counted({ amount: 2 }), new Reset({ reason: "new month" })])
      const raw = yield* EventStore.readStream("tally-1")
      expect(raw.events[0]!.data).toEqual({ amount: 2 })
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("folds a stream into state", () =>
    Effect.gen(function* () {
      const store = yield* TypedEventStore.make(tallyCodec)
      yield* store.appendToStream(
        "tally-1",
        [3, 4, 5].map((amount) => ({ event: new Counted({ amount }) }))
      )
      expect(yield* store.aggregateStream("tally-1", tallyDecider)).toEqual({ state: 12, streamVersion: 3 })
      expect(yield* store.aggregateStream("tally-2", tallyDecider)).toEqual({ state: 0, streamVersion: 0 })
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("a stored event that no longer decodes fails the read with EventDecodeError", () =>
    Effect.gen(function* () {
      yield* EventStore.appendToStream("tally-1", [{ eventId: "bad-1", type: "Counted", data: { amount: "many" } }])
      const store = yield* TypedEventStore.make(tallyCodec)
      const error = yield* Effect.flip(store.readStream("tally-1"))
      expect(error).toMatchObject({ _tag: "EventDecodeError", eventId: "bad-1", streamVersion: 1 })
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.live("reads and subscriptions deliver only the codec's event types, decoded", () =>
    Effect.gen(function* () {
      const store = yield* TypedEventStore.make(tallyCodec)
      yield* EventStore.appendToStream("other-1", [{ eventId: "o-1", type: "SomethingElse", data: {} }])
      yield* store.appendToStream("tally-1", [{ event: new Counted({ amount: 1 }) }])
      const subscription = yield* Effect.fork(Stream.runCollect(Stream.take(store.subscribe(), 2)))
      yield* EventStore.appendToStream("other-1", [{ eventId: "o-2", type: "SomethingElse", data: {} }])
      yield* store.appendToStream("tally-2", [{ event: new Counted({ amount: 2 }) }])
      const all = yield* Stream.runCollect(store.readAll())
      expect(Chunk.toArray(all).map((e) => e.data)).toEqual([new Counted({ amount: 1 }), new Counted({ amount: 2 })])
      const category = yield* Stream.runCollect(store.readCategory("tally", { direction: "backward" }))
      expect(Chunk.toArray(category).map((e) => e.streamName)).toEqual(["tally-2", "tally-1"])
      const live = yield* Fiber.join(subscription)
      expect(Chunk.toArray(live).map((e) => e.data)).toEqual([new Counted({ amount: 1 }), new Counted({ amount: 2 })])
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )
})
