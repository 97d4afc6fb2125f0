/**
 * Recording the metrics of `StoreMetrics`: around an adapter's append and a projection's batch.
 *
 * @internal
 */
import { Cause, Duration, Effect, Exit, Metric, Option } from "effect"
import * as StoreMetrics from "../StoreMetrics.js"

/** `make(key)`, made once per key: a tagged metric's key is hashed when it is made. */
const memo = <A>(make: (key: string) => A): ((key: string) => A) => {
  const made = new Map<string, A>()
  return (key) => {
    let value = made.get(key)
    if (value === undefined) {
      value = make(key)
      made.set(key, value)
    }
    return value
  }
}

/** The append metrics of a stream category. */
const appendMetricsOf = memo((category: string) => ({
  duration: Metric.tagged(StoreMetrics.appendDuration, StoreMetrics.categoryTag, category),
  events: Metric.tagged(StoreMetrics.appendEvents, StoreMetrics.categoryTag, category),
  conflicts: Metric.tagged(StoreMetrics.appendConflicts, StoreMetrics.categoryTag, category)
}))

/** The metrics of a projection. */
const projectionMetricsOf = memo((name: string) => ({
  lag: Metric.tagged(StoreMetrics.projectionLag, StoreMetrics.projectionTag, name),
  batchDuration: Metric.tagged(StoreMetrics.projectionBatchDuration, StoreMetrics.projectionTag, name)
}))

/** `append` of `events` events to a stream of `category`, recorded in the append metrics (unless interrupted). */
export const trackAppend = <A, E extends { readonly _tag: string }, R>(
  category: string,
  events: number,
  append: Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> => {
  const metrics = appendMetricsOf(category)
  return Effect.clockWith((clock) => {
    const started = clock.unsafeCurrentTimeNanos()
    return Effect.onExit(append, (exit) => {
      if (Exit.isInterrupted(exit)) return Effect.void
      const duration = Metric.update(metrics.duration, Duration.nanos(clock.unsafeCurrentTimeNanos() - started))
      if (Exit.isSuccess(exit)) return Effect.zipRight(duration, Metric.update(metrics.events, events))
      const conflict = Option.exists(Cause.failureOption(exit.cause), (error) => error._tag === "ExpectedVersionConflict")
      return conflict ? Effect.zipRight(duration, Metric.increment(metrics.conflicts)) : duration
    })
  })
}

/** Sets the lag gauge of projection `name` to `lag`, exact (counted by `status`). */
export const setLag = (name: string, lag: number): Effect.Effect<void> => Metric.set(projectionMetricsOf(name).lag, lag)

/**
 * `apply` of a batch of `events` events, timed in the batch histogram of projection `name`; then
 * its lag gauge: 0 after a short batch (`live`: nothing more was there), lowered by `events`
 * (to no less than 1) after a full one.
 */
export const trackBatch = <A, E, R>(name: string, events: number, live: boolean, apply: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> => {
  const metrics = projectionMetricsOf(name)
  return apply.pipe(
    Metric.trackDuration(metrics.batchDuration),
    Effect.tap(() =>
      live
        ? Metric.set(metrics.lag, 0)
        : Effect.flatMap(Metric.value(metrics.lag), (state) => Metric.set(metrics.lag, Math.max(1, state.value - events)))
    )
  )
}
