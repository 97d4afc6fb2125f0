/**
 * The command handler's retry, as behaviour: how many times a command is decided when other
 * writers get in first, that a caller's expected version and a domain error are never
 * retried, and that a command deciding nothing still honours the expected version.
 * Rival writers are simulated deterministically: a store that lets another writer append
 * just before each of the handler's first `k` appends.
 */
import { describe, expect, it } from "vitest"
import { Effect, Either, Exit } from "effect"
import * as fc from "fast-check"
import { CommandHandler, Decider, EventId, EventStore, ExpectedVersion, InMemoryEventStore } from "../src/index.js"
import { tallyCodec, tallyDecider, type TallyCommand } from "./fixtures/tally.js"

const count = (amount: number): TallyCommand => ({ _tag: "Count", amount })
const noWait = { baseDelay: 0, maxDelay: 0 }

/** The tally decider, counting how many times it decides. */
const counting = () => {
  const calls = { decide: 0 }
  const decider = Decider.make({
    ...tallyDecider,
    decide: (command: TallyCommand, state: number) => {
      calls.decide++
      return tallyDecider.decide(command, state)
    }
  })
  return { calls, decider }
}

/**
 * The context's event store, except that before each of the first `rivals` non-empty appends
 * another writer appends one `Counted(100)` to the same stream: the append then conflicts.
 */
const withRivals = (rivals: number) =>
  Effect.map(EventStore.EventStore, (store) => {
    let left = rivals
    return EventStore.EventStore.of({
      ...store,
      appendToStream: (streamName, events, options) => {
        if (left === 0 || events.length === 0) return store.appendToStream(streamName, events, options)
        left--
        return Effect.zipRight(
          Effect.flatMap(EventId.make, (eventId) =>
            store.appendToStream(streamName, [{ eventId, type: "Counted", data: { amount: 100 } }])
          ),
          store.appendToStream(streamName, events, options)
        )
      }
    })
  })

/**
 * On a new in-memory store, writes `before` events to "tally-1", then runs `effect` with
 * appends meeting `rivals` rival writers; returns its result and the stream's version after.
 */
const run = <A, E>(rivals: number, effect: Effect.Effect<A, E, EventStore.EventStore>, before = 0) =>
  Effect.runPromiseExit(
    Effect.gen(function* () {
      for (let i = 0; i < before; i++) {
        yield* EventStore.appendToStream("tally-1", [{ eventId: yield* EventId.make, type: "Counted", data: { amount: 1 } }])
      }
      const result = yield* Effect.either(effect.pipe(Effect.provideServiceEffect(EventStore.EventStore, withRivals(rivals))))
      const { streamVersion } = yield* EventStore.readStream("tally-1")
      return { result, version: streamVersion }
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  ).then((exit) => Exit.getOrElse(exit, (cause) => expect.fail(`the store failed: ${cause}`)))

describe("CommandHandler retry on a conflict", () => {
  it("with maxAttempts n, a command meeting k rival writers is decided min(k + 1, n) times and lands iff k < n", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 7 }), async (maxAttempts, rivals) => {
        const { calls, decider } = counting()
        // No waiting between attempts: the property is about how many there are.
        const handle = CommandHandler.make({ decider, codec: tallyCodec, maxAttempts, retry: noWait })
        const { result, version } = await run(rivals, handle("tally-1", count(1)))
        if (rivals < maxAttempts) {
          expect(Either.getOrThrow(result)).toMatchObject({ nextExpectedVersion: rivals + 1, newState: 100 * rivals + 1 })
          expect(calls.decide).toBe(rivals + 1)
          expect(version).toBe(rivals + 1)
        } else {
          expect(Either.flip(result).pipe(Either.getOrThrow)).toMatchObject({ _tag: "ExpectedVersionConflict", actual: maxAttempts })
          expect(calls.decide).toBe(maxAttempts)
          expect(version).toBe(maxAttempts)
        }
      })
    )
  })

  it("by default a conflict is retried: a command meeting four rival writers in a row lands", async () => {
    const { calls, decider } = counting()
    const handle = CommandHandler.make({ decider, codec: tallyCodec })
    const { result, version } = await run(4, handle("tally-1", count(1)))
    expect(Either.getOrThrow(result).nextExpectedVersion).toBe(5)
    expect(version).toBe(5)
    expect(calls.decide).toBe(5)
  })

  it("under an expected version given by the caller, a conflict is returned after one decision", async () => {
    const expected = fc.oneof(
      fc.constant(ExpectedVersion.any),
      fc.constant(ExpectedVersion.noStream),
      fc.constant(ExpectedVersion.streamExists),
      fc.nat({ max: 3 }).map(ExpectedVersion.exact)
    )
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 }), expected, fc.integer({ min: 1, max: 3 }), async (before, expectedVersion, rivals) => {
        const { calls, decider } = counting()
        const handle = CommandHandler.make({ decider, codec: tallyCodec, maxAttempts: 5, retry: noWait })
        const { result, version } = await run(rivals, handle("tally-1", count(1), { expectedVersion }), before)
        expect(calls.decide).toBe(1)
        // A rival wrote first: the command lands only where the expectation holds of the stream after it.
        if (ExpectedVersion.isSatisfiedBy(expectedVersion, before + 1)) {
          expect(Either.getOrThrow(result).nextExpectedVersion).toBe(before + 2)
          expect(version).toBe(before + 2)
        } else {
          expect(Either.flip(result).pipe(Either.getOrThrow)).toMatchObject({ _tag: "ExpectedVersionConflict", actual: before + 1 })
          expect(version).toBe(before + 1)
        }
      })
    )
  })

  it("a domain error is returned after one decision, never retried", async () => {
    const { calls, decider } = counting()
    const handle = CommandHandler.make({ decider, codec: tallyCodec, maxAttempts: 5, retry: noWait })
    const { result, version } = await run(1, handle("tally-1", count(5_000)))
    expect(Either.flip(result).pipe(Either.getOrThrow)._tag).toBe("LimitExceeded")
    expect(version).toBe(0)
    expect(calls.decide).toBe(1)
  })
})

describe("CommandHandler: a command that decides nothing", () => {
  const expected = fc.oneof(
    fc.constant(ExpectedVersion.any),
    fc.constant(ExpectedVersion.noStream),
    fc.constant(ExpectedVersion.streamExists),
    fc.nat({ max: 5 }).map(ExpectedVersion.exact)
  )

  it("succeeds iff the stream satisfies the caller's expected version, and writes nothing either way", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 4 }), expected, async (before, expectedVersion) => {
        const handle = CommandHandler.make({ decider: tallyDecider, codec: tallyCodec })
        const { result, version } = await run(0, handle("tally-1", count(0), { expectedVersion }), before)
        expect(version).toBe(before)
        if (ExpectedVersion.isSatisfiedBy(expectedVersion, before)) {
          expect(Either.getOrThrow(result)).toEqual({
            newEvents: [],
            nextExpectedVersion: before,
            newState: before,
            lastPosition: undefined,
            alreadyApplied: false
          })
        } else {
          expect(Either.flip(result).pipe(Either.getOrThrow)).toMatchObject({ _tag: "ExpectedVersionConflict", actual: before })
        }
      })
    )
  })
})
