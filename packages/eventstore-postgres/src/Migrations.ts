/**
 * The database schema of the PostgreSQL event store, created by `@effect/sql`'s Migrator in
 * a PostgreSQL schema of the user's choice. Running the migrations again is harmless: the
 * Migrator records what ran, every statement is idempotent, and an advisory lock keeps two
 * app instances from migrating at once.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as Migrator from "@effect/sql/Migrator"
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { alreadyAppendedFunction, appendFunction, outdatedFunctions } from "./internal/functions.js"

/**
 * Why the store cannot live in PostgreSQL schema `schema`, or `undefined`: a name the store
 * accepts is at most `maxLength` (63, PostgreSQL's limit) lower-case letters, digits and `_`,
 * and is none of PostgreSQL's own (`pg_*`, `information_schema`).
 */
export const schemaNameProblem = (schema: string, maxLength = 63): string | undefined => {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) return "use lower-case letters, digits or \"_\", not starting with a digit"
  if (schema.length > maxLength) return `use at most ${maxLength} characters`
  if (schema.startsWith("pg_")) return "names starting with \"pg_\" are reserved for PostgreSQL's system schemas"
  if (schema === "information_schema") return "information_schema is PostgreSQL's own schema"
  return undefined
}

/** A PostgreSQL schema name the store accepts (see `schemaNameProblem`). */
export const isValidSchemaName = (schema: string): boolean => schemaNameProblem(schema) === undefined

// Stryker disable ObjectLiteral,BooleanLiteral: equivalent, their `{ discard: true }` only drops results no one reads.
const createTables = (schema: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.all([
      sql`CREATE TABLE IF NOT EXISTS ${sql(schema)}.streams (
        stream_name text PRIMARY KEY,
        category text NOT NULL,
        version bigint NOT NULL CHECK (version >= 0)
      )`,
      sql`CREATE TABLE IF NOT EXISTS ${sql(schema)}.events (
        global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_name text NOT NULL,
        category text NOT NULL,
        stream_version bigint NOT NULL CHECK (stream_version >= 1),
        event_id text NOT NULL,
        event_type text NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        CONSTRAINT events_stream_version_key UNIQUE (stream_name, stream_version),
        CONSTRAINT events_event_id_key UNIQUE (event_id)
      )`,
      // Read all in global order: keyset pages on (transaction_id, global_position).
      sql`CREATE INDEX IF NOT EXISTS events_global_order ON ${sql(schema)}.events (transaction_id, global_position)`,
      // Read a category in global order.
      sql`CREATE INDEX IF NOT EXISTS events_category_order ON ${sql(schema)}.events (category, transaction_id, global_position)`
    ], { discard: true }))

/** Installs this version's SQL functions, dropping earlier versions' signatures. */
const installFunctions = (schema: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.all([
      ...outdatedFunctions(schema).map((signature) => sql.unsafe(`DROP FUNCTION IF EXISTS ${signature}`)),
      sql.unsafe(alreadyAppendedFunction(schema)),
      sql.unsafe(appendFunction(schema))
    ], { discard: true }))

const createProjectionTables = (schema: string) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.all([
      sql`CREATE TABLE IF NOT EXISTS ${sql(schema)}.checkpoints (
        name text PRIMARY KEY,
        transaction_id bigint NOT NULL,
        global_position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      sql`CREATE TABLE IF NOT EXISTS ${sql(schema)}.snapshots (
        name text NOT NULL,
        stream_name text NOT NULL,
        stream_version bigint NOT NULL,
        state_version integer NOT NULL,
        state jsonb NOT NULL,
        PRIMARY KEY (name, stream_name)
      )`
    ], { discard: true }))

// Stryker restore ObjectLiteral,BooleanLiteral

/** The migrations, in order. */
export const migrations = (schema: string): Migrator.Loader =>
  Migrator.fromRecord({
    "0001_create_event_store": createTables(schema),
    "0002_create_checkpoints_and_snapshots": createProjectionTables(schema)
  })

/**
 * Creates or upgrades the event store in `schema`: the tables through the migrations, then
 * this version's SQL functions. Safe to run from several instances at once and again on an
 * existing database.
 */
export const migrate = (schema: string): Effect.Effect<ReadonlyArray<readonly [id: number, name: string]>, SqlError | Migrator.MigrationError, SqlClient.SqlClient> =>
  Effect.gen(function*() {
    const problem = schemaNameProblem(schema)
    if (problem !== undefined) {
      return yield* Effect.dieMessage(`invalid PostgreSQL schema name ${JSON.stringify(schema)} for the event store: ${problem}`)
    }
    const sql = yield* SqlClient.SqlClient
    const table = `${schema}.eventstore_migrations`
    return yield* sql.withTransaction(Effect.gen(function*() {
      yield* sql`SELECT pg_advisory_xact_lock(hashtext(${`jatim.eventstore.migrate.${schema}`}))`
      yield* sql`CREATE SCHEMA IF NOT EXISTS ${sql(schema)}`
      // The Migrator's own table (its layout), created here: the Migrator probes for it with a
      // query that would abort this transaction when the table is missing.
      yield* sql`CREATE TABLE IF NOT EXISTS ${sql(table)} (
        migration_id integer PRIMARY KEY,
        created_at timestamp with time zone NOT NULL DEFAULT now(),
        name text NOT NULL
      )`
      const ran = yield* Migrator.make({})({ loader: migrations(schema), table })
      yield* installFunctions(schema)
      return ran
    }))
  }).pipe(Effect.withSpan("EventStore.migrate", { attributes: { schema } }))
