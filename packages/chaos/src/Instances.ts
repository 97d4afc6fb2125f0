/**
 * The app instances of a chaos run: each its own `PgClient` (pool, named by `application_name`
 * so the chaos can find its connections), event store and projection services. Two of them run
 * the projections, each in a slot that the chaos can kill (terminate its connections, or close
 * its scope and start a new instance in its place).
 *
 * @since 0.1.0
 */
import { type Context, Duration, Effect, Exit, Fiber, Layer, Option, type Redacted, Schedule, Scope } from "effect"
import { PgClient } from "@effect/sql-pg"
import type { SqlClient } from "@effect/sql"
import { type Checkpoints, type EventStore, LeaderElection, type Projection, ProjectionRunner, type SnapshotStore } from "@jatim/eventstore"
import { PostgresCheckpoints, PostgresEventStore, PostgresLeaderElection, PostgresSnapshotStore } from "@jatim/eventstore-postgres"
import { processManager, readModel } from "./Scenario.js"
import type { Stats } from "./Stats.js"

/** What an app instance provides. */
export type AppServices =
  | EventStore.EventStore
  | Checkpoints.Checkpoints
  | LeaderElection.LeaderElection
  | SnapshotStore.SnapshotStore
  | PgClient.PgClient
  | SqlClient.SqlClient

/** Where the run's store lives. */
export interface Target {
  readonly url: Redacted.Redacted<string>
  readonly schema: string
}

/**
 * An app instance named `instance`: its pool (`application_name` `app`), the store in the run's
 * schema, checkpoints, snapshots and leader election, whose every leadership taken is recorded.
 */
export const appLayer = (
  target: Target,
  options: {
    readonly app: string
    readonly instance: string
    readonly maxConnections: number
    readonly migrate: boolean
    readonly stats: Stats
  }
): Layer.Layer<AppServices, unknown> => {
  const election = Layer.scoped(
    LeaderElection.LeaderElection,
    Effect.map(
      PostgresLeaderElection.make({ schema: target.schema, retry: "250 millis", checkInterval: "250 millis" }),
      (inner): LeaderElection.LeaderElection => ({
        lead: (name) => Effect.tap(inner.lead(name), () => Effect.sync(() => options.stats.led(name, options.instance)))
      })
    )
  )
  return Layer.mergeAll(
    PostgresEventStore.layer({ schema: target.schema, migrate: options.migrate, heartbeatInterval: "1 second" }),
    PostgresCheckpoints.layer(target.schema),
    PostgresSnapshotStore.layer(target.schema),
    election
  ).pipe(
    Layer.provideMerge(
      PgClient.layer({
        url: target.url,
        maxConnections: options.maxConnections,
        applicationName: options.app
      })
    )
  )
}

/** A running instance in a slot. */
export interface Running {
  readonly instance: string
  readonly app: string
  readonly runner: ProjectionRunner.ProjectionRunner
  readonly scope: Scope.CloseableScope
}

/** A slot for a runner instance: empty while its instance is dead and not yet replaced. */
export interface Slot {
  readonly name: string
  readonly app: string
  generation: number
  current: Option.Option<Running>
}

/** An empty slot named `name` (`a`, `b`). */
export const makeSlot = (name: string): Slot => ({ name, app: `chaos-runner-${name}`, generation: 0, current: Option.none() })

/** How long an instance may take to shut down before the run reports it. */
export const shutdownLimit = Duration.seconds(15)

/** Starts a new instance in the slot: its pool, store and a runner of the read model and the process manager. */
export const start = (slot: Slot, target: Target, stats: Stats): Effect.Effect<Running, unknown> =>
  Effect.gen(function* () {
    slot.generation += 1
    const instance = `${slot.name}${slot.generation}`
    const scope = yield* Scope.make()
    const started = yield* Effect.gen(function* () {
      const context: Context.Context<AppServices> = yield* Layer.buildWithScope(
        appLayer(target, { app: slot.app, instance, maxConnections: 6, migrate: false, stats }),
        scope
      )
      const projections: ReadonlyArray<Projection.Projection<AppServices>> = [readModel(target.schema, instance), processManager]
      const runner = yield* ProjectionRunner.make(projections, {
        batchSize: 100,
        lagCap: 1,
        retryDelay: "50 millis",
        resetCheckInterval: "500 millis"
      }).pipe(Effect.provide(context), Scope.extend(scope))
      return { instance, app: slot.app, runner, scope } satisfies Running
    }).pipe(Effect.onError(() => Scope.close(scope, Exit.void)))
    slot.current = Option.some(started)
    return started
  }).pipe(Effect.retry(Schedule.spaced("500 millis").pipe(Schedule.intersect(Schedule.recurs(10)))))

/**
 * Stops the slot's instance by closing its scope (the instance dies: its pool closes, its locks
 * are freed). Returns `false` when it took longer than `shutdownLimit`.
 */
export const stop = (slot: Slot): Effect.Effect<boolean> =>
  Option.match(slot.current, {
    onNone: () => Effect.succeed(true),
    onSome: (running) => {
      slot.current = Option.none()
      // Closing is not interruptible: wait for it from outside, up to the limit.
      return Effect.flatMap(Effect.forkDaemon(Scope.close(running.scope, Exit.void)), (closing) =>
        Fiber.await(closing).pipe(
          Effect.timeout(shutdownLimit),
          Effect.as(true),
          Effect.catchAllCause(() => Effect.succeed(false))
        )
      )
    }
  })
