/** Version 2: the projections' checkpoints and the snapshots (adr/0008). Released in 0.1.0. */
import * as Step from "./Step.js"

export const step: Step.Step = Step.make({
  version: 2,
  name: "create_checkpoints_and_snapshots",
  footprint: { _tag: "Tables", tables: ["checkpoints", "snapshots"] },
  statements: (schema) => [
    `CREATE TABLE IF NOT EXISTS "${schema}".checkpoints (
        name text PRIMARY KEY,
        transaction_id bigint NOT NULL,
        global_position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
    `CREATE TABLE IF NOT EXISTS "${schema}".snapshots (
        name text NOT NULL,
        stream_name text NOT NULL,
        stream_version bigint NOT NULL,
        state_version integer NOT NULL,
        state jsonb NOT NULL,
        PRIMARY KEY (name, stream_name)
      )`
  ]
})
