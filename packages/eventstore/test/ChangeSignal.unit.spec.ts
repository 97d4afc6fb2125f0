import { describe, expect, it } from "@effect/vitest"
import { Effect, FastCheck as fc, Fiber, Option } from "effect"
import { Adapter } from "../src/index.js"

const categories = ["pesantren", "product", "order"] as const

/** A change: of every category (`undefined`), or of some. */
const change = fc.option(fc.subarray([...categories], { minLength: 1 }), { nil: undefined })

/** Whether `awaitChange` completes without waiting. */
const completes = (signal: Adapter.ChangeSignal, seen: number, subscribed: ReadonlyArray<string> | undefined) =>
  Effect.map(Effect.timeoutOption(signal.awaitChange(seen, subscribed), "20 millis"), Option.isSome)

describe("ChangeSignal", () => {
  it("a subscriber wakes for a change after the count it saw that names one of its categories or none, and for no other", () =>
    fc.assert(
      fc.asyncProperty(
        fc.array(change, { maxLength: 6 }),
        fc.array(change, { maxLength: 4 }),
        fc.option(fc.subarray([...categories]), { nil: undefined }),
        (before, after, subscribed) =>
          Effect.runPromise(
            Effect.gen(function* () {
              const signal = yield* Adapter.makeChangeSignal
              const notify = (names: ReadonlyArray<string> | undefined) =>
                names === undefined ? signal.notify : signal.notifyCategories(names)
              yield* Effect.forEach(before, notify, { discard: true })
              const seen = yield* signal.current
              expect(seen).toBe(before.length)
              yield* Effect.forEach(after, notify, { discard: true })
              const concerned = after.some(
                (names) => subscribed === undefined || names === undefined || names.some((name) => subscribed.includes(name))
              )
              expect(yield* completes(signal, seen, subscribed)).toBe(concerned)
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
        fc.array(fc.option(fc.subarray([...categories]), { nil: undefined }), { minLength: 1, maxLength: 5 }),
        (before, after, subscribers) =>
          Effect.runPromise(
            Effect.gen(function* () {
              const signal = yield* Adapter.makeChangeSignal
              const notify = (names: ReadonlyArray<string> | undefined) =>
                names === undefined ? signal.notify : signal.notifyCategories(names)
              yield* Effect.forEach(before, notify, { discard: true })
              const seen = yield* signal.current
              const waiting = yield* Effect.forEach(subscribers, (subscribed) => Effect.fork(signal.awaitChange(seen, subscribed)))
              yield* Effect.yieldNow()
              yield* Effect.forEach(after, notify, { discard: true })
              // The woken fibers run before this one goes on.
              yield* Effect.repeatN(Effect.yieldNow(), 2)
              for (const [i, subscribed] of subscribers.entries()) {
                const concerned = after.some(
                  (names) => subscribed === undefined || names === undefined || names.some((name) => subscribed.includes(name))
                )
                const done = yield* Fiber.poll(waiting[i]!)
                expect(Option.isSome(done)).toBe(concerned)
              }
              yield* Effect.forEach(waiting, Fiber.interrupt, { discard: true })
            })
          )
      ),
      { numRuns: 60 }
    ))
})
