import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option, Schema } from "effect"
import * as fc from "fast-check"
import { CommandHandler, InMemoryEventStore, SnapshotStore } from "../src/index.js"
import { fullReplay, handleAll, tallyCodec, tallyDecider, type TallyCommand } from "./fixtures/tally.js"

const snapshots = { name: "tally", every: 3, schema: Schema.Int, version: 1 }
const snapshotted = CommandHandler.make({ decider: tallyDecider, codec: tallyCodec, snapshots })
const stores = Layer.merge(InMemoryEventStore.layer(), SnapshotStore.layerInMemory)

const command = fc.oneof(
  fc.integer({ min: 0, max: 100 }).map((amount): TallyCommand => ({ _tag: "Count", amount })),
  fc.constant<TallyCommand>({ _tag: "Reset", reason: "month end" })
)

describe("snapshots", () => {
  it("snapshot + tail gives the same state as a full replay, for any command sequence", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 20 }), (commands) =>
        Effect.runPromise(
          Effect.gen(function* () {
            const last = yield* handleAll(snapshotted, commands)
            const fromSnapshot = yield* snapshotted("tally-1", { _tag: "Count", amount: 0 })
            expect(fromSnapshot.newState).toBe(yield* fullReplay)
            expect(fromSnapshot.newState).toBe(last)
          }).pipe(Effect.provide(stores))
        ).then(() => true)
      )
    )
  })

  it.effect("a snapshot is written every N events and loading reads only the tail after it", () =>
    Effect.gen(function* () {
      for (const amount of [1, 2, 3, 4]) yield* snapshotted("tally-1", { _tag: "Count", amount })
      const stored = yield* Effect.flatMap(SnapshotStore.SnapshotStore, (s) => s.load("tally-1", "tally"))
      expect(stored).toEqual(Option.some({ streamName: "tally-1", name: "tally", streamVersion: 3, stateVersion: 1, state: 6 }))
      // Prove the tail is all that is read: change the snapshot, and the state follows it.
      yield* Effect.flatMap(SnapshotStore.SnapshotStore, (s) =>
        s.save({ streamName: "tally-1", name: "tally", streamVersion: 4, stateVersion: 1, state: 500 })
      )
      const result = yield* snapshotted("tally-1", { _tag: "Count", amount: 0 })
      expect(result.newState).toBe(500)
    }).pipe(Effect.provide(stores))
  )

  it.effect("a snapshot written for another state schema version, or that does not decode, is ignored", () =>
    Effect.gen(function* () {
      for (const amount of [1, 2]) yield* snapshotted("tally-1", { _tag: "Count", amount })
      const snapshotsStore = yield* SnapshotStore.SnapshotStore
      yield* snapshotsStore.save({ streamName: "tally-1", name: "tally", streamVersion: 1, stateVersion: 0, state: 999 })
      expect((yield* snapshotted("tally-1", { _tag: "Count", amount: 0 })).newState).toBe(3)
      yield* snapshotsStore.save({ streamName: "tally-1", name: "tally", streamVersion: 2, stateVersion: 1, state: "three" })
      expect((yield* snapshotted("tally-1", { _tag: "Count", amount: 0 })).newState).toBe(3)
    }).pipe(Effect.provide(stores))
  )
})
