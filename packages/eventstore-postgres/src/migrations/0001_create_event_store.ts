/**
 * Version 1: the streams and the events, with the indexes of the reads in global order
 * (adr/0006). Released in 0.1.0 (recorded as migration 1 by `@effect/sql`'s Migrator, which
 * the store used until versions 3 and 4 were introduced).
 */
import * as Step from "./Step.js"

export const step: Step.Step = Step.make({
  version: 1,
  name: "create_event_store",
  footprint: { _tag: "Tables", tables: ["streams", "events"] },
  statements: (schema) => [
    `CREATE TABLE IF NOT EXISTS "${schema}".streams (
        stream_name text PRIMARY KEY,
        category text NOT NULL,
        version bigint NOT NULL CHECK (version >= 0)
      )`,
    `CREATE TABLE IF NOT EXISTS "${schema}".events (
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
    `CREATE INDEX IF NOT EXISTS events_global_order ON "${schema}".events (transaction_id, global_position)`,
    // Read a category in global order.
    `CREATE INDEX IF NOT EXISTS events_category_order ON "${schema}".events (category, transaction_id, global_position)`
  ]
})
