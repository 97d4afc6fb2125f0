/**
 * A batch of statements run together (internal/statementBatch.ts), on PostgreSQL: the rows they
 * leave are those the same statements leave run one by one with their parameters, for any text
 * (quotes, backslashes, placeholders, any character PostgreSQL stores), number and boolean; an
 * effect between them (or a statement with a value that has no literal) sees what the statements
 * before it wrote; a failing statement fails the
 * batch, and its transaction keeps nothing.
 */
import { afterAll, describe, expect, it } from "vitest"
import { Effect, Either, ManagedRuntime } from "effect"
import { SqlClient } from "@effect/sql"
import * as fc from "fast-check"
import { plan, runInOrder } from "../src/internal/statementBatch.js"
import { clientLayer, suiteDatabaseBeforeAll, uniqueSchema } from "./support.js"

const url = suiteDatabaseBeforeAll("statement_batch")
let runtime: ManagedRuntime.ManagedRuntime<SqlClient.SqlClient, unknown> | undefined
const run = <A, E>(effect: Effect.Effect<A, E, SqlClient.SqlClient>): Promise<A> => {
  runtime ??= ManagedRuntime.make(clientLayer(url(), 4))
  return runtime.runPromise(effect)
}
afterAll(() => runtime?.dispose())

/** Text PostgreSQL stores: anything but NUL. */
const text = fc.string({ unit: "binary", maxLength: 20 }).map((s) => s.replaceAll("\u0000", ""))

const row = fc.record({
  id: fc.integer({ min: 0, max: 5 }),
  name: fc.option(text, { nil: null }),
  amount: fc.option(fc.integer(), { nil: null }),
  big: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  flag: fc.boolean()
})

type Row = typeof row extends fc.Arbitrary<infer A> ? A : never

/** A table in a schema of its own, and the statements that write `rows` to it: an upsert each, then a delete of odd ids. */
const setUp = (sql: SqlClient.SqlClient, rows: ReadonlyArray<Row>) => {
  const table = sql(uniqueSchema())
  const create = sql`CREATE TABLE ${table} (id integer PRIMARY KEY, name text, amount integer, big bigint, flag boolean, note text)`
  const writes = [
    ...rows.map(
      (
        r
      ) => sql`INSERT INTO ${table} (id, name, amount, big, flag, note) VALUES (${r.id}, ${r.name}, ${r.amount}, ${r.big}, ${r.flag}, '$1 kept')
        ON CONFLICT (id) DO UPDATE SET name = coalesce(${table}.name, '') || excluded.name, amount = excluded.amount + 0 * ${r.id}`
    ),
    sql`DELETE FROM ${table} WHERE id % 2 = 1 AND ${"it's"} <> ''`
  ]
  const read = sql`SELECT id, name, amount, big::text AS big, flag, note FROM ${table} ORDER BY id`
  return { create, writes, read, table }
}

/** Runs `test` with the table of `setUp`, created and empty. */
const onEmptyTable = <A, E>(
  test: (sql: SqlClient.SqlClient, table: ReturnType<typeof setUp>["table"]) => Effect.Effect<A, E, SqlClient.SqlClient>
): Promise<A> =>
  run(
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      const { create, table } = setUp(sql, [])
      yield* create
      return yield* test(sql, table)
    })
  )

describe("statement batch on PostgreSQL", () => {
  it("leaves the rows the statements leave run one by one", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 12 }), (rows) =>
        run(
          Effect.gen(function* () {
            const sql = yield* SqlClient.SqlClient
            const together = setUp(sql, rows)
            const alone = setUp(sql, rows)
            yield* together.create
            yield* alone.create
            // Sent as one query (a lone statement runs as it is).
            expect(plan(together.writes).map((step) => step._tag)).toEqual([together.writes.length > 1 ? "Together" : "Alone"])
            yield* sql.withTransaction(runInOrder(sql, together.writes))
            for (const write of alone.writes) yield* write
            expect(yield* together.read).toEqual(yield* alone.read)
          })
        )
      ),
      { numRuns: 40 }
    )
  })

  it("runs an effect between statements after those before it, and before those after it", async () => {
    const seen = await onEmptyTable((sql, table) =>
      Effect.gen(function* () {
        let counted: ReadonlyArray<unknown> = []
        const effects = [
          // A statement that ends in a comment still ends before the next one.
          sql`INSERT INTO ${table} (id) VALUES (${1}) -- the first`,
          sql`INSERT INTO ${table} (id) VALUES (${2})`,
          Effect.map(sql`SELECT count(*)::int AS n FROM ${table}`, (rows) => {
            counted = rows
          }),
          sql`INSERT INTO ${table} (id, name) VALUES (${3}, ${"c"})`,
          Effect.void,
          sql`UPDATE ${table} SET name = ${"d"} WHERE id = ${3}`,
          sql`UPDATE ${table} SET name = name || to_char(${new Date(0)}::timestamptz AT TIME ZONE 'UTC', 'YYYY') WHERE id = ${3}`
        ]
        expect(plan(effects).map((step) => (step._tag === "Together" ? step.count : "alone"))).toEqual([2, "alone", 2, "alone"])
        yield* sql.withTransaction(runInOrder(sql, effects))
        return { counted, after: yield* sql`SELECT id, name FROM ${table} ORDER BY id` }
      })
    )
    expect(seen.counted).toEqual([{ n: 2 }])
    expect(seen.after).toEqual([
      { id: 1, name: null },
      { id: 2, name: null },
      { id: 3, name: "d1970" }
    ])
  })

  it("fails with the statement that fails, and its transaction keeps nothing", async () => {
    const outcome = await onEmptyTable((sql, table) =>
      Effect.gen(function* () {
        const failed = yield* Effect.either(
          sql.withTransaction(
            runInOrder(sql, [
              sql`INSERT INTO ${table} (id) VALUES (${1})`,
              sql`INSERT INTO ${table} (id) VALUES (${1})`,
              sql`INSERT INTO ${table} (id) VALUES (${2})`
            ])
          )
        )
        return { failed, rows: yield* sql`SELECT id FROM ${table}` }
      })
    )
    expect(Either.isLeft(outcome.failed) && outcome.failed.left._tag).toBe("SqlError")
    expect(outcome.rows).toEqual([])
  })
})
