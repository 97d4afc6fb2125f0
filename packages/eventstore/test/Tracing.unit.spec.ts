import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { RecordingTracer } from "@jatim/testing"
import { Checkpoints, CommandHandler, InMemoryEventStore, InMemoryReadModel, LeaderElection, ProjectionRunner } from "../src/index.js"
import { tallyCodec, tallyDecider } from "./fixtures/tally.js"

describe("tracing", () => {
  it.live("appends, reads, command handling and projection batches run in spans an exporter can see", () => {
    const spans: Array<RecordingTracer.RecordedSpan> = []
    return Effect.gen(function* () {
      const handle = CommandHandler.make({ decider: tallyDecider, codec: tallyCodec })
      const model = yield* InMemoryReadModel.make({ name: "totals", initial: 0, apply: (n: number) => n + 1 })
      const runner = yield* ProjectionRunner.make([model.projection])
      yield* handle("tally-1", { _tag: "Count", amount: 2 })
      yield* runner.awaitCaughtUp("totals")
      expect(new Set(spans.map((span) => span.name))).toEqual(
        new Set([
          "CommandHandler.handle",
          "EventStore.readStream",
          "EventStore.appendToStream",
          "EventStore.readPage",
          "Projection.applyBatch"
        ])
      )
    }).pipe(
      Effect.scoped,
      Effect.provide(Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory)),
      Effect.withTracer(RecordingTracer.make(spans))
    )
  })
})
