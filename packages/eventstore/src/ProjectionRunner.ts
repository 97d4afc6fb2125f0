/**
 * The projection runner: runs asynchronous projections (and process managers) against the
 * `EventStore`. For each projection, on the instance that leads it:
 *
 * 1. run its setup, load its checkpoint;
 * 2. subscribe from the checkpoint (catch up, then follow live), in batches;
 * 3. apply each batch and move the checkpoint in one unit of work (one transaction on
 *    PostgreSQL), retrying with exponential backoff;
 * 4. when a batch keeps failing, apply its events one by one to find the poison event, and stop
 *    the projection with a `failed` status naming it — never skip it. A failure that says
 *    nothing about the events (a conflict on a command's target stream, the store or database
 *    away, a deadlock) is never taken for poison: the batch is retried, without end, with a
 *    growing pause (adr/0060).
 *
 * Closing the runner's scope interrupts the work between units: a checkpoint never gets ahead
 * of its read model. Each projection's batch time and lag are recorded in `StoreMetrics`.
 *
 * @since 0.1.0
 */
import { type Duration, Effect, FiberMap, Option, Schema, type Scope } from "effect"
import * as Checkpoints from "./Checkpoints.js"
import * as EventStore from "./EventStore.js"
import type { ReadError } from "./EventStoreError.js"
import * as GlobalPosition from "./GlobalPosition.js"
import { type RunnerEnv, settings } from "./internal/runner/env.js"
import type { ProjectionFailed } from "./internal/runner/errors.js"
import { start as startFollowing } from "./internal/runner/follow.js"
import { rebuild } from "./internal/runner/rebuild.js"
import * as Statuses from "./internal/runner/status.js"
import * as LeaderElection from "./LeaderElection.js"
import { nullWhenUndefined } from "./NullWhenUndefined.js"
import type { Projection } from "./Projection.js"

/**
 * Where a projection is: `standby` (another instance leads it, or none yet: this one waits to
 * take over), `catching_up` (applying events stored before it started, or a backlog), `live`
 * (up to date, applying events as they are stored), `stopped` (not running on this instance),
 * `failed` (stopped on an event it cannot apply; see `lastError`; rebuild or fix and restart).
 */
export const ProjectionState = Schema.Literal("standby", "catching_up", "live", "stopped", "failed").annotations({
  identifier: "ProjectionState"
})

/** Where a projection is. */
export type ProjectionState = typeof ProjectionState.Type

/**
 * Schema of a projection's status. Encoded (e.g. as JSON), the position is `"transaction.sequence"`,
 * `since` an ISO date, and a missing position or error `null`.
 */
export const ProjectionStatus = Schema.Struct({
  name: Schema.String,
  state: ProjectionState,
  /** The position of the last event applied (the checkpoint). */
  position: nullWhenUndefined(GlobalPosition.GlobalPositionFromString),
  /** How many events it has still to apply (counted up to `lagCap`). */
  lag: Schema.NonNegativeInt,
  lastError: nullWhenUndefined(Schema.String),
  /** When the status last changed (epoch milliseconds, from `Clock`). */
  since: Schema.transform(Schema.Date, Schema.Number, {
    strict: true,
    decode: (date) => date.getTime(),
    encode: (millis) => new Date(millis)
  })
}).annotations({ identifier: "ProjectionStatus", description: "The status of one projection on this instance" })

/** The status of one projection on this instance. */
export interface ProjectionStatus extends Schema.Schema.Type<typeof ProjectionStatus> {}

/** A projection stopped on an event it cannot apply (declared with the runner's internal errors). */
export { ProjectionFailed } from "./internal/runner/errors.js"

/** No projection of that name runs here. */
export class UnknownProjection extends Schema.TaggedError<UnknownProjection>()("UnknownProjection", {
  name: Schema.String
}) {
  override get message(): string {
    return `No projection named "${this.name}" is registered with this runner.`
  }
}

/** Options of the runner. */
export interface ProjectionRunnerOptions {
  /** Events per page read from the store, and per transaction while the projection keeps up; 100. */
  readonly batchSize?: number | undefined
  /**
   * The most events applied in one transaction when pages wait to be applied (catching up):
   * pages read while a batch is applied are applied together; 4 × `batchSize`.
   */
  readonly maxBatchSize?: number | undefined
  /**
   * Attempts per batch before looking for a poison event; 5. A failure that says nothing about
   * the events (a conflict on a command's target stream, the store or database away) is never
   * taken for poison: such a batch is retried without end.
   */
  readonly attempts?: number | undefined
  /** The first retry's delay, doubling after each; 50 ms. */
  readonly retryDelay?: Duration.DurationInput | undefined
  /**
   * The longest pause between retries of a batch that fails for a passing reason (contention,
   * the store away), which is retried without end; 5 s.
   */
  readonly maxRetryDelay?: Duration.DurationInput | undefined
  /** How often a leader checks whether its projection was reset by a rebuild elsewhere; 2 s. */
  readonly resetCheckInterval?: Duration.DurationInput | undefined
  /** Lag is counted up to this many events; 100,000. */
  readonly lagCap?: number | undefined
}

/** A running set of projections. */
export interface ProjectionRunner {
  /** Every projection's status on this instance. */
  readonly status: Effect.Effect<ReadonlyArray<ProjectionStatus>, ReadError>
  /** Empties the read model and its checkpoint and replays from the first event, while the app runs. */
  readonly rebuild: (name: string) => Effect.Effect<void, UnknownProjection | ProjectionFailed | ReadError>
  /**
   * Waits until the projection has applied every event it selects that is stored now, or with
   * `upTo` every such event at or before that position (read-your-writes: the position an append
   * returned). Fails if the projection fails meanwhile.
   */
  readonly awaitCaughtUp: (name: string, options?: AwaitOptions) => Effect.Effect<void, UnknownProjection | ProjectionFailed | ReadError>
}

/** Options of `awaitCaughtUp`. */
export interface AwaitOptions {
  /** Wait only for the events at or before this position (the position of one's own append), not for all stored now. */
  readonly upTo?: GlobalPosition.GlobalPosition | undefined
}

/**
 * Starts the runner in the scope: one fiber per projection, stopped when the scope closes.
 * Its steps (applying a unit, finding a poison event, applying a batch with its retries,
 * following a projection as its leader, the statuses, a rebuild) are in `internal/runner/`.
 */
export const make = <R>(
  projections: ReadonlyArray<Projection<R>>,
  options: ProjectionRunnerOptions = {}
): Effect.Effect<
  ProjectionRunner,
  never,
  EventStore.EventStore | Checkpoints.Checkpoints | LeaderElection.LeaderElection | R | Scope.Scope
> =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const checkpoints = yield* Checkpoints.Checkpoints
    const election = yield* LeaderElection.LeaderElection
    const resolved = settings(options)
    const byName = new Map(projections.map((p) => [p.name, p]))
    if (byName.size !== projections.length) {
      return yield* Effect.dieMessage("ProjectionRunner: two projections share a name")
    }
    const statuses = yield* Statuses.make(projections.map((p) => p.name))
    const env: RunnerEnv = { store, checkpoints, election, settings: resolved, statuses }

    const fibers = yield* FiberMap.make<string>()
    yield* Effect.forEach(projections, (projection) => startFollowing(env, fibers, projection), { discard: true })

    const find = (name: string) =>
      Option.match(Option.fromNullable(byName.get(name)), {
        onNone: () => Effect.fail(new UnknownProjection({ name })),
        onSome: Effect.succeed
      })

    const context = yield* Effect.context<R>()

    return {
      status: Statuses.report(store, statuses, projections, resolved.lagCap),
      rebuild: (name) =>
        Effect.flatMap(find(name), (projection) => rebuild(env, fibers, projection)).pipe(
          Effect.provide(context),
          Effect.withSpan("Projection.rebuild", { attributes: { projection: name } })
        ),
      awaitCaughtUp: (name, options) =>
        Effect.flatMap(find(name), (projection) => Statuses.awaitCaughtUp(store, checkpoints, statuses, projection, options?.upTo))
    }
  })
