/**
 * A rebuild on one instance while the leader on another has a batch in flight: the rebuild
 * takes the checkpoint before it empties the read model, so the batch either lands first (and
 * is emptied with the rest) or fails its checkpoint's move, whatever the reset does. Here the
 * reset is a `DELETE`, which does not see rows of a transaction still running.
 */
import { describe, expect, it } from "@effect/vitest"
import { Deferred, Effect, Exit, Fiber, Layer, Option, Scope, type Redacted } from "effect"
import { SqlClient } from "@effect/sql"
import { Checkpoints, EventStore, GlobalPosition, Projection, ProjectionRunner } from "@jatim/eventstore"
import { Fixtures } from "@jatim/testing"
import { beforeAll } from "vitest"
import { instanceLayer, suiteDatabase, uniqueSchema } from "./support.js"

let url: Redacted.Redacted<string>
beforeAll(async () => {
  url = await suiteDatabase("rebuild")
})

/** One app instance: its own pool, store and projection services in `schema`. */
const instance = (schema: string) => instanceLayer(url, schema, {}, 6)

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
  Projection.make<SqlClient.SqlClient>({
    name: "applied",
    filter: { categories: ["order"] },
    setup: Effect.flatMap(
      SqlClient.SqlClient,
      (sql) => sql`CREATE TABLE IF NOT EXISTS ${sql(schema)}.applied (key text PRIMARY KEY, times int NOT NULL)`
    ),
    handle: (events) =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const count = (key: string) =>
          sql`INSERT INTO ${sql(schema)}.applied VALUES (${key}, 1)
            ON CONFLICT (key) DO UPDATE SET times = ${sql(schema)}.applied.times + 1`
        for (const event of events) yield* count(event.eventId)
        yield* count("batches")
        if (hold !== undefined && events.some((event) => event.eventId === hold.eventId)) {
          yield* Deferred.succeed(hold.inFlight, undefined)
          yield* Deferred.await(hold.release)
        }
      }),
    reset: Effect.flatMap(SqlClient.SqlClient, (sql) => sql`DELETE FROM ${sql(schema)}.applied`)
  })

/** Waits until some session of this database waits for a lock. */
const someoneWaitsForALock = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  while (true) {
    const [row] = yield* sql<{ readonly waiting: number }>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`
    if (row!.waiting > 0) return
    yield* Effect.sleep("10 millis")
  }
})

describe("rebuilding a projection on PostgreSQL", () => {
  it.live(
    "on a standby, while the leader's batch is in flight: every event is applied exactly once",
    () => {
      const schema = uniqueSchema()
      return Effect.gen(function* () {
        const leaderScope = yield* Scope.make()
        const leader = yield* Layer.buildWithScope(instance(schema), leaderScope)
        const standby = yield* Layer.build(instance(schema))
        const appendOrders = (n: number) =>
          Effect.forEach(
            Array.from({ length: n }, (_, i) => i),
            (i) => Effect.flatMap(Fixtures.newEvents(1), (events) => EventStore.appendToStream(`order-${i % 3}`, events))
          )
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
        const sql = yield* Effect.provide(SqlClient.SqlClient, standby)
        const rows = yield* sql<{ readonly key: string; readonly times: number }>`
        SELECT key, times FROM ${sql(schema)}.applied WHERE key <> 'batches' ORDER BY key`
        expect(rows).toHaveLength(15)
        expect(rows.filter((row) => row.times !== 1)).toEqual([])
      }).pipe(Effect.scoped)
    },
    60_000
  )

  it.live(
    "a batch that starts during a rebuild waits for it, then finds its checkpoint gone and undoes itself",
    () => {
      const schema = uniqueSchema()
      return Effect.gen(function* () {
        const checkpoints = yield* Checkpoints.Checkpoints
        const sql = yield* SqlClient.SqlClient
        yield* sql`CREATE TABLE ${sql(schema)}.applied (key text PRIMARY KEY, times int NOT NULL)`
        yield* sql`INSERT INTO ${sql(schema)}.applied VALUES ('e-1', 1)`
        const at = GlobalPosition.make(1, 1)
        yield* checkpoints.save("applied", Option.none(), at)
        // The rebuild holds its transaction open after it took the checkpoint.
        const resetting = yield* Deferred.make<void>()
        const finish = yield* Deferred.make<void>()
        const rebuild = yield* Effect.fork(
          checkpoints.reset(
            "applied",
            Effect.zipRight(
              sql`DELETE FROM ${sql(schema)}.applied`,
              Effect.zipRight(Deferred.succeed(resetting, undefined), Deferred.await(finish))
            )
          )
        )
        yield* Deferred.await(resetting)
        const batch = yield* Effect.fork(
          checkpoints.transaction(
            "applied",
            Option.some(at),
            Effect.zipRight(
              sql`INSERT INTO ${sql(schema)}.applied VALUES ('e-2', 1)`,
              checkpoints.save("applied", Option.some(at), GlobalPosition.make(1, 2))
            )
          )
        )
        yield* someoneWaitsForALock
        yield* Deferred.succeed(finish, undefined)
        yield* Fiber.join(rebuild)
        const moved = yield* Effect.flip(Fiber.join(batch))
        expect(moved._tag).toBe("CheckpointMoved")
        expect(yield* sql`SELECT key FROM ${sql(schema)}.applied`).toEqual([])
        expect(Option.isNone(yield* checkpoints.load("applied"))).toBe(true)
      }).pipe(Effect.scoped, Effect.provide(instance(schema)))
    },
    30_000
  )
})
