/**
 * `Adapter.make` on primitives that record their calls: what a caller gets wrong is refused
 * before any primitive runs, what reaches a primitive is validated and normalised, and a read
 * of all events starts its page reader once.
 */
import { describe, expect, it } from "vitest"
import { Chunk, Effect, Either, Stream } from "effect"
import * as fc from "fast-check"
import { FixedClock } from "@jatim/testing"
import { Adapter, type Event, ExpectedVersion, GlobalPosition, StreamName } from "../src/index.js"

const clock = FixedClock.make(new Date("2026-03-01T08:00:00.000Z"))

/** A store on primitives that remember every call; its pages come from `events`. */
const recordingStore = (events: ReadonlyArray<Event.RecordedEvent> = []) =>
  Effect.map(Adapter.makeChangeSignal, (changes) => {
    const calls = { append: [] as Array<unknown>, readStream: [] as Array<unknown>, readPage: 0, startRead: 0 }
    const readPage: Adapter.ReadPage = (request) =>
      Effect.sync(() => {
        calls.readPage++
        const after = events.filter((e) => request.from === undefined || GlobalPosition.isAfter(e.globalPosition, request.from))
        return Adapter.decodedPage(after.slice(0, request.limit))
      })
    const store = Adapter.make({
      limits: { maxEventBytes: 1024, maxBatchSize: 3 },
      append: (append, expected) =>
        Effect.sync(() => {
          calls.append.push({
            streamName: append.streamName,
            category: append.category,
            ids: append.events.map((e) => e.eventId),
            expected
          })
          return { nextExpectedVersion: append.events.length, lastPosition: undefined, eventsWritten: append.events.length }
        }),
      readStream: (streamName, request) =>
        Effect.sync(() => {
          calls.readStream.push({ streamName, request })
          return { streamVersion: 0, events: [] }
        }),
      readPage,
      startRead: Effect.sync(() => {
        calls.startRead++
        return readPage
      }),
      changes
    })
    return { store, calls }
  })

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runSync(effect.pipe(Effect.withClock(clock)))

const newEvent = (eventId: string): Event.NewEvent => ({ eventId, type: "OrderPlaced", data: { n: 1 } })

describe("Adapter.make", () => {
  it("refuses a stream name that does not parse before any primitive runs", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.tuple(fc.stringMatching(/^[a-z]{1,8}$/), fc.string({ maxLength: 20 })).map(([category, id]) => `${category}-${id}`)
        ),
        (name) => {
          const { calls, store } = run(recordingStore())
          const result = run(Effect.either(store.appendToStream(name, [newEvent("e-1")])))
          const read = run(Effect.either(store.readStream(name)))
          if (Either.isLeft(StreamName.parse(name))) {
            expect(Either.isLeft(result) && result.left._tag).toBe("InvalidStreamName")
            expect(Either.isLeft(read) && read.left._tag).toBe("InvalidStreamName")
            expect(calls.append).toEqual([])
            expect(calls.readStream).toEqual([])
          } else {
            expect(Either.isRight(result)).toBe(true)
            expect(calls.append).toHaveLength(1)
            expect(calls.readStream).toHaveLength(1)
          }
        }
      )
    )
  })

  it("refuses an invalid event, a batch over the limit and an invalid expected version before the append primitive", () => {
    const { calls, store } = run(recordingStore())
    const tags = [
      store.appendToStream("order-1", [{ eventId: "", type: "OrderPlaced", data: {} }]),
      store.appendToStream("order-1", [newEvent("a"), newEvent("b"), newEvent("c"), newEvent("d")]),
      store.appendToStream("order-1", [newEvent("a")], {
        expectedVersion: { _tag: "Exact", version: 1.5 } as ExpectedVersion.ExpectedVersion
      })
    ].map((append) =>
      Either.flip(run(Effect.either(append))).pipe(
        Either.map((error) => error._tag),
        Either.getOrThrow
      )
    )
    expect(tags).toEqual(["InvalidEvent", "InvalidEvent", "InvalidExpectedVersion"])
    expect(calls.append).toEqual([])
  })

  it("gives the append primitive the parsed stream, its category, the events and the decoded expected version", () => {
    const { calls, store } = run(recordingStore())
    run(store.appendToStream("order-1", [newEvent("a"), newEvent("b")]))
    run(store.appendToStream("order-1", [newEvent("c")], { expectedVersion: ExpectedVersion.exact(2) }))
    expect(calls.append).toEqual([
      { streamName: "order-1", category: "order", ids: ["a", "b"], expected: ExpectedVersion.any },
      { streamName: "order-1", category: "order", ids: ["c"], expected: ExpectedVersion.exact(2) }
    ])
  })

  it("gives the read primitive options validated and normalised, and refuses invalid ones before it", () => {
    const { calls, store } = run(recordingStore())
    run(store.readStream("order-1"))
    run(store.readStream("order-1", { direction: "backward", fromVersion: 3, maxCount: 2 }))
    const refused = run(Effect.either(store.readStream("order-1", { fromVersion: 0 })))
    expect(Either.isLeft(refused) && refused.left._tag).toBe("InvalidReadRequest")
    expect(calls.readStream).toEqual([
      { streamName: "order-1", request: { direction: "forward", fromVersion: undefined, maxCount: undefined } },
      { streamName: "order-1", request: { direction: "backward", fromVersion: 3, maxCount: 2 } }
    ])
  })

  it("starts the page reader once per read of all events, however many pages it reads", () => {
    const events = Array.from(
      { length: 7 },
      (_, i): Event.RecordedEvent => ({
        streamName: "order-1" as StreamName.StreamName,
        streamVersion: i + 1,
        globalPosition: GlobalPosition.make(i + 1, i + 1),
        eventId: `e-${i}`,
        type: "OrderPlaced",
        data: {},
        metadata: { occurredAt: new Date(0), schemaVersion: 1 }
      })
    )
    const { calls, store } = run(recordingStore(events))
    const read = run(Stream.runCollect(store.readAll({ batchSize: 2 })))
    expect(Chunk.toReadonlyArray(read).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId))
    expect(calls.startRead).toBe(1)
    expect(calls.readPage).toBe(4)
    run(Stream.runCollect(store.readCategory("order")))
    expect(calls.startRead).toBe(2)
  })
})
