/**
 * The event store's metrics, on Effect's `Metric` API: every adapter made by `Adapter.make`
 * records the append metrics, and `ProjectionRunner` the projection metrics. They live in
 * Effect's metric registry (read them with `Metric.value`, or `Metric.snapshot`); an exporter
 * such as `@effect/opentelemetry`'s `OtlpMetrics` sends them on. Names follow OpenTelemetry's
 * dotted style; a duration's unit is its `time_unit` tag (milliseconds).
 *
 * | metric | kind | tags | what |
 * |---|---|---|---|
 * | `eventstore.append.duration` | histogram (ms) | `category` | each append the adapter ran (validated), from start to its answer, success or failure |
 * | `eventstore.append.events` | histogram | `category` | events per successful append |
 * | `eventstore.append.conflicts` | counter | `category` | appends refused with `ExpectedVersionConflict` |
 * | `eventstore.projection.lag` | gauge | `projection` | events the projection still had to apply when last measured |
 * | `eventstore.projection.batch.duration` | histogram (ms) | `projection` | applying one batch and moving its checkpoint, retries included |
 *
 * @since 0.1.0
 */
import { Metric, MetricBoundaries } from "effect"

/** The tag naming the stream category of an append metric (the stream name before its first `-`). */
export const categoryTag = "category"

/** The tag naming the projection of a projection metric. */
export const projectionTag = "projection"

/** Bounds of the duration histograms, in milliseconds: 1 ms to 10 s. */
const durationBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000]

/**
 * How long each append took in the adapter, validation done: from writing to its answer,
 * successful or not (a conflict too); in milliseconds, tagged with the stream's `category`.
 */
export const appendDuration = Metric.timerWithBoundaries(
  "eventstore.append.duration",
  durationBoundaries,
  "How long an append took in the event store adapter, in milliseconds"
)

/** Events per successful append (an idempotent retry counts its events too), tagged with the `category`. */
export const appendEvents = Metric.histogram(
  "eventstore.append.events",
  MetricBoundaries.fromIterable([1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000]),
  "Events per successful append"
)

/** Appends refused with `ExpectedVersionConflict`, tagged with the `category`. */
export const appendConflicts = Metric.counter("eventstore.append.conflicts", {
  description: "Appends refused because the stream was not at the expected version",
  incremental: true
})

/**
 * Events the projection still had to apply when last measured, tagged with the `projection`:
 * exact (up to the runner's `lagCap`) each time the runner's `status` is read; a batch that
 * empties the backlog sets it to 0, and a full batch lowers it by its size (to no less than 1).
 */
export const projectionLag = Metric.gauge("eventstore.projection.lag", {
  description: "Events the projection still had to apply when last measured"
})

/**
 * How long applying one batch took, with its checkpoint's move and its retries; in
 * milliseconds, tagged with the `projection`.
 */
export const projectionBatchDuration = Metric.timerWithBoundaries(
  "eventstore.projection.batch.duration",
  durationBoundaries,
  "How long a projection took to apply a batch of events and move its checkpoint, in milliseconds"
)
