/**
 * The key store of crypto-shredding on PostgreSQL: the conformance suite on the table itself
 * (a cache of ttl 0) and behind its cache; rows as the migration made them; processes with pools
 * of their own agreeing on one key; keys created in a caller's transaction that rolls back never
 * outliving it; and errors that name the key store.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, type Scope } from "effect"
import { SqlClient } from "@effect/sql"
import type { PersonalDataKeys } from "@jatim/eventstore"
import { runPersonalDataKeysConformance } from "@jatim/testing"
import { Migrations, PostgresPersonalDataKeys } from "../src/index.js"
import { clientLayer, suiteDatabaseBeforeAll, uniqueSchema } from "./support.js"

const url = suiteDatabaseBeforeAll("personal_data_keys")

/** The key store in a new, migrated schema, on a pool of its own. */
const keysLayer = (options: PostgresPersonalDataKeys.PostgresPersonalDataKeysOptions = {}) =>
  Layer.unwrapEffect(
    Effect.map(
      Effect.sync(() => uniqueSchema("keys")),
      (schema) =>
        PostgresPersonalDataKeys.layer({ schema, ...options }).pipe(
          Layer.provideMerge(Layer.effectDiscard(Migrations.migrate(schema))),
          Layer.provide(clientLayer(url(), 4))
        )
    )
  ).pipe(Layer.orDie)

runPersonalDataKeysConformance("PostgreSQL, the table itself (cache ttl 0)", () => keysLayer({ cache: { ttlMillis: 0 } }), {
  numRuns: 40
})

runPersonalDataKeysConformance("PostgreSQL, cached", () => keysLayer(), { numRuns: 40 })

/** `body` with a migrated schema, its name, and a client on it. */
const inSchema = <A, E>(body: (schema: string) => Effect.Effect<A, E, SqlClient.SqlClient | Scope.Scope>) =>
  Effect.gen(function* () {
    const schema = uniqueSchema("keys")
    yield* Migrations.migrate(schema)
    return yield* body(schema)
  }).pipe(Effect.scoped, Effect.provide(clientLayer(url(), 4)))

const keyIdOf = (keys: ReadonlyMap<string, PersonalDataKeys.SubjectKey>, subject: string) => keys.get(subject)?.keyId

describe("The PostgreSQL key store", () => {
  it.live("keeps one row per subject in personal_data_keys: its uuid key id and 32-byte key; forget deletes the row", () =>
    inSchema((schema) =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const keys = yield* PostgresPersonalDataKeys.make({ schema })
        const obtained = yield* keys.obtain(["learner:L-1", "pengasuh:20512345", "learner:L-1"])
        const rows = yield* sql<{ subject: string; key_id: string; key: string; created: boolean }>`
          SELECT subject, key_id::text AS key_id, encode(key, 'hex') AS key, created_at <= now() AS created
          FROM ${sql(schema)}.personal_data_keys ORDER BY subject`
        expect(rows).toEqual(
          ["learner:L-1", "pengasuh:20512345"].map((subject) => ({
            subject,
            key_id: obtained.get(subject)!.keyId,
            key: Buffer.from(obtained.get(subject)!.key).toString("hex"),
            created: true
          }))
        )
        for (const row of rows) {
          expect(row.key_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
          expect(row.key).toMatch(/^[0-9a-f]{64}$/)
        }
        yield* keys.forget("learner:L-1")
        const left = yield* sql<{ subject: string }>`SELECT subject FROM ${sql(schema)}.personal_data_keys ORDER BY subject`
        expect(left).toEqual([{ subject: "pengasuh:20512345" }])
      })
    )
  )

  it.live("two processes (a pool and a cache each) creating keys of the same subjects at once agree on every key", () =>
    inSchema((schema) =>
      Effect.gen(function* () {
        // Each with a pool of its own, open until the test ends.
        const processes = yield* Effect.forEach([1, 2, 3], () =>
          Effect.flatMap(Layer.build(clientLayer(url(), 4)), (pool) => Effect.provide(PostgresPersonalDataKeys.make({ schema }), pool))
        )
        for (let round = 0; round < 5; round++) {
          const subjects = Array.from({ length: 8 }, (_, i) => `santri:${round}-${i}`)
          const answers = yield* Effect.forEach(
            Array.from({ length: 12 }, (_, n) => n),
            (n) => processes[n % processes.length]!.obtain(n % 2 === 0 ? subjects : [...subjects].reverse()),
            { concurrency: "unbounded" }
          )
          for (const subject of subjects) {
            const ids = new Set(answers.map((answer) => keyIdOf(answer, subject)))
            expect(ids.size, subject).toBe(1)
          }
          const sql = yield* SqlClient.SqlClient
          const [{ count }] = (yield* sql<{ count: number }>`
            SELECT count(*)::int AS count FROM ${sql(schema)}.personal_data_keys WHERE subject = ANY(${subjects}::text[])`) as [
            { count: number }
          ]
          expect(count).toBe(subjects.length)
        }
      })
    )
  )

  it.live("a key created in a caller's transaction that rolls back is not remembered: obtain afterwards gives one the table holds", () =>
    inSchema((schema) =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const keys = yield* PostgresPersonalDataKeys.make({ schema })
        let inside: string | undefined
        const rolledBack = yield* sql
          .withTransaction(
            Effect.gen(function* () {
              inside = keyIdOf(yield* keys.obtain(["learner:rolled-back"]), "learner:rolled-back")
              // Found in the transaction that created it.
              expect(keyIdOf(yield* keys.find(["learner:rolled-back"]), "learner:rolled-back")).toBe(inside)
              return yield* Effect.fail("roll back" as const)
            })
          )
          .pipe(Effect.flip)
        expect(rolledBack).toBe("roll back")
        expect(inside).toBeDefined()
        expect((yield* keys.find(["learner:rolled-back"])).size).toBe(0)
        const after = keyIdOf(yield* keys.obtain(["learner:rolled-back"]), "learner:rolled-back")
        expect(after).not.toBe(inside)
        const stored = yield* sql<{ key_id: string }>`
          SELECT key_id::text AS key_id FROM ${sql(schema)}.personal_data_keys WHERE subject = 'learner:rolled-back'`
        expect(stored).toEqual([{ key_id: after }])
      })
    )
  )

  it.live("a key created in a caller's transaction that commits is kept, and a forget there commits with it", () =>
    inSchema((schema) =>
      Effect.gen(function* () {
        const sql = yield* SqlClient.SqlClient
        const keys = yield* PostgresPersonalDataKeys.make({ schema })
        const before = yield* keys.obtain(["learner:old"])
        const created = yield* sql.withTransaction(Effect.zipLeft(keys.obtain(["learner:new"]), keys.forget("learner:old")))
        const found = yield* keys.find(["learner:new", "learner:old"])
        expect([...found.keys()]).toEqual(["learner:new"])
        expect(keyIdOf(found, "learner:new")).toBe(keyIdOf(created, "learner:new"))
        expect(keyIdOf(yield* keys.obtain(["learner:old"]), "learner:old")).not.toBe(keyIdOf(before, "learner:old"))
      })
    )
  )

  it.live("a subject PostgreSQL's text cannot hold (NUL, a lone surrogate) fails with EventStoreUnavailable naming the key store", () =>
    inSchema((schema) =>
      Effect.gen(function* () {
        const keys = yield* PostgresPersonalDataKeys.make({ schema })
        for (const subject of ["learner:a\u0000b", "learner:\uD800", "learner:x\uDC00"]) {
          for (const call of [keys.obtain([subject]), keys.find(["learner:fine", subject]), keys.forget(subject)]) {
            const error = yield* Effect.flip(call)
            expect(error._tag).toBe("EventStoreUnavailable")
            expect(error.operation).toContain(`the key store ("${schema}".personal_data_keys)`)
            expect(error.reason).toContain("well-formed text")
          }
        }
        // Well-formed text of any script is fine, surrogate pairs included.
        const fine = ["learner:Siti Nur'aini", "learner:😀-1", "learner:𝔘"]
        expect([...(yield* keys.obtain(fine)).keys()].sort()).toEqual([...fine].sort())
      })
    )
  )

  it.live("in a schema not migrated to version 7, every call fails with EventStoreUnavailable that says to migrate", () =>
    Effect.gen(function* () {
      const keys = yield* PostgresPersonalDataKeys.make({ schema: uniqueSchema("unmigrated") })
      for (const call of [keys.obtain(["learner:1"]), keys.find(["learner:1"]), keys.forget("learner:1")]) {
        const error = yield* Effect.flip(call)
        expect(error._tag).toBe("EventStoreUnavailable")
        expect(error.operation).toMatch(/in the key store \(".*"\.personal_data_keys\)$/)
        expect(error.reason).toContain("run the migrations")
        expect(error.message).toContain("personal_data_keys")
      }
    }).pipe(Effect.provide(clientLayer(url(), 2)))
  )

  it.live("the schema defaults to the event store's (eventstore)", () =>
    Effect.gen(function* () {
      const sql = yield* SqlClient.SqlClient
      yield* Migrations.migrate("eventstore")
      const keys = yield* PostgresPersonalDataKeys.make()
      const obtained = yield* keys.obtain(["learner:default-schema"])
      const rows = yield* sql<{ key_id: string }>`
        SELECT key_id::text AS key_id FROM eventstore.personal_data_keys WHERE subject = 'learner:default-schema'`
      expect(rows).toEqual([{ key_id: keyIdOf(obtained, "learner:default-schema") }])
    }).pipe(Effect.provide(clientLayer(url(), 2)))
  )
})
