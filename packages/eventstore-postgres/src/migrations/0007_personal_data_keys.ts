/**
 * Version 7: `personal_data_keys`, the key store of crypto-shredding (`PostgresPersonalDataKeys`):
 * one AES-256 key per data subject (`kind:id`), with the id of that key, created the first time
 * personal data of the subject is appended through `CryptoShredding` and deleted by
 * `PersonalDataKeys.forget`, after which the subject's encrypted fields read as their placeholder.
 * The text is frozen (`test/Migrations.unit.spec.ts` pins it); a change is a new step.
 */
import * as Step from "./Step.js"

export const step: Step.Step = Step.make({
  version: 7,
  name: "personal_data_keys",
  footprint: { _tag: "Tables", tables: ["personal_data_keys"] },
  statements: (schema) => [
    `CREATE TABLE IF NOT EXISTS "${schema}".personal_data_keys (
        subject text PRIMARY KEY,
        key_id uuid NOT NULL,
        key bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`
  ]
})
