import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Tracer } from "effect"
import {
  Checkpoints,
  CommandHandler,
  InMemoryEventStore,
  InMemoryReadModel,
  LeaderElection,
  ProjectionRunner
} from "../src/index.js"
import { tallyCodec, tallyDecider } from "./fixtures/tally.js"

/** A tracer that records the names of the spans it is asked to start. */
const recordingTracer = (names: Array<string>) =>
  Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      names.push(name)
      const attributes = new Map<string, unknown>()
      return {
        _tag: "Span",
        name,
        spanId: `${names.length}`,
        traceId: "trace",
        parent,
        context,
        status: { _tag: "Started", startTime },
        attributes,
        links,
        sampled: true,
        kind,
        end: () => {},
        attribute: (key, value) => {
          attributes.set(key, value)
        },
        event: () => {},
        addLinks: () => {}
      }
    },
    context: (f) => f()
  })

describe("tracing", () => {
  it.live("appends, reads, command handling and projection batches run in spans an exporter can see", () => {
    const names: Array<string> = []
    return Effect.gen(function*() {
      const handle = CommandHandler.make({ decider: tallyDecider, codec: tallyCodec })
      const model = yield* InMemoryReadModel.make({ name: "totals", initial: 0, apply: (n: number) => n + 1 })
      const runner = yield* ProjectionRunner.make([model.projection])
      yield* handle("tally-1", { _tag: "Count", amount: 2 })
      yield* runner.awaitCaughtUp("totals")
      expect(new Set(names)).toEqual(new Set([
        "CommandHandler.handle",
        "EventStore.readStream",
        "EventStore.appendToStream",
        "EventStore.readPage",
        "Projection.applyBatch"
      ]))
    }).pipe(
      Effect.scoped,
      Effect.provide(Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory)),
      Effect.withTracer(recordingTracer(names))
    )
  })
})
