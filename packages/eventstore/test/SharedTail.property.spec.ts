/**
 * Subscriptions that take from the store's shared tail deliver exactly what subscriptions reading
 * their own pages deliver: every event each one selects after its start, once, in order, whatever
 * the filters, the starts, the page sizes, the tail's size and the order of appends and signals.
 */
import { describe, expect, it } from "vitest"
import { Chunk, Deferred, Effect, Exit, Fiber, Stream } from "effect"
import * as fc from "fast-check"
import { type Adapter as AdapterTypes, Adapter, type Event, EventDecodeError, GlobalPosition, StreamName } from "../src/index.js"
import { subscribeFromPages } from "../src/internal/adapter/pages.js"

const categories = ["pesantren", "product", "order"] as const
const types = ["Registered", "Updated"] as const

/** The `index`-th stored event (positions 1, 2, …), of `category` and `type`. */
const eventAt = (index: number, category: string, type: string): Event.RecordedEvent => ({
  streamName: `${category}-${index % 3}` as StreamName.StreamName,
  streamVersion: index + 1,
  globalPosition: GlobalPosition.make(index + 1, index + 1),
  eventId: `event-${index}`,
  type,
  data: { index },
  metadata: { occurredAt: new Date(0), schemaVersion: 1 }
})

/**
 * A store in memory whose pages honour the request's direction and filter. A read sees what was stored when it
 * began and answers a little later (after `hold`, when given), so appends and other reads happen
 * while it is on its way. A page holding a `poison` event does not decode.
 */
const storeOf = (
  stored: Array<Event.RecordedEvent>,
  poison: ReadonlySet<string> = new Set(),
  requests: Array<AdapterTypes.PageRequest> = [],
  hold: (request: AdapterTypes.PageRequest) => Effect.Effect<void> = () => Effect.void
) => {
  const readPage: AdapterTypes.ReadPage = (request) =>
    Effect.suspend(() => {
      requests.push(request)
      const visible = stored.slice()
      return Effect.as(Effect.zipRight(Effect.yieldNow().pipe(Effect.repeatN(visible.length % 5)), hold(request)), visible)
    }).pipe(
      Effect.map((visible) => {
        const forward = request.direction === "forward"
        const page = (forward ? visible : [...visible].reverse())
          .filter(
            (event) =>
              (request.from === undefined ||
                (forward
                  ? GlobalPosition.isAfter(event.globalPosition, request.from)
                  : GlobalPosition.isAfter(request.from, event.globalPosition))) &&
              (request.categories === undefined || request.categories.includes(StreamName.category(event.streamName))) &&
              (request.eventTypes === undefined || request.eventTypes.includes(event.type))
          )
          .slice(0, request.limit)
        const bad = page.find((event) => poison.has(event.eventId))
        if (bad === undefined) return Adapter.decodedPage(page)
        return {
          size: page.length,
          last: page[page.length - 1]?.globalPosition,
          events: Effect.fail(
            new EventDecodeError({
              streamName: bad.streamName,
              streamVersion: bad.streamVersion,
              eventId: bad.eventId,
              eventType: bad.type,
              schemaVersion: 1,
              reason: "the stored row is not a valid event"
            })
          )
        }
      })
    )
  return readPage
}

const kind = fc.record({ category: fc.constantFrom(...categories), type: fc.constantFrom(...types) })

const subscriber = fc.record({
  categories: fc.option(fc.subarray([...categories], { minLength: 1 }), { nil: undefined }),
  eventTypes: fc.option(fc.subarray([...types], { minLength: 1 }), { nil: undefined }),
  /** Starts after the `from`-th event stored at first (from the first event when absent). */
  from: fc.option(fc.nat({ max: 40 }), { nil: undefined }),
  batchSize: fc.integer({ min: 1, max: 6 })
})

type Subscriber = typeof subscriber extends fc.Arbitrary<infer A> ? A : never

const selects = (s: Subscriber, event: Event.RecordedEvent) =>
  (s.categories === undefined || s.categories.includes(StreamName.category(event.streamName) as (typeof categories)[number])) &&
  (s.eventTypes === undefined || s.eventTypes.includes(event.type as (typeof types)[number]))

describe("the shared tail", () => {
  it("gives every subscriber exactly the events it selects after its start, once and in order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(kind, { maxLength: 25 }),
        fc.array(fc.record({ events: fc.array(kind, { minLength: 1, maxLength: 5 }), pause: fc.nat({ max: 4 }) }), { maxLength: 6 }),
        fc.array(subscriber, { minLength: 1, maxLength: 4 }),
        fc.record({ pageSize: fc.integer({ min: 1, max: 6 }), capacity: fc.integer({ min: 1, max: 12 }) }),
        async (initial, appends, subscribers, tail) => {
          const all = [...initial, ...appends.flatMap((a) => a.events)].map((k, i) => eventAt(i, k.category, k.type))
          const stored = all.slice(0, initial.length)
          const startOf = (s: Subscriber) =>
            s.from === undefined || stored.length === 0 ? undefined : stored[Math.min(s.from, stored.length - 1)]!.globalPosition
          const expected = subscribers.map((s) => {
            const start = startOf(s)
            return all.filter((e) => (start === undefined || GlobalPosition.isAfter(e.globalPosition, start)) && selects(s, e))
          })
          const outcome = await Effect.runPromise(
            Effect.gen(function* () {
              const signal = yield* Adapter.makeChangeSignal
              const subscribe = subscribeFromPages(storeOf(stored), signal, { sharedTail: tail })
              const fibers = yield* Effect.forEach(subscribers, (s, i) =>
                Effect.fork(
                  Stream.runCollect(
                    Stream.take(
                      subscribe({ categories: s.categories, eventTypes: s.eventTypes, batchSize: s.batchSize, from: startOf(s) }),
                      expected[i]!.length
                    )
                  )
                )
              )
              for (const append of appends) {
                yield* Effect.yieldNow().pipe(Effect.repeatN(append.pause))
                stored.push(...all.slice(stored.length, stored.length + append.events.length))
                yield* signal.notifyCategories(new Set(append.events.map((e) => e.category)))
              }
              return yield* Effect.forEach(fibers, (fiber) => Effect.timeout(Fiber.join(fiber), "2 seconds"))
            })
          )
          expect(outcome.map((events) => Chunk.toReadonlyArray(events).map((e) => e.eventId))).toEqual(
            expected.map((events) => events.map((e) => e.eventId))
          )
        }
      ),
      { numRuns: 600 }
    )
  })

  it("a row that does not decode stops only the subscribers that select it; the others go on past it", async () => {
    const all = [
      eventAt(0, "pesantren", "Registered"),
      eventAt(1, "product", "Registered"),
      eventAt(2, "pesantren", "Updated"),
      eventAt(3, "product", "Updated"),
      eventAt(4, "pesantren", "Updated")
    ]
    const stored = all.slice(0, 1)
    const outcome = await Effect.runPromise(
      Effect.gen(function* () {
        const signal = yield* Adapter.makeChangeSignal
        const subscribe = subscribeFromPages(storeOf(stored, new Set(["event-1"])), signal, { sharedTail: { pageSize: 10, capacity: 10 } })
        const pesantren = yield* Effect.fork(Stream.runCollect(Stream.take(subscribe({ categories: ["pesantren"] }), 3)))
        const products = yield* Effect.fork(Effect.exit(Stream.runCollect(subscribe({ categories: ["product"] }))))
        yield* Effect.yieldNow().pipe(Effect.repeatN(20))
        stored.push(...all.slice(1))
        yield* signal.notify
        return { pesantren: yield* Fiber.join(pesantren), products: yield* Fiber.join(products) }
      }).pipe(Effect.timeout("5 seconds"))
    )
    expect(Chunk.toReadonlyArray(outcome.pesantren).map((e) => e.eventId)).toEqual(["event-0", "event-2", "event-4"])
    expect(Exit.isFailure(outcome.products) && String(outcome.products.cause)).toContain('Event "event-1"')
  })

  it("a subscriber whose last event lies far behind the store's end does not make the tail read up to there", async () => {
    // One pesantren event, then 40 of products: the pesantren subscriber's last event is 40 behind the end.
    const all = [eventAt(0, "pesantren", "Registered"), ...Array.from({ length: 40 }, (_, i) => eventAt(i + 1, "product", "Updated"))]
    const stored = [...all]
    const requests: Array<AdapterTypes.PageRequest> = []
    const delivered = await Effect.runPromise(
      Effect.gen(function* () {
        const signal = yield* Adapter.makeChangeSignal
        const subscribe = subscribeFromPages(storeOf(stored, new Set(), requests), signal, { sharedTail: { pageSize: 4, capacity: 8 } })
        const pesantren = yield* Effect.fork(Stream.runCollect(Stream.take(subscribe({ categories: ["pesantren"] }), 3)))
        yield* Effect.yieldNow().pipe(Effect.repeatN(20))
        for (let i = 41; i < 43; i++) {
          stored.push(eventAt(i, "pesantren", "Updated"))
          yield* signal.notifyCategories(["pesantren"])
          yield* Effect.yieldNow().pipe(Effect.repeatN(20))
        }
        return yield* Fiber.join(pesantren).pipe(Effect.timeout("2 seconds"))
      })
    )
    expect(Chunk.toReadonlyArray(delivered).map((e) => e.eventId)).toEqual(["event-0", "event-41", "event-42"])
    // The tail read a page after the cursor, found it full, and started at the end: it never read the 40 events page by page.
    const tailReads = requests.filter((r) => r.categories === undefined && r.direction === "forward")
    expect(tailReads.length).toBeLessThanOrEqual(3)
  })

  it("a subscriber whose own read was on its way while the tail read past it still gets what was stored meanwhile", async () => {
    const stored = [eventAt(0, "product", "Registered")]
    const gate = Effect.runSync(Deferred.make<void>())
    // The pesantren subscriber's own reads wait at the gate (having seen what was stored when they began).
    const hold = (request: AdapterTypes.PageRequest) =>
      request.categories?.some((category) => category === "pesantren") ? Deferred.await(gate) : Effect.void
    const delivered = await Effect.runPromise(
      Effect.gen(function* () {
        const signal = yield* Adapter.makeChangeSignal
        const subscribe = subscribeFromPages(storeOf(stored, new Set(), [], hold), signal, { sharedTail: { pageSize: 10, capacity: 10 } })
        // The product subscriber catches up and takes from the tail.
        const products = yield* Effect.fork(Stream.runCollect(Stream.take(subscribe({ categories: ["product"] }), 2)))
        yield* Effect.yieldNow().pipe(Effect.repeatN(20))
        const pesantren = yield* Effect.fork(Stream.runCollect(Stream.take(subscribe({ categories: ["pesantren"] }), 1)))
        yield* Effect.yieldNow().pipe(Effect.repeatN(20))
        // While the pesantren read is on its way, a pesantren event and a product event are stored and the tail reads both.
        stored.push(eventAt(1, "pesantren", "Registered"), eventAt(2, "product", "Updated"))
        yield* signal.notifyCategories(["pesantren", "product"])
        yield* Fiber.join(products)
        // The read answers without the pesantren event: the subscriber must not take the tail's head as its cursor.
        yield* Deferred.succeed(gate, undefined)
        return yield* Fiber.join(pesantren).pipe(Effect.timeout("2 seconds"))
      })
    )
    expect(Chunk.toReadonlyArray(delivered).map((e) => e.eventId)).toEqual(["event-1"])
  })
})
