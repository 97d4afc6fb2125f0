/** The in-memory adapter's own options and reads at their edges. */
import { describe, expect, it } from "vitest"
import { Chunk, Effect, Either, Stream } from "effect"
import { GlobalPosition, InMemoryEventStore } from "../src/index.js"

const event = (eventId: string, type = "Placed") => ({ eventId, type, data: { note: "x".repeat(20) } })

describe("in-memory event store options", () => {
  it("applies the limits it is given, not the defaults", async () => {
    await Effect.runPromise(
      Effect.gen(function* () {
        const store = yield* InMemoryEventStore.make({ limits: { maxBatchSize: 2, maxEventBytes: 200 } })
        const tooMany = yield* Effect.either(store.appendToStream("order-1", [event("a"), event("b"), event("c")]))
        expect(Either.isLeft(tooMany) && tooMany.left._tag === "InvalidEvent" && tooMany.left.reason).toBe(
          "the batch holds 3 events, more than the limit of 2"
        )
        const tooBig = yield* Effect.either(
          store.appendToStream("order-1", [{ eventId: "d", type: "Placed", data: { note: "x".repeat(300) } }])
        )
        expect(Either.isLeft(tooBig) && tooBig.left._tag === "InvalidEvent" && tooBig.left.reason).toMatch(/more than the limit of 200$/)
        expect((yield* store.appendToStream("order-1", [event("a"), event("b")])).nextExpectedVersion).toBe(2)
      })
    )
  })

  it("reads a stream backward from beyond its end as from its end, and forward from beyond it as nothing", async () => {
    await Effect.runPromise(
      Effect.gen(function* () {
        const store = yield* InMemoryEventStore.make()
        yield* store.appendToStream("order-1", [event("a"), event("b"), event("c")])
        const ids = (r: { readonly events: ReadonlyArray<{ readonly eventId: string }> }) => r.events.map((e) => e.eventId)
        expect(ids(yield* store.readStream("order-1", { direction: "backward", fromVersion: 10 }))).toEqual(["c", "b", "a"])
        expect(ids(yield* store.readStream("order-1", { direction: "backward", fromVersion: 10, maxCount: 2 }))).toEqual(["c", "b"])
        expect(ids(yield* store.readStream("order-1", { direction: "backward", fromVersion: 2, maxCount: 5 }))).toEqual(["b", "a"])
        expect(ids(yield* store.readStream("order-1", { direction: "backward", maxCount: 0 }))).toEqual([])
        expect(ids(yield* store.readStream("order-1", { fromVersion: 4 }))).toEqual([])
        expect(ids(yield* store.readStream("order-1", { fromVersion: 3, maxCount: 1 }))).toEqual(["c"])
        expect((yield* store.readStream("order-1", { fromVersion: 10 })).streamVersion).toBe(3)
      })
    )
  })

  it("reads all in global order across appends and streams, from any position, forward and backward", async () => {
    await Effect.runPromise(
      Effect.gen(function* () {
        const store = yield* InMemoryEventStore.make()
        yield* store.appendToStream("order-1", [event("a"), event("b")])
        yield* store.appendToStream("cart-1", [event("c", "Added")])
        yield* store.appendToStream("order-2", [event("d"), event("e", "Paid")])
        const all = Chunk.toReadonlyArray(yield* Stream.runCollect(store.readAll()))
        expect(all.map((e) => e.eventId)).toEqual(["a", "b", "c", "d", "e"])
        expect(all.map((e) => GlobalPosition.format(e.globalPosition))).toEqual(["1.1", "1.2", "2.3", "3.4", "3.5"])
        const read = (options: Parameters<typeof store.readAll>[0]) =>
          Effect.map(Stream.runCollect(store.readAll(options)), (events) => Chunk.toReadonlyArray(events).map((e) => e.eventId))
        for (const [i, position] of all.map((e, i) => [i, e.globalPosition] as const)) {
          expect(yield* read({ from: position })).toEqual(all.slice(i + 1).map((e) => e.eventId))
          expect(yield* read({ from: position, direction: "backward" })).toEqual(
            all
              .slice(0, i)
              .reverse()
              .map((e) => e.eventId)
          )
          expect(yield* read({ from: position, batchSize: 1, categories: ["order"] })).toEqual(
            all
              .slice(i + 1)
              .filter((e) => e.streamName.startsWith("order-"))
              .map((e) => e.eventId)
          )
          expect(
            yield* read({ from: position, direction: "backward", categories: ["order", "cart"], eventTypes: ["Placed", "Added"] })
          ).toEqual(
            all
              .slice(0, i)
              .reverse()
              .filter((e) => e.type !== "Paid")
              .map((e) => e.eventId)
          )
        }
        // Positions between and around the stored ones.
        expect(yield* read({ from: GlobalPosition.make(2, 0) })).toEqual(["c", "d", "e"])
        expect(yield* read({ from: GlobalPosition.make(2, 0), direction: "backward" })).toEqual(["b", "a"])
        expect(yield* read({ from: GlobalPosition.make(9, 9), direction: "backward", maxCount: 2 })).toEqual(["e", "d"])
        expect(yield* read({ from: GlobalPosition.make(9, 9) })).toEqual([])
        expect(yield* read({ from: GlobalPosition.start, direction: "backward" })).toEqual([])
        expect(yield* read({ direction: "backward", categories: ["cart"] })).toEqual(["c"])
        expect(yield* read({ categories: ["nothing"] })).toEqual([])
      })
    )
  })
})
