/**
 * Snapshots in PostgreSQL, in the store's schema: one row per decider and stream, replaced only
 * by a snapshot of a later stream version.
 *
 * @since 0.1.0
 */
import { Effect, Layer, Option } from "effect"
import { SqlClient } from "@effect/sql"
import { SnapshotStore } from "@jatim/eventstore"
import { unavailable } from "./internal/errors.js"
import { defaultSchema } from "./PostgresEventStore.js"

/** Snapshots in `schema` (migrated by the event store). */
export const make = (schema: string = defaultSchema): Effect.Effect<SnapshotStore.SnapshotStore, never, SqlClient.SqlClient> =>
  Effect.map(SqlClient.SqlClient, (sql): SnapshotStore.SnapshotStore => {
    const table = sql`${sql(schema)}.snapshots`
    return {
      load: (streamName, name) =>
        sql<{ stream_version: string; state_version: number; state: unknown }>`
          SELECT stream_version::text, state_version, state FROM ${table}
          WHERE name = ${name} AND stream_name = ${streamName}`.pipe(
          Effect.map((rows) =>
            Option.map(Option.fromNullable(rows[0]), (row) => ({
              streamName,
              name,
              streamVersion: Number(row.stream_version),
              stateVersion: Number(row.state_version),
              state: row.state
            }))
          ),
          Effect.mapError(unavailable(`load the snapshot of "${streamName}"`))
        ),
      save: (snapshot) =>
        sql`INSERT INTO ${table} (name, stream_name, stream_version, state_version, state)
          VALUES (${snapshot.name}, ${snapshot.streamName}, ${snapshot.streamVersion}, ${snapshot.stateVersion},
            ${JSON.stringify(snapshot.state)}::jsonb)
          ON CONFLICT (name, stream_name) DO UPDATE
            SET stream_version = excluded.stream_version, state_version = excluded.state_version, state = excluded.state
            WHERE ${table}.stream_version < excluded.stream_version`.pipe(
          Effect.asVoid,
          Effect.mapError(unavailable(`save the snapshot of "${snapshot.streamName}"`))
        )
    }
  })

/** A layer of snapshots in `schema`. */
export const layer = (schema?: string): Layer.Layer<SnapshotStore.SnapshotStore, never, SqlClient.SqlClient> =>
  Layer.effect(SnapshotStore.SnapshotStore, make(schema))
