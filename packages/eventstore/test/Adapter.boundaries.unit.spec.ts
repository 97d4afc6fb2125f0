/**
 * The edges of what an adapter accepts and how it pages: ids and types at their longest and
 * one past, a batch and an event at their limits and one past (in UTF-8 bytes), the retry check
 * of a partly or differently stored batch, and reads paged exactly as `limit` and `maxCount` say.
 */
import { describe, expect, it } from "vitest"
import { Chunk, type Duration, Effect, Either, Exit, Option, Stream } from "effect"
import * as fc from "fast-check"
import { FixedClock } from "@jatim/testing"
import { Adapter, type Event, type EventStore, GlobalPosition } from "../src/index.js"
import { readAllFromPages, subscribeFromPages } from "../src/internal/adapter/pages.js"
import { prepareAppend } from "../src/internal/adapter/prepareAppend.js"
import { validateReadStreamOptions } from "../src/internal/adapter/readOptions.js"

const clock = FixedClock.make(new Date("2026-03-01T08:00:00.000Z"))

const prepare = (
  events: ReadonlyArray<Event.NewEvent>,
  limits: Adapter.AppendLimits = Adapter.defaultAppendLimits,
  streamName = "order-1"
) => Effect.runSync(Effect.either(prepareAppend(streamName, events, limits).pipe(Effect.withClock(clock))))

const reasonOf = (result: ReturnType<typeof prepare>) =>
  Either.isLeft(result) ? (result.left._tag === "InvalidEvent" ? result.left.reason : result.left._tag) : "accepted"

const event = (overrides: Partial<Event.NewEvent> = {}): Event.NewEvent => ({
  eventId: "e-1",
  type: "OrderPlaced",
  data: { total: 1 },
  ...overrides
})

const printable = (c: string) => c.charCodeAt(0) >= 0x21 && c.charCodeAt(0) <= 0x7e
const isLetter = (c: string) => (c >= "A" && c <= "Z") || (c >= "a" && c <= "z")
const typeChar = (c: string) => isLetter(c) || (c >= "0" && c <= "9") || "_.:-".includes(c)

const edge = fc.constantFrom("A", "Z", "a", "z", "0", "9", "_", ".", ":", "-", "@", "[", "`", "{", "/", " ", "!", "~", "\u007f", "é")
const textNear = (max: number) =>
  fc
    .oneof(fc.integer({ min: 0, max: 2 }), fc.integer({ min: max - 1, max: max + 1 }))
    .chain((n) => fc.array(edge, { minLength: n, maxLength: n }).map((cs) => cs.join("")))

const idReason = "its id must be 1 to 128 printable ASCII characters without spaces (a UUID is best)"
const typeReason = 'its type must start with a letter and hold at most 128 letters, digits or "_.:-"'

describe("prepareAppend at the edges", () => {
  it("an event id is accepted iff it is 1 to 128 printable ASCII characters", () => {
    fc.assert(
      fc.property(textNear(128), (eventId) => {
        const valid = eventId.length >= 1 && eventId.length <= 128 && [...eventId].every(printable)
        expect(reasonOf(prepare([event({ eventId })]))).toBe(valid ? "accepted" : idReason)
      })
    )
  })

  it("a type is accepted iff it is a letter then at most 127 letters, digits or _.:-", () => {
    fc.assert(
      fc.property(textNear(128), (type) => {
        const valid = type.length >= 1 && type.length <= 128 && isLetter(type[0]!) && [...type].every(typeChar)
        expect(reasonOf(prepare([event({ type })]))).toBe(valid ? "accepted" : typeReason)
      })
    )
  })

  it("the refusal names the event's id and type as given, even when they are not strings", () => {
    const result = prepare([{ eventId: 42, type: 12, data: {} } as unknown as Event.NewEvent])
    expect(Either.flip(result).pipe(Either.getOrThrow)).toMatchObject({
      _tag: "InvalidEvent",
      eventId: "42",
      eventType: "12",
      reason: typeReason
    })
    const badType = prepare([{ eventId: "e-1", type: 7, data: {} } as unknown as Event.NewEvent])
    expect(Either.flip(badType).pipe(Either.getOrThrow)).toMatchObject({ eventId: "e-1", eventType: "7", reason: typeReason })
  })

  it("data must be a JSON object", () => {
    for (const data of [null, [], "text", 3, true]) {
      expect(reasonOf(prepare([event({ data: data as unknown as Event.JsonObject })]))).toBe("its data must be a JSON object")
    }
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(reasonOf(prepare([event({ data: cyclic as Event.JsonObject })]))).toMatch(/^its data is not JSON \(.+\)$/s)
    expect(reasonOf(prepare([event({ data: { n: 1n } as unknown as Event.JsonObject })]))).toMatch(/^its data is not JSON \(.+\)$/s)
  })

  it("a batch of maxBatchSize events passes, one more is refused naming the first event", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), (maxBatchSize) => {
        const limits = { ...Adapter.defaultAppendLimits, maxBatchSize }
        const batch = (n: number) => Array.from({ length: n }, (_, i) => event({ eventId: `e-${i}`, type: `T${i}` }))
        expect(reasonOf(prepare(batch(maxBatchSize), limits))).toBe("accepted")
        const refused = prepare(batch(maxBatchSize + 1), limits)
        expect(Either.flip(refused).pipe(Either.getOrThrow)).toMatchObject({
          _tag: "InvalidEvent",
          eventId: "e-0",
          eventType: "T0",
          reason: `the batch holds ${maxBatchSize + 1} events, more than the limit of ${maxBatchSize}`
        })
      })
    )
    // A batch limit below 0 refuses even an empty batch, which has no event to name.
    expect(Either.flip(prepare([], { ...Adapter.defaultAppendLimits, maxBatchSize: -1 })).pipe(Either.getOrThrow)).toMatchObject({
      eventId: "",
      eventType: "",
      reason: "the batch holds 0 events, more than the limit of -1"
    })
    expect(reasonOf(prepare([], { ...Adapter.defaultAppendLimits, maxBatchSize: 0 }))).toBe("accepted")
    expect(Adapter.defaultAppendLimits).toEqual({ maxEventBytes: 1024 * 1024, maxBatchSize: 10_000 })
    expect(reasonOf(prepare(Array.from({ length: 10_001 }, (_, i) => event({ eventId: `e-${i}` }))))).toMatch(/limit of 10000$/)
  })

  it("an event of exactly maxEventBytes of JSON (in UTF-8) passes, one byte more is refused with the count", () => {
    const character = fc.constantFrom("a", "é", "✓", "\u{1F600}", '"', "\\", "\n")
    fc.assert(
      fc.property(
        fc.array(character, { maxLength: 40 }).map((cs) => cs.join("")),
        (text) => {
          const accepted = prepare([event({ data: { text } })])
          const prepared = Either.getOrThrow(accepted).events[0]!
          const bytes = Buffer.byteLength(prepared.dataJson) + Buffer.byteLength(prepared.metadataJson)
          expect(reasonOf(prepare([event({ data: { text } })], { maxBatchSize: 1, maxEventBytes: bytes }))).toBe("accepted")
          expect(reasonOf(prepare([event({ data: { text } })], { maxBatchSize: 1, maxEventBytes: bytes - 1 }))).toBe(
            `it takes ${bytes} bytes of JSON, more than the limit of ${bytes - 1}`
          )
        }
      )
    )
  })

  it("a batch holding one id twice is refused naming the id", () => {
    const result = prepare([event({ eventId: "a" }), event({ eventId: "b", type: "Other" }), event({ eventId: "a", type: "Third" })])
    expect(Either.flip(result).pipe(Either.getOrThrow)).toMatchObject({
      eventId: "a",
      eventType: "Third",
      reason: "the batch holds this id twice"
    })
  })

  it("a prepared event keeps its id, type, data and category, frozen", () => {
    const prepared = Either.getOrThrow(prepare([event({ data: { items: [{ sku: "x" }] } })], undefined, "order-TMK-1"))
    expect(prepared.streamName).toBe("order-TMK-1")
    expect(prepared.category).toBe("order")
    const [first] = prepared.events
    expect(first).toMatchObject({
      eventId: "e-1",
      type: "OrderPlaced",
      data: { items: [{ sku: "x" }] },
      dataJson: '{"items":[{"sku":"x"}]}'
    })
    expect(first!.data).toBe(first!.data)
    expect(Object.isFrozen(first!.data) && Object.isFrozen(first!.data.items)).toBe(true)
    expect(Object.isFrozen(first!.metadata)).toBe(true)
  })
})

const recorded = (
  streamName: string,
  streamVersion: number,
  eventId: string,
  type = "OrderPlaced",
  data: Event.JsonObject = { total: 1 }
): Event.RecordedEvent => ({
  streamName: streamName as Event.RecordedEvent["streamName"],
  streamVersion,
  globalPosition: GlobalPosition.make(7, streamVersion),
  eventId,
  type,
  data,
  metadata: { occurredAt: new Date(0), schemaVersion: 1 }
})

describe("Adapter.checkRetry", () => {
  const append = Either.getOrThrow(prepare([event({ eventId: "a" }), event({ eventId: "b" })]))
  const reason = (stored: ReadonlyArray<Event.RecordedEvent | undefined>) =>
    Either.match(Adapter.checkRetry(append, stored), { onLeft: (e) => e.reason, onRight: (o) => (Option.isSome(o) ? o.value : "new") })

  it("no id stored: a new batch; all stored together and in order: the same result as then", () => {
    expect(reason([undefined, undefined])).toBe("new")
    expect(reason([recorded("order-1", 4, "a"), recorded("order-1", 5, "b")])).toEqual({
      nextExpectedVersion: 5,
      lastPosition: GlobalPosition.make(7, 5)
    })
  })

  it("a partly stored, elsewhere stored, changed or reordered batch is a duplicate, each with its reason", () => {
    expect(reason([recorded("order-1", 4, "a"), undefined])).toBe(
      "other events of this batch are already stored, this one is not: a retry must repeat the batch exactly"
    )
    expect(reason([undefined, recorded("order-1", 4, "b")])).toBe(
      "other events of this batch are already stored, this one is not: a retry must repeat the batch exactly"
    )
    expect(reason([recorded("order-2", 4, "a"), recorded("order-2", 5, "b")])).toBe(
      'the id is already used by an event of stream "order-2"'
    )
    expect(reason([recorded("order-1", 4, "a", "Other"), recorded("order-1", 5, "b")])).toBe(
      "the id is already stored with another type or other data"
    )
    expect(reason([recorded("order-1", 4, "a", "OrderPlaced", { total: 2 }), recorded("order-1", 5, "b")])).toBe(
      "the id is already stored with another type or other data"
    )
    expect(reason([recorded("order-1", 4, "a"), recorded("order-1", 6, "b")])).toBe(
      "the batch's events are stored, but not together and in this order"
    )
    expect(reason([recorded("order-1", 5, "a"), recorded("order-1", 4, "b")])).toBe(
      "the batch's events are stored, but not together and in this order"
    )
    const error = Either.flip(Adapter.checkRetry(append, [recorded("order-1", 4, "a"), undefined])).pipe(Either.getOrThrow)
    expect(error).toMatchObject({ _tag: "DuplicateEventId", eventId: "b", streamName: "order-1" })
  })
})

describe("validateReadStreamOptions", () => {
  const check = (options: Parameters<typeof validateReadStreamOptions>[0]) =>
    Exit.match(Effect.runSyncExit(validateReadStreamOptions(options)), {
      onFailure: (cause) => String(cause),
      onSuccess: () => "ok"
    })

  it("fromVersion is a whole number from 1 and maxCount one from 0", () => {
    expect(check(undefined)).toBe("ok")
    expect(check({})).toBe("ok")
    expect(check({ fromVersion: 1, maxCount: 0 })).toBe("ok")
    expect(check({ fromVersion: 0 })).toContain("fromVersion must be a whole number from 1, got 0")
    expect(check({ fromVersion: 1.5 })).toContain("fromVersion must be a whole number from 1, got 1.5")
    expect(check({ fromVersion: Number.MAX_SAFE_INTEGER + 1 })).toContain("fromVersion must be")
    expect(check({ maxCount: -1 })).toContain("maxCount must be a whole number from 0, got -1")
    expect(check({ maxCount: 0.5 })).toContain("maxCount must be a whole number from 0, got 0.5")
  })
})

/** `count` events in one stream, positions (1, 1), (2, 2), ... */
const log = (count: number) =>
  Array.from({ length: count }, (_, i) => recorded(i % 2 === 0 ? "order-1" : "cart-1", i + 1, `e-${i}`, i % 3 === 0 ? "A" : "B")).map(
    (e, i) => ({ ...e, globalPosition: GlobalPosition.make(i + 1, i + 1) })
  )

/** A `ReadPage` over `events` that records every request. */
const pagesOf = (events: ReadonlyArray<Event.RecordedEvent>) => {
  const requests: Array<Adapter.PageRequest> = []
  const readPage: Adapter.ReadPage = (request) =>
    Effect.sync(() => {
      requests.push(request)
      const ordered = request.direction === "forward" ? events : [...events].reverse()
      const after = ordered.filter(
        (e) =>
          request.from === undefined ||
          (request.direction === "forward"
            ? GlobalPosition.isAfter(e.globalPosition, request.from)
            : GlobalPosition.isAfter(request.from, e.globalPosition))
      )
      return Adapter.decodedPage(after.slice(0, request.limit))
    })
  return { readPage, requests }
}

const readAll = (events: ReadonlyArray<Event.RecordedEvent>, options: Parameters<ReturnType<typeof readAllFromPages>>[0]) => {
  const { readPage, requests } = pagesOf(events)
  const exit = Effect.runSyncExit(Stream.runCollect(readAllFromPages(readPage)(options)))
  return { exit: Exit.map(exit, Chunk.toReadonlyArray), requests }
}

describe("readAllFromPages", () => {
  it("reads min(maxCount, stored) events in pages of batchSize, asking each page for no more than is left", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 30 }),
        fc.integer({ min: 1, max: 8 }),
        fc.option(fc.nat({ max: 35 }), { nil: undefined }),
        fc.constantFrom<"forward" | "backward">("forward", "backward"),
        (stored, batchSize, maxCount, direction) => {
          const events = log(stored)
          const { exit, requests } = readAll(events, { batchSize, maxCount, direction })
          const wanted = Math.min(stored, maxCount ?? Number.POSITIVE_INFINITY)
          const ordered = direction === "forward" ? events : [...events].reverse()
          expect(Exit.getOrElse(exit, () => expect.fail("read failed"))).toEqual(ordered.slice(0, wanted))
          let remaining = maxCount ?? Number.POSITIVE_INFINITY
          let served = 0
          if (remaining === 0) expect(requests).toEqual([])
          for (const [i, request] of requests.entries()) {
            expect(request.direction).toBe(direction)
            expect(request.limit).toBe(Math.min(batchSize, remaining))
            expect(request.from).toEqual(i === 0 ? undefined : ordered[served - 1]!.globalPosition)
            const size = Math.min(request.limit, stored - served)
            served += size
            remaining -= size
            // A page is the last when it came back short or nothing more is wanted.
            if (i < requests.length - 1) expect(size === request.limit && remaining > 0).toBe(true)
            else expect(size < request.limit || remaining <= 0).toBe(true)
          }
        }
      )
    )
  })

  it("reads forward in pages of 500 by default, and passes categories and event types on", () => {
    const { requests } = readAll(log(3), { categories: ["order"], eventTypes: ["A"] })
    expect(requests[0]).toEqual({ direction: "forward", from: undefined, limit: 500, categories: ["order"], eventTypes: ["A"] })
    expect(Adapter.defaultBatchSize).toBe(500)
  })

  it("refuses a batch size outside 1 to 10000, a negative or fractional count, or a bad category, before reading", () => {
    const failure = (options: Parameters<typeof readAll>[1]) => {
      const { exit, requests } = readAll(log(3), options)
      if (Exit.isSuccess(exit)) return "ok"
      expect(requests).toEqual([])
      return String(exit.cause)
    }
    expect(failure({ batchSize: 1 })).toBe("ok")
    expect(failure({ batchSize: 10_000 })).toBe("ok")
    expect(failure({ batchSize: 0 })).toContain("batchSize must be a whole number from 1 to 10000, got 0")
    expect(failure({ batchSize: 10_001 })).toContain("batchSize must be a whole number from 1 to 10000, got 10001")
    expect(failure({ batchSize: 2.5 })).toContain("batchSize must be")
    expect(failure({ maxCount: -1 })).toContain("maxCount must be a whole number from 0, got -1")
    expect(failure({ maxCount: 1.5 })).toContain("maxCount must be")
    expect(failure({ categories: ["order", "no-dash"] })).toContain("InvalidCategory")
  })

  it("a decoded page knows its size and last position", () => {
    expect(Adapter.decodedPage([])).toMatchObject({ size: 0, last: undefined })
    const events = log(3)
    const page = Adapter.decodedPage(events)
    expect(page).toMatchObject({ size: 3, last: GlobalPosition.make(3, 3) })
    expect(Effect.runSync(page.events)).toBe(events)
  })
})

/**
 * A subscription over the pages of `stored` (which the test may extend afterwards), collecting
 * its first `count` events in a fiber, with its change signal and the page requests it made.
 */
const subscribing = (
  stored: ReadonlyArray<Event.RecordedEvent>,
  count: number,
  options: EventStore.SubscribeOptions,
  pollInterval?: Duration.DurationInput,
  sharedTail?: boolean
) =>
  Effect.gen(function* () {
    const signal = yield* Adapter.makeChangeSignal
    const { readPage, requests } = pagesOf(stored)
    const fiber = yield* Effect.fork(
      Stream.runCollect(Stream.take(subscribeFromPages(readPage, signal, { pollInterval, sharedTail })(options), count))
    )
    return { signal, requests, fiber }
  })

describe("subscribeFromPages", () => {
  it("delivers what is stored, then waits for the signal and delivers what came after, in order, in pages of its own without the shared tail", async () => {
    const events = log(7)
    const stored: Array<Event.RecordedEvent> = events.slice(0, 3)
    const result = await Effect.runPromise(
      Effect.gen(function* () {
        const { signal, requests, fiber } = yield* subscribing(stored, 7, { batchSize: 2 }, undefined, false)
        // The subscriber caught up, then waits: nothing more is read until the signal moves.
        yield* Effect.yieldNow().pipe(Effect.repeatN(50))
        const before = requests.length
        yield* Effect.yieldNow().pipe(Effect.repeatN(50))
        expect(requests.length).toBe(before)
        stored.push(...events.slice(3))
        yield* signal.notify
        const delivered = yield* fiber.await
        return { delivered, requests }
      })
    )
    expect(Exit.map(result.delivered, Chunk.toReadonlyArray)).toEqual(Exit.succeed(events))
    expect(result.requests.every((r) => r.direction === "forward" && r.limit === 2)).toBe(true)
  })

  it("with a poll interval, it reads again without a signal", async () => {
    const events = log(4)
    const stored: Array<Event.RecordedEvent> = events.slice(0, 2)
    const delivered = await Effect.runPromise(
      Effect.gen(function* () {
        const { fiber } = yield* subscribing(stored, 3, { from: GlobalPosition.make(1, 1) }, "5 millis")
        yield* Effect.sleep("20 millis")
        stored.push(...events.slice(2))
        return yield* fiber.await
      })
    )
    expect(Exit.map(delivered, Chunk.toReadonlyArray)).toEqual(Exit.succeed(events.slice(1)))
  })

  it("refuses a bad batch size before reading", () => {
    const { readPage, requests } = pagesOf([])
    const exit = Effect.runSyncExit(
      Effect.gen(function* () {
        const signal = yield* Adapter.makeChangeSignal
        return yield* Stream.runCollect(subscribeFromPages(readPage, signal)({ batchSize: 0 }))
      })
    )
    expect(Exit.isFailure(exit) && String(exit.cause)).toContain("batchSize must be")
    expect(requests).toEqual([])
  })
})

describe("Adapter.makeChangeSignal", () => {
  it("counts notifications; a wait ends once the counter differs from the one seen", async () => {
    const outcome = await Effect.runPromise(
      Effect.gen(function* () {
        const signal = yield* Adapter.makeChangeSignal
        expect(yield* signal.current).toBe(0)
        yield* signal.notify
        expect(yield* signal.current).toBe(1)
        // Already different from 0: returns at once.
        yield* signal.awaitChange(0)
        const waiting = yield* Effect.fork(signal.awaitChange(1))
        yield* Effect.yieldNow().pipe(Effect.repeatN(20))
        const early = yield* waiting.poll
        yield* signal.notify
        yield* waiting.await
        return { early, now: yield* signal.current }
      })
    )
    expect(Option.isNone(outcome.early)).toBe(true)
    expect(outcome.now).toBe(2)
  })
})
