/** What the adapter's statements work on: the client, the schema and its tables. */
import type { Statement } from "@effect/sql"
import type { PgClient } from "@effect/sql-pg"
import type { EventDecodeError, Event } from "@jatim/eventstore"
import { Effect } from "effect"
import { toRecordedEvents } from "./rows.js"

/** The client, the store's schema and its two tables, and the decoding of event rows. */
export interface Tables {
  readonly sql: PgClient.PgClient
  readonly schema: string
  readonly events: Statement.Fragment
  readonly streams: Statement.Fragment
  /** Decodes rows of `eventColumns`, when run. */
  readonly decodeRows: (
    rows: ReadonlyArray<Readonly<Record<string, unknown>>>
  ) => Effect.Effect<ReadonlyArray<Event.RecordedEvent>, EventDecodeError>
}

/** The tables of the store in `schema`. */
export const tablesOf = (sql: PgClient.PgClient, schema: string): Tables => ({
  sql,
  schema,
  events: sql`${sql(schema)}.events`,
  streams: sql`${sql(schema)}.streams`,
  decodeRows: (rows) => Effect.suspend(() => toRecordedEvents(rows))
})
