/**
 * Telemetry over OTLP: Effect's spans and metrics (the store's `StoreMetrics`, the host's
 * `HttpMetrics`) sent to an OpenTelemetry collector as OTLP/HTTP JSON, through
 * `@effect/opentelemetry`'s `OtlpTracer` and `OtlpMetrics` on `@effect/platform`'s fetch client
 * (no OpenTelemetry SDK). Configured by the standard environment variables; without
 * `OTEL_EXPORTER_OTLP_ENDPOINT` the layer is empty: nothing is exported, nothing runs.
 */
import { FetchHttpClient } from "@effect/platform"
import * as OtlpMetrics from "@effect/opentelemetry/OtlpMetrics"
import * as OtlpSerialization from "@effect/opentelemetry/OtlpSerialization"
import * as OtlpTracer from "@effect/opentelemetry/OtlpTracer"
import { Config, ConfigError, Duration, Effect, Either, Layer, Option } from "effect"

/** The service name spans and metrics carry unless `OTEL_SERVICE_NAME` says otherwise. */
export const defaultServiceName = "jatim-http-host"

/** Where and how telemetry is exported. */
export interface TelemetrySettings {
  /** The collector's base URL; spans go to `<endpoint>/v1/traces`, metrics to `<endpoint>/v1/metrics`. */
  readonly endpoint: string
  /** The `service.name` of the resource. */
  readonly serviceName: string
  /** Headers sent with every export (e.g. an API key). */
  readonly headers: Readonly<Record<string, string>>
  /** How often finished spans are sent. */
  readonly traceExportInterval: Duration.Duration
  /** How often the metrics are sent. */
  readonly metricExportInterval: Duration.Duration
}

/**
 * `OTEL_EXPORTER_OTLP_HEADERS`: `key=value` pairs separated by commas, values URL-encoded (the
 * OpenTelemetry specification's format), e.g. `authorization=Bearer%20abc,x-team=koperasi`.
 */
export const parseHeaders = (text: string): Either.Either<Record<string, string>, string> => {
  const headers: Record<string, string> = {}
  for (const entry of text.split(",")) {
    if (entry.trim() === "") continue
    const equals = entry.indexOf("=")
    const key = equals === -1 ? "" : entry.slice(0, equals).trim().toLowerCase()
    if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(key)) {
      return Either.left(`"${entry.trim()}" is not a header as key=value`)
    }
    try {
      headers[key] = decodeURIComponent(entry.slice(equals + 1).trim())
    } catch {
      return Either.left(`the value of header "${key}" is not URL-encoded`)
    }
  }
  return Either.right(headers)
}

/** A base URL over HTTP(S), without its trailing slashes. */
const endpointConfig = Config.string("OTEL_EXPORTER_OTLP_ENDPOINT").pipe(
  Config.mapOrFail((text) => {
    const trimmed = text.trim().replace(/\/+$/, "")
    const url = URL.canParse(trimmed) ? new URL(trimmed) : undefined
    return url !== undefined && (url.protocol === "http:" || url.protocol === "https:")
      ? Either.right(trimmed)
      : Either.left(ConfigError.InvalidData([], `Expected an http(s) URL such as http://localhost:4318, but received "${text}"`))
  })
)

/** Milliseconds, as the OpenTelemetry variables give them. */
const millis = (name: string, fallback: number) =>
  Config.integer(name).pipe(
    Config.validate({ message: "Expected a positive number of milliseconds", validation: (n) => n > 0 }),
    Config.withDefault(fallback),
    Config.map(Duration.millis)
  )

/**
 * The settings from the environment, or none when `OTEL_EXPORTER_OTLP_ENDPOINT` is unset or
 * empty (then nothing else is read): `OTEL_SERVICE_NAME` (`serviceName` by default),
 * `OTEL_EXPORTER_OTLP_HEADERS`, `OTEL_BSP_SCHEDULE_DELAY` (spans, 5,000 ms) and
 * `OTEL_METRIC_EXPORT_INTERVAL` (metrics, 60,000 ms). A malformed value is a `ConfigError`
 * naming its variable.
 */
export const config = (
  serviceName: string = defaultServiceName
): Effect.Effect<Option.Option<TelemetrySettings>, ConfigError.ConfigError> =>
  Effect.gen(function* () {
    const endpoint = yield* Config.string("OTEL_EXPORTER_OTLP_ENDPOINT").pipe(Config.withDefault(""))
    if (endpoint.trim() === "") return Option.none()
    return Option.some(
      yield* Config.all({
        endpoint: endpointConfig,
        serviceName: Config.string("OTEL_SERVICE_NAME").pipe(
          Config.withDefault(""),
          Config.map((name) => (name.trim() === "" ? serviceName : name.trim()))
        ),
        headers: Config.string("OTEL_EXPORTER_OTLP_HEADERS").pipe(
          Config.mapOrFail((text) => Either.mapLeft(parseHeaders(text), (reason) => ConfigError.InvalidData([], reason))),
          Config.withDefault({})
        ),
        traceExportInterval: millis("OTEL_BSP_SCHEDULE_DELAY", 5_000),
        metricExportInterval: millis("OTEL_METRIC_EXPORT_INTERVAL", 60_000)
      })
    )
  })

/**
 * Exports Effect's spans and metrics to `settings.endpoint` as OTLP/HTTP JSON while the layer
 * lives; what is left is sent when it closes (waiting at most 3 s for the collector).
 */
export const layer = (settings: TelemetrySettings): Layer.Layer<never> => {
  const resource = { serviceName: settings.serviceName }
  return Layer.mergeAll(
    OtlpTracer.layer({
      url: `${settings.endpoint}/v1/traces`,
      resource,
      headers: settings.headers,
      exportInterval: settings.traceExportInterval
    }),
    OtlpMetrics.layer({
      url: `${settings.endpoint}/v1/metrics`,
      resource,
      headers: settings.headers,
      exportInterval: settings.metricExportInterval
    })
  ).pipe(Layer.provide(OtlpSerialization.layerJson), Layer.provide(FetchHttpClient.layer))
}

/** `layer` of the environment's settings (see `config`), or the empty layer when none. */
export const layerConfig = (serviceName: string = defaultServiceName): Layer.Layer<never, ConfigError.ConfigError> =>
  Layer.unwrapEffect(Effect.map(config(serviceName), Option.match({ onNone: () => Layer.empty, onSome: layer })))
