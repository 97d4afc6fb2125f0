/**
 * One step of the event store's schema history. Steps are applied in the order of their
 * versions, each once, and never change once released: a change of a table or of an SQL
 * function is a new step (a new module `NNNN_name.ts` in this folder, added to `index.ts`).
 *
 * The schema name is validated (`[a-z_][a-z0-9_]*`, see `Migrations.schemaNameProblem`) before
 * it is placed in any SQL text of a step.
 */
import { Effect } from "effect"
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"

/** An SQL function a step installs: its signature and its `CREATE` text. */
export interface InstalledFunction {
  /** The function's signature, as `to_regprocedure` reads it: `"schema".name(type, …)`. */
  readonly signature: (schema: string) => string
  /** The `CREATE OR REPLACE FUNCTION` text, whose body is quoted by `$fn$`. */
  readonly create: (schema: string) => string
}

/**
 * What a step leaves in a schema, so that a store migrated before versions were recorded can
 * be recognised (see `Migrations`): the tables it creates, the functions it installs exactly, or
 * the planner statistics it creates.
 */
export type Footprint =
  | { readonly _tag: "Tables"; readonly tables: ReadonlyArray<string> }
  | { readonly _tag: "Functions"; readonly functions: ReadonlyArray<InstalledFunction> }
  | { readonly _tag: "Statistics"; readonly statistics: ReadonlyArray<string> }

export interface Step {
  /** The schema's version once this step is applied: 1, 2, … without gaps. */
  readonly version: number
  /** What the step does, in `snake_case` (recorded with the version). */
  readonly name: string
  readonly footprint: Footprint
  /**
   * The SQL texts the step runs in `schema`, in order, with the schema's name quoted in them:
   * the text it was released with (`test/Migrations.unit.spec.ts` pins each released step's).
   */
  readonly statements: (schema: string) => ReadonlyArray<string>
  /** Applies the step in `schema`, inside the migration's transaction. */
  readonly apply: (schema: string) => Effect.Effect<void, SqlError, SqlClient.SqlClient>
}

/** A step that applies its `statements` one after the other. */
export const make = (step: Omit<Step, "apply">): Step => ({
  ...step,
  apply: (schema) =>
    Effect.flatMap(SqlClient.SqlClient, (sql) =>
      Effect.forEach(step.statements(schema), (statement) => sql.unsafe(statement), { discard: true })
    )
})

/** The body of a function's `CREATE` text: what PostgreSQL keeps as its `prosrc`. */
export const bodyOf = (create: string): string => {
  const start = create.indexOf("$fn$")
  const end = create.lastIndexOf("$fn$")
  return create.slice(start + "$fn$".length, end)
}
