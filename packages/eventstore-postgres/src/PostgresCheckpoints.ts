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
 * A batch's transaction first takes a shared transaction-level advisory lock of its projection,
 * and a rebuild's takes it exclusively before it deletes the checkpoint and empties the read
 * model: a rebuild waits for a batch in flight and then sees its rows, and a batch that starts
 * during a rebuild waits for it and then finds its checkpoint gone (adr/0060). The locks always
 * come first, so a batch and a rebuild never deadlock on the read model's rows.
 *
 * @since 0.1.0
 */
import { Effect, FiberRef, Layer, Option, Schema } from "effect"
import { SqlClient } from "@effect/sql"
import { SqlError } from "@effect/sql/SqlError"
import { Checkpoints, EventStoreUnavailable, GlobalPosition } from "@jatim/eventstore"
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

/**
 * SQLSTATE classes of passing trouble: connection exceptions (08), transaction rollbacks such as
 * serialization failures and deadlocks (40), insufficient resources (53), operator intervention
 * such as a terminated backend (57), and a lock not available (55P03).
 */
const transientState = /^(08|40|53|57)|^55P03$/

const SqlState = Schema.Struct({ code: Schema.String })

/**
 * Whether a failure inside a batch is the database's passing trouble: an `SqlError` whose
 * SQLSTATE says so, or one without a SQLSTATE (the driver lost its connection).
 */
const isTransient = (failure: unknown): boolean => {
  if (!(failure instanceof SqlError)) return false
  const state = Schema.decodeUnknownOption(SqlState)(failure.cause)
  return Option.isNone(state) || !/^[0-9A-Z]{5}$/.test(state.value.code) || transientState.test(state.value.code)
}

const FailureRow = Schema.Struct({ name: Schema.String, message: Schema.String, failed_at: Schema.DateFromSelf })

/** Checkpoints in `schema` (migrated by the event store). */
export const make = (
  schema: string = defaultSchema,
  options: PostgresCheckpointsOptions = {}
): Effect.Effect<Checkpoints.Checkpoints, never, SqlClient.SqlClient> =>
  Effect.map(SqlClient.SqlClient, (sql): Checkpoints.Checkpoints => {
    const table = sql`${sql(schema)}.checkpoints`
    const failures = sql`${sql(schema)}.projection_failures`
    const lockSpace = `jatim.checkpoint.${schema}`
    /** The projection's advisory lock, until the transaction ends: batches share it, a rebuild takes it alone. */
    const lock = (name: string, mode: "shared" | "exclusive") =>
      (mode === "shared"
        ? sql`SELECT pg_advisory_xact_lock_shared(hashtext(${lockSpace}), hashtext(${name}))`
        : sql`SELECT pg_advisory_xact_lock(hashtext(${lockSpace}), hashtext(${name}))`
      ).pipe(Effect.mapError(unavailable(`take the checkpoint of "${name}"`)))
    return {
      load: (name) =>
        sql<{ transaction_id: string; global_position: string }>`
          SELECT transaction_id::text, global_position::text FROM ${table} WHERE name = ${name}`.pipe(
          Effect.map((rows) =>
            Option.map(Option.fromNullable(rows[0]), (row) => GlobalPosition.make(Number(row.transaction_id), Number(row.global_position)))
          ),
          Effect.mapError(unavailable(`load the checkpoint of "${name}"`))
        ),
      save: (name, expected, next) =>
        Effect.gen(function* () {
          // A batch that appended events (a process manager's commands) still commits durably.
          const returning = (yield* FiberRef.get(commitsWithoutWaiting))
            ? sql`RETURNING name, set_config('synchronous_commit',
                CASE WHEN current_setting('jatim.events_appended', true) = 'on' THEN 'on' ELSE 'off' END, true)`
            : sql`RETURNING name`
          const rows = yield* (
            Option.isNone(expected)
              ? sql`INSERT INTO ${table} (name, transaction_id, global_position)
                VALUES (${name}, ${next.transaction}, ${next.sequence})
                ON CONFLICT (name) DO NOTHING ${returning}`
              : sql`UPDATE ${table} SET transaction_id = ${next.transaction}, global_position = ${next.sequence}, updated_at = now()
                WHERE name = ${name} AND transaction_id = ${expected.value.transaction}
                  AND global_position = ${expected.value.sequence}
                ${returning}`
          ).pipe(Effect.mapError(unavailable(`save the checkpoint of "${name}"`)))
          if (rows.length === 0) return yield* new Checkpoints.CheckpointMoved({ name })
        }),
      transaction: (name, _expected, effect) =>
        // Only a transaction of our own commits without waiting: a caller's keeps its setting.
        // The checkpoint's move (`save`, from the position expected) decides; a failed one rolls back.
        Effect.flatMap(Effect.serviceOption(SqlClient.TransactionConnection), (outer) =>
          sql.withTransaction(
            Effect.zipRight(
              lock(name, "shared"),
              options.durableCommit === true || Option.isSome(outer) ? effect : Effect.locally(effect, commitsWithoutWaiting, true)
            )
          )
        ).pipe(Effect.mapError((error) => (error instanceof SqlError ? unavailable("apply a projection batch")(error) : error))),
      reset: (name, resetReadModel) =>
        sql
          .withTransaction(
            Effect.zipRight(
              Effect.zipRight(lock(name, "exclusive"), sql`DELETE FROM ${table} WHERE name = ${name}`),
              Effect.zipLeft(resetReadModel, sql`DELETE FROM ${failures} WHERE name = ${name}`)
            )
          )
          .pipe(Effect.mapError((error) => (error instanceof SqlError ? unavailable(`reset "${name}" for a rebuild`)(error) : error))),
      isTransient,
      recordFailure: (name, message) =>
        sql`INSERT INTO ${failures} (name, message) VALUES (${name}, ${message})
          ON CONFLICT (name) DO UPDATE SET message = EXCLUDED.message, failed_at = now()`.pipe(
          Effect.asVoid,
          Effect.mapError(unavailable(`record why "${name}" stopped`))
        ),
      clearFailure: (name) =>
        sql`DELETE FROM ${failures} WHERE name = ${name}`.pipe(Effect.asVoid, Effect.mapError(unavailable(`clear why "${name}" stopped`))),
      failures: sql`SELECT name, message, failed_at FROM ${failures} ORDER BY name`.pipe(
        Effect.flatMap(Schema.decodeUnknown(Schema.Array(FailureRow))),
        Effect.map((rows) => rows.map((row) => ({ name: row.name, message: row.message, failedAt: row.failed_at }))),
        Effect.mapError((error) =>
          error instanceof SqlError
            ? unavailable("read why projections stopped")(error)
            : new EventStoreUnavailable({ operation: "read why projections stopped", reason: error.message })
        )
      )
    }
  })

/** A layer of checkpoints in `schema`. */
export const layer = (
  schema?: string,
  options?: PostgresCheckpointsOptions
): Layer.Layer<Checkpoints.Checkpoints, never, SqlClient.SqlClient> => Layer.effect(Checkpoints.Checkpoints, make(schema, options))
