/**
 * Checkpoints in PostgreSQL, in the store's schema. A checkpoint moves only from the position
 * the runner last saw (`UPDATE … WHERE` the old position), inside the transaction that changes
 * the read model: the two commit together, and a runner that lost its leadership cannot move it.
 *
 * Those transactions commit without waiting for the disk (`synchronous_commit = off`) unless
 * told otherwise, or unless the batch appended events (a process manager's commands, which
 * others may see at once): a crash of the server can then lose the last batches' read-model
 * changes and checkpoint together, and the runner applies them again; it can never keep one
 * without the other. The fsync per batch was the largest cost of catching up (adr/0009).
 *
 * @since 0.1.0
 */
import { Effect, FiberRef, Layer, Option } from "effect"
import { SqlClient } from "@effect/sql"
import { SqlError } from "@effect/sql/SqlError"
import { Checkpoints, GlobalPosition } from "@jatim/eventstore"
import { unavailable } from "./internal/errors.js"
import { defaultSchema } from "./PostgresEventStore.js"

/** Options of PostgreSQL checkpoints. */
export interface PostgresCheckpointsOptions {
  /** Make every batch's commit wait for the disk, as ordinary commits do; `false`. */
  readonly durableCommit?: boolean | undefined
}

/**
 * Set inside a batch's transaction of our own: the checkpoint's save then also turns
 * `synchronous_commit` off for it (in the same statement, not a round trip of its own).
 */
const commitsWithoutWaiting = FiberRef.unsafeMake(false)

/** Checkpoints in `schema` (migrated by the event store). */
export const make = (
  schema: string = defaultSchema,
  options: PostgresCheckpointsOptions = {}
): Effect.Effect<Checkpoints.Checkpoints, never, SqlClient.SqlClient> =>
  Effect.map(SqlClient.SqlClient, (sql): Checkpoints.Checkpoints => {
    const table = sql`${sql(schema)}.checkpoints`
    return {
      load: (name) =>
        sql<{ transaction_id: string; global_position: string }>`
          SELECT transaction_id::text, global_position::text FROM ${table} WHERE name = ${name}`.pipe(
          Effect.map((rows) =>
            Option.map(Option.fromNullable(rows[0]), (row) =>
              GlobalPosition.make(Number(row.transaction_id), Number(row.global_position)))
          ),
          Effect.mapError(unavailable(`load the checkpoint of "${name}"`))
        ),
      save: (name, expected, next) =>
        Effect.gen(function*() {
          // A batch that appended events (a process manager's commands) still commits durably.
          const returning = (yield* FiberRef.get(commitsWithoutWaiting))
            ? sql`RETURNING name, set_config('synchronous_commit',
                CASE WHEN current_setting('jatim.events_appended', true) = 'on' THEN 'on' ELSE 'off' END, true)`
            : sql`RETURNING name`
          const rows = yield* (Option.isNone(expected)
            ? sql`INSERT INTO ${table} (name, transaction_id, global_position)
                VALUES (${name}, ${next.transaction}, ${next.sequence})
                ON CONFLICT (name) DO NOTHING ${returning}`
            : sql`UPDATE ${table} SET transaction_id = ${next.transaction}, global_position = ${next.sequence}, updated_at = now()
                WHERE name = ${name} AND transaction_id = ${expected.value.transaction}
                  AND global_position = ${expected.value.sequence}
                ${returning}`).pipe(Effect.mapError(unavailable(`save the checkpoint of "${name}"`)))
          if (rows.length === 0) return yield* new Checkpoints.CheckpointMoved({ name })
        }),
      reset: (name) =>
        sql`DELETE FROM ${table} WHERE name = ${name}`.pipe(
          Effect.asVoid,
          Effect.mapError(unavailable(`reset the checkpoint of "${name}"`))
        ),
      transaction: (effect) =>
        // Only a transaction of our own commits without waiting: a caller's keeps its setting.
        Effect.flatMap(Effect.serviceOption(SqlClient.TransactionConnection), (outer) =>
          sql.withTransaction(
            options.durableCommit === true || Option.isSome(outer) ? effect : Effect.locally(effect, commitsWithoutWaiting, true)
          )).pipe(
          Effect.mapError((error) => error instanceof SqlError ? unavailable("apply a projection batch")(error) : error)
        )
    }
  })

/** A layer of checkpoints in `schema`. */
export const layer = (
  schema?: string,
  options?: PostgresCheckpointsOptions
): Layer.Layer<Checkpoints.Checkpoints, never, SqlClient.SqlClient> => Layer.effect(Checkpoints.Checkpoints, make(schema, options))
