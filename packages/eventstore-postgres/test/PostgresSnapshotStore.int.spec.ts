/** Snapshots on PostgreSQL: one per decider and stream, replaced only by a later stream version. */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Option } from "effect"
import { SqlClient } from "@effect/sql"
import { SnapshotStore } from "@jatim/eventstore"
import { PostgresSnapshotStore } from "../src/index.js"
import { storeLayer, suiteDatabaseBeforeAll, uniqueSchema } from "./support.js"

const url = suiteDatabaseBeforeAll("snapshots")

/** Runs `body` with the snapshots of a new store in a schema of its own, which it is told. */
const inStore = <A, E>(body: (schema: string) => Effect.Effect<A, E, SnapshotStore.SnapshotStore | SqlClient.SqlClient>) => {
  const schema = uniqueSchema()
  return Effect.provide(body(schema), PostgresSnapshotStore.layer(schema).pipe(Layer.provideMerge(storeLayer(url(), { schema }))))
}

const snapshot = (streamVersion: number, state: unknown, overrides: Partial<SnapshotStore.Snapshot> = {}): SnapshotStore.Snapshot => ({
  streamName: "tally-1",
  name: "tally",
  streamVersion,
  stateVersion: 2,
  state,
  ...overrides
})

describe("PostgreSQL snapshots", () => {
  it.live("a stream without a snapshot loads none; a saved one loads as saved", () =>
    inStore(() =>
      Effect.gen(function* () {
        const snapshots = yield* SnapshotStore.SnapshotStore
        expect(yield* snapshots.load("tally-1", "tally")).toEqual(Option.none())
        const state = { total: 12, items: ["a", "b"], nested: { ok: true } }
        yield* snapshots.save(snapshot(3, state))
        expect(yield* snapshots.load("tally-1", "tally")).toEqual(Option.some(snapshot(3, state)))
        for (const plain of ["three", 3, null]) {
          yield* snapshots.save(snapshot(10 + Number(plain === null), plain, { streamName: `plain-${String(plain)}` }))
          expect(Option.map(yield* snapshots.load(`plain-${String(plain)}`, "tally"), (s) => s.state)).toEqual(Option.some(plain))
        }
      })
    )
  )

  it.live("only a later stream version replaces a snapshot; deciders and streams keep their own", () =>
    inStore(() =>
      Effect.gen(function* () {
        const snapshots = yield* SnapshotStore.SnapshotStore
        const version = Effect.map(
          snapshots.load("tally-1", "tally"),
          Option.map((s) => [s.streamVersion, s.state, s.stateVersion])
        )
        yield* snapshots.save(snapshot(4, "four"))
        yield* snapshots.save(snapshot(3, "three", { stateVersion: 9 }))
        expect(yield* version).toEqual(Option.some([4, "four", 2]))
        yield* snapshots.save(snapshot(4, "four again", { stateVersion: 9 }))
        expect(yield* version).toEqual(Option.some([4, "four", 2]))
        yield* snapshots.save(snapshot(5, "five", { stateVersion: 3 }))
        expect(yield* version).toEqual(Option.some([5, "five", 3]))
        yield* snapshots.save(snapshot(1, "other decider", { name: "audit" }))
        yield* snapshots.save(snapshot(1, "other stream", { streamName: "tally-2" }))
        expect(yield* version).toEqual(Option.some([5, "five", 3]))
        expect(Option.map(yield* snapshots.load("tally-1", "audit"), (s) => s.state)).toEqual(Option.some("other decider"))
        expect(Option.map(yield* snapshots.load("tally-2", "tally"), (s) => s.state)).toEqual(Option.some("other stream"))
      })
    )
  )

  it.live("a database failure is EventStoreUnavailable naming the snapshot", () =>
    inStore((schema) =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const snapshots = yield* SnapshotStore.SnapshotStore
        yield* sql`DROP TABLE ${sql(schema)}.snapshots`
        expect(yield* Effect.flip(snapshots.load("tally-1", "tally"))).toMatchObject({
          _tag: "EventStoreUnavailable",
          operation: 'load the snapshot of "tally-1"'
        })
        expect(yield* Effect.flip(snapshots.save(snapshot(1, 1)))).toMatchObject({
          _tag: "EventStoreUnavailable",
          operation: 'save the snapshot of "tally-1"'
        })
      })
    )
  )
})
