import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer, Option, Ref, Schedule, Schema, Scope } from "effect"
import { SqlClient } from "@effect/sql"
import { CommandHandler, EventStore, GlobalPosition, ProcessManager, Projection, ProjectionRunner } from "@jatim/eventstore"
import { Fixtures } from "@jatim/testing"
import { PostgresCheckpoints, PostgresEventStore } from "../src/index.js"
import { count, counter, counterCodec, saleCodec } from "./fixtures/counter.js"
import {
  appendOrders,
  clientLayer,
  countingProjection,
  countsTable,
  inSchemaTest,
  instanceLayer,
  suiteDatabaseBeforeAll,
  uniqueSchema,
  untilRows
} from "./support.js"

const url = suiteDatabaseBeforeAll("projections")

/** One app instance: its own connection pool, the store and the projection services in `schema`. */
const instance = (schema: string, options: PostgresEventStore.PostgresEventStoreOptions = {}, connections = 8) =>
  instanceLayer(url(), schema, options, connections)

/** A SQL read model: events applied per stream, in a table of its own. */
const totalsProjection = (schema: string, options: { readonly beforeCommit?: Effect.Effect<void, unknown, SqlClient.SqlClient> } = {}) =>
  countingProjection({
    name: "totals",
    schema,
    table: "order_totals",
    keysOf: (events) => events.map((event) => event.streamName),
    afterBatch: () => options.beforeCommit ?? Effect.void,
    reset: "truncate"
  })

/** The totals read model's rows: how many events it applied per stream. */
const totals = (schema: string) => countsTable(schema, "order_totals").rows

/** A SQL read model recording which runner applied each event; applying one twice fails on its key. */
const ledgerProjection = (schema: string, runner: string) =>
  Projection.make<SqlClient.SqlClient>({
    name: "ledger",
    setup: Effect.flatMap(
      SqlClient.SqlClient,
      (sql) => sql`CREATE TABLE IF NOT EXISTS ${sql(schema)}.ledger (event_id text PRIMARY KEY, runner text NOT NULL)`
    ),
    handle: (events) =>
      Effect.flatMap(SqlClient.SqlClient, (sql) =>
        Effect.forEach(events, (event) => sql`INSERT INTO ${sql(schema)}.ledger VALUES (${event.eventId}, ${runner})`)
      )
  })

/** How many events each runner applied to the ledger. */
const ledgerCounts = (schema: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql<{
        runner: string
        count: string
      }>`SELECT runner, count(*)::text AS count FROM ${sql(schema)}.ledger GROUP BY runner ORDER BY runner`
  )

/** Terminates the backend running `marker` (a statement only the test's handler sends). */
const killBackendRunning = (marker: string) =>
  untilRows(
    `a backend running ${marker}`,
    Effect.flatMap(
      SqlClient.SqlClient,
      // Only a backend running the marked statement now; idle ones show their last query too.
      (sql) => sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE state = 'active' AND query LIKE ${`%AS ${marker}%`} AND query NOT LIKE '%pg_terminate_backend%'
          AND pid <> pg_backend_pid()`
    )
  )

describe("projections on PostgreSQL", () => {
  inSchemaTest("a SQL read model catches up and follows live; rebuilding it gives the same rows", (schema) =>
    Effect.gen(function* () {
      yield* appendOrders(7)
      const runner = yield* ProjectionRunner.make([totalsProjection(schema)], { batchSize: 2 })
      yield* runner.awaitCaughtUp("totals")
      yield* EventStore.appendToStream("listing-1", yield* Fixtures.newEvents(2))
      yield* appendOrders(2)
      yield* runner.awaitCaughtUp("totals")
      const live = yield* totals(schema)
      expect(live).toEqual([
        { key: "order-0", times: 4 },
        { key: "order-1", times: 3 },
        { key: "order-2", times: 2 }
      ])
      const [status] = yield* runner.status
      expect(status).toMatchObject({ state: "live", lag: 0 })
      yield* runner.rebuild("totals")
      yield* runner.awaitCaughtUp("totals")
      expect(yield* totals(schema)).toEqual(live)
    }).pipe(Effect.scoped, Effect.provide(instance(schema)))
  )

  inSchemaTest("many projections share one lock connection: twelve run on a pool of four connections", (schema) =>
    Effect.gen(function* () {
      const counts = yield* Ref.make(new Map<string, number>())
      const projections = Array.from({ length: 12 }, (_, i) =>
        Projection.make({
          name: `counter-${i}`,
          handle: (events) => Ref.update(counts, (map) => new Map(map).set(`counter-${i}`, (map.get(`counter-${i}`) ?? 0) + events.length))
        })
      )
      const runner = yield* ProjectionRunner.make(projections)
      yield* appendOrders(5)
      yield* Effect.forEach(projections, (projection) => runner.awaitCaughtUp(projection.name), { discard: true })
      expect([...(yield* Ref.get(counts)).values()]).toEqual(Array.from({ length: 12 }, () => 5))
    }).pipe(Effect.scoped, Effect.provide(instance(schema, {}, 4)))
  )

  inSchemaTest("a runner killed between applying a batch and storing its checkpoint replays it without applying it twice", (schema) =>
    Effect.gen(function* () {
      const stalled = yield* Ref.make(true)
      // The first attempt applies the batch, then stalls before its checkpoint commits.
      const stall = Effect.flatMap(Ref.getAndSet(stalled, false), (first) =>
        first ? Effect.flatMap(SqlClient.SqlClient, (sql) => sql`SELECT pg_sleep(60) AS stall_before_checkpoint`) : Effect.void
      )
      yield* appendOrders(6)
      const scope = yield* Scope.make()
      yield* Scope.extend(ProjectionRunner.make([totalsProjection(schema, { beforeCommit: stall })], { batchSize: 100 }), scope)
      yield* killBackendRunning("stall_before_checkpoint")
      // Its connection is gone mid-transaction; the runner retries on a new one.
      yield* Effect.sleep("200 millis")
      yield* Scope.close(scope, Exit.void)
      const next = yield* ProjectionRunner.make([totalsProjection(schema)])
      yield* next.awaitCaughtUp("totals")
      expect(yield* totals(schema)).toEqual([
        { key: "order-0", times: 2 },
        { key: "order-1", times: 2 },
        { key: "order-2", times: 2 }
      ])
    }).pipe(Effect.scoped, Effect.provide(instance(schema)))
  )

  for (const { after, before, oneInstance, title } of [
    {
      title: "two instances never both run a projection; when the leader stops, the other takes over",
      oneInstance: false,
      before: 5,
      after: 4
    },
    { title: "two runners in one instance (one lock session) never both run a projection either", oneInstance: true, before: 3, after: 2 }
  ]) {
    inSchemaTest(title, (schema) =>
      Effect.gen(function* () {
        // The first runner lives in a scope of its own; so does its instance (its own pool, store
        // and runner) when the runners are on two instances.
        const first = yield* Scope.make()
        const instanceA = yield* oneInstance ? Layer.build(instance(schema)) : Layer.buildWithScope(instance(schema), first)
        const a = yield* ProjectionRunner.make([ledgerProjection(schema, "a")]).pipe(Effect.provide(instanceA), Scope.extend(first))
        const instanceB = oneInstance ? instanceA : yield* Layer.build(instance(schema))
        const b = yield* ProjectionRunner.make([ledgerProjection(schema, "b")]).pipe(Effect.provide(instanceB))
        yield* Effect.provide(appendOrders(before), instanceB)
        yield* a.awaitCaughtUp("ledger")
        expect((yield* b.status)[0]!.state).toBe("standby")
        yield* Scope.close(first, Exit.void)
        yield* Effect.provide(appendOrders(after), instanceB)
        yield* b.awaitCaughtUp("ledger")
        expect(yield* Effect.provide(ledgerCounts(schema), instanceB)).toEqual([
          { runner: "a", count: String(before) },
          { runner: "b", count: String(after) }
        ])
      })
    )
  }

  inSchemaTest("when the leader's connection dies, the standby takes over within seconds and no event is applied twice", (schema) =>
    Effect.gen(function* () {
      // The old leader's instance lives in a scope of its own, closed once it has stood by.
      const scopeA = yield* Scope.make()
      const instanceA = yield* Layer.buildWithScope(instance(schema), scopeA)
      const a = yield* ProjectionRunner.make([ledgerProjection(schema, "a")]).pipe(Effect.provide(instanceA), Scope.extend(scopeA))
      yield* Effect.provide(appendOrders(3), instanceA)
      yield* a.awaitCaughtUp("ledger")
      const instanceB = yield* Layer.build(instance(schema))
      const b = yield* ProjectionRunner.make([ledgerProjection(schema, "b")]).pipe(Effect.provide(instanceB))
      // The leader's instance "dies": the server drops the connection that holds its lock.
      const sql = yield* Effect.provide(SqlClient.SqlClient, instanceB)
      // Only this database's: the suites of other files hold theirs on the same server.
      yield* sql`SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`
      yield* Effect.provide(appendOrders(4), instanceB)
      // Within seconds the old leader notices and stands by, and the standby leads.
      const stateOf = (runner: ProjectionRunner.ProjectionRunner) => Effect.map(runner.status, (statuses) => statuses[0]!.state)
      yield* Effect.all([stateOf(a), stateOf(b)]).pipe(
        Effect.filterOrFail(([stateA, stateB]) => stateA === "standby" && stateB !== "standby"),
        Effect.retry({ schedule: Schedule.spaced("100 millis"), times: 100 })
      )
      // The old instance, alive on a new connection, could lead again (when the new leader starts
      // over after meeting a batch the old one committed while both ran); a dead one does not.
      yield* Scope.close(scopeA, Exit.void)
      const later = yield* Effect.provide(Fixtures.newEvents(2), instanceB)
      yield* Effect.provide(EventStore.appendToStream("order-9", later), instanceB)
      yield* b.awaitCaughtUp("ledger")
      const rows = yield* sql<{ event_id: string; runner: string }>`SELECT event_id, runner FROM ${sql(schema)}.ledger`
      expect(rows).toHaveLength(9)
      expect(rows.filter((row) => later.some((e) => e.eventId === row.event_id)).map((row) => row.runner)).toEqual(["b", "b"])
    })
  )

  it.live(
    "a standby instance shuts down at once while it waits for the lock",
    () => {
      const schema = uniqueSchema()
      const idle = Projection.make({ name: "idle", handle: () => Effect.void })
      return Effect.gen(function* () {
        const leader = yield* Layer.build(instance(schema))
        yield* ProjectionRunner.make([idle]).pipe(Effect.provide(leader))
        const standbyScope = yield* Scope.make()
        const standbyLayer = yield* Layer.buildWithScope(instance(schema), standbyScope)
        const standby = yield* ProjectionRunner.make([idle]).pipe(Effect.provide(standbyLayer), Scope.extend(standbyScope))
        yield* Effect.sleep("300 millis")
        expect((yield* standby.status)[0]!.state).toBe("standby")
        const closed = yield* Scope.close(standbyScope, Exit.void).pipe(Effect.timeout("5 seconds"), Effect.either)
        expect(closed._tag).toBe("Right")
      }).pipe(Effect.scoped)
    },
    30_000
  )

  inSchemaTest("a process manager killed after issuing its command but before its checkpoint does not apply it twice", (schema) =>
    Effect.gen(function* () {
      const stalled = yield* Ref.make(true)
      const manager = ProcessManager.make({
        name: "count-sales",
        codec: saleCodec,
        handle: (event) =>
          Effect.gen(function* () {
            yield* count("tally-sales", { quantity: event.data.quantity }, ProcessManager.commandOptions(event))
            if (yield* Ref.getAndSet(stalled, false)) {
              yield* Effect.flatMap(SqlClient.SqlClient, (sql) => sql`SELECT pg_sleep(60) AS stall_after_command`)
            }
          })
      })
      yield* EventStore.appendToStream("sale-1", [{ eventId: "sale-1", type: "Sold", data: { quantity: 4 } }])
      const runner = yield* ProjectionRunner.make([manager])
      yield* killBackendRunning("stall_after_command")
      yield* runner.awaitCaughtUp("count-sales")
      const { events } = yield* EventStore.readStream("tally-sales")
      expect(events.map((e) => [e.data.quantity, e.metadata.causationId])).toEqual([[4, "sale-1"]])
    }).pipe(Effect.scoped, Effect.provide(instance(schema)))
  )

  it.live("an inline projection commits with the append, and a failing one undoes it", () => {
    const schema = uniqueSchema()
    const orderCount = countsTable(schema, "order_count")
    const inline = Projection.make<SqlClient.SqlClient>({
      name: "order-count",
      filter: { categories: ["order"] },
      setup: orderCount.create,
      handle: (events) =>
        Effect.forEach(events, (event) =>
          event.type === "Refunded" ? Effect.fail(new Error("refunds are not modelled yet")) : orderCount.count(event.streamName)
        )
    })
    return Effect.gen(function* () {
      yield* EventStore.appendToStream("order-1", yield* Fixtures.newEvents(2))
      yield* EventStore.appendToStream("listing-1", yield* Fixtures.newEvents(1))
      const error = yield* Effect.flip(
        EventStore.appendToStream("order-1", [...(yield* Fixtures.newEvents(1)), ...(yield* Fixtures.newEvents(1, "Refunded"))])
      )
      expect(error).toMatchObject({ _tag: "InlineProjectionFailed", projection: "order-count" })
      expect(error.message).toContain("refunds are not modelled yet")
      expect(yield* orderCount.rows).toEqual([{ key: "order-1", times: 2 }])
      expect((yield* EventStore.readStream("order-1")).streamVersion).toBe(2)
    }).pipe(Effect.provide(instance(schema, { inline: [inline] })))
  })
})

describe("checkpoint transactions on PostgreSQL", () => {
  /** `synchronous_commit` as a batch's transaction sees it, with the checkpoints of `options`. */
  const commitSettingInBatch = (options: { readonly durableCommit?: boolean }, outer: boolean, appends = false) =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const schema = uniqueSchema()
      const store = yield* PostgresEventStore.make({ schema })
      const checkpoints = yield* PostgresCheckpoints.make(schema, options)
      // A batch: the handler's work (a process manager appends events), the checkpoint's move, the commit.
      const setting = checkpoints.transaction(
        "totals",
        Option.none(),
        Effect.all([
          appends ? Effect.flatMap(Fixtures.newEvents(1), (events) => store.appendToStream("order-1", events)) : Effect.void,
          checkpoints.save("totals", Option.none(), GlobalPosition.make(1, 1)),
          Effect.map(sql<{ readonly synchronous_commit: string }>`SHOW synchronous_commit`, (rows) => rows[0]!.synchronous_commit)
        ])
      )
      const [, , value] = yield* outer ? sql.withTransaction(setting) : setting
      return value
    }).pipe(Effect.scoped, Effect.provide(clientLayer(url(), 4)))

  it.live(
    "commit without waiting for the disk by default, durably when asked or when the batch appended events, and leave a caller's transaction alone",
    () =>
      Effect.gen(function* () {
        expect(yield* commitSettingInBatch({}, false)).toBe("off")
        expect(yield* commitSettingInBatch({ durableCommit: true }, false)).toBe("on")
        expect(yield* commitSettingInBatch({}, true)).toBe("on")
        // A batch that appended events (a process manager's commands) commits durably.
        expect(yield* commitSettingInBatch({}, false, true)).toBe("on")
      })
  )
})

describe("failures inside a batch on PostgreSQL", () => {
  it.live("deadlocks, serialization failures, lost connections and lock timeouts pass; the projection's own SQL errors do not", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const checkpoints = yield* PostgresCheckpoints.make(uniqueSchema())
      /** The error PostgreSQL answers a statement raising `state` with. */
      const raised = (state: string) => Effect.flip(sql.unsafe(`DO $$ BEGIN RAISE EXCEPTION 'raised' USING ERRCODE = '${state}'; END $$`))
      const verdicts = yield* Effect.forEach(
        ["40P01", "40001", "08006", "57P01", "53300", "55P03", "23505", "22012", "25P02", "42P01", "P0001"],
        (state) => Effect.map(raised(state), (error) => [state, checkpoints.isTransient(error)] as const)
      )
      expect(Object.fromEntries(verdicts)).toEqual({
        "40P01": true,
        "40001": true,
        "08006": true,
        "57P01": true,
        "53300": true,
        "55P03": true,
        "23505": false,
        "22012": false,
        "25P02": false,
        "42P01": false,
        P0001: false
      })
      expect(checkpoints.isTransient(new Error("a bug in the handler"))).toBe(false)
    }).pipe(Effect.scoped, Effect.provide(clientLayer(url(), 2)))
  )
})

describe("snapshots on PostgreSQL", () => {
  it.live("a snapshotted command handler stores a snapshot every N events, loads it with the tail, and ignores stale ones", () => {
    const schema = uniqueSchema()
    const handlerFor = (version: number) =>
      CommandHandler.make({ decider: counter, codec: counterCodec, snapshots: { name: "counter", every: 2, schema: Schema.Int, version } })
    return Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      for (const quantity of [1, 2, 3, 4, 5]) yield* handlerFor(1)("counter-1", { quantity })
      const [row] = yield* sql<{ stream_version: string; state: unknown }>`
        SELECT stream_version::text, state FROM ${sql(schema)}.snapshots WHERE stream_name = 'counter-1'`
      expect(row).toEqual({ stream_version: "4", state: 10 })
      expect((yield* handlerFor(1)("counter-1", { quantity: 0 })).newState).toBe(15)
      // A state schema of another version does not trust the stored snapshot: it replays.
      yield* sql`UPDATE ${sql(schema)}.snapshots SET state = '1000'::jsonb`
      expect((yield* handlerFor(1)("counter-1", { quantity: 0 })).newState).toBe(1005)
      expect((yield* handlerFor(2)("counter-1", { quantity: 0 })).newState).toBe(15)
    }).pipe(Effect.provide(instance(schema)))
  })

  it.live("a redelivered command whose events a snapshot holds is recognised as applied, with the real version and state", () => {
    const schema = uniqueSchema()
    const handle = CommandHandler.make({
      decider: counter,
      codec: counterCodec,
      snapshots: { name: "counter", every: 2, schema: Schema.Int, version: 1 }
    })
    return Effect.gen(function* () {
      const redelivered = { causationId: "sale-1", deduplicate: true } as const
      expect((yield* handle("counter-2", { quantity: 5 }, redelivered)).alreadyApplied).toBe(false)
      yield* handle("counter-2", { quantity: 7 })
      expect(yield* handle("counter-2", { quantity: 5 }, redelivered)).toMatchObject({
        alreadyApplied: true,
        newEvents: [],
        nextExpectedVersion: 2,
        newState: 12
      })
      expect((yield* EventStore.EventStore.pipe(Effect.flatMap((store) => store.readStream("counter-2")))).streamVersion).toBe(2)
    }).pipe(Effect.provide(instance(schema)))
  })
})
