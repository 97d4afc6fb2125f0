/**
 * The workload's time: an Effect `Clock` that reads an instant the generator moves forward, so
 * that the deciders date their events (`CalendarDate.today`, `Clock.currentTimeMillis`) on the
 * workload's calendar and not on the machine's.
 */
import { Clock, Effect } from "effect"

/** A clock the workload moves forward. */
export interface SimulatedClock {
  readonly clock: Clock.Clock
  /** The instant the clock reads, in epoch milliseconds. */
  readonly now: () => number
  /** Moves the clock forward by `millis` (never backward). */
  readonly advance: (millis: number) => void
}

/** A clock reading `start` until it is advanced; sleeping returns at once. */
export const make = (start: Date): SimulatedClock => {
  let millis = start.getTime()
  const clock: Clock.Clock = {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => millis,
    currentTimeMillis: Effect.sync(() => millis),
    unsafeCurrentTimeNanos: () => BigInt(millis) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => BigInt(millis) * 1_000_000n),
    sleep: () => Effect.void
  }
  return {
    clock,
    now: () => millis,
    advance: (by) => {
      millis += Math.max(0, Math.round(by))
    }
  }
}
