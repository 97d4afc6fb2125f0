/**
 * A `Clock` stopped at one instant, for running deciders synchronously at a chosen time
 * (Effect's `TestClock` needs a layer, and so an asynchronous run).
 *
 * @since 0.1.0
 */
import { Clock, Effect } from "effect"

/** A clock that always reads `instant`; sleeping returns at once. */
export const make = (instant: Date | string | number): Clock.Clock => {
  const millis = new Date(instant).getTime()
  if (Number.isNaN(millis)) throw new Error(`FixedClock.make: ${String(instant)} is not an instant`)
  const nanos = BigInt(millis) * 1_000_000n
  return {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => millis,
    currentTimeMillis: Effect.succeed(millis),
    unsafeCurrentTimeNanos: () => nanos,
    currentTimeNanos: Effect.succeed(nanos),
    sleep: () => Effect.void
  }
}

/** Runs `effect` with the clock stopped at `instant`. */
export const at =
  (instant: Date | string | number) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.withClock(effect, make(instant))
