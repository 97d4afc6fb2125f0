/** Version 2: the projections' checkpoints and the snapshots (adr/0008). Released in 0.1.0. */
import { Effect } from "effect"
import { SqlClient } from "@effect/sql"
import type { Step } from "./Step.js"

// Stryker disable ObjectLiteral,BooleanLiteral: equivalent, their `{ discard: true }` only drops results no one reads.
export const step: Step = {
  version: 2,
  name: "create_checkpoints_and_snapshots",
  footprint: { _tag: "Tables", tables: ["checkpoints", "snapshots"] },
  apply: (schema) =>
    Effect.flatMap(SqlClient.SqlClient, (sql) =>
      Effect.all(
        [
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
        ],
        { discard: true }
      )
    )
}
