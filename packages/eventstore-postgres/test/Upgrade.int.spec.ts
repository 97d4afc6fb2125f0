/**
 * A store made by the previous version of the package (0.1.0, commit 460cf54: tables recorded
 * by `@effect/sql`'s Migrator, functions reinstalled on every run and recorded nowhere) is
 * brought forward by the current `migrate`, and keeps its events. The old schema is made by
 * that version's statements, in its order (steps 1 to 3 are its texts, pinned by
 * `Migrations.unit.spec.ts`), and written through that version's `append_to_stream`.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { SqlClient } from "@effect/sql"
import { type EventStore, GlobalPosition } from "@jatim/eventstore"
import { Migrations, PostgresEventStore } from "../src/index.js"
import { step as tablesV1 } from "../src/migrations/0001_create_event_store.js"
import { step as tablesV2 } from "../src/migrations/0002_create_checkpoints_and_snapshots.js"
import { step as functionsV3 } from "../src/migrations/0003_append_functions.js"
import { step as functionsV4 } from "../src/migrations/0004_append_functions_refuse_invalid_expectations.js"
import { clientLayer, suiteDatabaseBeforeAll, uniqueSchema } from "./support.js"

const url = suiteDatabaseBeforeAll("upgrade")

const current = [
  [1, "create_event_store"],
  [2, "create_checkpoints_and_snapshots"],
  [3, "append_functions"],
  [4, "append_functions_refuse_invalid_expectations"],
  [5, "grouped_appends"],
  [6, "projection_failures"],
  [7, "personal_data_keys"],
  [8, "category_type_statistics"]
] as const

/**
 * Makes `schema` as version 0.1.0's `migrate` did, statement for statement, in one transaction
 * as it ran: its lock, the schema, `@effect/sql`'s Migrator table (that layout), steps 1 and 2
 * recorded by the Migrator, then the functions it reinstalled on every run (step 3, after
 * dropping the first signatures).
 */
const makeV1 = (schema: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.withTransaction(
      Effect.forEach(
        [
          `SELECT pg_advisory_xact_lock(hashtext('jatim.eventstore.migrate.${schema}'))`,
          `CREATE SCHEMA IF NOT EXISTS "${schema}"`,
          `CREATE TABLE IF NOT EXISTS "${schema}"."eventstore_migrations" (
        migration_id integer PRIMARY KEY,
        created_at timestamp with time zone NOT NULL DEFAULT now(),
        name text NOT NULL
      )`,
          ...tablesV1.statements(schema),
          ...tablesV2.statements(schema),
          `INSERT INTO "${schema}"."eventstore_migrations" (migration_id, name)
          VALUES (1, 'create_event_store'), (2, 'create_checkpoints_and_snapshots')`,
          ...functionsV3.statements(schema)
        ],
        (statement) => sql.unsafe(statement),
        { discard: true }
      )
    )
  )

const metadata = (minute: number) =>
  JSON.stringify({ occurredAt: `2026-12-01T10:${String(minute).padStart(2, "0")}:00.000Z`, schemaVersion: 1, correlationId: `c-${minute}` })

/** One append through 0.1.0's `append_to_stream`, called as that version's store called it. */
const appendV1 = (
  schema: string,
  stream: string,
  expected: readonly [kind: string, version: number | null],
  events: ReadonlyArray<readonly [id: string, type: string, data: object, minute: number]>
) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql.unsafe<{ result: string }>(`SELECT "${schema}".append_to_stream($1, $2, $3, $4, $5, $6, $7, $8, $9)::text AS result`, [
      stream,
      stream.split("-")[0]!,
      expected[0],
      expected[1],
      events.map(([id]) => id),
      events.map(([, type]) => type),
      events.map(([, , data]) => JSON.stringify(data)),
      events.map(([, , , minute]) => metadata(minute)),
      null
    ])
  ).pipe(Effect.map((rows) => rows[0]!.result))

/** Writes three streams' events through the old functions, including a retry and a conflict. */
const writeV1 = (schema: string) =>
  Effect.gen(function* () {
    yield* appendV1(
      schema,
      "account-1",
      ["NoStream", null],
      [
        ["e1", "Opened", { owner: "Siti", limits: { daily: 100 } }, 1],
        ["e2", "Deposited", { amount: 50 }, 2]
      ]
    )
    yield* appendV1(schema, "order-7", ["Any", null], [["e3", "Placed", { items: ["rice", "tea"] }, 3]])
    yield* appendV1(schema, "account-1", ["Exact", 2], [["e4", "Withdrawn", { amount: 20 }, 4]])
    // An exact retry of the first batch: success, nothing written (the old rules).
    const retry = yield* appendV1(
      schema,
      "account-1",
      ["NoStream", null],
      [
        ["e1", "Opened", { owner: "Siti", limits: { daily: 100 } }, 1],
        ["e2", "Deposited", { amount: 50 }, 2]
      ]
    )
    expect(retry).toMatch(/^\(2,\d+,\d+,0\)$/)
    const conflict = yield* Effect.flip(appendV1(schema, "account-1", ["Exact", 1], [["e5", "Deposited", { amount: 1 }, 5]]))
    expect((conflict as { cause?: unknown }).cause as { code?: unknown; detail?: unknown }).toMatchObject({ code: "EVCNF", detail: "3" })
  })

const storedRows = (schema: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql<{
        transaction_id: string
        global_position: string
        stream_name: string
        stream_version: string
        event_id: string
        event_type: string
        data: unknown
        metadata: unknown
      }>`
      SELECT transaction_id::text, global_position::text, stream_name, stream_version::text, event_id, event_type, data, metadata
      FROM ${sql(schema)}.events ORDER BY transaction_id, global_position`
  )

const versionRows = (schema: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql<{
        version: number
        name: string
        applied_at: Date
      }>`SELECT version, name, applied_at FROM ${sql(schema)}.eventstore_migrations ORDER BY version`
  )

const functionsOf = (schema: string) =>
  Effect.flatMap(
    SqlClient.SqlClient,
    (sql) =>
      sql<{ signature: string; body: string }>`
      SELECT p.oid::regprocedure::text AS signature, p.prosrc AS body FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = ${schema} ORDER BY 1`
  )

/** A new schema made and written by 0.1.0, and the rows it stored. */
const writtenByV1 = Effect.gen(function* () {
  const schema = uniqueSchema()
  yield* makeV1(schema)
  yield* writeV1(schema)
  return { schema, before: yield* storedRows(schema) }
})

const readAll = (store: EventStore.EventStore) => Effect.map(Stream.runCollect(store.readAll()), Chunk.toReadonlyArray)

describe("A store made by the previous version (0.1.0) of the package", () => {
  it.live("is recognised, brought forward to the current version, and keeps its events readable and its order", () =>
    Effect.gen(function* () {
      const { before, schema } = yield* writtenByV1
      expect(before.map((r) => r.event_id)).toEqual(["e1", "e2", "e3", "e4"])

      const status = yield* Migrations.check(schema)
      expect(status).toEqual({
        versioned: false,
        version: 3,
        latest: 8,
        baseline: [{ version: 3, name: "append_functions" }],
        pending: [
          { version: 4, name: "append_functions_refuse_invalid_expectations" },
          { version: 5, name: "grouped_appends" },
          { version: 6, name: "projection_failures" },
          { version: 7, name: "personal_data_keys" },
          { version: 8, name: "category_type_statistics" }
        ],
        unknown: [],
        upToDate: false
      })

      // Recognised: the tables are not made again, the functions of 0.1.0 are recorded as
      // version 3, and only the change since then runs.
      expect(yield* Migrations.migrate(schema)).toEqual(current.slice(3))
      expect((yield* versionRows(schema)).map((r) => [r.version, r.name])).toEqual(current)
      expect(yield* storedRows(schema)).toEqual(before)
      expect((yield* functionsOf(schema)).map((f) => f.signature)).toEqual([
        `${schema}.already_appended(text,text[],text[],jsonb[],bigint)`,
        `${schema}.append_to_stream(text,text,text,bigint,text[],text[],jsonb[],jsonb[],text)`,
        `${schema}.append_to_streams(text[],text[],text[],bigint[],integer[],text[],text[],jsonb[],jsonb[])`
      ])
      expect(yield* Migrations.check(schema)).toEqual({
        versioned: true,
        version: 8,
        latest: 8,
        baseline: [],
        pending: [],
        unknown: [],
        upToDate: true
      })

      const store = yield* PostgresEventStore.make({ schema, migrate: false })
      // Read back identically: stream reads and the global order.
      const account = yield* store.readStream("account-1")
      expect(account.streamVersion).toBe(3)
      expect(
        account.events.map((e) => [
          e.eventId,
          e.type,
          e.streamVersion,
          e.data,
          e.metadata.occurredAt.toISOString(),
          e.metadata.correlationId
        ])
      ).toEqual([
        ["e1", "Opened", 1, { owner: "Siti", limits: { daily: 100 } }, "2026-12-01T10:01:00.000Z", "c-1"],
        ["e2", "Deposited", 2, { amount: 50 }, "2026-12-01T10:02:00.000Z", "c-2"],
        ["e4", "Withdrawn", 3, { amount: 20 }, "2026-12-01T10:04:00.000Z", "c-4"]
      ])
      const all = yield* readAll(store)
      expect(all.map((e) => [e.eventId, e.streamName, GlobalPosition.format(e.globalPosition)])).toEqual(
        before.map((r) => [r.event_id, r.stream_name, `${r.transaction_id}.${r.global_position}`])
      )
      expect(all.map((e) => e.data)).toEqual(before.map((r) => r.data))

      // New appends continue the streams and the global order, with the current rules.
      const appended = yield* store.appendToStream("account-1", [{ eventId: "e6", type: "Deposited", data: { amount: 7 } }], {
        expectedVersion: { _tag: "Exact", version: 3 }
      })
      expect(appended.nextExpectedVersion).toBe(4)
      yield* store.appendToStream("order-8", [{ eventId: "e7", type: "Placed", data: { items: [] } }], {
        expectedVersion: { _tag: "NoStream" }
      })
      const after = yield* readAll(store)
      expect(after.slice(0, 4)).toEqual(all)
      expect(after.slice(4).map((e) => [e.eventId, e.streamName, e.streamVersion])).toEqual([
        ["e6", "account-1", 4],
        ["e7", "order-8", 1]
      ])
      expect(GlobalPosition.isAfter(after[4]!.globalPosition, all[3]!.globalPosition)).toBe(true)
      // The retry of an old batch is still recognised by the new functions.
      const retried = yield* store.appendToStream("account-1", [{ eventId: "e4", type: "Withdrawn", data: { amount: 20 } }], {
        expectedVersion: { _tag: "Exact", version: 2 }
      })
      expect(retried.nextExpectedVersion).toBe(3)

      // Running migrate again changes nothing: no step, the same records and functions.
      const recorded = yield* versionRows(schema)
      const functions = yield* functionsOf(schema)
      expect(yield* Migrations.migrate(schema)).toEqual([])
      expect(yield* versionRows(schema)).toEqual(recorded)
      expect(yield* functionsOf(schema)).toEqual(functions)
    }).pipe(Effect.scoped, Effect.provide(clientLayer(url())))
  )

  it.live("is brought forward once when several instances migrate it at the same time", () =>
    Effect.gen(function* () {
      const { before, schema } = yield* writtenByV1
      const results = yield* Effect.all(
        Array.from({ length: 4 }, () => Migrations.migrate(schema)),
        { concurrency: "unbounded" }
      )
      expect(results.flat()).toEqual(current.slice(3))
      expect((yield* versionRows(schema)).map((r) => [r.version, r.name])).toEqual(current)
      expect(yield* storedRows(schema)).toEqual(before)
      const store = yield* PostgresEventStore.make({ schema })
      expect((yield* store.readStream("order-7")).events.map((e) => e.eventId)).toEqual(["e3"])
      expect((yield* store.appendToStream("order-7", [{ eventId: "e8", type: "Paid", data: {} }])).nextExpectedVersion).toBe(2)
    }).pipe(Effect.scoped, Effect.provide(clientLayer(url())))
  )

  it.live("with the current functions already installed by the unversioned migrate is recorded without running a step", () =>
    Effect.gen(function* () {
      const schema = uniqueSchema()
      yield* makeV1(schema)
      // What the unversioned `migrate` of this week did on its next run: the current functions.
      const sql = yield* SqlClient.SqlClient
      yield* sql.withTransaction(functionsV4.apply(schema))
      yield* writeV1(schema)
      expect((yield* Migrations.check(schema)).baseline.map((s) => s.version)).toEqual([3, 4])
      // Recorded up to version 4 without running a step; only the newer steps (grouped appends, projection failures, personal data keys) run.
      expect(yield* Migrations.migrate(schema)).toEqual(current.slice(4))
      expect((yield* versionRows(schema)).map((r) => [r.version, r.name])).toEqual(current)
      expect((yield* Migrations.check(schema)).upToDate).toBe(true)
    }).pipe(Effect.provide(clientLayer(url())))
  )

  it.live("a new schema runs every step once, in order, and records it", () =>
    Effect.gen(function* () {
      const schema = uniqueSchema()
      expect(yield* Migrations.check(schema)).toEqual({
        versioned: false,
        version: 0,
        latest: 8,
        baseline: [],
        pending: current.map(([version, name]) => ({ version, name })),
        unknown: [],
        upToDate: false
      })
      expect(yield* Migrations.migrate(schema)).toEqual(current)
      expect((yield* versionRows(schema)).map((r) => [r.version, r.name])).toEqual(current)
      expect(yield* Migrations.migrate(schema)).toEqual([])
      expect((yield* Migrations.check(schema)).upToDate).toBe(true)
    }).pipe(Effect.provide(clientLayer(url())))
  )

  it.live("a store that records a version under another name, or a newer version, is not touched", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const schema = uniqueSchema()
      yield* Migrations.migrate(schema)
      yield* sql`INSERT INTO ${sql(schema)}.eventstore_migrations (version, name) VALUES (9, 'from_a_newer_package')`
      expect(yield* Migrations.migrate(schema)).toEqual([])
      const status = yield* Migrations.check(schema)
      expect([status.version, status.upToDate, status.unknown]).toEqual([9, true, [{ version: 9, name: "from_a_newer_package" }]])
      yield* sql`UPDATE ${sql(schema)}.eventstore_migrations SET name = 'something_else' WHERE version = 4`
      const error = yield* Effect.flip(Migrations.migrate(schema))
      expect(error._tag).toBe("MigrationError")
      expect(error.message).toContain(`schema ${schema} records version 4 as "something_else"`)
    }).pipe(Effect.provide(clientLayer(url())))
  )
})
