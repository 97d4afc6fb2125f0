/**
 * How long a query waits for its read model, as its request asks (src/readModels/ReadConsistency.ts):
 * strong waits for everything stored, `Read-After-Position` for what the caller wrote up to its
 * position, `Read-Consistency: eventual` for nothing; the headers choose, the position winning.
 */
import { describe, expect, it } from "@effect/vitest"
import { Deferred, Effect, FiberRef, Layer, Option } from "effect"
import * as fc from "fast-check"
import {
  Checkpoints,
  EventStore,
  GlobalPosition,
  InMemoryEventStore,
  LeaderElection,
  Projection,
  ProjectionRunner
} from "@jatim/eventstore"
import * as ReadConsistency from "../src/readModels/ReadConsistency.js"

const position = fc.record({ transaction: fc.nat(), sequence: fc.nat() })

describe("read consistency: the headers", () => {
  it("a position in Read-After-Position asks for it, whatever Read-Consistency says", () => {
    fc.assert(
      fc.property(position, fc.constantFrom(undefined, "strong", "eventual"), (at, consistency) => {
        const headers = { "read-after-position": GlobalPosition.format(at), "read-consistency": consistency }
        expect(ReadConsistency.fromHeaders(headers)).toEqual({ _tag: "After", position: at })
      })
    )
  })

  it("eventual without a position asks for nothing; no header, or strong, for everything", () => {
    expect(ReadConsistency.fromHeaders({ "read-consistency": "eventual" })).toEqual({ _tag: "Eventual" })
    expect(ReadConsistency.fromHeaders({ "read-consistency": "strong" })).toEqual({ _tag: "Strong" })
    expect(ReadConsistency.fromHeaders({})).toEqual({ _tag: "Strong" })
  })
})

describe("read consistency: the wait", () => {
  it.live("strong waits for every event stored, a position for those up to it (or fails), eventual for none", () =>
    Effect.gen(function* () {
      const gate = yield* Deferred.make<void>()
      // A projection that holds back the batch with the second order until the gate opens.
      const gated = Projection.make({
        name: "orders",
        filter: { categories: ["order"] },
        handle: (events) => (events.some((e) => e.eventId === "second") ? Deferred.await(gate) : Effect.void)
      })
      // A projection that stops on the second order, with a reason that names it.
      const strict = Projection.make({
        name: "strict",
        filter: { categories: ["order"] },
        handle: (events) => (events.some((e) => e.eventId === "second") ? Effect.fail("secret detail of order-2") : Effect.void)
      })
      const runner = yield* ProjectionRunner.make([gated, strict], { attempts: 1 })
      const first = yield* EventStore.appendToStream("order-1", [{ eventId: "first", type: "Placed", data: {} }])
      yield* runner.awaitCaughtUp("orders")
      const second = yield* EventStore.appendToStream("order-2", [{ eventId: "second", type: "Placed", data: {} }])
      const waited = (consistency: ReadConsistency.ReadConsistency) =>
        ReadConsistency.awaitFresh(runner, "orders").pipe(
          Effect.locally(ReadConsistency.current, consistency),
          Effect.timeout("300 millis"),
          Effect.option,
          Effect.map(Option.isSome)
        )
      expect(yield* waited({ _tag: "Eventual" })).toBe(true)
      expect(yield* waited({ _tag: "After", position: first.lastPosition! })).toBe(true)
      expect(yield* waited({ _tag: "Strong" })).toBe(false)
      // A wait for one's own write that does not end within maxWait is a 503, never an answer without it.
      const behind = yield* Effect.flip(
        ReadConsistency.awaitFresh(runner, "orders").pipe(
          Effect.locally(ReadConsistency.current, { _tag: "After", position: second.lastPosition! })
        )
      )
      expect(behind).toMatchObject({ _tag: "StoreFailure", rule: "ReadModelBehind" })
      expect(behind.message).toContain(`has not applied position ${GlobalPosition.format(second.lastPosition!)} within 2s`)
      // A read model that stopped is a 503 too, whose message keeps why it stopped to the host's log.
      const stopped = yield* Effect.flip(
        ReadConsistency.awaitFresh(runner, "strict").pipe(
          Effect.locally(ReadConsistency.current, { _tag: "After", position: second.lastPosition! })
        )
      )
      expect(stopped).toMatchObject({ _tag: "StoreFailure", rule: "ReadModelBehind" })
      expect(stopped.message).not.toContain("secret")
      expect(stopped.message).not.toContain("order-2")
      // Outside any request the default is strong.
      expect(yield* FiberRef.get(ReadConsistency.current)).toEqual({ _tag: "Strong" })
      yield* Deferred.succeed(gate, undefined)
      expect(yield* waited({ _tag: "Strong" })).toBe(true)
    }).pipe(
      Effect.scoped,
      Effect.provide(Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory))
    )
  )
})
