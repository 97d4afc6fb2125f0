/**
 * One leader per projection across app instances: PostgreSQL session advisory locks, all held
 * on one connection that each instance reserves for them (so a pool needs one connection for
 * leadership however many projections run). When the instance dies its connection closes and
 * the server frees its locks, so a standby (trying every `retry`) takes over within seconds.
 *
 * One check per lock connection (`SELECT 1` every `checkInterval`) watches it for every
 * leadership it holds, however many: when a check or any statement on it fails, or a check
 * takes longer than `checkTimeout`, every leadership on it is lost (`lost` completes), its locks
 * are released, and the next attempt reserves a new connection.
 *
 * @since 0.1.0
 */
import { Deferred, Duration, Effect, ExecutionStrategy, Exit, Layer, Option, Ref, Schedule, Scope } from "effect"
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { LeaderElection } from "@jatim/eventstore"
import { defaultSchema } from "./PostgresEventStore.js"

/** Options of leader election. */
export interface PostgresLeaderElectionOptions {
  /** The store's schema: locks are per schema and projection name. */
  readonly schema?: string | undefined
  /** How often a standby tries to take the lock; 1 s. */
  readonly retry?: Duration.DurationInput | undefined
  /** How often the locks' connection is checked to be alive (once for all the leaderships on it); 1 s. */
  readonly checkInterval?: Duration.DurationInput | undefined
  /** How long a check may take before the connection counts as dead; 5 s. */
  readonly checkTimeout?: Duration.DurationInput | undefined
}

interface LockConnection {
  readonly generation: number
  readonly execute: (statement: string, params: ReadonlyArray<string>) => Effect.Effect<ReadonlyArray<unknown>, SqlError>
  readonly scope: Scope.CloseableScope
  /** Completes when the connection is dropped: every leadership on it is lost. */
  readonly dropped: Deferred.Deferred<void>
}

/** Leader election on the `SqlClient` of the context; the lock connection lives in the scope. */
export const make = (
  options: PostgresLeaderElectionOptions = {}
): Effect.Effect<LeaderElection.LeaderElection, never, SqlClient.SqlClient | Scope.Scope> =>
  Effect.gen(function* () {
    const sql = yield* SqlClient.SqlClient
    const layerScope = yield* Effect.scope
    const schema = options.schema ?? defaultSchema
    const retry = Duration.decode(options.retry ?? "1 second")
    const checkInterval = Duration.decode(options.checkInterval ?? "1 second")
    const checkTimeout = Duration.decode(options.checkTimeout ?? "5 seconds")
    // How long a dropped connection may take to release its locks (a hung one is closed anyway).
    const unlockTimeout = Duration.seconds(5)
    const current = yield* Ref.make(Option.none<LockConnection>())
    const generations = yield* Ref.make(0)
    const mutex = yield* Effect.makeSemaphore(1)
    // One statement at a time on the lock connection: every leadership here shares it, and a
    // connection runs its statements one after the other anyway (the driver would queue them).
    const oneAtATime = yield* Effect.makeSemaphore(1)
    // PostgreSQL lets the session holding an advisory lock take it again, and this instance holds
    // all its locks on one session: names led here are tracked, so a second runner here waits too.
    const ledHere = yield* Ref.make(new Set<string>())
    const claim = (name: string) => Ref.modify(ledHere, (names) => (names.has(name) ? [false, names] : [true, new Set(names).add(name)]))
    const unclaim = (name: string) =>
      Ref.update(ledHere, (names) => {
        const next = new Set(names)
        next.delete(name)
        return next
      })

    /** Drops a failed lock connection: its leaderships are lost, and its locks released before it goes back to the pool. */
    const drop = (lock: LockConnection) =>
      Effect.uninterruptible(
        mutex.withPermits(1)(
          Effect.flatMap(Ref.get(current), (held) =>
            Option.isSome(held) && held.value.generation === lock.generation
              ? Effect.all(
                  [
                    Ref.set(current, Option.none()),
                    Deferred.succeed(lock.dropped, undefined),
                    // A connection that still answers keeps its session (and its locks) in the pool otherwise.
                    Effect.ignore(Effect.interruptible(Effect.timeout(lock.execute("SELECT pg_advisory_unlock_all()", []), unlockTimeout))),
                    Scope.close(lock.scope, Exit.void)
                  ],
                  { discard: true }
                )
              : Effect.void
          )
        )
      )
    /** Checks the connection every `checkInterval` until a check fails or the connection is dropped. */
    const watch = (lock: LockConnection) =>
      lock.execute("SELECT 1", []).pipe(
        Effect.timeoutFail({ duration: checkTimeout, onTimeout: () => "timed out" as const }),
        Effect.repeat(Schedule.spaced(checkInterval)),
        Effect.ignore,
        Effect.raceFirst(Deferred.await(lock.dropped)),
        // After a failed check; nothing to do when the connection was dropped already.
        Effect.zipRight(drop(lock))
      )

    /** The lock connection, reserved on first use and again after a failure. */
    const connection = mutex.withPermits(1)(
      Effect.flatMap(
        Ref.get(current),
        Option.match({
          onSome: Effect.succeed,
          onNone: () =>
            Effect.gen(function* () {
              const scope = yield* Scope.fork(layerScope, ExecutionStrategy.sequential)
              const reserved = yield* Scope.extend(sql.reserve, scope)
              const generation = yield* Ref.updateAndGet(generations, (n) => n + 1)
              const lock: LockConnection = {
                generation,
                scope,
                dropped: yield* Deferred.make<void>(),
                execute: (statement, params) => oneAtATime.withPermits(1)(reserved.execute(statement, params, undefined))
              }
              yield* Ref.set(current, Option.some(lock))
              // The watch lives with the layer (interruptible, though a lead attempt reserves the
              // connection uninterruptibly): it ends by itself once the connection is dropped.
              yield* Effect.forkIn(Effect.interruptible(watch(lock)), layerScope)
              return lock
            })
        })
      )
    )
    const run = (statement: string, params: ReadonlyArray<string>) =>
      Effect.flatMap(connection, (lock) =>
        lock.execute(statement, params).pipe(
          Effect.tapError(() => drop(lock)),
          Effect.map((rows) => ({ rows, lock }))
        )
      )

    return {
      lead: (name) =>
        Effect.gen(function* () {
          const key = [`jatim.projection.${schema}`, name]
          // Each attempt and the registration of its release cannot be interrupted apart (a lock
          // taken is always released); the wait between attempts can (a standby shuts down).
          const lock = yield* Effect.uninterruptibleMask((restore) =>
            Effect.gen(function* () {
              while (true) {
                const attempt = (yield* claim(name))
                  ? yield* run("SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked", key).pipe(
                      Effect.map(({ lock, rows }) =>
                        (rows[0] as { readonly locked?: unknown } | undefined)?.locked === true ? Option.some(lock) : Option.none()
                      ),
                      Effect.orElseSucceed(() => Option.none<LockConnection>()),
                      Effect.tap((locked) => (Option.isNone(locked) ? unclaim(name) : Effect.void))
                    )
                  : Option.none<LockConnection>()
                if (Option.isSome(attempt)) {
                  const held = attempt.value
                  yield* Effect.addFinalizer(() =>
                    Effect.flatMap(Ref.get(current), (lock) =>
                      Option.isSome(lock) && lock.value.generation === held.generation
                        ? Effect.ignore(lock.value.execute("SELECT pg_advisory_unlock(hashtext($1), hashtext($2))", key))
                        : Effect.void
                    ).pipe(Effect.zipRight(unclaim(name)))
                  )
                  return held
                }
                yield* restore(Effect.sleep(retry))
              }
            })
          )
          return { lost: Deferred.await(lock.dropped) }
        }).pipe(Effect.withSpan("Projection.lead", { attributes: { projection: name } }))
    } satisfies LeaderElection.LeaderElection
  })

/** A layer of leader election on PostgreSQL. */
export const layer = (options?: PostgresLeaderElectionOptions): Layer.Layer<LeaderElection.LeaderElection, never, SqlClient.SqlClient> =>
  Layer.scoped(LeaderElection.LeaderElection, make(options))
