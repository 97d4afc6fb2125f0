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
 * of its read model.
 *
 * @since 0.1.0
 */
import {
  Chunk,
  Clock,
  Duration,
  Effect,
  Either,
  FiberMap,
  Option,
  Predicate,
  Random,
  Ref,
  Schedule,
  Schema,
  Sink,
  Stream,
  type Scope
} from "effect"
import * as Checkpoints from "./Checkpoints.js"
import type { RecordedEvent } from "./Event.js"
import * as EventStore from "./EventStore.js"
import { EventStoreUnavailable, type ReadError } from "./EventStoreError.js"
import * as GlobalPosition from "./GlobalPosition.js"
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

/** A projection stopped on an event it cannot apply. */
export class ProjectionFailed extends Schema.TaggedError<ProjectionFailed>()("ProjectionFailed", {
  projection: Schema.String,
  eventId: Schema.String,
  streamName: Schema.String,
  streamVersion: Schema.Number,
  reason: Schema.String
}) {
  override get message(): string {
    return `Projection "${this.projection}" stopped at event "${this.eventId}" (version ${this.streamVersion} of ` +
      `"${this.streamName}"), which it cannot apply: ${this.reason}. Fix the handler or the event, then rebuild or restart it.`
  }
}

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
   * Waits until the projection has applied every event it selects that is stored now
   * (read-your-writes for tests and demos). Fails if the projection fails meanwhile.
   */
  readonly awaitCaughtUp: (name: string) => Effect.Effect<void, UnknownProjection | ProjectionFailed | ReadError>
}

/** Why one run of a projection ended. */
type RunEnd = ProjectionFailed | Checkpoints.CheckpointMoved | ReadError

/** Why one unit of work failed: the projection's handler, or the unit itself (its transaction, the checkpoint). */
type UnitFailure =
  | { readonly _tag: "HandlerError"; readonly error: unknown }
  | Checkpoints.CheckpointMoved
  | EventStoreUnavailable

/** A batch stopped by a passing failure after `done` of its events were applied, up to `at`. */
interface Stalled {
  readonly _tag: "Stalled"
  readonly at: Option.Option<GlobalPosition.GlobalPosition>
  readonly done: number
  readonly cause: unknown
}

/**
 * Errors of the contract that say nothing about the event being applied: a command's target
 * stream moved meanwhile (contention), or the store is away. A retry can succeed.
 */
const passingTags: ReadonlySet<string> = new Set(["ExpectedVersionConflict", "EventStoreUnavailable"])

const describeError = (error: unknown): string =>
  error instanceof Error ? error.message : Predicate.isObject(error) ? JSON.stringify(error) : String(error)

/** Starts the runner in the scope: one fiber per projection, stopped when the scope closes. */
export const make = <R>(
  projections: ReadonlyArray<Projection<R>>,
  options: ProjectionRunnerOptions = {}
): Effect.Effect<
  ProjectionRunner,
  never,
  EventStore.EventStore | Checkpoints.Checkpoints | LeaderElection.LeaderElection | R | Scope.Scope
> =>
  Effect.gen(function*() {
    const store = yield* EventStore.EventStore
    const checkpoints = yield* Checkpoints.Checkpoints
    const election = yield* LeaderElection.LeaderElection
    const batchSize = options.batchSize ?? 100
    const maxBatchSize = Math.max(batchSize, options.maxBatchSize ?? 4 * batchSize)
    const attempts = options.attempts ?? 5
    const retryDelay = Duration.toMillis(Duration.decode(options.retryDelay ?? "50 millis"))
    const maxRetryDelay = Math.max(retryDelay, Duration.toMillis(Duration.decode(options.maxRetryDelay ?? "5 seconds")))
    const retrySchedule = Schedule.exponential(Duration.millis(retryDelay)).pipe(
      Schedule.intersect(Schedule.recurs(Math.max(0, attempts - 1)))
    )
    const resetCheckInterval = options.resetCheckInterval ?? "2 seconds"
    const lagCap = options.lagCap ?? 100_000
    const byName = new Map(projections.map((p) => [p.name, p]))
    if (byName.size !== projections.length) {
      return yield* Effect.dieMessage("ProjectionRunner: two projections share a name")
    }
    const now = Clock.currentTimeMillis
    const statuses = yield* Ref.make(
      new Map(projections.map((p) => [p.name, {
        name: p.name,
        state: "standby" as ProjectionState,
        position: undefined as GlobalPosition.GlobalPosition | undefined,
        lastError: undefined as string | undefined,
        since: 0
      }]))
    )
    const failures = yield* Ref.make(new Map<string, ProjectionFailed>())
    const setStatus = (name: string, change: Partial<Omit<ProjectionStatus, "name" | "lag" | "since">>) =>
      Effect.flatMap(now, (since) =>
        Ref.update(statuses, (map) => {
          const current = map.get(name)!
          const next = { ...current, ...change }
          return new Map(map).set(name, next.state === current.state ? next : { ...next, since })
        }))

    /** Applies a batch and moves the checkpoint from `from`, as one unit, with retries. */
    const applyUnit = (
      projection: Projection<R>,
      from: Option.Option<GlobalPosition.GlobalPosition>,
      events: ReadonlyArray<RecordedEvent>
    ): Effect.Effect<Option.Option<GlobalPosition.GlobalPosition>, UnitFailure, R> =>
      checkpoints.transaction(
        projection.name,
        from,
        // The handler may be interrupted (shutdown); once it has applied the batch, the
        // checkpoint's move is not: the two land together or not at all.
        Effect.uninterruptibleMask((restore) =>
          Effect.zipRight(
            restore(Effect.mapError(projection.handle(events), (error) => ({ _tag: "HandlerError" as const, error }))),
            checkpoints.save(projection.name, from, events[events.length - 1]!.globalPosition)
          )
        )
      ).pipe(
        // A connection lost mid-transaction can surface as a defect (its rollback fails): retry it too.
        Effect.catchAllDefect((defect) => Effect.fail({ _tag: "HandlerError" as const, error: defect })),
        Effect.retry({ schedule: retrySchedule, while: (error) => error._tag !== "CheckpointMoved" }),
        Effect.as(Option.some(events[events.length - 1]!.globalPosition)),
        Effect.withSpan("Projection.applyBatch", { attributes: { projection: projection.name, events: events.length }, captureStackTrace: false })
      )

    /**
     * Whether a unit's failure says nothing about its events: the unit's own (its transaction,
     * the checkpoint's store), a passing error of the contract from the handler (a conflict on a
     * command's target stream, the store away), or the database's passing trouble.
     */
    const isPassing = (failure: UnitFailure): boolean =>
      failure._tag !== "HandlerError" ||
      (Predicate.hasProperty(failure.error, "_tag") && typeof failure.error._tag === "string" && passingTags.has(failure.error._tag)) ||
      checkpoints.isTransient(failure.error)

    /** Fails with `CheckpointMoved` when the stored checkpoint is no longer `expected`. */
    const failIfMoved = (name: string, expected: Option.Option<GlobalPosition.GlobalPosition>) =>
      Effect.flatMap(checkpoints.load(name), (stored) =>
        Option.getEquivalence(GlobalPosition.equals)(stored, expected)
          ? Effect.void
          : Effect.fail(new Checkpoints.CheckpointMoved({ name })))

    /**
     * One try at a batch: as one unit; when that keeps failing for the projection's own reason,
     * event by event to find the poison event, failing with `ProjectionFailed` naming it. A
     * passing failure, of the batch or of one event, ends the try with `Stalled` instead.
     */
    const tryBatch = (projection: Projection<R>, from: Option.Option<GlobalPosition.GlobalPosition>, events: ReadonlyArray<RecordedEvent>) =>
      Effect.gen(function*() {
        const stalled = (at: Option.Option<GlobalPosition.GlobalPosition>, done: number, failure: UnitFailure): Stalled => ({
          _tag: "Stalled",
          at,
          done,
          cause: failure._tag === "HandlerError" ? failure.error : failure
        })
        const whole = yield* Effect.either(applyUnit(projection, from, events))
        if (Either.isRight(whole)) return whole.right
        if (whole.left._tag === "CheckpointMoved") return yield* whole.left
        if (isPassing(whole.left)) return yield* Effect.fail(stalled(from, 0, whole.left))
        // A batch that keeps failing because another runner applied it first is no poison.
        yield* failIfMoved(projection.name, from)
        let at = from
        for (let i = 0; i < events.length; i++) {
          const event = events[i]!
          const one = events.length === 1 ? Either.left(whole.left) : yield* Effect.either(applyUnit(projection, at, [event]))
          if (Either.isLeft(one)) {
            if (one.left._tag === "CheckpointMoved") return yield* one.left
            // A healthy event that met contention or an outage is retried, not condemned.
            if (isPassing(one.left)) return yield* Effect.fail(stalled(at, i, one.left))
            yield* failIfMoved(projection.name, at)
            return yield* new ProjectionFailed({
              projection: projection.name,
              eventId: event.eventId,
              streamName: event.streamName,
              streamVersion: event.streamVersion,
              reason: describeError(one.left._tag === "HandlerError" ? one.left.error : one.left)
            })
          }
          at = one.right
        }
        return at
      })

    /**
     * Applies a batch. A try stopped by a passing failure is taken up again from where it got
     * to, after a pause that grows (with jitter) up to `maxRetryDelay`, for as long as it takes.
     */
    const applyBatch = (projection: Projection<R>, from: Option.Option<GlobalPosition.GlobalPosition>, events: ReadonlyArray<RecordedEvent>) =>
      Effect.gen(function*() {
        let at = from
        let rest = events
        let delay = retryDelay
        while (true) {
          const outcome = yield* Effect.either(tryBatch(projection, at, rest))
          if (Either.isRight(outcome)) return outcome.right
          if (outcome.left._tag !== "Stalled") return yield* outcome.left
          at = outcome.left.at
          rest = rest.slice(outcome.left.done)
          yield* setStatus(projection.name, {
            position: Option.getOrUndefined(at),
            lastError: `retrying a batch that failed for a passing reason: ${describeError(outcome.left.cause)}`
          })
          yield* Effect.sleep(Duration.millis(Math.min(maxRetryDelay, delay * (0.5 + (yield* Random.next)))))
          delay = Math.min(delay * 2, maxRetryDelay)
        }
      })

    /** One run while leading: setup, catch up, follow live; ends only on an error. */
    const work = (projection: Projection<R>) =>
      Effect.gen(function*() {
        yield* projection.setup.pipe(
          Effect.retry(retrySchedule),
          Effect.mapError((error) =>
            new ProjectionFailed({
              projection: projection.name,
              eventId: "",
              streamName: "",
              streamVersion: 0,
              reason: `its setup failed: ${describeError(error)}`
            })
          )
        )
        const start = yield* checkpoints.load(projection.name)
        const applied = yield* Ref.make(start)
        const pending = yield* Stream.runHead(store.readAll({ ...projection.filter, from: Option.getOrUndefined(start), maxCount: 1 }))
        yield* setStatus(projection.name, {
          state: Option.isNone(pending) ? "live" : "catching_up",
          position: Option.getOrUndefined(start)
        })
        const follow = store.subscribe({ ...projection.filter, from: Option.getOrUndefined(start), batchSize }).pipe(
          Stream.chunks,
          // Pages are read while a batch is applied; those that wait are applied together.
          Stream.aggregate(Sink.foldWeighted({
            initial: Chunk.empty<RecordedEvent>(),
            maxCost: maxBatchSize,
            cost: (_, page: Chunk.Chunk<RecordedEvent>) => page.length,
            body: (batch, page) => Chunk.appendAll(batch, page)
          })),
          Stream.runForEach((chunk) =>
            Effect.gen(function*() {
              const events = Chunk.toReadonlyArray(chunk)
              const position = yield* applyBatch(projection, yield* Ref.get(applied), events)
              yield* Ref.set(applied, position)
              // A short page (and a batch of short pages) means nothing more was there; after a
              // full one, `status` tells by the lag.
              yield* setStatus(projection.name, {
                state: events.length >= batchSize ? "catching_up" : "live",
                position: Option.getOrUndefined(position),
                lastError: undefined
              })
            })
          )
        )
        // A rebuild on another instance resets the checkpoint: start again from the first event.
        const watchReset = Effect.gen(function*() {
          while (true) {
            yield* Effect.sleep(resetCheckInterval)
            const stored = yield* checkpoints.load(projection.name)
            if (Option.isNone(stored) && Option.isSome(yield* Ref.get(applied))) {
              return yield* new Checkpoints.CheckpointMoved({ name: projection.name })
            }
          }
        })
        return yield* Effect.raceFirst(follow, watchReset)
      })

    /** Leads, works, and starts over, until the projection fails. */
    const run = (projection: Projection<R>): Effect.Effect<void, never, R> =>
      Effect.gen(function*() {
        while (true) {
          yield* setStatus(projection.name, { state: "standby" })
          const end: Either.Either<void, RunEnd | Error> = yield* Effect.scoped(
            Effect.gen(function*() {
              const leadership = yield* election.lead(projection.name)
              const lost = Effect.zipRight(leadership.lost, Effect.fail(new Error("leadership lost: the lock's connection failed")))
              return yield* Effect.raceFirst(work(projection), lost)
            })
          ).pipe(
            Effect.catchAllDefect((defect) => Effect.fail(new Error(describeError(defect)))),
            Effect.either
          )
          if (Either.isRight(end)) continue
          const error = end.left
          if (!("_tag" in error)) {
            yield* setStatus(projection.name, { lastError: error.message })
            yield* Effect.sleep("500 millis")
            continue
          }
          if (error._tag === "ProjectionFailed") {
            yield* Effect.logWarning(error.message)
            const position = yield* checkpoints.load(projection.name).pipe(Effect.orElseSucceed(() => Option.none()))
            yield* Ref.update(failures, (map) => new Map(map).set(projection.name, error))
            return yield* setStatus(projection.name, {
              state: "failed",
              lastError: error.message,
              position: Option.getOrUndefined(position)
            })
          }
          yield* setStatus(projection.name, { lastError: error._tag === "CheckpointMoved" ? undefined : error.message })
          yield* Effect.sleep(error._tag === "CheckpointMoved" ? "10 millis" : "500 millis")
        }
      }).pipe(Effect.onInterrupt(() => setStatus(projection.name, { state: "stopped" })))

    const fibers = yield* FiberMap.make<string>()
    const start = (projection: Projection<R>) => FiberMap.run(fibers, projection.name, run(projection))
    yield* Effect.forEach(projections, start, { discard: true })

    const find = (name: string) =>
      Option.match(Option.fromNullable(byName.get(name)), {
        onNone: () => Effect.fail(new UnknownProjection({ name })),
        onSome: Effect.succeed
      })

    const lagOf = (projection: Projection<R>, position: GlobalPosition.GlobalPosition | undefined) =>
      Stream.runCount(store.readAll({ ...projection.filter, from: position, maxCount: lagCap, batchSize: 1000 }))

    const status = Effect.flatMap(Ref.get(statuses), (map) =>
      Effect.forEach(projections, (projection) => {
        const current = map.get(projection.name)!
        return Effect.map(lagOf(projection, current.position), (lag): ProjectionStatus => ({
          ...current,
          // Catching up with nothing left to apply is live (the last page it read was full).
          state: current.state === "catching_up" && lag === 0 ? "live" : current.state,
          lag
        }))
      }))

    const context = yield* Effect.context<R>()

    return {
      status,
      rebuild: (name) =>
        Effect.gen(function*() {
          const projection = yield* find(name)
          yield* FiberMap.remove(fibers, name)
          // The checkpoint is taken before the read model is emptied: a batch of a leader elsewhere
          // lands before the reset (and is emptied with the rest) or fails its checkpoint's move.
          yield* checkpoints.reset(name, projection.reset).pipe(
            Effect.mapError((error) =>
              error instanceof EventStoreUnavailable
                ? error
                : new ProjectionFailed({
                  projection: name,
                  eventId: "",
                  streamName: "",
                  streamVersion: 0,
                  reason: `its reset failed: ${describeError(error)}`
                })
            ),
            // The reset rolled back: the projection goes on from where it was.
            Effect.tapError(() => start(projection))
          )
          yield* Ref.update(failures, (map) => {
            const next = new Map(map)
            next.delete(name)
            return next
          })
          yield* setStatus(name, { state: "standby", position: undefined, lastError: undefined })
          yield* start(projection)
        }).pipe(Effect.provide(context), Effect.withSpan("Projection.rebuild", { attributes: { projection: name } })),
      awaitCaughtUp: (name) =>
        Effect.gen(function*() {
          const projection = yield* find(name)
          const head = yield* Stream.runHead(store.readAll({ ...projection.filter, direction: "backward", maxCount: 1 }))
          while (true) {
            const current = (yield* Ref.get(statuses)).get(name)!
            if (current.state === "failed") {
              const failure = (yield* Ref.get(failures)).get(name)
              if (failure !== undefined) return yield* Effect.fail(failure)
            }
            // With nothing to apply, caught up means set up and following (its tables exist).
            if (Option.isNone(head) ? current.state === "live" : current.position !== undefined &&
              !GlobalPosition.isAfter(head.value.globalPosition, current.position)) return
            yield* Effect.sleep("5 millis")
          }
        })
    }
  })
