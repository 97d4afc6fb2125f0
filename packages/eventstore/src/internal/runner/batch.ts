/**
 * Applying a batch: as one unit; when that keeps failing for the projection's own reason, event
 * by event to find the poison event; and, when a passing failure stalls it, again from where it
 * got to, for as long as it takes (adr/0060).
 *
 * @internal
 */
import { Duration, Effect, Either, Option, Random } from "effect"
import type { RecordedEvent } from "../../Event.js"
import type * as GlobalPosition from "../../GlobalPosition.js"
import type { Projection } from "../../Projection.js"
import type { RunnerEnv } from "./env.js"
import { describeError } from "./errors.js"
import { findPoison, sortFailure } from "./poison.js"
import { applyUnit, failIfMoved } from "./unit.js"

/**
 * Applies a batch from `from`; answers the new position. A try stopped by a passing failure is
 * taken up again from where it got to, after a pause that grows (with jitter) up to
 * `maxRetryDelay`, for as long as it takes.
 */
export const applyBatch = <R>(
  env: RunnerEnv,
  projection: Projection<R>,
  from: Option.Option<GlobalPosition.GlobalPosition>,
  events: ReadonlyArray<RecordedEvent>
) => {
  /**
   * One try at the events `rest` from `at`: as one unit; when that keeps failing for the
   * projection's own reason, event by event to find the poison event, failing with
   * `ProjectionFailed` naming it. A passing failure, of the batch or of one event, ends the try
   * with `Stalled` instead.
   */
  const tryFrom = (at: Option.Option<GlobalPosition.GlobalPosition>, rest: ReadonlyArray<RecordedEvent>) =>
    Effect.gen(function* () {
      const whole = yield* Effect.either(applyUnit(env, projection, at, rest))
      if (Either.isRight(whole)) return whole.right
      yield* sortFailure(env, whole.left, at, 0)
      // A batch that keeps failing because another runner applied it first is no poison.
      yield* failIfMoved(env, projection.name, at)
      return yield* findPoison(env, projection, at, rest, whole.left)
    })

  return Effect.gen(function* () {
    const { maxRetryDelay, retryDelay } = env.settings
    let at = from
    let rest = events
    let delay = retryDelay
    while (true) {
      const outcome = yield* tryFrom(at, rest).pipe(
        Effect.map(Either.right),
        Effect.catchTag("Stalled", (stalled) => Effect.succeed(Either.left(stalled)))
      )
      if (Either.isRight(outcome)) return outcome.right
      const stalled = outcome.left
      at = stalled.at
      rest = rest.slice(stalled.done)
      yield* env.statuses.set(projection.name, {
        position: Option.getOrUndefined(at),
        lastError: `retrying a batch that failed for a passing reason: ${describeError(stalled.failure)}`
      })
      yield* Effect.sleep(Duration.millis(Math.min(maxRetryDelay, delay * (0.5 + (yield* Random.next)))))
      delay = Math.min(delay * 2, maxRetryDelay)
    }
  })
}
