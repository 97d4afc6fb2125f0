/**
 * One step of the event store's schema history. Steps are applied in the order of their
 * versions, each once, and never change once released: a change of a table or of an SQL
 * function is a new step (a new module `NNNN_name.ts` in this folder, added to `index.ts`).
 *
 * The schema name is validated (`[a-z_][a-z0-9_]*`, see `Migrations.schemaNameProblem`) before
 * it is placed in any SQL text of a step.
 */
import type { Effect } from "effect"
import type { SqlClient } from "@effect/sql"
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
 * be recognised (see `Migrations`): the tables it creates, or the functions it installs, exactly.
 */
export type Footprint =
  | { readonly _tag: "Tables"; readonly tables: ReadonlyArray<string> }
  | { readonly _tag: "Functions"; readonly functions: ReadonlyArray<InstalledFunction> }

export interface Step {
  /** The schema's version once this step is applied: 1, 2, … without gaps. */
  readonly version: number
  /** What the step does, in `snake_case` (recorded with the version). */
  readonly name: string
  readonly footprint: Footprint
  /** Applies the step in `schema`, inside the migration's transaction. */
  readonly apply: (schema: string) => Effect.Effect<void, SqlError, SqlClient.SqlClient>
}

/** The body of a function's `CREATE` text: what PostgreSQL keeps as its `prosrc`. */
export const bodyOf = (create: string): string => {
  const start = create.indexOf("$fn$")
  const end = create.lastIndexOf("$fn$")
  return create.slice(start + "$fn$".length, end)
}
