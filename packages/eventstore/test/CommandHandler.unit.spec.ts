import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Either, Fiber, Layer, Option, Random, Ref, Schema, TestClock } from "effect"
import * as fc from "fast-check"
import { CommandHandler, EventStore, ExpectedVersion, InMemoryEventStore, SnapshotStore } from "../src/index.js"
import { Counted, fullReplay, handleAll, limit, tallyCodec, tallyDecider, type TallyCommand } from "./fixtures/tally.js"

const handle = CommandHandler.make({ decider: tallyDecider, codec: tallyCodec })
const count = (amount: number): TallyCommand => ({ _tag: "Count", amount })

describe("CommandHandler", () => {
  it.effect("loads, decides and appends: returns the new events, the next version and the state", () =>
    Effect.gen(function* () {
      yield* handle("tally-1", count(5))
      const result = yield* handle("tally-1", count(7))
      expect(result.newEvents).toEqual([new Counted({ amount: 7 })])
      expect(result.nextExpectedVersion).toBe(2)
      expect(result.newState).toBe(12)
      const { events } = yield* EventStore.readStream("tally-1")
      expect(events.map((e) => [e.type, e.data])).toEqual([
        ["Counted", { amount: 5 }],
        ["Counted", { amount: 7 }]
      ])
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("a domain error is returned typed and nothing is written", () =>
    Effect.gen(function* () {
      yield* handle("tally-1", count(limit))
      const error = yield* Effect.flip(handle("tally-1", count(1)))
      expect(error).toMatchObject({ _tag: "LimitExceeded", total: limit, amount: 1 })
      expect((yield* EventStore.readStream("tally-1")).streamVersion).toBe(1)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("a command that changes nothing appends nothing", () =>
    Effect.gen(function* () {
      const result = yield* handle("tally-1", { _tag: "Reset", reason: "nothing to reset" })
      expect(result).toEqual({ newEvents: [], nextExpectedVersion: 0, newState: 0, lastPosition: undefined, alreadyApplied: false })
      expect((yield* EventStore.readStream("tally-1")).streamVersion).toBe(0)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("copies correlation, causation and actor into every event's metadata", () =>
    Effect.gen(function* () {
      const actor = { role: "DINAS_OFFICER", id: "199001012020121001" }
      yield* handle("tally-1", count(3), { correlationId: "req-1", causationId: "cmd-1", actor })
      const { events } = yield* EventStore.readStream("tally-1")
      expect(events[0]!.metadata).toMatchObject({ correlationId: "req-1", causationId: "cmd-1", actor, schemaVersion: 1 })
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.live("concurrent commands on one stream all land: conflicts are retried with fresh state", () =>
    Effect.gen(function* () {
      const retrying = CommandHandler.make({ decider: tallyDecider, codec: tallyCodec, maxAttempts: 50 })
      yield* Effect.forEach(
        Array.from({ length: 20 }, (_, i) => i + 1),
        (n) => retrying("tally-1", count(n)),
        {
          concurrency: "unbounded"
        }
      )
      const { events, streamVersion } = yield* EventStore.readStream("tally-1")
      expect(streamVersion).toBe(20)
      expect(events.reduce((total, e) => total + Number(e.data.amount), 0)).toBe(210)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.live("retries are bounded: with one attempt, racing commands surface the conflict", () =>
    Effect.gen(function* () {
      const once = CommandHandler.make({ decider: tallyDecider, codec: tallyCodec, maxAttempts: 1 })
      const slowStore = Effect.map(EventStore.EventStore, (store) =>
        EventStore.EventStore.of({
          ...store,
          readStream: (name, options) => Effect.zipLeft(store.readStream(name, options), Effect.sleep("5 millis"))
        })
      )
      const results = yield* Effect.forEach(
        Array.from({ length: 10 }, () => count(1)),
        (command) => Effect.either(once("tally-1", command)),
        { concurrency: "unbounded" }
      ).pipe(Effect.provideServiceEffect(EventStore.EventStore, slowStore))
      const conflicts = results.filter((r) => Either.isLeft(r) && r.left._tag === "ExpectedVersionConflict")
      expect(results.filter(Either.isRight)).toHaveLength(1)
      expect(conflicts).toHaveLength(9)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("an expected version given by the caller is enforced and its conflict is not retried", () =>
    Effect.gen(function* () {
      yield* handle("tally-1", count(1))
      yield* handle("tally-1", count(1))
      const error = yield* Effect.flip(handle("tally-1", count(1), { expectedVersion: ExpectedVersion.exact(1) }))
      expect(error).toMatchObject({ _tag: "ExpectedVersionConflict", actual: 2 })
      const stale = yield* Effect.flip(handle("tally-1", { _tag: "Reset", reason: "x" }, { expectedVersion: ExpectedVersion.noStream }))
      expect(stale._tag).toBe("ExpectedVersionConflict")
      const ok = yield* handle("tally-1", count(1), { expectedVersion: ExpectedVersion.exact(2) })
      expect(ok.nextExpectedVersion).toBe(3)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it("the state after handling equals the fold of the stored events, for any command sequence", async () => {
    const command = fc.oneof(fc.integer({ min: 0, max: 400 }).map(count), fc.constant<TallyCommand>({ _tag: "Reset", reason: "audit" }))
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 15 }), (commands) =>
        Effect.runPromise(
          Effect.gen(function* () {
            const last = yield* handleAll(handle, commands)
            expect(yield* fullReplay).toBe(last)
            expect(last).toBeLessThanOrEqual(limit)
          }).pipe(Effect.provide(InMemoryEventStore.layer()))
        )
      )
    )
  })
})

describe("CommandHandler retries a conflict with jittered backoff (RetryPolicy)", () => {
  /**
   * The context's store, where another writer appends to the stream right before each of the
   * first `conflicts` appends of the command (so they conflict); `attempts` counts the appends.
   */
  const contended = (conflicts: number) =>
    Effect.gen(function* () {
      const store = yield* EventStore.EventStore
      const attempts = yield* Ref.make(0)
      const wrapped = EventStore.EventStore.of({
        ...store,
        appendToStream: (name, events, options) =>
          Effect.gen(function* () {
            if ((yield* Ref.updateAndGet(attempts, (n) => n + 1)) <= conflicts) {
              yield* Effect.orDie(Effect.provideService(handle(name, count(1)), EventStore.EventStore, store))
            }
            return yield* store.appendToStream(name, events, options)
          })
      })
      return { wrapped, attempts: Ref.get(attempts) }
    })

  /**
   * A `Random` whose `next` (what the retry's jitter draws) is always `fraction`, the rest (event
   * ids) drawn from a seeded generator as usual.
   */
  const jitterAt = (fraction: number): Random.Random =>
    new Proxy(Random.make("jitter"), {
      get: (target, property) => (property === "next" ? Effect.succeed(fraction) : Reflect.get(target, property))
    })

  it("the wait after the n-th conflict is a fraction of min(maxDelay, baseDelay * 2^(n-1)), in whole milliseconds", () => {
    const policy = { maxAttempts: 12, baseDelay: "10 millis", maxDelay: "1 second" } as const
    expect(Array.from({ length: 10 }, (_, i) => Duration.toMillis(CommandHandler.retryDelay(policy, i + 1, 1)))).toEqual([
      10, 20, 40, 80, 160, 320, 640, 1000, 1000, 1000
    ])
    expect(Duration.toMillis(CommandHandler.retryDelay(policy, 3, 0.5))).toBe(20)
    expect(Duration.toMillis(CommandHandler.retryDelay(policy, 3, 0.99))).toBe(39)
    expect(Duration.toMillis(CommandHandler.retryDelay(policy, 1, 0))).toBe(0)
  })

  it.effect("waits the jittered delay on the Clock before each retry: nothing runs again until it has passed", () =>
    Effect.gen(function* () {
      const { wrapped, attempts } = yield* contended(2)
      const patient = CommandHandler.make({
        decider: tallyDecider,
        codec: tallyCodec,
        retry: { maxAttempts: 4, baseDelay: "100 millis", maxDelay: "1 second" }
      })
      // Random draws 0.5: the waits are half the ceilings, 50 ms then 100 ms.
      const fiber = yield* patient("tally-1", count(5)).pipe(
        Effect.provideService(EventStore.EventStore, wrapped),
        Effect.withRandom(jitterAt(0.5)),
        Effect.fork
      )
      yield* TestClock.adjust("49 millis")
      expect(yield* attempts).toBe(1)
      yield* TestClock.adjust("1 millis")
      expect(yield* attempts).toBe(2)
      yield* TestClock.adjust("99 millis")
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      yield* TestClock.adjust("1 millis")
      const result = yield* Fiber.join(fiber)
      expect(yield* attempts).toBe(3)
      // The two other writers' events, then the command's own, decided on the fresh state.
      expect(result).toMatchObject({ nextExpectedVersion: 3, newState: 7, newEvents: [new Counted({ amount: 5 })] })
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("gives up after maxAttempts attempts in all, with the conflict", () =>
    Effect.gen(function* () {
      const { wrapped, attempts } = yield* contended(Number.MAX_SAFE_INTEGER)
      const three = CommandHandler.make({ decider: tallyDecider, codec: tallyCodec, maxAttempts: 3 })
      const error = yield* Effect.flip(
        three("tally-1", count(1)).pipe(Effect.provideService(EventStore.EventStore, wrapped), Effect.withRandom(jitterAt(0)))
      )
      expect(error._tag).toBe("ExpectedVersionConflict")
      expect(yield* attempts).toBe(3)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("by default decides 10 times in all before it gives up", () =>
    Effect.gen(function* () {
      const { wrapped, attempts } = yield* contended(Number.MAX_SAFE_INTEGER)
      const fiber = yield* Effect.fork(Effect.flip(handle("tally-1", count(1)).pipe(Effect.provideService(EventStore.EventStore, wrapped))))
      // Every wait is under 1 s: a minute of the test clock lets all retries run.
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(fiber)
      expect(error._tag).toBe("ExpectedVersionConflict")
      expect(yield* attempts).toBe(CommandHandler.defaultRetryPolicy.maxAttempts)
      expect(CommandHandler.defaultRetryPolicy.maxAttempts).toBe(10)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("takes the context's RetryPolicy when the handler sets none; a handler's own setting wins", () =>
    Effect.gen(function* () {
      const run = (handler: typeof handle) =>
        Effect.gen(function* () {
          const { wrapped, attempts } = yield* contended(Number.MAX_SAFE_INTEGER)
          yield* Effect.flip(
            handler("tally-1", count(1)).pipe(
              Effect.provideService(EventStore.EventStore, wrapped),
              Effect.provideService(CommandHandler.RetryPolicy, { maxAttempts: 2, baseDelay: 0, maxDelay: 0 })
            )
          )
          return yield* attempts
        })
      expect(yield* run(handle)).toBe(2)
      expect(yield* run(CommandHandler.make({ decider: tallyDecider, codec: tallyCodec, maxAttempts: 4 }))).toBe(4)
      expect(yield* run(CommandHandler.make({ decider: tallyDecider, codec: tallyCodec, retry: { maxAttempts: 3 } }))).toBe(3)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("under an expected version given by the caller, a conflict is answered at once, whatever the policy", () =>
    Effect.gen(function* () {
      const { wrapped, attempts } = yield* contended(1)
      const error = yield* Effect.flip(
        handle("tally-1", count(1), { expectedVersion: ExpectedVersion.noStream }).pipe(
          Effect.provideService(EventStore.EventStore, wrapped)
        )
      )
      expect(error._tag).toBe("ExpectedVersionConflict")
      expect(yield* attempts).toBe(1)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )
})

describe("CommandHandler with snapshots: a redelivered command", () => {
  const snapshotted = CommandHandler.make({
    decider: tallyDecider,
    codec: tallyCodec,
    snapshots: { name: "tally", every: 2, schema: Schema.Int, version: 1 }
  })

  it.effect("is recognised as applied when its events are already in a snapshot, with the stream's real version and state", () =>
    Effect.gen(function* () {
      const redelivered = { causationId: "sale-1", deduplicate: true } as const
      const first = yield* snapshotted("tally-1", count(5), redelivered)
      // The next command moves the stream to version 2: a snapshot now holds the first event.
      yield* snapshotted("tally-1", count(7))
      const again = yield* snapshotted("tally-1", count(5), redelivered)
      expect(first.alreadyApplied).toBe(false)
      expect(again).toMatchObject({ alreadyApplied: true, newEvents: [], nextExpectedVersion: 2, newState: 12 })
      expect((yield* EventStore.readStream("tally-1")).streamVersion).toBe(2)
      // Redelivered once more after further events (the decision now differs from the stored one).
      yield* snapshotted("tally-1", count(1))
      yield* snapshotted("tally-1", count(1))
      expect(yield* snapshotted("tally-1", count(5), redelivered)).toMatchObject({
        alreadyApplied: true,
        newEvents: [],
        nextExpectedVersion: 4,
        newState: 14
      })
    }).pipe(Effect.provide(Layer.merge(InMemoryEventStore.layer(), SnapshotStore.layerInMemory)))
  )
})
