/**
 * Following a projection as its leader: one run, and the loop that leads, runs and starts over
 * until the projection fails.
 *
 * @internal
 */
import { Chunk, Effect, Either, FiberMap, Option, Ref, Sink, Stream } from "effect"
import * as Checkpoints from "../../Checkpoints.js"
import type { RecordedEvent } from "../../Event.js"
import { trackBatch } from "../metrics.js"
import type { Projection } from "../../Projection.js"
import { applyBatch } from "./batch.js"
import type { RunnerEnv } from "./env.js"
import { describeError, failedWithoutEvent, LeadershipLost, type ProjectionFailed, type RunEnd, RunDefect } from "./errors.js"

/** Runs the projection's setup, with retries; fails with `ProjectionFailed` when it keeps failing. */
export const setUp = <R>(env: RunnerEnv, projection: Projection<R>): Effect.Effect<void, ProjectionFailed, R> =>
  projection.setup.pipe(
    Effect.retry(env.settings.retrySchedule),
    Effect.mapError((error) => failedWithoutEvent(projection.name, `its setup failed: ${describeError(error)}`))
  )

/** One run while leading: setup, catch up, follow live; ends only on an error. */
export const follow = <R>(env: RunnerEnv, projection: Projection<R>) =>
  Effect.gen(function* () {
    const { checkpoints, settings, statuses, store } = env
    // Led again: whatever stopped it before is past.
    yield* checkpoints.clearFailure(projection.name).pipe(Effect.ignore)
    yield* setUp(env, projection)
    const start = yield* checkpoints.load(projection.name)
    const applied = yield* Ref.make(start)
    const pending = yield* Stream.runHead(store.readAll({ ...projection.filter, from: Option.getOrUndefined(start), maxCount: 1 }))
    yield* statuses.set(projection.name, {
      state: Option.isNone(pending) ? "live" : "catching_up",
      position: Option.getOrUndefined(start)
    })
    const live = store.subscribe({ ...projection.filter, from: Option.getOrUndefined(start), batchSize: settings.batchSize }).pipe(
      Stream.chunks,
      // Pages are read while a batch is applied; those that wait are applied together.
      Stream.aggregate(
        Sink.foldWeighted({
          initial: Chunk.empty<RecordedEvent>(),
          maxCost: settings.maxBatchSize,
          cost: (_, page: Chunk.Chunk<RecordedEvent>) => page.length,
          body: (batch, page) => Chunk.appendAll(batch, page)
        })
      ),
      Stream.runForEach((chunk) =>
        Effect.gen(function* () {
          const events = Chunk.toReadonlyArray(chunk)
          // A short page (and a batch of short pages) means nothing more was there; after a
          // full one, `status` tells by the lag.
          const live = events.length < settings.batchSize
          const position = yield* trackBatch(
            projection.name,
            events.length,
            live,
            applyBatch(env, projection, yield* Ref.get(applied), events)
          )
          yield* Ref.set(applied, position)
          yield* statuses.set(projection.name, {
            state: live ? "live" : "catching_up",
            position: Option.getOrUndefined(position),
            lastError: undefined
          })
        })
      )
    )
    // A rebuild on another instance resets the checkpoint: start again from the first event.
    const watchReset = Effect.gen(function* () {
      while (true) {
        yield* Effect.sleep(settings.resetCheckInterval)
        const stored = yield* checkpoints.load(projection.name)
        if (Option.isNone(stored) && Option.isSome(yield* Ref.get(applied))) {
          return yield* new Checkpoints.CheckpointMoved({ name: projection.name })
        }
      }
    })
    return yield* Effect.raceFirst(live, watchReset)
  })

/** One run under the projection's leadership: waits to lead, then follows until an error or the loss of leadership. */
const leadOnce = <R>(env: RunnerEnv, projection: Projection<R>): Effect.Effect<void, RunEnd, R> =>
  Effect.scoped(
    Effect.gen(function* () {
      const leadership = yield* env.election.lead(projection.name)
      const lost = Effect.zipRight(leadership.lost, Effect.fail(new LeadershipLost()))
      return yield* Effect.raceFirst(follow(env, projection), lost)
    })
  ).pipe(Effect.catchAllDefect((defect) => Effect.fail(new RunDefect({ defect }))))

/** Stops the projection as failed with `failure`, at its stored checkpoint. */
const stop = (env: RunnerEnv, name: string, failure: ProjectionFailed) =>
  Effect.gen(function* () {
    yield* Effect.logWarning(failure.message)
    // Kept where operators and other instances see it (a tool that does not run the projection).
    yield* env.checkpoints.recordFailure(name, failure.message).pipe(Effect.ignore)
    const position = yield* env.checkpoints.load(name).pipe(Effect.orElseSucceed(() => Option.none()))
    yield* env.statuses.fail(name, failure, position)
  })

/** Leads, follows, and starts over, until the projection fails. */
export const run = <R>(env: RunnerEnv, projection: Projection<R>): Effect.Effect<void, never, R> =>
  Effect.gen(function* () {
    while (true) {
      yield* env.statuses.set(projection.name, { state: "standby" })
      const end = yield* Effect.either(leadOnce(env, projection))
      if (Either.isRight(end)) continue
      const error = end.left
      if (error._tag === "ProjectionFailed") return yield* stop(env, projection.name, error)
      // The checkpoint moved (another instance, a rebuild): start again at once, from it.
      const moved = error._tag === "CheckpointMoved"
      yield* env.statuses.set(projection.name, { lastError: moved ? undefined : error.message })
      yield* Effect.sleep(moved ? "10 millis" : "500 millis")
    }
  }).pipe(Effect.onInterrupt(() => env.statuses.set(projection.name, { state: "stopped" })))

/** Starts following the projection in `fibers`, under its name (replacing a run there). */
export const start = <R>(env: RunnerEnv, fibers: FiberMap.FiberMap<string>, projection: Projection<R>) =>
  FiberMap.run(fibers, projection.name, run(env, projection))
