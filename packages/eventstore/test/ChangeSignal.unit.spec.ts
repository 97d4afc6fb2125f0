import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc, Fiber, Option } from "effect"
import { Adapter } from "../src/index.js"

const categories = ["pesantren", "product", "order"] as const

/** A change: of every category (`undefined`), or of some. */
const change = fc.option(fc.subarray([...categories], { minLength: 1 }), { nil: undefined })

/** A subscriber's categories (every category when `undefined`). */
const subscription = fc.option(fc.subarray([...categories]), { nil: undefined })

type Change = ReadonlyArray<string> | undefined

/** Signals the `changes` in order. */
const signalAll = (signal: Adapter.ChangeSignal, changes: ReadonlyArray<Change>) =>
  Effect.forEach(changes, (names) => (names === undefined ? signal.notify : signal.notifyCategories(names)), { discard: true })

/** Whether any of `changes` concerns a subscriber of `subscribed`. */
const concerns = (changes: ReadonlyArray<Change>, subscribed: Change) =>
  changes.some((names) => subscribed === undefined || names === undefined || names.some((name) => subscribed.includes(name)))

/** Whether `awaitChange` completes without waiting. */
const completes = (signal: Adapter.ChangeSignal, seen: number, subscribed: Change) =>
  Effect.map(Effect.timeoutOption(signal.awaitChange(seen, subscribed), "20 millis"), Option.isSome)

describe("ChangeSignal", () => {
  it("a subscriber wakes for a change after the count it saw that names one of its categories or none, and for no other", () =>
    fc.assert(
      fc.asyncProperty(fc.array(change, { maxLength: 6 }), fc.array(change, { maxLength: 4 }), subscription, (before, after, subscribed) =>
        Effect.runPromise(
          Effect.gen(function* () {
            const signal = yield* Adapter.makeChangeSignal
            yield* signalAll(signal, before)
            const seen = yield* signal.current
            expect(seen).toBe(before.length)
            yield* signalAll(signal, after)
            expect(yield* completes(signal, seen, subscribed)).toBe(concerns(after, subscribed))
          })
        )
      ),
      { numRuns: 60 }
    ))

  it("subscribers already waiting wake for the changes that concern them, and the others keep waiting", () =>
    fc.assert(
      fc.asyncProperty(
        fc.array(change, { maxLength: 3 }),
        fc.array(change, { maxLength: 4 }),
        fc.array(subscription, { minLength: 1, maxLength: 5 }),
        (before, after, subscribers) =>
          Effect.runPromise(
            Effect.gen(function* () {
              const signal = yield* Adapter.makeChangeSignal
              yield* signalAll(signal, before)
              const seen = yield* signal.current
              const waiting = yield* Effect.forEach(subscribers, (subscribed) => Effect.fork(signal.awaitChange(seen, subscribed)))
              yield* Effect.yieldNow()
              yield* signalAll(signal, after)
              // The woken fibers run before this one goes on.
              yield* Effect.repeatN(Effect.yieldNow(), 2)
              for (const [i, subscribed] of subscribers.entries()) {
                expect(Option.isSome(yield* Fiber.poll(waiting[i]!))).toBe(concerns(after, subscribed))
              }
              yield* Effect.forEach(waiting, Fiber.interrupt, { discard: true })
            })
          )
      ),
      { numRuns: 60 }
    ))
})
