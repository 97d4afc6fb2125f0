/**
 * One leader per projection across app instances: a PostgreSQL session advisory lock, held on a
 * connection reserved for it. When the instance dies its connection closes and the server frees
 * the lock, so a standby (trying every `retry`) takes over within seconds. A leader whose lock
 * connection fails stops (`lost`); its unfinished transaction cannot move the checkpoint anyway.
 *
 * @since 0.1.0
 */
import { Duration, Effect, Layer, Schedule } from "effect"
import { SqlClient } from "@effect/sql"
import { LeaderElection } from "@jatim/eventstore"
import { defaultSchema } from "./PostgresEventStore.js"

/** Options of leader election. */
export interface PostgresLeaderElectionOptions {
  /** The store's schema: locks are per schema and projection name. */
  readonly schema?: string | undefined
  /** How often a standby tries to take the lock; 1 s. */
  readonly retry?: Duration.DurationInput | undefined
  /** How often a leader checks that its lock's connection is alive; 1 s. */
  readonly checkInterval?: Duration.DurationInput | undefined
}

/** Leader election on the `SqlClient` of the context. */
export const make = (
  options: PostgresLeaderElectionOptions = {}
): Effect.Effect<LeaderElection.LeaderElection, never, SqlClient.SqlClient> =>
  Effect.map(SqlClient.SqlClient, (sql): LeaderElection.LeaderElection => {
    const schema = options.schema ?? defaultSchema
    const retry = Schedule.spaced(options.retry ?? "1 second")
    const checkInterval = Duration.decode(options.checkInterval ?? "1 second")
    return {
      lead: (name) =>
        Effect.gen(function*() {
          const connection = yield* sql.reserve.pipe(Effect.retry(retry), Effect.orDie)
          const key = [`jatim.projection.${schema}`, name]
          const tryLock = connection.execute("SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked", key, undefined)
          yield* Effect.acquireRelease(
            tryLock.pipe(
              Effect.map((rows) => (rows[0] as { readonly locked?: unknown } | undefined)?.locked === true),
              Effect.orElseSucceed(() => false),
              Effect.repeat({ until: (locked) => locked, schedule: retry })
            ),
            () =>
              connection.execute("SELECT pg_advisory_unlock(hashtext($1), hashtext($2))", key, undefined).pipe(
                Effect.ignore
              )
          )
          const alive = connection.execute("SELECT 1", [], undefined)
          return {
            lost: Effect.gen(function*() {
              while (true) {
                yield* Effect.sleep(checkInterval)
                const ok = yield* alive.pipe(Effect.timeout(checkInterval), Effect.isSuccess)
                if (!ok) return
              }
            })
          }
        }).pipe(Effect.withSpan("Projection.lead", { attributes: { projection: name } }))
    }
  })

/** A layer of leader election on PostgreSQL. */
export const layer = (
  options?: PostgresLeaderElectionOptions
): Layer.Layer<LeaderElection.LeaderElection, never, SqlClient.SqlClient> =>
  Layer.effect(LeaderElection.LeaderElection, make(options))
