/** The signal that wakes subscribers when new events may have been stored. */
import { Effect, Stream, SubscriptionRef } from "effect"

/** A signal that new events may have been stored: a counter that changes, and a wait for its change. */
export interface ChangeSignal {
  readonly current: Effect.Effect<number>
  /** Completes once the counter differs from `seen`. */
  readonly awaitChange: (seen: number) => Effect.Effect<void>
  /** Moves the counter on, waking every subscriber. */
  readonly notify: Effect.Effect<void>
}

/** A `ChangeSignal` in memory. */
export const makeChangeSignal: Effect.Effect<ChangeSignal> = Effect.map(SubscriptionRef.make(0), (ref) => ({
  current: SubscriptionRef.get(ref),
  awaitChange: (seen) =>
    ref.changes.pipe(
      Stream.filter((n) => n !== seen),
      Stream.take(1),
      Stream.runDrain
    ),
  notify: SubscriptionRef.update(ref, (n) => n + 1)
}))
