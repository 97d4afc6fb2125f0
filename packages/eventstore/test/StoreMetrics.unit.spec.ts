import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Metric, Stream } from "effect"
import {
  Checkpoints,
  EventStore,
  type Event,
  ExpectedVersion,
  InMemoryEventStore,
  InMemoryReadModel,
  LeaderElection,
  Projection,
  ProjectionRunner,
  StoreMetrics
} from "../src/index.js"

const inMemory = Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory)

const events = (prefix: string, count: number): ReadonlyArray<Event.NewEvent> =>
  Array.from({ length: count }, (_, i) => ({ eventId: `${prefix}-${i}`, type: "Counted", data: { n: i } }))

/** The append metrics of one stream category, as they stand. */
const appendMetrics = (category: string) =>
  Effect.all({
    duration: Metric.value(Metric.tagged(StoreMetrics.appendDuration, StoreMetrics.categoryTag, category)),
    events: Metric.value(Metric.tagged(StoreMetrics.appendEvents, StoreMetrics.categoryTag, category)),
    conflicts: Metric.value(Metric.tagged(StoreMetrics.appendConflicts, StoreMetrics.categoryTag, category))
  })

const projectionMetrics = (name: string) =>
  Effect.all({
    lag: Metric.value(Metric.tagged(StoreMetrics.projectionLag, StoreMetrics.projectionTag, name)),
    batches: Metric.value(Metric.tagged(StoreMetrics.projectionBatchDuration, StoreMetrics.projectionTag, name))
  })

describe("StoreMetrics", () => {
  it.effect("an append records its duration and size under its stream's category", () =>
    Effect.gen(function* () {
      yield* EventStore.appendToStream("metered-1", events("a", 3))
      yield* EventStore.appendToStream("metered-2", events("b", 1))
      // An idempotent retry is an append that succeeds.
      yield* EventStore.appendToStream("metered-2", events("b", 1))
      const metrics = yield* appendMetrics("metered")
      expect(metrics.duration.count).toBe(3)
      expect(metrics.events.count).toBe(3)
      expect(metrics.events.sum).toBe(5)
      expect(metrics.events.max).toBe(3)
      expect(metrics.conflicts.count).toBe(0)
      // Another category's metrics did not move.
      expect((yield* appendMetrics("unmetered")).duration.count).toBe(0)
    }).pipe(Effect.provide(inMemory))
  )

  it.effect("a conflict counts, with its duration but not its size", () =>
    Effect.gen(function* () {
      yield* EventStore.appendToStream("clash-1", events("c", 1))
      const refused = yield* Effect.flip(
        EventStore.appendToStream("clash-1", events("d", 2), { expectedVersion: ExpectedVersion.noStream })
      )
      expect(refused._tag).toBe("ExpectedVersionConflict")
      const metrics = yield* appendMetrics("clash")
      expect(metrics.conflicts.count).toBe(1)
      expect(metrics.duration.count).toBe(2)
      expect(metrics.events.count).toBe(1)
      expect(metrics.events.sum).toBe(1)
    }).pipe(Effect.provide(inMemory))
  )

  it.effect("an append refused by validation is no append: nothing is recorded", () =>
    Effect.gen(function* () {
      const refused = yield* Effect.flip(EventStore.appendToStream("invalid-1", [{ eventId: "x", type: "9 not a type", data: {} }]))
      expect(refused._tag).toBe("InvalidEvent")
      const metrics = yield* appendMetrics("invalid")
      expect([metrics.duration.count, metrics.events.count, metrics.conflicts.count]).toEqual([0, 0, 0])
    }).pipe(Effect.provide(inMemory))
  )

  it.live("a projection's batches are timed, and its lag reaches 0 once caught up", () =>
    Effect.gen(function* () {
      yield* EventStore.appendToStream("ledger-1", events("l", 5))
      const model = yield* InMemoryReadModel.make({ name: "ledger-count", initial: 0, apply: (n: number) => n + 1 })
      const runner = yield* ProjectionRunner.make([model.projection], { batchSize: 2, maxBatchSize: 2 })
      yield* runner.awaitCaughtUp("ledger-count")
      const metrics = yield* projectionMetrics("ledger-count")
      // Five events, two a batch: three batches.
      expect(metrics.batches.count).toBe(3)
      expect(metrics.lag.value).toBe(0)
    }).pipe(Effect.scoped, Effect.provide(inMemory))
  )

  it.live("status sets the lag gauge to the events a projection still has to apply", () =>
    Effect.gen(function* () {
      yield* EventStore.appendToStream("stuck-1", events("s", 4))
      // A projection that cannot apply any event: it stops, failed, on the first one.
      const stuck = Projection.make({ name: "stuck", handle: () => Effect.fail("cannot apply") })
      const runner = yield* ProjectionRunner.make([stuck], { attempts: 1, retryDelay: "1 millis" })
      yield* Effect.flip(runner.awaitCaughtUp("stuck"))
      const [status] = yield* runner.status
      expect(status).toMatchObject({ name: "stuck", state: "failed", lag: 4 })
      expect((yield* projectionMetrics("stuck")).lag.value).toBe(4)
      // Nothing was applied: no batch was timed (a failed one is not).
      expect((yield* projectionMetrics("stuck")).batches.count).toBe(0)
      expect(yield* Stream.runCount(EventStore.readAll())).toBe(4)
    }).pipe(Effect.scoped, Effect.provide(inMemory))
  )
})
