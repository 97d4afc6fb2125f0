/**
 * The key store of crypto-shredding on PostgreSQL: the table `personal_data_keys` of the store's
 * schema (migration step 7), one row per data subject (`subject`, `key_id`, `key`, `created_at`).
 *
 * Keys are drawn in Node (`PersonalDataKeys.generate`, from `crypto.randomBytes`), inserted with
 * `ON CONFLICT (subject) DO NOTHING` and read back, so that processes creating the key of the same
 * subject at once all end up with the one that was stored first. The subjects of a call travel
 * together: one `SELECT … WHERE subject = ANY(…)`, one `INSERT … SELECT FROM unnest(…)` for those
 * without a key (in the order of their names, so that two calls never wait for each other's rows
 * in opposite orders). `forget` is a `DELETE`.
 *
 * The store is wrapped in `PersonalDataKeys.cached` (60 s by default): a `forget` through it is
 * seen at once by this process, by other processes within their cache's `ttlMillis`. Inside a
 * caller's transaction (`SqlClient.withTransaction`), `obtain` and `find` read and write the table
 * in that transaction and bypass the cache: a key created there is gone again if the transaction
 * rolls back, and must not outlive it in the cache (data sealed with it later would never open).
 *
 * ```ts
 * const store = CryptoShredding.layer(classification).pipe(
 *   Layer.provide([PostgresEventStore.layer({ schema }), PostgresPersonalDataKeys.layer({ schema })])
 * )
 * ```
 *
 * @since 0.1.0
 */
import { Effect, Layer, Option } from "effect"
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { EventStoreUnavailable, type PersonalData, PersonalDataKeys } from "@jatim/eventstore"
import { retryTransient, unavailable } from "./internal/errors.js"
import { defaultSchema } from "./PostgresEventStore.js"

/** Options of the PostgreSQL key store. */
export interface PostgresPersonalDataKeysOptions {
  /** The PostgreSQL schema of the event store whose `personal_data_keys` table holds the keys; `eventstore` by default. */
  readonly schema?: string | undefined
  /** How long keys (and their absence) read from the table are kept in this process; see `PersonalDataKeys.CacheOptions`. */
  readonly cache?: PersonalDataKeys.CacheOptions | undefined
}

interface KeyRow {
  readonly subject: string
  readonly key_id: string
  readonly key: string
}

/** How many times `obtain` inserts and reads again when a concurrent `forget` took a key away in between. */
const attempts = 5

/** A UTF-16 surrogate without its other half: PostgreSQL would store another text (U+FFFD) in its place. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Whether PostgreSQL's text can hold `subject` as it is: no NUL character, no lone surrogate. */
const storable = (subject: string) => !subject.includes("\u0000") && !loneSurrogate.test(subject)

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** The key store in `options.schema` (migrated by the event store), cached (see the module's comment). */
export const make = (
  options: PostgresPersonalDataKeysOptions = {}
): Effect.Effect<PersonalDataKeys.PersonalDataKeys, never, SqlClient.SqlClient> =>
  Effect.map(SqlClient.SqlClient, (sql): PersonalDataKeys.PersonalDataKeys => {
    const schema = options.schema ?? defaultSchema
    const table = sql`${sql(schema)}.personal_data_keys`
    const where = `the key store ("${schema}".personal_data_keys)`

    const failure =
      (operation: string) =>
      (error: SqlError): EventStoreUnavailable => {
        const mapped = unavailable(`${operation} in ${where}`)(error)
        // 42P01, undefined table: the schema was not migrated to version 7.
        return (error.cause as { readonly code?: unknown } | undefined)?.code === "42P01"
          ? new EventStoreUnavailable({
              operation: mapped.operation,
              reason: `${mapped.reason}; the schema is older than version 7: run the migrations (\`jatim migrate\`, or make the PostgresEventStore with migrate on)`
            })
          : mapped
      }

    /** Fails for subjects PostgreSQL would store as another text (and then never find again). */
    const checked = (subjects: ReadonlyArray<PersonalData.Subject>, operation: string) => {
      const bad = subjects.find((subject) => !storable(subject))
      return bad === undefined
        ? Effect.succeed([...new Set(subjects)].sort(byName))
        : Effect.fail(
            new EventStoreUnavailable({
              operation: `${operation} in ${where}`,
              reason: `the subject ${JSON.stringify(bad)} holds a NUL character or a lone UTF-16 surrogate, which PostgreSQL's text cannot hold: give the subject's id as well-formed text`
            })
          )
    }

    const toKey = (row: KeyRow): PersonalDataKeys.SubjectKey => ({
      subject: row.subject,
      keyId: row.key_id,
      key: new Uint8Array(Buffer.from(row.key, "hex"))
    })

    const select = (subjects: ReadonlyArray<string>) =>
      sql<KeyRow>`SELECT subject, key_id::text AS key_id, encode(key, 'hex') AS key
        FROM ${table} WHERE subject = ANY(${subjects}::text[])`

    /**
     * The keys of the subjects of `keys` in one statement: those the table holds, and for the
     * others the key given, inserted unless another process inserted one meanwhile (in the order
     * given, so that concurrent callers take the rows' locks in the same order). A subject whose
     * key another process inserted meanwhile is in neither part: read it again.
     */
    const selectOrInsert = (keys: ReadonlyArray<PersonalDataKeys.SubjectKey>) => {
      const subjects = keys.map((k) => k.subject)
      return sql<KeyRow>`WITH given AS (
          SELECT subject, key_id, key, n
          FROM unnest(${subjects}::text[], ${keys.map((k) => k.keyId)}::uuid[],
            ${keys.map((k) => Buffer.from(k.key).toString("hex"))}::text[]) WITH ORDINALITY AS given(subject, key_id, key, n)
        ), found AS (
          SELECT subject, key_id, key FROM ${table} WHERE subject = ANY(${subjects}::text[])
        ), created AS (
          INSERT INTO ${table} (subject, key_id, key)
          SELECT subject, key_id, decode(key, 'hex') FROM given
          WHERE NOT EXISTS (SELECT 1 FROM found WHERE found.subject = given.subject)
          ORDER BY n
          ON CONFLICT (subject) DO NOTHING
          RETURNING subject, key_id, key
        )
        SELECT subject, key_id::text AS key_id, encode(key, 'hex') AS key FROM found
        UNION ALL
        SELECT subject, key_id::text AS key_id, encode(key, 'hex') AS key FROM created`
    }

    const find: PersonalDataKeys.PersonalDataKeys["find"] = (subjects) =>
      subjects.length === 0
        ? Effect.succeed(new Map())
        : Effect.flatMap(checked(subjects, "find the keys of data subjects"), (distinct) =>
            select(distinct).pipe(
              Effect.map((rows) => new Map(rows.map((row) => [row.subject, toKey(row)]))),
              Effect.mapError(failure(`find the keys of ${distinct.length} data subject(s)`))
            )
          )

    const obtain: PersonalDataKeys.PersonalDataKeys["obtain"] = (subjects) =>
      subjects.length === 0
        ? Effect.succeed(new Map())
        : Effect.gen(function* () {
            const distinct = yield* checked(subjects, "obtain the keys of data subjects")
            const operation = `obtain the keys of ${distinct.length} data subject(s)`
            const found = new Map<string, PersonalDataKeys.SubjectKey>()
            let missing: ReadonlyArray<string> = distinct
            for (let attempt = 0; attempt < attempts && missing.length > 0; attempt++) {
              // One round trip: the keys held, and the missing ones created.
              for (const row of yield* selectOrInsert(missing.map(PersonalDataKeys.generate)).pipe(Effect.mapError(failure(operation)))) {
                found.set(row.subject, toKey(row))
              }
              // Those another process created at the same time are read on the next round.
              missing = missing.filter((subject) => !found.has(subject))
            }
            if (missing.length > 0) {
              return yield* new EventStoreUnavailable({
                operation: `${operation} in ${where}`,
                reason: `the key of ${JSON.stringify(missing[0])} was deleted again each of ${attempts} times it was created: another process keeps forgetting it; try again`
              })
            }
            return found
          })

    const forget: PersonalDataKeys.PersonalDataKeys["forget"] = (subject) =>
      Effect.flatMap(checked([subject], "forget a data subject"), () =>
        sql`DELETE FROM ${table} WHERE subject = ${subject}`.pipe(
          Effect.asVoid,
          Effect.mapError(failure(`forget ${JSON.stringify(subject)}`))
        )
      )

    // A deadlock or serialization failure of a statement of its own: run it again. In a caller's
    // transaction the whole transaction was rolled back, and is the caller's to run again.
    const own = <A>(effect: Effect.Effect<A, EventStoreUnavailable>) =>
      Effect.flatMap(Effect.serviceOption(SqlClient.TransactionConnection), (outer) =>
        Option.isSome(outer) ? effect : retryTransient(effect)
      )
    const store: PersonalDataKeys.PersonalDataKeys = {
      obtain: (subjects) => own(obtain(subjects)),
      find: (subjects) => own(find(subjects)),
      forget: (subject) => own(forget(subject))
    }
    const cached = PersonalDataKeys.cached(store, options.cache)
    const inTransaction = Effect.map(Effect.serviceOption(SqlClient.TransactionConnection), Option.isSome)
    return {
      obtain: (subjects) => Effect.flatMap(inTransaction, (inside) => (inside ? store.obtain(subjects) : cached.obtain(subjects))),
      find: (subjects) => Effect.flatMap(inTransaction, (inside) => (inside ? store.find(subjects) : cached.find(subjects))),
      // Through the cache even in a transaction: this process stops reading the subject at once
      // (were the transaction rolled back, its data would read as erased here until the ttl).
      forget: cached.forget
    }
  })

/** A layer of the key store (see `make`). */
export const layer = (
  options?: PostgresPersonalDataKeysOptions
): Layer.Layer<PersonalDataKeys.PersonalDataKeys, never, SqlClient.SqlClient> =>
  Layer.effect(PersonalDataKeys.PersonalDataKeys, make(options))
