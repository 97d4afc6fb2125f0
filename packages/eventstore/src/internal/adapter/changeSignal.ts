/** The signal that wakes subscribers when new events may have been stored. */
import { Deferred, Effect, Exit, FiberId } from "effect"

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
  count: number
  lastOfAll: number
  readonly lastOf: Map<string, number>
}

const concerns = (changes: Changes, seen: number, categories: ReadonlyArray<string> | undefined): boolean =>
  categories === undefined
    ? changes.count !== seen
    : changes.lastOfAll > seen || categories.some((category) => (changes.lastOf.get(category) ?? Number.NEGATIVE_INFINITY) > seen)

/** A subscriber waiting for a change after `seen` of `categories`. */
interface Waiter {
  readonly seen: number
  readonly categories: ReadonlyArray<string> | undefined
  readonly woken: Deferred.Deferred<void>
}

/**
 * A `ChangeSignal` in memory. A change looks at each waiting subscriber once and wakes those it
 * concerns; the others go on waiting without running anything (subscribers of other categories
 * cost a comparison per change, not a wake-up).
 */
export const makeChangeSignal: Effect.Effect<ChangeSignal> = Effect.sync(() => {
  const changes: Changes = { count: 0, lastOfAll: 0, lastOf: new Map() }
  const waiters = new Set<Waiter>()
  const wake = () => {
    for (const waiter of waiters) {
      if (concerns(changes, waiter.seen, waiter.categories)) {
        waiters.delete(waiter)
        Deferred.unsafeDone(waiter.woken, Exit.void)
      }
    }
  }
  return {
    current: Effect.sync(() => changes.count),
    awaitChange: (seen, categories) =>
      Effect.suspend(() => {
        if (concerns(changes, seen, categories)) return Effect.void
        const waiter: Waiter = { seen, categories, woken: Deferred.unsafeMake<void>(FiberId.none) }
        waiters.add(waiter)
        return Effect.ensuring(
          Deferred.await(waiter.woken),
          Effect.sync(() => waiters.delete(waiter))
        )
      }),
    notify: Effect.sync(() => {
      changes.count += 1
      changes.lastOfAll = changes.count
      wake()
    }),
    notifyCategories: (categories) =>
      Effect.sync(() => {
        changes.count += 1
        for (const category of categories) changes.lastOf.set(category, changes.count)
        wake()
      })
  }
})
