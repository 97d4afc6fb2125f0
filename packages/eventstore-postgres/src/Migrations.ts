/**
 * The database schema of the PostgreSQL event store, in a PostgreSQL schema of the user's
 * choice, as an ordered list of versioned steps (`src/migrations/`, adr/0073): the tables, and
 * every change of an SQL function as a step of its own. The table `eventstore_migrations`
 * records the schema's version (`version`, `name`, `applied_at`). `migrate` applies the steps
 * not recorded yet, each once, in one transaction under an advisory lock of the schema, so
 * instances that start together migrate once; running it again changes nothing. A store
 * migrated before versions were recorded is recognised and brought forward (see `migrate`).
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { SqlClient } from "@effect/sql"
import { MigrationError } from "@effect/sql/Migrator"
import type { SqlError } from "@effect/sql/SqlError"
import { installedExactly } from "./internal/functions.js"
import { type Step, steps } from "./migrations/index.js"

/**
 * Why the store cannot live in PostgreSQL schema `schema`, or `undefined`: a name the store
 * accepts is at most `maxLength` (63, PostgreSQL's limit) lower-case letters, digits and `_`,
 * and is none of PostgreSQL's own (`pg_*`, `information_schema`).
 */
export const schemaNameProblem = (schema: string, maxLength = 63): string | undefined => {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) return 'use lower-case letters, digits or "_", not starting with a digit'
  if (schema.length > maxLength) return `use at most ${maxLength} characters`
  if (schema.startsWith("pg_")) return 'names starting with "pg_" are reserved for PostgreSQL\'s system schemas'
  if (schema === "information_schema") return "information_schema is PostgreSQL's own schema"
  return undefined
}

/** A PostgreSQL schema name the store accepts (see `schemaNameProblem`). */
export const isValidSchemaName = (schema: string): boolean => schemaNameProblem(schema) === undefined

/** Every step of the schema's history, by version. */
export { steps }
export type { Step }

/** The version a store has once `migrate` has run: the last step's. */
export const latestVersion: number = steps[steps.length - 1]!.version

/** The table recording the schema's version, in the store's schema. */
const versionTable = "eventstore_migrations"

/** A step recorded in a store, by its version and name. */
export interface AppliedStep {
  readonly version: number
  readonly name: string
}

/** What `check` finds in a schema. */
export interface MigrationStatus {
  /**
   * Whether the schema records its version. `false` for an empty schema and for a store
   * migrated before versions were recorded (up to 0.1.0 with its functions reinstalled on every
   * run), which `migrate` brings forward.
   */
  readonly versioned: boolean
  /** The schema's version: the last step recorded or found in place (0: none). */
  readonly version: number
  /** The version this package migrates to. */
  readonly latest: number
  /** Steps found in place but not recorded, which `migrate` records without running them. */
  readonly baseline: ReadonlyArray<AppliedStep>
  /** Steps `migrate` would run, in order. */
  readonly pending: ReadonlyArray<AppliedStep>
  /** Recorded steps this package does not know: the store was migrated by a newer version. */
  readonly unknown: ReadonlyArray<AppliedStep>
  /** Nothing for `migrate` to do: versioned, nothing pending or to record. */
  readonly upToDate: boolean
}

interface Plan extends MigrationStatus {
  /** The layout of `eventstore_migrations`: none, `@effect/sql`'s Migrator's, or this one. */
  readonly layout: "none" | "migrator" | "versioned"
  readonly run: ReadonlyArray<Step>
}

const nameOf = (step: Step): AppliedStep => ({ version: step.version, name: step.name })

/** Whether what `step` leaves in a schema is there (its tables, its functions exactly, or its statistics). */
const inPlace = (schema: string, step: Step) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) => {
    const footprint = step.footprint
    switch (footprint._tag) {
      case "Functions":
        return installedExactly(schema, footprint.functions)
      case "Tables":
        return Effect.map(
          sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables
          WHERE table_schema = ${schema} AND table_name IN ${sql.in(footprint.tables)}`,
          (rows) => rows.length === footprint.tables.length
        )
      case "Statistics":
        return Effect.map(
          sql<{ stxname: string }>`SELECT s.stxname FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace
          WHERE n.nspname = ${schema} AND s.stxname IN ${sql.in(footprint.statistics)}`,
          (rows) => rows.length === footprint.statistics.length
        )
    }
  })

/**
 * What `migrate` would do in `schema`, read without locks. A store whose version table is
 * missing or in the layout of `@effect/sql`'s Migrator (0.1.0 recorded its tables' steps 1 and
 * 2 there and reinstalled its functions on every run) is inspected: the last step whose tables
 * or exact functions are in place, and every unrecorded step before it, make the baseline.
 */
const plan = (schema: string): Effect.Effect<Plan, SqlError | MigrationError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const columns = new Set(
      (yield* sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns
      WHERE table_schema = ${schema} AND table_name = ${versionTable}`).map((c) => c.column_name)
    )
    const layout = columns.size === 0 ? "none" : columns.has("version") ? "versioned" : "migrator"
    const recorded =
      layout === "none"
        ? []
        : yield* sql<AppliedStep>`SELECT ${sql(layout === "versioned" ? "version" : "migration_id")} AS version, name
          FROM ${sql(schema)}.${sql(versionTable)} ORDER BY 1`
    const byVersion = new Map(recorded.map((r) => [r.version, r.name]))
    for (const step of steps) {
      const name = byVersion.get(step.version)
      if (name !== undefined && name !== step.name) {
        return yield* new MigrationError({
          reason: "bad-state",
          message: `schema ${schema} records version ${step.version} as "${name}", this package knows it as "${step.name}"`
        })
      }
    }
    const unrecorded = steps.filter((step) => !byVersion.has(step.version))
    let found = 0
    if (layout !== "versioned") {
      for (const step of unrecorded) if (yield* inPlace(schema, step)) found = step.version
    }
    const baseline = unrecorded.filter((step) => step.version <= found)
    const run = unrecorded.filter((step) => step.version > found)
    const unknown = recorded.filter((r) => !steps.some((step) => step.version === r.version))
    const version = Math.max(0, found, ...recorded.map((r) => r.version))
    return {
      layout,
      versioned: layout === "versioned",
      version,
      latest: latestVersion,
      baseline: baseline.map(nameOf),
      pending: run.map(nameOf),
      unknown,
      upToDate: layout === "versioned" && baseline.length === 0 && run.length === 0,
      run
    }
  })

/**
 * Whether the store in `schema` is up to date, and at which version: what `migrate` would do,
 * read without changing anything (for `migrate --check` and health checks).
 */
export const check = (schema: string): Effect.Effect<MigrationStatus, SqlError | MigrationError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const problem = schemaNameProblem(schema)
    if (problem !== undefined) {
      return yield* Effect.dieMessage(`invalid PostgreSQL schema name ${JSON.stringify(schema)} for the event store: ${problem}`)
    }
    const { layout: _layout, run: _run, ...status } = yield* plan(schema)
    return status
  }).pipe(Effect.withSpan("EventStore.checkMigrations", { attributes: { schema } }))

/**
 * Creates or upgrades the event store in `schema`, in one transaction holding an advisory lock
 * of the schema (the lock 0.1.0 took too): records the version table's layout (renaming the
 * Migrator's `migration_id`, `created_at` of a 0.1.0 store to `version`, `applied_at`), records
 * the baseline of a store migrated before versions were recorded (see `check`) without running
 * it, then applies the pending steps in order, recording each. Returns the steps it ran. Safe
 * to run from several instances at once and again: a second run finds everything recorded.
 * A store migrated by a newer version of the package is left as it is.
 */
export const migrate = (
  schema: string
): Effect.Effect<ReadonlyArray<readonly [id: number, name: string]>, SqlError | MigrationError, SqlClient.SqlClient> =>
  Effect.gen(function* () {
    const problem = schemaNameProblem(schema)
    if (problem !== undefined) {
      return yield* Effect.dieMessage(`invalid PostgreSQL schema name ${JSON.stringify(schema)} for the event store: ${problem}`)
    }
    const sql = yield* SqlClient.SqlClient
    const table = sql`${sql(schema)}.${sql(versionTable)}`
    return yield* sql.withTransaction(
      Effect.gen(function* () {
        yield* sql`SELECT pg_advisory_xact_lock(hashtext(${`jatim.eventstore.migrate.${schema}`}))`
        yield* sql`CREATE SCHEMA IF NOT EXISTS ${sql(schema)}`
        const planned = yield* plan(schema)
        if (planned.layout === "migrator") {
          yield* sql`ALTER TABLE ${table} RENAME COLUMN migration_id TO version`
          yield* sql`ALTER TABLE ${table} RENAME COLUMN created_at TO applied_at`
        }
        yield* sql`CREATE TABLE IF NOT EXISTS ${table} (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamp with time zone NOT NULL DEFAULT now()
      )`
        for (const step of planned.baseline) yield* sql`INSERT INTO ${table} (version, name) VALUES (${step.version}, ${step.name})`
        for (const step of planned.run) {
          yield* step.apply(schema)
          yield* sql`INSERT INTO ${table} (version, name) VALUES (${step.version}, ${step.name})`
        }
        return planned.run.map((step) => [step.version, step.name] as const)
      })
    )
  }).pipe(Effect.withSpan("EventStore.migrate", { attributes: { schema } }))
