/** What the migrations leave in a schema: the indexes the reads rely on, and only valid schema names. */
import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit } from "effect"
import { SqlClient } from "@effect/sql"
import { RecordingTracer } from "@jatim/testing"
import { Migrations } from "../src/index.js"
import { clientLayer, suiteDatabaseBeforeAll, uniqueSchema } from "./support.js"

const url = suiteDatabaseBeforeAll("migrations")

describe("PostgreSQL migrations", () => {
  it.live("create the global-order and category-order indexes on the events, and the projection tables", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const schema = uniqueSchema()
      yield* Migrations.migrate(schema)
      const indexes = yield* sql<{ indexname: string; indexdef: string }>`
        SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = ${schema} AND tablename = 'events' ORDER BY indexname`
      const byName = new Map(indexes.map((i) => [i.indexname, i.indexdef]))
      expect(byName.get("events_global_order")).toMatch(/\(transaction_id, global_position\)$/)
      expect(byName.get("events_category_order")).toMatch(/\(category, transaction_id, global_position\)$/)
      const tables = yield* sql<{ table_name: string }>`
        SELECT table_name FROM information_schema.tables WHERE table_schema = ${schema} ORDER BY table_name`
      expect(tables.map((t) => t.table_name)).toEqual(
        expect.arrayContaining([
          "checkpoints",
          "eventstore_migrations",
          "events",
          "personal_data_keys",
          "projection_failures",
          "snapshots",
          "streams"
        ])
      )
    }).pipe(Effect.provide(clientLayer(url())))
  )

  it.live("create the planner's statistics of category and event type taken together, analysed (step 8)", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const schema = uniqueSchema()
      yield* Migrations.migrate(schema)
      const statistics = yield* sql<{ name: string; kinds: ReadonlyArray<string>; columns: string }>`
        SELECT s.stxname AS name, s.stxkind::text[] AS kinds,
          (SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_attribute a
            WHERE a.attrelid = s.stxrelid AND a.attnum = ANY (s.stxkeys)) AS columns
        FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE n.nspname = ${schema}`
      expect(statistics).toEqual([{ name: "events_category_type", kinds: ["f", "m"], columns: "category,event_type" }])
    }).pipe(Effect.provide(clientLayer(url())))
  )

  it.live("run in a span naming the schema", () => {
    const spans: Array<RecordingTracer.RecordedSpan> = []
    const tracer = RecordingTracer.make(spans)
    const schema = uniqueSchema()
    return Migrations.migrate(schema).pipe(
      Effect.withTracer(tracer),
      Effect.andThen(() => {
        expect(spans.filter(({ name }) => name === "EventStore.migrate").map(({ attributes }) => Object.fromEntries(attributes))).toEqual([
          { schema }
        ])
      }),
      Effect.provide(clientLayer(url()))
    )
  })

  it("accept a schema name of lower-case letters, digits and _ up to 63 characters, and nothing else", () => {
    for (const name of ["store_1", "_x", "a", "a".repeat(63), "ledger2026"]) expect(Migrations.isValidSchemaName(name), name).toBe(true)
    for (const name of ["", "ab-c", "-ab", "ab-", "Ab", "aB", "1ab", "a b", "a;drop", "a".repeat(64), "é"]) {
      expect(Migrations.isValidSchemaName(name), name).toBe(false)
    }
  })

  it("say why a schema name is refused: characters, length, or a name of PostgreSQL's own", () => {
    const characters = 'use lower-case letters, digits or "_", not starting with a digit'
    expect(Migrations.schemaNameProblem("ab-c")).toBe(characters)
    expect(Migrations.schemaNameProblem("1ab")).toBe(characters)
    expect(Migrations.schemaNameProblem("a".repeat(64))).toBe("use at most 63 characters")
    expect(Migrations.schemaNameProblem("a".repeat(10), 9)).toBe("use at most 9 characters")
    expect(Migrations.schemaNameProblem("a".repeat(9), 9)).toBeUndefined()
    expect(Migrations.schemaNameProblem("pg_catalog")).toBe('names starting with "pg_" are reserved for PostgreSQL\'s system schemas')
    expect(Migrations.schemaNameProblem("pg_")).toBeDefined()
    expect(Migrations.schemaNameProblem("store_pg_")).toBeUndefined()
    expect(Migrations.schemaNameProblem("pgx")).toBeUndefined()
    expect(Migrations.schemaNameProblem("information_schema")).toBe("information_schema is PostgreSQL's own schema")
    expect(Migrations.schemaNameProblem("information_schema_2")).toBeUndefined()
  })

  it.live("refuse to run in an invalid schema, creating nothing", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const exit = yield* Effect.exit(Migrations.migrate("bad-name"))
      expect(Exit.isFailure(exit) && Exit.isInterrupted(exit)).toBe(false)
      expect(Exit.isFailure(exit)).toBe(true)
      expect(Exit.isFailure(exit) && Cause.pretty(exit.cause)).toContain('invalid PostgreSQL schema name "bad-name"')
      const schemas = yield* sql`SELECT 1 FROM information_schema.schemata WHERE schema_name = 'bad-name'`
      expect(schemas).toEqual([])
    }).pipe(Effect.provide(clientLayer(url())))
  )
})
