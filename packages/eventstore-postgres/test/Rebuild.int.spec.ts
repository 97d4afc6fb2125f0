/**
 * A rebuild on one instance while the leader on another has a batch in flight: the rebuild
 * takes the checkpoint before it empties the read model, so the batch either lands first (and
 * is emptied with the rest) or fails its checkpoint's move, whatever the reset does. Here the
 * reset is a `DELETE`, which does not see rows of a transaction still running.
 */
import { describe, expect } from "@effect/vitest"
import { Deferred, Effect, Exit, Fiber, Layer, Option, Scope } from "effect"
import { SqlClient } from "@effect/sql"
import { Checkpoints, EventStore, GlobalPosition, ProjectionRunner } from "@jatim/eventstore"
import { Fixtures } from "@jatim/testing"
import { appendOrders, countingProjection, countsTable, inSchemaTest, instanceLayer, suiteDatabaseBeforeAll, untilRows } from "./support.js"

const url = suiteDatabaseBeforeAll("rebuild")

/** One app instance: its own pool, store and projection services in `schema`. */
const instance = (schema: string) => instanceLayer(url(), schema, {}, 6)

/** Holds one batch open: the handler has written its rows when it waits. */
interface Hold {
  readonly eventId: string
  readonly inFlight: Deferred.Deferred<void>
  readonly release: Deferred.Deferred<void>
}

/**
 * A read model counting how often each event was applied, and each batch on a summary row that
 * every batch updates (as totals do). Its reset is a `DELETE`.
 */
const appliedProjection = (schema: string, hold?: Hold) =>
  countingProjection({
    name: "applied",
    schema,
    table: "applied",
    keysOf: (events) => [...events.map((event) => event.eventId), "batches"],
    afterBatch: (events) =>
      hold !== undefined && events.some((event) => event.eventId === hold.eventId)
        ? Effect.zipRight(Deferred.succeed(hold.inFlight, undefined), Deferred.await(hold.release))
        : Effect.void,
    reset: "deleteAll"
  })

/** Waits until some session of this database waits for a lock. */
const someoneWaitsForALock = untilRows(
  "a session waiting for a lock",
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) => sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`
  )
)

describe("rebuilding a projection on PostgreSQL", () => {
  inSchemaTest(
    "on a standby, while the leader's batch is in flight: every event is applied exactly once",
    (schema) =>
      Effect.gen(function* () {
        const leaderScope = yield* Scope.make()
        const leader = yield* Layer.buildWithScope(instance(schema), leaderScope)
        const standby = yield* Layer.build(instance(schema))
        yield* Effect.provide(appendOrders(10), leader)
        const held = yield* Fixtures.newEvents(5)
        const hold: Hold = { eventId: held[4]!.eventId, inFlight: yield* Deferred.make<void>(), release: yield* Deferred.make<void>() }
        const a = yield* ProjectionRunner.make([appliedProjection(schema, hold)]).pipe(Effect.provide(leader), Scope.extend(leaderScope))
        yield* a.awaitCaughtUp("applied")
        const b = yield* ProjectionRunner.make([appliedProjection(schema)]).pipe(Effect.provide(standby))
        expect((yield* b.status)[0]!.state).toBe("standby")
        // The leader's batch of five has written its rows and waits, its transaction open.
        yield* Effect.provide(EventStore.appendToStream("order-9", held), leader)
        yield* Deferred.await(hold.inFlight)
        const rebuild = yield* Effect.fork(b.rebuild("applied"))
        // The rebuild waits for the batch (on its lock, or on a row the batch changed).
        yield* Effect.provide(someoneWaitsForALock, standby)
        yield* Deferred.succeed(hold.release, undefined)
        yield* Fiber.join(rebuild)
        // The leader goes; the standby replays from the first event.
        yield* Scope.close(leaderScope, Exit.void)
        yield* b.awaitCaughtUp("applied")
        const rows = (yield* Effect.provide(countsTable(schema, "applied").rows, standby)).filter((row) => row.key !== "batches")
        expect(rows).toHaveLength(15)
        expect(rows.filter((row) => row.times !== 1)).toEqual([])
      }),
    60_000
  )

  inSchemaTest("a batch that starts during a rebuild waits for it, then finds its checkpoint gone and undoes itself", (schema) =>
    Effect.gen(function* () {
      const checkpoints = yield* Checkpoints.Checkpoints
      const applied = countsTable(schema, "applied")
      yield* applied.create
      yield* applied.count("e-1")
      const at = GlobalPosition.make(1, 1)
      yield* checkpoints.save("applied", Option.none(), at)
      // The rebuild holds its transaction open after it took the checkpoint.
      const resetting = yield* Deferred.make<void>()
      const finish = yield* Deferred.make<void>()
      const rebuild = yield* Effect.fork(
        checkpoints.reset(
          "applied",
          Effect.zipRight(applied.deleteAll, Effect.zipRight(Deferred.succeed(resetting, undefined), Deferred.await(finish)))
        )
      )
      yield* Deferred.await(resetting)
      const batch = yield* Effect.fork(
        checkpoints.transaction(
          "applied",
          Option.some(at),
          Effect.zipRight(applied.count("e-2"), checkpoints.save("applied", Option.some(at), GlobalPosition.make(1, 2)))
        )
      )
      yield* someoneWaitsForALock
      yield* Deferred.succeed(finish, undefined)
      yield* Fiber.join(rebuild)
      const moved = yield* Effect.flip(Fiber.join(batch))
      expect(moved._tag).toBe("CheckpointMoved")
      expect(yield* applied.rows).toEqual([])
      expect(Option.isNone(yield* checkpoints.load("applied"))).toBe(true)
    }).pipe(Effect.scoped, Effect.provide(instance(schema)))
  )
})
