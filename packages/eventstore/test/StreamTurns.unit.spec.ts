import { describe, expect, it } from "@effect/vitest"
import { Deferred, Effect, Either, Fiber } from "effect"
import * as fc from "fast-check"
import { CommandHandler, EventStore, InMemoryEventStore, StreamTurns } from "../src/index.js"
import { tallyCodec, tallyDecider, type TallyCommand } from "./fixtures/tally.js"

const count = (amount: number): TallyCommand => ({ _tag: "Count", amount })

/** A store whose reads take a while, so that concurrent commands read the same version. */
const slowReads = Effect.map(EventStore.EventStore, (store) =>
  EventStore.EventStore.of({
    ...store,
    readStream: (name, options) => Effect.zipLeft(store.readStream(name, options), Effect.sleep("2 millis"))
  })
)

describe("StreamTurns", () => {
  it("effects on one stream never overlap, and every effect runs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom("a-1", "a-2", "b-1"), fc.nat({ max: 3 })), { minLength: 1, maxLength: 30 }),
        (work) =>
          Effect.runPromise(
            Effect.gen(function* () {
              const turns = yield* StreamTurns.make
              const active = new Map<string, number>()
              let most = 0
              let done = 0
              yield* Effect.forEach(
                work,
                ([stream, yields]) =>
                  turns.onStream(stream)(
                    Effect.gen(function* () {
                      const now = (active.get(stream) ?? 0) + 1
                      active.set(stream, now)
                      most = Math.max(most, now)
                      for (let i = 0; i < yields; i++) yield* Effect.yieldNow()
                      active.set(stream, now - 1)
                      done++
                    })
                  ),
                { concurrency: "unbounded", discard: true }
              )
              expect(most).toBe(1)
              expect(done).toBe(work.length)
            })
          )
      )
    )
  })

  it.effect("a turn on one stream does not hold up another stream", () =>
    Effect.gen(function* () {
      const turns = yield* StreamTurns.make
      const released = yield* Deferred.make<void>()
      // The first holds its turn on a until b's effect has run: it would wait forever if b waited for a.
      const first = yield* Effect.fork(turns.onStream("a-1")(Deferred.await(released)))
      yield* turns.onStream("b-1")(Deferred.succeed(released, undefined))
      yield* Fiber.join(first)
    })
  )

  it.effect("a turn is given back when its effect fails or is interrupted", () =>
    Effect.gen(function* () {
      const turns = yield* StreamTurns.make
      const failed = yield* Effect.either(turns.onStream("a-1")(Effect.fail("refused")))
      expect(failed).toEqual(Either.left("refused"))
      const holder = yield* Effect.fork(turns.onStream("a-1")(Effect.never))
      yield* Effect.yieldNow()
      const waiting = yield* Effect.fork(turns.onStream("a-1")(Effect.succeed("ran")))
      yield* Effect.yieldNow()
      expect(waiting.unsafePoll()).toBeNull()
      yield* Fiber.interrupt(holder)
      expect(yield* Fiber.join(waiting)).toBe("ran")
    })
  )

  it.effect("the default takes no turns: a holder does not keep others waiting", () =>
    Effect.gen(function* () {
      const released = yield* Deferred.make<void>()
      const first = yield* Effect.fork(StreamTurns.none.onStream("a-1")(Deferred.await(released)))
      yield* StreamTurns.none.onStream("a-1")(Deferred.succeed(released, undefined))
      yield* Fiber.join(first)
    })
  )

  it.live("with turns, concurrent commands on one stream land without a single conflict", () =>
    Effect.gen(function* () {
      const once = CommandHandler.make({ decider: tallyDecider, codec: tallyCodec, maxAttempts: 1 })
      const run = Effect.forEach(
        Array.from({ length: 10 }, () => count(1)),
        (command) => Effect.either(once("tally-1", command)),
        { concurrency: "unbounded" }
      )
      const raced = yield* run.pipe(Effect.provideServiceEffect(EventStore.EventStore, slowReads))
      // Without turns the race is real: all but one conflict.
      expect(raced.filter(Either.isLeft).map((r) => r.left._tag)).toEqual(Array(9).fill("ExpectedVersionConflict"))
      const turns = yield* StreamTurns.make
      const taken = yield* run.pipe(
        Effect.provideServiceEffect(EventStore.EventStore, slowReads),
        Effect.provideService(StreamTurns.StreamTurns, turns)
      )
      expect(taken.filter(Either.isLeft)).toEqual([])
      expect((yield* EventStore.readStream("tally-1")).streamVersion).toBe(11)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )
})
