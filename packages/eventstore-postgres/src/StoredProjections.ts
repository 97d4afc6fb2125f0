/**
 * What the store keeps of its projections and process managers, read without running them (an
 * operator's tool, e.g. `jatim projections status`): every stored checkpoint, whether an
 * instance leads each projection now (holds its advisory lock, see `PostgresLeaderElection`),
 * and how many events each has still to apply.
 *
 * @since 0.1.0
 */
import { Effect, Schema, Stream } from "effect"
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { EventStore, GlobalPosition, type ReadError } from "@jatim/eventstore"
import { defaultSchema } from "./PostgresEventStore.js"

/** A checkpoint as stored: the projection's name, the position of the last event it applied, when it last moved. */
export interface StoredCheckpoint {
  readonly name: string
  readonly position: GlobalPosition.GlobalPosition
  readonly updatedAt: Date
}

const CheckpointRow = Schema.Struct({
  name: Schema.String,
  transaction_id: Schema.NumberFromString,
  global_position: Schema.NumberFromString,
  updated_at: Schema.DateFromSelf
})

/** Every checkpoint stored in `schema` (the store's), by name. */
export const checkpoints = (
  schema: string = defaultSchema
): Effect.Effect<ReadonlyArray<StoredCheckpoint>, SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    sql`SELECT name, transaction_id::text, global_position::text, updated_at FROM ${sql(schema)}.checkpoints ORDER BY name`.pipe(
      Effect.flatMap(Schema.decodeUnknown(Schema.Array(CheckpointRow))),
      Effect.orDie,
      Effect.map((rows) =>
        rows.map((row) => ({
          name: row.name,
          position: GlobalPosition.make(row.transaction_id, row.global_position),
          updatedAt: row.updated_at
        }))
      )
    )
  )

/**
 * The names among `names` that an instance leads now: whose advisory lock (the one
 * `PostgresLeaderElection` takes for the store in `schema`) a session holds.
 */
export const led = (
  names: ReadonlyArray<string>,
  schema: string = defaultSchema
): Effect.Effect<ReadonlySet<string>, SqlError, SqlClient.SqlClient> =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.filter(names, (name) =>
      Effect.map(
        // An advisory lock on two int4 keys shows as `classid`, `objid` (unsigned) with `objsubid` 2.
        sql<{ readonly led: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND objsubid = 2
            AND classid = (hashtext(${`jatim.projection.${schema}`})::bigint & 4294967295)::text::oid
            AND objid = (hashtext(${name})::bigint & 4294967295)::text::oid) AS led`,
        (rows) => rows[0]?.led === true
      )
    ).pipe(Effect.map((names) => new Set(names)))
  )

/** How many events a projection reading `filter` has still to apply after `from` (all when absent), counted up to `cap`. */
export const lag = (
  filter: EventStore.EventFilter,
  from: GlobalPosition.GlobalPosition | undefined,
  cap = 100_000
): Effect.Effect<number, ReadError, EventStore.EventStore> =>
  Effect.flatMap(EventStore.EventStore, (store) => Stream.runCount(store.readAll({ ...filter, from, maxCount: cap, batchSize: 1000 })))
