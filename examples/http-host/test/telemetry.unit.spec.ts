/**
 * The telemetry settings from the environment (`Telemetry.config`): without
 * `OTEL_EXPORTER_OTLP_ENDPOINT` there are none and the layer is empty (no exporter, the tracer
 * untouched); malformed values are refused with the variable's name.
 */
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Context, Duration, Effect, Either, Exit, Layer, Option } from "effect"
import * as Telemetry from "../src/telemetry/Telemetry.js"

const withEnv = (env: Record<string, string>) => Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

describe("Telemetry.config", () => {
  it.effect("without OTEL_EXPORTER_OTLP_ENDPOINT (or with it empty) there is nothing to export, whatever else is set", () =>
    Effect.gen(function* () {
      expect(yield* withEnv({})(Telemetry.config())).toEqual(Option.none())
      expect(
        yield* withEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: " ", OTEL_SERVICE_NAME: "x", OTEL_BSP_SCHEDULE_DELAY: "no" })(Telemetry.config())
      ).toEqual(Option.none())
    })
  )

  it.effect("without OTEL_EXPORTER_OTLP_ENDPOINT the layer is empty: the tracer stays the one in place, no service is added", () =>
    Effect.gen(function* () {
      const before = yield* Effect.tracer
      const { context, tracer } = yield* Effect.scoped(
        Effect.gen(function* () {
          const context = yield* Layer.build(Telemetry.layerConfig())
          return { context, tracer: yield* Effect.provide(Effect.tracer, context) }
        })
      ).pipe(withEnv({}))
      expect(tracer).toBe(before)
      expect(Context.isContext(context) && context.unsafeMap.size).toBe(0)
    })
  )

  it.effect("reads the endpoint, service name, headers and intervals", () =>
    Effect.gen(function* () {
      const settings = yield* withEnv({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318//",
        OTEL_EXPORTER_OTLP_HEADERS: "Authorization=Bearer%20abc, x-team=koperasi,",
        OTEL_BSP_SCHEDULE_DELAY: "250",
        OTEL_METRIC_EXPORT_INTERVAL: "1000"
      })(Telemetry.config())
      expect(Option.getOrThrow(settings)).toEqual({
        endpoint: "http://collector:4318",
        serviceName: "jatim-http-host",
        headers: { authorization: "Bearer abc", "x-team": "koperasi" },
        traceExportInterval: Duration.millis(250),
        metricExportInterval: Duration.millis(1000)
      })
      const named = yield* withEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "https://otel.example.org", OTEL_SERVICE_NAME: "jatim-host-2" })(
        Telemetry.config("jatim-cli")
      )
      expect(Option.map(named, (s) => [s.serviceName, s.traceExportInterval, s.metricExportInterval])).toEqual(
        Option.some(["jatim-host-2", Duration.millis(5_000), Duration.millis(60_000)])
      )
      // The caller's default name (the CLI's) when OTEL_SERVICE_NAME is unset.
      const cli = yield* withEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "https://otel.example.org" })(Telemetry.config("jatim-cli"))
      expect(Option.map(cli, (s) => s.serviceName)).toEqual(Option.some("jatim-cli"))
    })
  )

  it.effect("refuses a malformed setting with the variable's name", () =>
    Effect.gen(function* () {
      const refused = (env: Record<string, string>) =>
        Effect.map(Effect.exit(withEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", ...env })(Telemetry.config())), (exit) =>
          Exit.isFailure(exit) ? String(exit.cause) : "accepted"
        )
      expect(yield* refused({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toContain("OTEL_EXPORTER_OTLP_ENDPOINT")
      expect(yield* refused({ OTEL_EXPORTER_OTLP_ENDPOINT: "ftp://collector" })).toContain("http(s) URL")
      expect(yield* refused({ OTEL_EXPORTER_OTLP_HEADERS: "no-equals-sign" })).toContain("OTEL_EXPORTER_OTLP_HEADERS")
      expect(yield* refused({ OTEL_EXPORTER_OTLP_HEADERS: "x-key=%E0%A4%A" })).toContain("not URL-encoded")
      expect(yield* refused({ OTEL_BSP_SCHEDULE_DELAY: "0" })).toContain("OTEL_BSP_SCHEDULE_DELAY")
      expect(yield* refused({ OTEL_METRIC_EXPORT_INTERVAL: "soon" })).toContain("OTEL_METRIC_EXPORT_INTERVAL")
    })
  )
})

describe("Telemetry.parseHeaders", () => {
  it("reads key=value pairs, keys in lower case and values URL-decoded", () => {
    expect(Telemetry.parseHeaders("")).toEqual(Either.right({}))
    expect(Telemetry.parseHeaders("a=1,B=x%3Dy")).toEqual(Either.right({ a: "1", b: "x=y" }))
    expect(Either.isLeft(Telemetry.parseHeaders("bad key=1"))).toBe(true)
  })
})
