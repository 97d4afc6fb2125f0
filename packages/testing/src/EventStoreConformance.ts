/**
 * The adapter conformance suite: the whole `EventStore` contract, one test per rule, run
 * against any adapter's layer. Every test gets a store of its own (the layer is built
 * anew for each), so adapters must give each build an empty store.
 *
 * @since 0.1.0
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Either, Fiber, type Layer, Stream, TestClock, TestContext } from "effect"
import {
  Adapter,
  type Event,
  EventStore,
  ExpectedVersion,
  GlobalPosition,
  InMemoryEventStore,
  type AppendError,
  type ReadError
} from "@jatim/eventstore"
import * as fc from "fast-check"
import { runPayloadAgreement } from "./EventPayloads.js"
import { idsOf, newEvent, newEvents } from "./fixtures.js"
import { runEventStoreModel } from "./EventStoreModel.js"

/** Options of the conformance suite. */
export interface ConformanceOptions {
  /** Cases of the model-based property; the global fast-check default (1,000 here) when absent. */
  readonly modelRuns?: number | undefined
  /** Per-test timeout in milliseconds; 30 s by default. */
  readonly timeout?: number | undefined
}

type Program<A, E = AppendError | ReadError> = Effect.Effect<A, E, EventStore.EventStore>

const store = EventStore.EventStore

/** Appends and fails the test on any error. */
const append = (streamName: string, events: ReadonlyArray<Event.NewEvent>, expectedVersion?: ExpectedVersion.ExpectedVersion) =>
  EventStore.appendToStream(streamName, events, { expectedVersion })

/** Appends expecting failure; returns the error. */
const appendFails = (streamName: string, events: ReadonlyArray<Event.NewEvent>, expectedVersion?: ExpectedVersion.ExpectedVersion) =>
  Effect.flip(EventStore.appendToStream(streamName, events, { expectedVersion }))

const readIds = (streamName: string) => Effect.map(EventStore.readStream(streamName), ({ events }) => idsOf(events))

const collect = <A, E, R>(stream: Stream.Stream<A, E, R>) => Effect.map(Stream.runCollect(stream), Chunk.toArray)

/**
 * Runs the whole contract against `layer`. Call it inside a vitest file:
 * `runEventStoreConformance("in memory", () => InMemoryEventStore.layer())`.
 */
export const runEventStoreConformance = <E>(
  name: string,
  makeLayer: () => Layer.Layer<EventStore.EventStore, E>,
  options: ConformanceOptions = {}
): void => {
  const timeout = options.timeout ?? 30_000
  const test = <A, Err>(title: string, program: () => Program<A, Err>) =>
    it.live(title, () => Effect.asVoid(Effect.provide(program(), makeLayer())), timeout)

  describe(`EventStore conformance: ${name}`, () => {
    describe("stream names", () => {
      test("an append to a name that is not category-id fails with InvalidStreamName and writes nothing", () =>
        Effect.gen(function* () {
          const events = yield* newEvents(1)
          for (const bad of ["", "nodash", "-id", "category-", "1abc-id", "cat egory-id", "cat-id with space", "ca$t-id"]) {
            const error = yield* appendFails(bad, events)
            expect(error._tag).toBe("InvalidStreamName")
            expect(error.message).toContain("category-id")
          }
          expect(yield* collect(EventStore.readAll())).toEqual([])
        }))

      test("the category is the text before the first dash; the id may hold dashes", () =>
        Effect.gen(function* () {
          yield* append("order-2024-07-001", yield* newEvents(1))
          yield* append("orderLine-1", yield* newEvents(1))
          const inOrder = yield* collect(EventStore.readCategory("order"))
          expect(inOrder.map((e) => e.streamName)).toEqual(["order-2024-07-001"])
        }))

      test("a read of an invalid stream name or category fails with a typed error", () =>
        Effect.gen(function* () {
          const stream = yield* Effect.flip(EventStore.readStream("no dash"))
          expect(stream._tag).toBe("InvalidStreamName")
          const category = yield* Effect.flip(collect(EventStore.readCategory("bad-category")))
          expect(category._tag).toBe("InvalidCategory")
        }))
    })

    describe("expected versions", () => {
      test("Any appends to a new stream and to an existing one", () =>
        Effect.gen(function* () {
          const first = yield* append("account-1", yield* newEvents(2), ExpectedVersion.any)
          const second = yield* append("account-1", yield* newEvents(1), ExpectedVersion.any)
          expect([first.nextExpectedVersion, second.nextExpectedVersion]).toEqual([2, 3])
        }))

      test("NoStream appends to a new stream and conflicts on an existing one, with the actual version", () =>
        Effect.gen(function* () {
          yield* append("account-1", yield* newEvents(2), ExpectedVersion.noStream)
          const error = yield* appendFails("account-1", yield* newEvents(1), ExpectedVersion.noStream)
          expect(error).toMatchObject({ _tag: "ExpectedVersionConflict", streamName: "account-1", actual: 2 })
          expect(error.message).toContain("account-1")
        }))

      test("StreamExists conflicts on a new stream and appends to an existing one", () =>
        Effect.gen(function* () {
          const error = yield* appendFails("account-1", yield* newEvents(1), ExpectedVersion.streamExists)
          expect(error).toMatchObject({ _tag: "ExpectedVersionConflict", actual: 0, expected: { _tag: "StreamExists" } })
          yield* append("account-1", yield* newEvents(1))
          const result = yield* append("account-1", yield* newEvents(1), ExpectedVersion.streamExists)
          expect(result.nextExpectedVersion).toBe(2)
        }))

      test("Exact(n) appends only when the stream is at n; the conflict carries expected and actual", () =>
        Effect.gen(function* () {
          yield* append("account-1", yield* newEvents(3))
          for (const wrong of [0, 1, 2, 4, 10]) {
            const error = yield* appendFails("account-1", yield* newEvents(1), ExpectedVersion.exact(wrong))
            expect(error).toMatchObject({
              _tag: "ExpectedVersionConflict",
              expected: { _tag: "Exact", version: wrong },
              actual: 3
            })
          }
          const result = yield* append("account-1", yield* newEvents(1), ExpectedVersion.exact(3))
          expect(result.nextExpectedVersion).toBe(4)
        }))

      test("Exact(0) is the same as NoStream", () =>
        Effect.gen(function* () {
          yield* append("account-1", yield* newEvents(1), ExpectedVersion.exact(0))
          const error = yield* appendFails("account-1", yield* newEvents(1), ExpectedVersion.exact(0))
          expect(error).toMatchObject({ _tag: "ExpectedVersionConflict", actual: 1 })
        }))

      test("a conflicting append writes nothing", () =>
        Effect.gen(function* () {
          const original = yield* newEvents(2)
          yield* append("account-1", original)
          yield* appendFails("account-1", yield* newEvents(3), ExpectedVersion.exact(1))
          yield* appendFails("account-1", yield* newEvents(3), ExpectedVersion.noStream)
          expect(yield* readIds("account-1")).toEqual(idsOf(original))
          expect(yield* collect(EventStore.readAll())).toHaveLength(2)
        }))

      test("an expectation that is none of the four variants fails with InvalidExpectedVersion and writes nothing", () =>
        Effect.gen(function* () {
          yield* append("account-1", yield* newEvents(1))
          const invalid: ReadonlyArray<unknown> = [
            { _tag: "Whatever" },
            { _tag: "Exact", version: 1.5 },
            { _tag: "Exact", version: -1 },
            { _tag: "Exact", version: Number.NaN },
            { _tag: "Exact", version: Number.POSITIVE_INFINITY },
            { _tag: "Exact", version: 2 ** 53 },
            { _tag: "Exact", version: "1" },
            { _tag: "Exact" },
            { version: 1 },
            "Any",
            null
          ]
          for (const expected of invalid) {
            for (const streamName of ["account-1", "account-new"]) {
              const error = yield* Effect.flip(
                EventStore.appendToStream(streamName, yield* newEvents(1), {
                  expectedVersion: expected as ExpectedVersion.ExpectedVersion
                })
              )
              expect(error, `${JSON.stringify(expected)} on ${streamName}`).toMatchObject({ _tag: "InvalidExpectedVersion", streamName })
              expect(error.message).toContain("Exact(n)")
            }
          }
          expect((yield* EventStore.readStream("account-1")).streamVersion).toBe(1)
          expect((yield* EventStore.readStream("account-new")).streamVersion).toBe(0)
          // The check comes after the batch's (a bad event is named first) and before any retry.
          const error = yield* Effect.flip(
            EventStore.appendToStream("account-1", [{ ...(yield* newEvent("Happened")), eventId: "" }], {
              expectedVersion: { _tag: "Whatever" } as unknown as ExpectedVersion.ExpectedVersion
            })
          )
          expect(error._tag).toBe("InvalidEvent")
        }))

      test("the expected-version matrix holds for every variant and stream version", () =>
        Effect.gen(function* () {
          const variants = [
            ExpectedVersion.any,
            ExpectedVersion.noStream,
            ExpectedVersion.streamExists,
            ...[0, 1, 2, 3].map(ExpectedVersion.exact)
          ]
          for (const [v, expected] of variants.entries()) {
            for (const actual of [0, 1, 2, 3]) {
              const streamName = `matrix-${v}x${actual}`
              if (actual > 0) yield* append(streamName, yield* newEvents(actual))
              const result = yield* Effect.either(append(streamName, yield* newEvents(1), expected))
              expect(Either.isRight(result), `${JSON.stringify(expected)} at ${actual}`).toBe(
                ExpectedVersion.isSatisfiedBy(expected, actual)
              )
              const { streamVersion } = yield* EventStore.readStream(streamName)
              expect(streamVersion).toBe(Either.isRight(result) ? actual + 1 : actual)
            }
          }
        }))
    })

    describe("append", () => {
      test("stream versions start at 1 and have no gaps; global positions increase", () =>
        Effect.gen(function* () {
          yield* append("account-1", yield* newEvents(3))
          yield* append("account-2", yield* newEvents(2))
          yield* append("account-1", yield* newEvents(2))
          const { events } = yield* EventStore.readStream("account-1")
          expect(events.map((e) => e.streamVersion)).toEqual([1, 2, 3, 4, 5])
          const all = yield* collect(EventStore.readAll())
          for (let i = 1; i < all.length; i++) {
            expect(GlobalPosition.isAfter(all[i]!.globalPosition, all[i - 1]!.globalPosition)).toBe(true)
          }
        }))

      test("the append result names the next expected version, the last position and the count written", () =>
        Effect.gen(function* () {
          const result = yield* append("account-1", yield* newEvents(3))
          const all = yield* collect(EventStore.readAll())
          expect(result).toEqual({
            nextExpectedVersion: 3,
            lastPosition: all[2]!.globalPosition,
            eventsWritten: 3
          })
        }))

      test("a batch is atomic: one invalid event and nothing of the batch is written", () =>
        Effect.gen(function* () {
          const good = yield* newEvents(3)
          const bad = { ...(yield* newEvent("Happened")), data: [1, 2] as unknown as Event.JsonObject }
          const error = yield* appendFails("account-1", [...good, bad])
          expect(error._tag).toBe("InvalidEvent")
          expect((yield* EventStore.readStream("account-1")).streamVersion).toBe(0)
        }))

      test("appending the same events again succeeds and writes nothing", () =>
        Effect.gen(function* () {
          const events = yield* newEvents(3)
          const first = yield* append("account-1", events, ExpectedVersion.noStream)
          const again = yield* append("account-1", events, ExpectedVersion.noStream)
          expect(again).toEqual({ ...first, eventsWritten: 0 })
          expect(yield* readIds("account-1")).toEqual(idsOf(events))
        }))

      test("an idempotent retry succeeds after later appends, whatever version it expected", () =>
        Effect.gen(function* () {
          const events = yield* newEvents(2)
          yield* append("account-1", events, ExpectedVersion.exact(0))
          yield* append("account-1", yield* newEvents(2))
          const retry = yield* append("account-1", events, ExpectedVersion.exact(0))
          expect(retry).toMatchObject({ nextExpectedVersion: 2, eventsWritten: 0 })
          expect((yield* EventStore.readStream("account-1")).streamVersion).toBe(4)
        }))

      test("an event id stored with other data fails with DuplicateEventId and writes nothing", () =>
        Effect.gen(function* () {
          const [event] = yield* newEvents(1)
          yield* append("account-1", [event!])
          const error = yield* appendFails("account-1", [{ ...event!, data: { n: 99 } }])
          expect(error).toMatchObject({ _tag: "DuplicateEventId", eventId: event!.eventId })
          expect(error.message).toContain(event!.eventId)
          const typeChanged = yield* appendFails("account-1", [{ ...event!, type: "Other" }])
          expect(typeChanged._tag).toBe("DuplicateEventId")
          expect((yield* EventStore.readStream("account-1")).streamVersion).toBe(1)
        }))

      // A batch refused for ids already stored: `stored` events go to account-1 first.
      for (const refused of [
        {
          title: "an event id stored in another stream fails with DuplicateEventId",
          stored: 1,
          stream: "account-2",
          batch: (stored: ReadonlyArray<Event.NewEvent>) => Effect.succeed(stored),
          version: 0
        },
        {
          title: "a batch that is only partly stored fails with DuplicateEventId and writes nothing",
          stored: 2,
          stream: "account-1",
          batch: (stored: ReadonlyArray<Event.NewEvent>) => Effect.map(newEvents(1), (fresh) => [...stored, ...fresh]),
          version: 2
        }
      ]) {
        test(refused.title, () =>
          Effect.gen(function* () {
            const stored = yield* newEvents(refused.stored)
            yield* append("account-1", stored)
            const error = yield* appendFails(refused.stream, yield* refused.batch(stored))
            expect(error._tag).toBe("DuplicateEventId")
            expect((yield* EventStore.readStream(refused.stream)).streamVersion).toBe(refused.version)
          })
        )
      }

      test("a batch whose ids are partly stored is refused with one reason, naming the first event that breaks a rule", () =>
        Effect.gen(function* () {
          const stored = yield* newEvents(2)
          yield* append("account-1", stored)
          const elsewhere = yield* newEvents(1)
          yield* append("account-2", elsewhere)
          const [fresh] = yield* newEvents(1)
          const [e1, e2] = stored
          const cases: ReadonlyArray<readonly [string, ReadonlyArray<Event.NewEvent>, string, string]> = [
            ["stored, stored, new", [e1!, e2!, fresh!], fresh!.eventId, Adapter.duplicateReasons.missing],
            ["new, stored", [fresh!, e2!], fresh!.eventId, Adapter.duplicateReasons.missing],
            ["stored, stored elsewhere", [e1!, elsewhere[0]!], elsewhere[0]!.eventId, Adapter.duplicateReasons.otherStream("account-2")],
            ["stored with other data, new", [{ ...e1!, data: { n: 99 } }, fresh!], e1!.eventId, Adapter.duplicateReasons.otherContent],
            ["stored, stored with another type", [e1!, { ...e2!, type: "Other" }], e2!.eventId, Adapter.duplicateReasons.otherContent],
            ["stored in the other order", [e2!, e1!], e1!.eventId, Adapter.duplicateReasons.notTogether],
            ["stored, new, stored", [e1!, fresh!, e2!], fresh!.eventId, Adapter.duplicateReasons.missing]
          ]
          for (const [title, batch, eventId, reason] of cases) {
            for (const expected of [ExpectedVersion.any, ExpectedVersion.exact(2), ExpectedVersion.exact(7), ExpectedVersion.noStream]) {
              const error = yield* appendFails("account-1", batch, expected)
              const answer =
                error._tag === "DuplicateEventId"
                  ? { _tag: error._tag, streamName: error.streamName, eventId: error.eventId, reason: error.reason }
                  : { _tag: error._tag, message: error.message }
              expect(answer, `${title}, expecting ${JSON.stringify(expected)}`).toEqual({
                _tag: "DuplicateEventId",
                streamName: "account-1",
                eventId,
                reason
              })
            }
          }
          expect((yield* EventStore.readStream("account-1")).streamVersion).toBe(2)
          expect(yield* collect(EventStore.readAll())).toHaveLength(3)
        }))

      test("a batch that holds one id twice fails with InvalidEvent", () =>
        Effect.gen(function* () {
          const [event] = yield* newEvents(1)
          const error = yield* appendFails("account-1", [event!, event!])
          expect(error).toMatchObject({ _tag: "InvalidEvent", eventId: event!.eventId })
          expect((yield* EventStore.readStream("account-1")).streamVersion).toBe(0)
        }))

      test("events with a bad id, type, data or metadata fail with InvalidEvent", () =>
        Effect.gen(function* () {
          const good = yield* newEvent("Happened", { n: 1 })
          const cases: ReadonlyArray<Event.NewEvent> = [
            { ...good, eventId: "" },
            { ...good, eventId: "has space" },
            { ...good, type: "" },
            { ...good, type: "9Starts with digit" },
            { ...good, data: null as unknown as Event.JsonObject },
            { ...good, data: "text" as unknown as Event.JsonObject },
            { ...good, data: { big: 1n } },
            { ...good, data: { text: "nul\u0000char" } },
            { ...good, metadata: { schemaVersion: 0 } },
            { ...good, metadata: { actor: { role: "" } } }
          ]
          for (const bad of cases) {
            const error = yield* appendFails("account-1", [bad])
            expect(
              error._tag,
              JSON.stringify(bad, (_, v) => (typeof v === "bigint" ? `${v}n` : v))
            ).toBe("InvalidEvent")
          }
          expect((yield* EventStore.readStream("account-1")).streamVersion).toBe(0)
        }))

      test("a NUL or a lone surrogate in data or metadata, in a key or a value, at any depth, fails with InvalidEvent naming where", () =>
        Effect.gen(function* () {
          const good = yield* newEvent("Happened", { n: 1 })
          const cases: ReadonlyArray<readonly [Event.NewEvent, string]> = [
            [{ ...good, data: { name: "nul\u0000char" } }, "data.name holds a NUL character"],
            [{ ...good, data: { name: "\uD800" } }, "data.name holds a lone surrogate (U+D800"],
            [{ ...good, data: { name: "a\uDC00" } }, "data.name holds a lone surrogate (U+DC00"],
            [{ ...good, data: { name: "\uDC00\uD800" } }, "data.name holds a lone surrogate (U+DC00"],
            [
              { ...good, data: { "pesantren name": ["ok", { deep: [["x\uDBFF"]] }] } },
              'data["pesantren name"][1].deep[0][0] holds a lone surrogate'
            ],
            [{ ...good, data: { ["\u0000"]: 1 } }, 'the key data["\\u0000"] holds a NUL character'],
            [{ ...good, data: { outer: { ["k\uD800"]: true } } }, 'the key data.outer["k\\ud800"] holds a lone surrogate'],
            [{ ...good, metadata: { correlationId: "corr\u0000" } }, "metadata.correlationId holds a NUL character"],
            [{ ...good, metadata: { causationId: "\uDFFF" } }, "metadata.causationId holds a lone surrogate"],
            [{ ...good, metadata: { actor: { role: "ADMIN\uD800" } } }, "metadata.actor.role holds a lone surrogate"],
            [{ ...good, metadata: { actor: { role: "ADMIN", id: "51\u00000" } } }, "metadata.actor.id holds a NUL character"]
          ]
          for (const [bad, where] of cases) {
            const error = yield* appendFails("account-1", [bad])
            expect(error, where).toMatchObject({ _tag: "InvalidEvent", eventId: good.eventId })
            expect(error.message).toContain(where)
          }
          expect((yield* EventStore.readStream("account-1")).streamVersion).toBe(0)
        }))

      test("text that merely reads like an escape (a backslash, then u0000) is stored and read back exactly", () =>
        Effect.gen(function* () {
          const data = {
            path: "C:\\u0000dir",
            surrogate: "\\ud800 and \\uDC00",
            doubled: "\\\\u0000",
            ["key\\u0000"]: ["\\u0000", { ["\\ud83d"]: "\\ude00" }],
            pair: "\uD83D\uDE00 keeps its pair",
            nonCharacters: "\uFFFE\uFFFF",
            controls: "\u0001\u001f\u007f"
          }
          const metadata = { correlationId: "C:\\u0000dir", actor: { role: "ADMIN\\u0000", id: "\\ud800" } }
          const event = yield* newEvent("Happened", data, metadata)
          yield* append("account-1", [event])
          const [read] = (yield* EventStore.readStream("account-1")).events
          expect(read!.data).toEqual(data)
          expect(read!.metadata).toMatchObject(metadata)
          expect(data.path).toHaveLength(11)
        }))

      test("numbers are stored as JSON.stringify writes them and read back alike", () =>
        Effect.gen(function* () {
          const data = {
            max: Number.MAX_VALUE,
            tiny: Number.MIN_VALUE,
            negativeZero: -0,
            large: 1e21,
            precise: 0.1 + 0.2,
            safe: Number.MAX_SAFE_INTEGER,
            negative: -1.5e-300,
            notANumber: Number.NaN,
            infinite: [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
            nested: JSON.parse(`${"[".repeat(200)}1${"]".repeat(200)}`) as unknown
          }
          yield* append("account-1", [yield* newEvent("Happened", data)])
          const [read] = (yield* EventStore.readStream("account-1")).events
          expect(read!.data).toEqual(JSON.parse(JSON.stringify(data)))
          expect(Object.is(read!.data.negativeZero, 0)).toBe(true)
        }))

      test("for arbitrary data and metadata, the store refuses or stores exactly as the reference store does", () =>
        Effect.gen(function* () {
          const reference = yield* InMemoryEventStore.make()
          yield* runPayloadAgreement(yield* store, reference)
        }))

      test("an event over the size limit fails with InvalidEvent naming the limit", () =>
        Effect.gen(function* () {
          const huge = yield* newEvent("Happened", { text: "x".repeat(2 * 1024 * 1024) })
          const error = yield* appendFails("account-1", [huge])
          expect(error._tag).toBe("InvalidEvent")
          expect(error.message).toMatch(/limit/)
          expect((yield* EventStore.readStream("account-1")).streamVersion).toBe(0)
        }))

      test("an empty batch writes nothing but still checks the expected version", () =>
        Effect.gen(function* () {
          const empty = yield* append("account-1", [], ExpectedVersion.noStream)
          expect(empty).toEqual({ nextExpectedVersion: 0, lastPosition: undefined, eventsWritten: 0 })
          const error = yield* appendFails("account-1", [], ExpectedVersion.streamExists)
          expect(error._tag).toBe("ExpectedVersionConflict")
          expect(yield* collect(EventStore.readAll())).toEqual([])
        }))

      test("metadata is stored as given; occurredAt defaults to the Clock and schemaVersion to 1", () =>
        Effect.gen(function* () {
          const given = {
            correlationId: "corr-1",
            causationId: "cmd-1",
            actor: { role: "PESANTREN_ADMIN", id: "510035780001" },
            occurredAt: new Date("2019-08-07T12:00:00.000Z"),
            schemaVersion: 2
          }
          const withMetadata = yield* newEvent("Happened", { n: 1 }, given)
          const plain = yield* newEvent("Happened", { n: 2 })
          yield* append("account-1", [withMetadata])
          yield* Effect.gen(function* () {
            yield* TestClock.setTime(Date.parse("2026-01-02T03:04:05.000Z"))
            yield* append("account-1", [plain])
          }).pipe(Effect.provide(TestContext.TestContext))
          const { events } = yield* EventStore.readStream("account-1")
          expect(events[0]!.metadata).toEqual(given)
          expect(events[1]!.metadata).toEqual({
            occurredAt: new Date("2026-01-02T03:04:05.000Z"),
            schemaVersion: 1
          })
          expect(events[0]!.data).toEqual({ n: 1 })
          expect(events[0]!.type).toBe("Happened")
        }))
    })

    describe("read a stream", () => {
      test("forward from a version with a maximum count", () =>
        Effect.gen(function* () {
          const events = yield* newEvents(10)
          yield* append("account-1", events)
          const page = yield* EventStore.readStream("account-1", { fromVersion: 4, maxCount: 3 })
          expect(page.streamVersion).toBe(10)
          expect(page.events.map((e) => e.streamVersion)).toEqual([4, 5, 6])
          expect(idsOf(page.events)).toEqual(idsOf(events.slice(3, 6)))
          const tail = yield* EventStore.readStream("account-1", { fromVersion: 9 })
          expect(tail.events.map((e) => e.streamVersion)).toEqual([9, 10])
          const beyond = yield* EventStore.readStream("account-1", { fromVersion: 11 })
          expect(beyond.events).toEqual([])
        }))

      test("backward from a version with a maximum count", () =>
        Effect.gen(function* () {
          yield* append("account-1", yield* newEvents(10))
          const last = yield* EventStore.readStream("account-1", { direction: "backward", maxCount: 3 })
          expect(last.events.map((e) => e.streamVersion)).toEqual([10, 9, 8])
          const middle = yield* EventStore.readStream("account-1", { direction: "backward", fromVersion: 5, maxCount: 2 })
          expect(middle.events.map((e) => e.streamVersion)).toEqual([5, 4])
          const all = yield* EventStore.readStream("account-1", { direction: "backward" })
          expect(all.events.map((e) => e.streamVersion)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
          const zero = yield* EventStore.readStream("account-1", { direction: "backward", maxCount: 0 })
          expect(zero.events).toEqual([])
        }))

      test("a stream with no events reads as version 0 and no events", () =>
        Effect.gen(function* () {
          const result = yield* EventStore.readStream("account-none")
          expect(result).toEqual({ streamVersion: 0, events: [] })
        }))

      test("a read with a version below 1 or a negative count fails with InvalidReadRequest", () =>
        Effect.gen(function* () {
          yield* append("account-1", yield* newEvents(3))
          const invalid: ReadonlyArray<EventStore.ReadStreamOptions> = [
            { fromVersion: 0 },
            { fromVersion: -1 },
            { fromVersion: -1, direction: "backward" },
            { fromVersion: -0 },
            { fromVersion: 1.5 },
            { fromVersion: Number.NaN },
            { fromVersion: Number.POSITIVE_INFINITY, direction: "backward" },
            { fromVersion: 2 ** 53 },
            { maxCount: -1 },
            { maxCount: 0.5 },
            { direction: "sideways" as "forward" }
          ]
          for (const options of invalid) {
            const error = yield* Effect.flip(EventStore.readStream("account-1", options))
            expect(error._tag, JSON.stringify(options)).toBe("InvalidReadRequest")
          }
        }))

      test("for arbitrary options, a read of a stream answers as the reference store does", () =>
        Effect.gen(function* () {
          const eventStore = yield* store
          const reference = yield* InMemoryEventStore.make()
          const events = yield* newEvents(6)
          yield* eventStore.appendToStream("account-1", events)
          yield* reference.appendToStream("account-1", events)
          const count = fc.oneof(
            fc.integer({ min: -3, max: 9 }),
            fc.constantFrom(-0, 0.5, 2.5, Number.NaN, Number.POSITIVE_INFINITY, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 2 ** 53)
          )
          const options = fc.record(
            {
              direction: fc.constantFrom("forward", "backward", "sideways", undefined),
              fromVersion: fc.option(count, { nil: undefined }),
              maxCount: fc.option(count, { nil: undefined })
            },
            { requiredKeys: [] }
          )
          const answer = (eventStore: EventStore.EventStore, options: EventStore.ReadStreamOptions) =>
            eventStore.readStream("account-1", options).pipe(
              Effect.map((read) => ({ version: read.streamVersion, ids: idsOf(read.events) })),
              Effect.mapError((error) => error._tag),
              Effect.either
            )
          yield* Effect.promise(() =>
            fc.assert(
              fc.asyncProperty(options, async (drawn) => {
                const given = drawn as EventStore.ReadStreamOptions
                const actual = await Effect.runPromise(answer(eventStore, given))
                const expected = await Effect.runPromise(answer(reference, given))
                expect(actual).toEqual(expected)
              })
            )
          )
        }))
    })

    describe("read all and read a category", () => {
      const seed = Effect.gen(function* () {
        yield* append("pesantren-1", yield* newEvents(3, "PesantrenRegistered"))
        yield* append("product-1", yield* newEvents(2, "ProductProposed"))
        yield* append("pesantren-2", yield* newEvents(2, "PesantrenRegistered"))
        yield* append("product-1", yield* newEvents(1, "ProductGraded"))
        return yield* collect(EventStore.readAll())
      })

      test("read all delivers every event once, forward in global order", () =>
        Effect.gen(function* () {
          const all = yield* seed
          expect(all).toHaveLength(8)
          expect(all.map((e) => e.streamName)).toEqual([
            "pesantren-1",
            "pesantren-1",
            "pesantren-1",
            "product-1",
            "product-1",
            "pesantren-2",
            "pesantren-2",
            "product-1"
          ])
          expect(new Set(idsOf(all)).size).toBe(8)
        }))

      test("read all from a checkpoint starts after it", () =>
        Effect.gen(function* () {
          const all = yield* seed
          const after = yield* collect(EventStore.readAll({ from: all[4]!.globalPosition }))
          expect(idsOf(after)).toEqual(idsOf(all.slice(5)))
          const fromStart = yield* collect(EventStore.readAll({ from: GlobalPosition.start }))
          expect(idsOf(fromStart)).toEqual(idsOf(all))
          const fromEnd = yield* collect(EventStore.readAll({ from: all[7]!.globalPosition }))
          expect(fromEnd).toEqual([])
        }))

      test("read all backward, from the end or before a position", () =>
        Effect.gen(function* () {
          const all = yield* seed
          const backward = yield* collect(EventStore.readAll({ direction: "backward" }))
          expect(idsOf(backward)).toEqual(idsOf(all).reverse())
          const before = yield* collect(EventStore.readAll({ direction: "backward", from: all[3]!.globalPosition, maxCount: 2 }))
          expect(idsOf(before)).toEqual([all[2]!.eventId, all[1]!.eventId])
        }))

      test("read all honours the maximum count across small batches", () =>
        Effect.gen(function* () {
          const all = yield* seed
          const firstFive = yield* collect(EventStore.readAll({ maxCount: 5, batchSize: 2 }))
          expect(idsOf(firstFive)).toEqual(idsOf(all.slice(0, 5)))
          const paged = yield* collect(EventStore.readAll({ batchSize: 1 }))
          expect(idsOf(paged)).toEqual(idsOf(all))
          expect(yield* collect(EventStore.readAll({ maxCount: 0 }))).toEqual([])
        }))

      test("read a category delivers only its streams' events, in global order", () =>
        Effect.gen(function* () {
          const all = yield* seed
          const pesantren = yield* collect(EventStore.readCategory("pesantren", { batchSize: 2 }))
          expect(idsOf(pesantren)).toEqual(idsOf(all.filter((e) => e.streamName.startsWith("pesantren-"))))
          const products = yield* collect(EventStore.readCategory("product", { from: all[3]!.globalPosition }))
          expect(idsOf(products)).toEqual([all[4]!.eventId, all[7]!.eventId])
          const backward = yield* collect(EventStore.readCategory("product", { direction: "backward" }))
          expect(idsOf(backward)).toEqual([all[7]!.eventId, all[4]!.eventId, all[3]!.eventId])
        }))

      test("read all filters by event type and by several categories", () =>
        Effect.gen(function* () {
          const all = yield* seed
          const graded = yield* collect(EventStore.readAll({ eventTypes: ["ProductGraded", "PesantrenRegistered"] }))
          expect(idsOf(graded)).toEqual(idsOf(all.filter((e) => e.type !== "ProductProposed")))
          const both = yield* collect(EventStore.readAll({ categories: ["pesantren", "product"], batchSize: 3 }))
          expect(idsOf(both)).toEqual(idsOf(all))
          const none = yield* collect(EventStore.readAll({ categories: ["tomiko"] }))
          expect(none).toEqual([])
        }))

      test("read all with a bad batch size or count fails with InvalidReadRequest", () =>
        Effect.gen(function* () {
          for (const options of [{ batchSize: 0 }, { batchSize: 20_000 }, { maxCount: -1 }]) {
            const error = yield* Effect.flip(collect(EventStore.readAll(options)))
            expect(error._tag).toBe("InvalidReadRequest")
          }
        }))

      test("a read or subscription from a position that is not one, or in an unknown direction, fails with InvalidReadRequest", () =>
        Effect.gen(function* () {
          yield* seed
          const positions: ReadonlyArray<unknown> = [
            { transaction: 1.5, sequence: 1 },
            { transaction: 1, sequence: 0.5 },
            { transaction: -1, sequence: 1 },
            { transaction: 1, sequence: -1 },
            { transaction: Number.NaN, sequence: 1 },
            { transaction: 1, sequence: Number.POSITIVE_INFINITY },
            { transaction: 2 ** 53, sequence: 1 },
            { transaction: "1", sequence: 1 },
            { sequence: 1 },
            "1.1",
            null
          ]
          const invalid: ReadonlyArray<EventStore.ReadAllOptions> = [
            ...positions.map((from) => ({ from: from as GlobalPosition.GlobalPosition })),
            ...positions.map((from) => ({ from: from as GlobalPosition.GlobalPosition, direction: "backward" as const })),
            { direction: "sideways" as "forward" },
            { eventTypes: "Graded" as unknown as ReadonlyArray<string> },
            { categories: "product" as unknown as ReadonlyArray<string> }
          ]
          for (const options of invalid) {
            const fromAll = yield* Effect.flip(collect(EventStore.readAll(options)))
            expect(fromAll._tag, JSON.stringify(options)).toBe("InvalidReadRequest")
            if (options.categories === undefined) {
              const fromCategory = yield* Effect.flip(collect(EventStore.readCategory("product", options)))
              expect(fromCategory._tag, JSON.stringify(options)).toBe("InvalidReadRequest")
            }
            if (options.direction === undefined) {
              const subscribed = yield* Effect.flip(collect(Stream.take(EventStore.subscribe(options), 100)))
              expect(subscribed._tag, JSON.stringify(options)).toBe("InvalidReadRequest")
            }
          }
        }))
    })

    describe("subscriptions", () => {
      test("catch-up then live: events stored before and after subscribing arrive once, in order", () =>
        Effect.gen(function* () {
          const before = yield* newEvents(3)
          yield* append("account-1", before)
          const fiber = yield* Effect.fork(collect(Stream.take(EventStore.subscribe({ batchSize: 2 }), 7)))
          const after = [...(yield* newEvents(2)), ...(yield* newEvents(2))]
          yield* append("account-2", after.slice(0, 2))
          yield* Effect.sleep("20 millis")
          yield* append("account-1", after.slice(2))
          const received = yield* Fiber.join(fiber)
          expect(idsOf(received)).toEqual([...idsOf(before), ...idsOf(after)])
        }))

      test("a subscription from a checkpoint starts after it", () =>
        Effect.gen(function* () {
          const events = yield* newEvents(5)
          yield* append("account-1", events)
          const all = yield* collect(EventStore.readAll())
          const fiber = yield* Effect.fork(collect(Stream.take(EventStore.subscribe({ from: all[2]!.globalPosition }), 3)))
          const live = yield* newEvents(1)
          yield* append("account-1", live)
          expect(idsOf(yield* Fiber.join(fiber))).toEqual([events[3]!.eventId, events[4]!.eventId, live[0]!.eventId])
        }))

      test("a subscription filtered by category or event type delivers only those events", () =>
        Effect.gen(function* () {
          const byCategory = yield* Effect.fork(collect(Stream.take(EventStore.subscribe({ categories: ["product"] }), 2)))
          const byType = yield* Effect.fork(collect(Stream.take(EventStore.subscribe({ eventTypes: ["Graded"] }), 2)))
          const p1 = yield* newEvents(1, "Proposed")
          const g1 = yield* newEvents(1, "Graded")
          const g2 = yield* newEvents(1, "Graded")
          yield* append("pesantren-1", yield* newEvents(2, "Registered"))
          yield* append("product-1", p1)
          yield* append("pesantren-1", g1)
          yield* append("product-1", g2)
          expect(idsOf(yield* Fiber.join(byCategory))).toEqual(idsOf([...p1, ...g2]))
          expect(idsOf(yield* Fiber.join(byType))).toEqual(idsOf([...g1, ...g2]))
        }))

      test("under concurrent writers a live subscriber gets every event once, in global order", () =>
        Effect.gen(function* () {
          const writers = 8
          const perWriter = 10
          const subscriber = yield* Effect.fork(collect(Stream.take(EventStore.subscribe({ batchSize: 3 }), writers * perWriter)))
          const written = yield* Effect.forEach(
            Array.from({ length: writers }, (_, w) => w),
            (w) =>
              Effect.forEach(
                Array.from({ length: perWriter }, (_, i) => i),
                (i) => Effect.flatMap(newEvents(1), (events) => Effect.as(append(`account-${(w + i) % 3}`, events), events[0]!.eventId))
              ),
            { concurrency: "unbounded" }
          )
          const received = yield* Fiber.join(subscriber)
          expect(new Set(idsOf(received))).toEqual(new Set(written.flat()))
          expect(received).toHaveLength(writers * perWriter)
          for (let i = 1; i < received.length; i++) {
            expect(GlobalPosition.isAfter(received[i]!.globalPosition, received[i - 1]!.globalPosition)).toBe(true)
          }
        }))
    })

    describe("concurrency", () => {
      test("100 fibers appending to one stream: versions 1 to 100, none lost, none twice", () =>
        Effect.gen(function* () {
          const ids = yield* Effect.forEach(
            Array.from({ length: 100 }, (_, i) => i),
            () => Effect.flatMap(newEvents(1), (events) => Effect.as(append("counter-1", events), events[0]!.eventId)),
            { concurrency: "unbounded" }
          )
          const { events, streamVersion } = yield* EventStore.readStream("counter-1")
          expect(streamVersion).toBe(100)
          expect(events.map((e) => e.streamVersion)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1))
          expect(new Set(idsOf(events))).toEqual(new Set(ids))
        }))

      test("fibers racing with the same Exact version: exactly one wins, the others conflict", () =>
        Effect.gen(function* () {
          yield* append("counter-1", yield* newEvents(1))
          const results = yield* Effect.forEach(
            Array.from({ length: 50 }, (_, i) => i),
            () => Effect.flatMap(newEvents(1), (events) => Effect.either(append("counter-1", events, ExpectedVersion.exact(1)))),
            { concurrency: "unbounded" }
          )
          const wins = results.filter(Either.isRight)
          expect(wins).toHaveLength(1)
          for (const result of results.filter(Either.isLeft)) {
            expect(result.left).toMatchObject({ _tag: "ExpectedVersionConflict", actual: 2 })
          }
          expect((yield* EventStore.readStream("counter-1")).streamVersion).toBe(2)
        }))
    })

    describe("model", () => {
      test("random appends and reads agree with a reference model", () =>
        Effect.flatMap(store, (eventStore) => runEventStoreModel(eventStore, { numRuns: options.modelRuns })))
    })
  })
}
