/**
 * The host's HTTP metrics, on Effect's `Metric` API (exported with the rest by `Telemetry`),
 * recorded by `logRequests` once per request when its response is known. Tags: `method`,
 * `route` (the endpoint's path template, e.g. `/opop/products/:productId`, never the concrete
 * path with its ids; `unmatched` when no endpoint answers it) and `status` (499 when the client
 * went away first).
 */
import { type Duration, Effect, Metric } from "effect"

/** The `route` of a request no endpoint answers (an unknown path, a preflight). */
export const unmatchedRoute = "unmatched"

/** Requests answered, by `method`, `route` and `status`. */
export const httpRequests = Metric.counter("http.server.requests", {
  description: "HTTP requests answered by the host",
  incremental: true
})

/** How long the host took to answer a request (to its response's head), in milliseconds, by `method`, `route` and `status`. */
export const httpRequestDuration = Metric.timerWithBoundaries(
  "http.server.request.duration",
  [1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000],
  "How long the host took to answer an HTTP request, in milliseconds"
)

/** Records one answered request in both metrics. */
export const recordRequest = (request: {
  readonly method: string
  readonly route: string
  readonly status: number
  readonly duration: Duration.Duration
}): Effect.Effect<void> => {
  const tagged = <Type, In, Out>(metric: Metric.Metric<Type, In, Out>) =>
    metric.pipe(
      Metric.tagged("method", request.method),
      Metric.tagged("route", request.route),
      Metric.tagged("status", String(request.status))
    )
  return Effect.zipRight(Metric.increment(tagged(httpRequests)), Metric.update(tagged(httpRequestDuration), request.duration))
}
