import { describe, expect, it } from "@effect/vitest"
import { Deferred, Effect, Exit, Layer, Option, Ref, Schema, Scope } from "effect"
import {
  Checkpoints,
  CommandHandler,
  EventCodec,
  EventStore,
  InMemoryEventStore,
  LeaderElection,
  ProcessManager,
  ProjectionRunner
} from "../src/index.js"
import { tallyCodec, tallyDecider } from "./fixtures/tally.js"

// A source context publishes `Sold`; the process manager counts each sale on a tally.
class Sold extends Schema.TaggedClass<Sold>()("Sold", { quantity: Schema.Int }) {}
const salesCodec = EventCodec.make(Schema.Union(Sold))

const inMemory = Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory)
const countSale = CommandHandler.make({ decider: tallyDecider, codec: tallyCodec })

const sell = (n: number) => EventStore.appendToStream(`sale-${n}`, [{ eventId: `sale-${n}`, type: "Sold", data: { quantity: n } }])

const tallyTotal = Effect.flatMap(EventStore.EventStore, (store) =>
  Effect.map(store.readStream("tally-sales"), ({ events }) => events.map((e) => Number(e.data.amount)))
)

describe("ProcessManager", () => {
  it.live("turns each event of one context into a command of another, with the event as its cause", () =>
    Effect.gen(function* () {
      const manager = ProcessManager.make({
        name: "count-sales",
        codec: salesCodec,
        handle: (event) => countSale("tally-sales", { _tag: "Count", amount: event.data.quantity }, ProcessManager.commandOptions(event))
      })
      const runner = yield* ProjectionRunner.make([manager])
      yield* sell(2)
      yield* sell(3)
      yield* runner.awaitCaughtUp("count-sales")
      expect(yield* tallyTotal).toEqual([2, 3])
      const { events } = yield* EventStore.readStream("tally-sales")
      expect(events.map((e) => e.metadata.causationId)).toEqual(["sale-2", "sale-3"])
    }).pipe(Effect.scoped, Effect.provide(inMemory))
  )

  it.live("a crash after the command but before the checkpoint does not apply the command twice", () =>
    Effect.gen(function* () {
      const commandIssued = yield* Deferred.make<void>()
      const crashOnce = yield* Ref.make(true)
      const managerFor = () =>
        ProcessManager.make({
          name: "count-sales",
          codec: salesCodec,
          handle: (event) =>
            Effect.gen(function* () {
              yield* countSale("tally-sales", { _tag: "Count", amount: event.data.quantity }, ProcessManager.commandOptions(event))
              if (yield* Ref.getAndSet(crashOnce, false)) {
                yield* Deferred.succeed(commandIssued, undefined)
                return yield* Effect.never
              }
            })
        })
      yield* sell(5)
      // The first runner issues the command, then dies before its checkpoint moves.
      const first = yield* Scope.make()
      yield* Scope.extend(ProjectionRunner.make([managerFor()]), first)
      yield* Deferred.await(commandIssued)
      yield* Scope.close(first, Exit.void)
      expect(Option.isNone(yield* Effect.flatMap(Checkpoints.Checkpoints, (c) => c.load("count-sales")))).toBe(true)
      // The next runner gets the event again: the command is recognised as applied.
      const second = yield* ProjectionRunner.make([managerFor()])
      yield* second.awaitCaughtUp("count-sales")
      yield* sell(7)
      yield* second.awaitCaughtUp("count-sales")
      expect(yield* tallyTotal).toEqual([5, 7])
    }).pipe(Effect.scoped, Effect.provide(inMemory))
  )

  it.effect("a deduplicated command is skipped when its cause is already in the stream, even after a snapshot-sized gap", () =>
    Effect.gen(function* () {
      const options = { causationId: "sale-9", deduplicate: true } as const
      const first = yield* countSale("tally-sales", { _tag: "Count", amount: 9 }, options)
      const again = yield* countSale("tally-sales", { _tag: "Count", amount: 9 }, options)
      expect(first.alreadyApplied).toBe(false)
      expect(again).toMatchObject({ alreadyApplied: true, newEvents: [], nextExpectedVersion: 1, newState: 9 })
      expect(yield* tallyTotal).toEqual([9])
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )
})
