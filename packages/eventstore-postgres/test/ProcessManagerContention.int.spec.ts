/**
 * A process manager whose commands go to a stream that other writers append to without pause:
 * inside the runner's batch transaction, a conflicting append must undo only itself (so the
 * command handler reads again and retries), and a conflict must never be taken for poison.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Ref } from "effect"
import { EventStore, ProcessManager, ProjectionRunner } from "@jatim/eventstore"
import { count, saleCodec } from "./fixtures/counter.js"
import { instanceLayer, suiteDatabaseBeforeAll, uniqueSchema } from "./support.js"

const url = suiteDatabaseBeforeAll("pm_contention")

const sales = 200
const writers = 4
const hot = "tally-hot"

describe("a process manager on a busy stream (PostgreSQL)", () => {
  it.live(
    `applies ${sales} of ${sales} commands while ${writers} writers append to their stream without pause`,
    () => {
      const schema = uniqueSchema()
      const manager = ProcessManager.make({
        name: "count-sales",
        codec: saleCodec,
        handle: (event) => count(hot, { quantity: event.data.quantity }, ProcessManager.commandOptions(event))
      })
      return Effect.gen(function* () {
        for (let i = 1; i <= sales; i++) {
          yield* EventStore.appendToStream(`sale-${i}`, [{ eventId: `sale-${i}`, type: "Sold", data: { quantity: 1 } }])
        }
        const done = yield* Ref.make(false)
        // Each writer appends to the hot stream back to back until the manager is done (bounded).
        const writer = (w: number) =>
          Effect.gen(function* () {
            for (let n = 0; n < 200_000 && !(yield* Ref.get(done)); n++) {
              yield* EventStore.appendToStream(hot, [{ eventId: `w${w}-${n}`, type: "Counted", data: { quantity: 0 } }])
            }
          })
        const running = yield* Effect.fork(
          Effect.all(
            Array.from({ length: writers }, (_, w) => writer(w)),
            { concurrency: "unbounded" }
          )
        )
        // Let the writers get going before the manager starts.
        while ((yield* EventStore.readStream(hot, { direction: "backward", maxCount: 1 })).streamVersion < 50) {
          yield* Effect.sleep("5 millis")
        }
        const runner = yield* ProjectionRunner.make([manager])
        const caughtUp = yield* Effect.either(runner.awaitCaughtUp("count-sales"))
        yield* Ref.set(done, true)
        yield* Fiber.join(running)
        expect(caughtUp._tag).toBe("Right")
        const [status] = yield* runner.status
        expect(status!.state).not.toBe("failed")
        const { events } = yield* EventStore.readStream(hot)
        const caused = events.flatMap((e) => (e.metadata.causationId === undefined ? [] : [e.metadata.causationId]))
        expect(new Set(caused).size).toBe(sales)
        expect(caused).toHaveLength(sales)
      }).pipe(Effect.scoped, Effect.provide(instanceLayer(url(), schema, {}, 12)))
    },
    120_000
  )
})
