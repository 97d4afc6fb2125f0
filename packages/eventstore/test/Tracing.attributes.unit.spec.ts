/** What the spans of the core carry: the stream, the batch size and the page asked for, and no stack trace. */
import { describe, expect, it } from "vitest"
import { Chunk, Effect, Stream } from "effect"
import { RecordingTracer } from "@jatim/testing"
import { CommandHandler, EventStore, InMemoryEventStore } from "../src/index.js"
import { tallyCodec, tallyDecider } from "./fixtures/tally.js"

describe("span attributes", () => {
  it("command handling, appends and reads name their stream, batch and page", async () => {
    const spans: Array<RecordingTracer.RecordedSpan> = []
    await Effect.runPromise(
      Effect.gen(function* () {
        const handle = CommandHandler.make({ decider: tallyDecider, codec: tallyCodec })
        yield* handle("tally-1", { _tag: "Count", amount: 2 })
        // Failures too: a refused command, a refused append, a refused read (no stack trace is captured).
        yield* Effect.either(handle("tally-1", { _tag: "Count", amount: 5_000 }))
        yield* Effect.either(EventStore.appendToStream("tally-1", [{ eventId: "", type: "Counted", data: {} }]))
        yield* Effect.either(EventStore.readStream("tally-1", { fromVersion: 0 }))
        yield* Stream.runCollect(EventStore.readAll({ batchSize: 7, direction: "backward" })).pipe(Effect.map(Chunk.size))
      }).pipe(Effect.provide(InMemoryEventStore.layer()), Effect.withTracer(RecordingTracer.make(spans)))
    )
    const attributesOf = (name: string) => spans.filter((s) => s.name === name).map((s) => Object.fromEntries(s.attributes))
    expect(attributesOf("CommandHandler.handle")).toEqual([{ streamName: "tally-1" }, { streamName: "tally-1" }])
    expect(attributesOf("EventStore.readStream")).toEqual([{ streamName: "tally-1" }, { streamName: "tally-1" }, { streamName: "tally-1" }])
    expect(attributesOf("EventStore.appendToStream")).toEqual([
      { streamName: "tally-1", events: 1 },
      { streamName: "tally-1", events: 1 }
    ])
    expect(attributesOf("EventStore.readPage")).toEqual([{ limit: 7, direction: "backward" }])
  })
})
