/**
 * The store's SQL functions. An append is one call of `append_to_stream`, which checks the
 * expected version under the stream's row lock, inserts the batch and bumps the stream's
 * version, or fails with SQLSTATE `EVCNF` (conflict, actual version in DETAIL), `EVDUP`
 * (duplicate event id, JSON in DETAIL) or `EVEXP` (an expectation that is none of the four
 * variants) and writes nothing. A batch travels as four parallel
 * arrays (ids, types, data, metadata), as a raw `INSERT … SELECT FROM unnest(…)` would.
 *
 * The functions are versioned with the tables: each change of a function is a step of its
 * own under `src/migrations/` (adr/0073), applied once by `Migrations.migrate`. The current
 * functions are those of the last step that installs functions.
 *
 * The schema name is validated (`[a-z_][a-z0-9_]*`) before it is placed in this text.
 */
import { Effect } from "effect"
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { bodyOf, type InstalledFunction } from "../migrations/Step.js"

/**
 * Whether `schema` holds exactly these functions: each signature exists and its body is the
 * text the step installed, character for character.
 */
export const installedExactly = (
  schema: string,
  functions: ReadonlyArray<InstalledFunction>
): Effect.Effect<boolean, SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.map(
      Effect.forEach(functions, (fn) =>
        Effect.map(
          sql<{ prosrc: string }>`SELECT p.prosrc FROM pg_proc p WHERE p.oid = to_regprocedure(${fn.signature(schema)})`,
          (rows) => rows.length === 1 && rows[0]!.prosrc === bodyOf(fn.create(schema))
        )
      ),
      (found) => found.every(Boolean)
    )
  )
