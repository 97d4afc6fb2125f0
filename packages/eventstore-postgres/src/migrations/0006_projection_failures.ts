/**
 * Version 6: `projection_failures`, why each stopped projection stopped (its message and when),
 * kept by `PostgresCheckpoints` for operators and tools that do not run the projection
 * (`StoredProjections.failures`, `jatim projections status`). The text is frozen
 * (`test/Migrations.unit.spec.ts` pins it); a change is a new step.
 */
import * as Step from "./Step.js"

export const step: Step.Step = Step.make({
  version: 6,
  name: "projection_failures",
  footprint: { _tag: "Tables", tables: ["projection_failures"] },
  statements: (schema) => [
    `CREATE TABLE IF NOT EXISTS "${schema}".projection_failures (
        name text PRIMARY KEY,
        message text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now()
      )`
  ]
})
