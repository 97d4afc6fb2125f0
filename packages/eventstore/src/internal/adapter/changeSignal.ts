/** The signal that wakes subscribers when new events may have been stored. */
import { Effect, Stream, SubscriptionRef } from "effect"

/**
 * A signal that new events may have been stored: a counter that moves on, and a wait for a change
 * after a count seen. A change may name the stream categories it stored events of; a subscriber
 * of some categories then wakes only for a change of one of them (or for a change that names none).
 */
export interface ChangeSignal {
  readonly current: Effect.Effect<number>
  /**
   * Completes once the counter moved past `seen` by a change that concerns `categories`: one that
   * names one of them, or names none; any change when `categories` is absent.
   */
  readonly awaitChange: (seen: number, categories?: ReadonlyArray<string> | undefined) => Effect.Effect<void>
  /** Moves the counter on, waking every subscriber. */
  readonly notify: Effect.Effect<void>
  /** Moves the counter on for events of `categories`, waking their subscribers (and those of every category). */
  readonly notifyCategories: (categories: Iterable<string>) => Effect.Effect<void>
}

/** The counter, the count of the last change that named no category, and of the last change of each category. */
interface Changes {
  readonly count: number
  readonly lastOfAll: number
  readonly lastOf: ReadonlyMap<string, number>
}

const concerns = (changes: Changes, seen: number, categories: ReadonlyArray<string> | undefined): boolean =>
  categories === undefined
    ? changes.count !== seen
    : changes.lastOfAll > seen || categories.some((category) => (changes.lastOf.get(category) ?? Number.NEGATIVE_INFINITY) > seen)

/** A `ChangeSignal` in memory. */
export const makeChangeSignal: Effect.Effect<ChangeSignal> = Effect.map(
  SubscriptionRef.make<Changes>({ count: 0, lastOfAll: 0, lastOf: new Map() }),
  (ref) => ({
    current: Effect.map(SubscriptionRef.get(ref), (changes) => changes.count),
    awaitChange: (seen, categories) =>
      ref.changes.pipe(
        Stream.filter((changes) => concerns(changes, seen, categories)),
        Stream.take(1),
        Stream.runDrain
      ),
    notify: SubscriptionRef.update(ref, (changes) => ({ ...changes, count: changes.count + 1, lastOfAll: changes.count + 1 })),
    notifyCategories: (categories) =>
      SubscriptionRef.update(ref, (changes) => {
        const count = changes.count + 1
        const lastOf = new Map(changes.lastOf)
        for (const category of categories) lastOf.set(category, count)
        return { ...changes, count, lastOf }
      })
  })
)
