/** What the spans of the core carry: the stream, the batch size and the page asked for, and no stack trace. */
import { describe, expect, it } from "vitest"
import { Chunk, Effect, Stream, Tracer } from "effect"
import { CommandHandler, EventStore, InMemoryEventStore } from "../src/index.js"
import { tallyCodec, tallyDecider } from "./fixtures/tally.js"

/** A tracer that records each span's name and the attributes it ends with. */
const recordingTracer = (spans: Array<{ readonly name: string; readonly attributes: Map<string, unknown> }>) =>
  Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      const attributes = new Map<string, unknown>()
      spans.push({ name, attributes })
      return {
        _tag: "Span",
        name,
        spanId: `${spans.length}`,
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

describe("span attributes", () => {
  it("command handling, appends and reads name their stream, batch and page", async () => {
    const spans: Array<{ readonly name: string; readonly attributes: Map<string, unknown> }> = []
    await Effect.runPromise(Effect.gen(function*() {
      const handle = CommandHandler.make({ decider: tallyDecider, codec: tallyCodec })
      yield* handle("tally-1", { _tag: "Count", amount: 2 })
      // Failures too: a refused command, a refused append, a refused read (no stack trace is captured).
      yield* Effect.either(handle("tally-1", { _tag: "Count", amount: 5_000 }))
      yield* Effect.either(EventStore.appendToStream("tally-1", [{ eventId: "", type: "Counted", data: {} }]))
      yield* Effect.either(EventStore.readStream("tally-1", { fromVersion: 0 }))
      yield* Stream.runCollect(EventStore.readAll({ batchSize: 7, direction: "backward" })).pipe(Effect.map(Chunk.size))
    }).pipe(Effect.provide(InMemoryEventStore.layer()), Effect.withTracer(recordingTracer(spans))))
    const attributesOf = (name: string) => spans.filter((s) => s.name === name).map((s) => Object.fromEntries(s.attributes))
    expect(attributesOf("CommandHandler.handle")).toEqual([{ streamName: "tally-1" }, { streamName: "tally-1" }])
    expect(attributesOf("EventStore.readStream")).toEqual([{ streamName: "tally-1" }, { streamName: "tally-1" }, { streamName: "tally-1" }])
    expect(attributesOf("EventStore.appendToStream")).toEqual([{ streamName: "tally-1", events: 1 }, { streamName: "tally-1", events: 1 }])
    expect(attributesOf("EventStore.readPage")).toEqual([{ limit: 7, direction: "backward" }])
  })
})
