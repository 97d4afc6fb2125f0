import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { EventStore, InMemoryEventStore, InMemoryReadModel } from "../src/index.js"

describe("inline in-memory read models", () => {
  it.effect("are updated in the same step as the append", () =>
    Effect.gen(function* () {
      const counts = yield* InMemoryReadModel.make<Readonly<Record<string, number>>>({
        name: "counts",
        initial: {},
        apply: (state, e) => ({ ...state, [e.type]: (state[e.type] ?? 0) + 1 })
      })
      const store = yield* InMemoryEventStore.make({ inline: [counts] })
      yield* store.appendToStream("order-1", [
        { eventId: "a", type: "Placed", data: {} },
        { eventId: "b", type: "Paid", data: {} }
      ])
      expect(yield* counts.get).toEqual({ Placed: 1, Paid: 1 })
    })
  )

  it.effect("a failing inline read model fails the append: no event is written and no read model changes", () =>
    Effect.gen(function* () {
      const counts = yield* InMemoryReadModel.make<number>({ name: "counts", initial: 0, apply: (n) => n + 1 })
      const strict = yield* InMemoryReadModel.make<number>({
        name: "strict",
        initial: 0,
        apply: (n, e) => {
          if (e.type === "Refunded") throw new Error("refunds are not modelled yet")
          return n + 1
        }
      })
      const store = yield* InMemoryEventStore.make({ inline: [counts, strict] })
      yield* store.appendToStream("order-1", [{ eventId: "a", type: "Placed", data: {} }])
      const error = yield* Effect.flip(
        store.appendToStream("order-1", [
          { eventId: "b", type: "Paid", data: {} },
          { eventId: "c", type: "Refunded", data: {} }
        ])
      )
      expect(error).toMatchObject({ _tag: "InlineProjectionFailed", projection: "strict", streamName: "order-1" })
      expect(error.message).toContain("refunds are not modelled yet")
      expect(yield* counts.get).toBe(1)
      expect(yield* strict.get).toBe(1)
      expect((yield* store.readStream("order-1")).streamVersion).toBe(1)
      expect(Chunk.size(yield* Stream.runCollect(store.readAll()))).toBe(1)
      void EventStore
    })
  )
})
