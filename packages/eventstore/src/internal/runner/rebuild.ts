/**
 * Rebuilding a projection while the app runs: stop it here, reset its checkpoint and read model
 * as one unit, and start it again from the first event (adr/0060).
 *
 * @internal
 */
import { Effect, FiberMap } from "effect"
import { EventStoreUnavailable } from "../../EventStoreError.js"
import type { Projection } from "../../Projection.js"
import type { RunnerEnv } from "./env.js"
import { describeError, failedWithoutEvent } from "./errors.js"
import { start } from "./follow.js"

/** Empties the read model and its checkpoint and replays from the first event. */
export const rebuild = <R>(env: RunnerEnv, fibers: FiberMap.FiberMap<string>, projection: Projection<R>) =>
  Effect.gen(function* () {
    const name = projection.name
    yield* FiberMap.remove(fibers, name)
    // The checkpoint is taken before the read model is emptied: a batch of a leader elsewhere
    // lands before the reset (and is emptied with the rest) or fails its checkpoint's move.
    yield* env.checkpoints.reset(name, projection.reset).pipe(
      Effect.mapError((error) =>
        error instanceof EventStoreUnavailable ? error : failedWithoutEvent(name, `its reset failed: ${describeError(error)}`)
      ),
      // The reset rolled back: the projection goes on from where it was.
      Effect.tapError(() => start(env, fibers, projection))
    )
    yield* env.statuses.restart(name)
    yield* start(env, fibers, projection)
  })
