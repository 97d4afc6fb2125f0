/**
 * Finding the poison event: sorting a unit's failure into the projection's own and passing
 * ones, and applying a failing batch event by event to name the event it cannot apply
 * (adr/0008, adr/0060).
 *
 * @internal
 */
import { Effect, Either, type Option } from "effect"
import type * as Checkpoints from "../../Checkpoints.js"
import type { RecordedEvent } from "../../Event.js"
import type { EventStoreUnavailable } from "../../EventStoreError.js"
import type * as GlobalPosition from "../../GlobalPosition.js"
import type { Projection } from "../../Projection.js"
import type { RunnerEnv } from "./env.js"
import { describeError, isPassingError, ProjectionFailed, Stalled, type UnitFailure } from "./errors.js"
import { applyUnit, failIfMoved } from "./unit.js"

/**
 * Sorts a unit's failure in a try that got to `at` after `done` events. `CheckpointMoved` ends
 * the try. A failure that says nothing about the events stalls it: the unit's own (its
 * transaction, the checkpoint's store), a passing error of the contract from the handler (a
 * conflict on a command's target stream, the store away), or the database's passing trouble.
 * What is left is the projection's own: its handler's error is the answer.
 */
export const sortFailure = (
  env: RunnerEnv,
  failure: UnitFailure,
  at: Option.Option<GlobalPosition.GlobalPosition>,
  done: number
): Effect.Effect<unknown, Checkpoints.CheckpointMoved | Stalled> => {
  switch (failure._tag) {
    case "CheckpointMoved":
      return Effect.fail(failure)
    case "EventStoreUnavailable":
      return Effect.fail(new Stalled({ at, done, failure }))
    case "HandlerFailed":
      return isPassingError(failure.error) || env.checkpoints.isTransient(failure.error)
        ? Effect.fail(new Stalled({ at, done, failure: failure.error }))
        : Effect.succeed(failure.error)
  }
}

/**
 * Applies a batch that failed as a whole (with `failure`, for the projection's own reason)
 * event by event from `from`, and fails with `ProjectionFailed` naming the first event that
 * fails for the projection's own reason. A passing failure of one event ends the search with
 * `Stalled` instead: a healthy event that met contention or an outage is retried, not
 * condemned. Answers the position reached if every event applies on its own.
 */
export const findPoison = <R>(
  env: RunnerEnv,
  projection: Projection<R>,
  from: Option.Option<GlobalPosition.GlobalPosition>,
  events: ReadonlyArray<RecordedEvent>,
  failure: UnitFailure
): Effect.Effect<
  Option.Option<GlobalPosition.GlobalPosition>,
  ProjectionFailed | Checkpoints.CheckpointMoved | Stalled | EventStoreUnavailable,
  R
> =>
  Effect.gen(function* () {
    let at = from
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!
      const one = events.length === 1 ? Either.left(failure) : yield* Effect.either(applyUnit(env, projection, at, [event]))
      if (Either.isLeft(one)) {
        const error = yield* sortFailure(env, one.left, at, i)
        yield* failIfMoved(env, projection.name, at)
        return yield* new ProjectionFailed({
          projection: projection.name,
          eventId: event.eventId,
          streamName: event.streamName,
          streamVersion: event.streamVersion,
          reason: describeError(error)
        })
      }
      at = one.right
    }
    return at
  })
