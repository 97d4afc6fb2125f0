/**
 * Telemetry over OTLP, end to end: a host whose `OTEL_*` settings point at a tiny OTLP receiver
 * (a Node HTTP server keeping the JSON posted to `/v1/traces` and `/v1/metrics`) exports the
 * request's span with the store's spans inside it, in one trace, and the metrics of the store
 * and of the HTTP requests.
 */
import { createServer, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import { ConfigProvider, Effect, Option } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import * as Telemetry from "../src/telemetry/Telemetry.js"
import { adminOf, dinas, hostPerFile } from "./support.js"

/** What the receiver was sent, by path, each body parsed as JSON. */
const received = new Map<string, Array<unknown>>()

const readBody = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let body = ""
    request.setEncoding("utf8")
    request.on("data", (chunk: string) => {
      body += chunk
    })
    request.on("end", () => resolve(body))
    request.on("error", reject)
  })

const receiver = createServer((request, response) => {
  void readBody(request).then((body) => {
    const path = request.url ?? ""
    received.set(path, [
      ...(received.get(path) ?? []),
      { contentType: request.headers["content-type"], apiKey: request.headers["x-api-key"], body: JSON.parse(body) }
    ])
    response.writeHead(200, { "content-type": "application/json" }).end("{}")
  })
})
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve))
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())))
const endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`

/** The telemetry layer as `main.ts` builds it, from these settings instead of the process's environment. */
const settings = Effect.runSync(
  Telemetry.config().pipe(
    Effect.withConfigProvider(
      ConfigProvider.fromMap(
        new Map([
          ["OTEL_EXPORTER_OTLP_ENDPOINT", `${endpoint}/`],
          ["OTEL_EXPORTER_OTLP_HEADERS", "x-api-key=rahasia%20tim"],
          ["OTEL_BSP_SCHEDULE_DELAY", "100"],
          ["OTEL_METRIC_EXPORT_INTERVAL", "200"]
        ])
      )
    )
  )
)

const suite = hostPerFile("http_host_telemetry", { telemetry: Telemetry.layer(Option.getOrThrow(settings)) })

/** The OTLP JSON shapes the test reads (the rest of each message is left unchecked). */
interface KeyValue {
  readonly key: string
  readonly value: { readonly stringValue?: string; readonly intValue?: number | string }
}
interface Span {
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId?: string
  readonly name: string
  readonly kind: number
  readonly attributes: ReadonlyArray<KeyValue>
}
interface DataPoint {
  readonly attributes: ReadonlyArray<KeyValue>
  readonly count?: number | string
  readonly asInt?: number | string
  readonly asDouble?: number
}
interface MetricData {
  readonly name: string
  readonly unit: string
  readonly sum?: { readonly dataPoints: ReadonlyArray<DataPoint> }
  readonly gauge?: { readonly dataPoints: ReadonlyArray<DataPoint> }
  readonly histogram?: { readonly dataPoints: ReadonlyArray<DataPoint> }
}
interface Export<Item> {
  readonly contentType: string
  readonly apiKey: string | undefined
  readonly body: {
    readonly resourceSpans?: ReadonlyArray<{
      readonly resource: { readonly attributes: ReadonlyArray<KeyValue> }
      readonly scopeSpans: ReadonlyArray<{ readonly spans: ReadonlyArray<Item> }>
    }>
    readonly resourceMetrics?: ReadonlyArray<{
      readonly resource: { readonly attributes: ReadonlyArray<KeyValue> }
      readonly scopeMetrics: ReadonlyArray<{ readonly metrics: ReadonlyArray<Item> }>
    }>
  }
}

/** Polls `find` every 50 ms until it finds something (at most 15 s: exports run every 100 to 200 ms). */
const eventually = async <A>(find: () => A | undefined): Promise<A> => {
  const deadline = Date.now() + 15_000
  for (;;) {
    const found = find()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error("The receiver was not sent it within 15 s.")
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const attribute = (attributes: ReadonlyArray<KeyValue>, key: string) => attributes.find((a) => a.key === key)?.value.stringValue

const spans = (): ReadonlyArray<Span> =>
  ((received.get("/v1/traces") ?? []) as ReadonlyArray<Export<Span>>).flatMap((e) =>
    (e.body.resourceSpans ?? []).flatMap((r) => r.scopeSpans.flatMap((s) => s.spans))
  )

/** The metrics of the latest export (cumulative: it holds everything so far). */
const latestMetrics = (): ReadonlyArray<MetricData> => {
  const exports = (received.get("/v1/metrics") ?? []) as ReadonlyArray<Export<MetricData>>
  const last = exports[exports.length - 1]
  return last === undefined ? [] : (last.body.resourceMetrics ?? []).flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics))
}

describe("telemetry over OTLP", () => {
  it("exports a command's request as one trace, with the store's append spans inside the request's span", async () => {
    const nspp = "510035170777"
    const reply = await suite.post(
      "/opop/pesantren/register",
      dinas,
      { nspp, name: "Pondok Pesantren Telemetri", regionCode: "35.17", pengasuh: "KH. Penguji", santriCount: 120 },
      { "x-request-id": "telemetry-register-1" }
    )
    expect(reply.status).toBe(200)

    // The request's span: the server's, for our request id.
    const requestSpan = await eventually(() =>
      spans().find((span) => span.kind === 2 && attribute(span.attributes, "http.request.header.x-request-id") === "telemetry-register-1")
    )
    expect(requestSpan.parentSpanId ?? "").toBe("")
    expect(attribute(requestSpan.attributes, "http.route")).toBe("/opop/pesantren/register")
    // The token never leaves the host.
    expect(attribute(requestSpan.attributes, "http.request.header.authorization")).toBe("<redacted>")

    // Its trace: every span of it, linked to the request's by their parents.
    const trace = await eventually(() => {
      const inTrace = spans().filter((span) => span.traceId === requestSpan.traceId)
      return inTrace.some((span) => span.name === "EventStore.appendToStream") ? inTrace : undefined
    })
    const byId = new Map(trace.map((span) => [span.spanId, span]))
    const ancestors = (span: Span): ReadonlyArray<string> => {
      const parent = span.parentSpanId === undefined ? undefined : byId.get(span.parentSpanId)
      return parent === undefined ? [] : [parent.spanId, ...ancestors(parent)]
    }
    const appends = trace.filter((span) => span.name === "EventStore.appendToStream")
    expect(appends.length).toBeGreaterThanOrEqual(1)
    for (const append of appends) expect(ancestors(append)).toContain(requestSpan.spanId)
    expect(appends.map((span) => attribute(span.attributes, "streamName"))).toContain(`pesantren-${nspp}`)
    // Only the request's span is a root: every other span of the trace hangs below it.
    for (const span of trace) if (span !== requestSpan) expect(ancestors(span)).toContain(requestSpan.spanId)

    // The resource names the service; the exports went as JSON, with the configured header's value decoded.
    const traces = received.get("/v1/traces") as ReadonlyArray<Export<Span>>
    expect(traces[0]!.contentType).toBe("application/json")
    expect(traces[0]!.apiKey).toBe("rahasia tim")
    expect(attribute(traces[0]!.body.resourceSpans![0]!.resource.attributes, "service.name")).toBe("jatim-http-host")
  })

  it("exports the store's and the HTTP requests' metrics", async () => {
    const nspp = "510035170778"
    expect(
      (
        await suite.post("/opop/pesantren/register", dinas, {
          nspp,
          name: "Pondok Pesantren Metrik",
          regionCode: "35.17",
          pengasuh: "KH. Penguji",
          santriCount: 80
        })
      ).status
    ).toBe(200)
    expect((await suite.get(`/opop/pesantren/${nspp}`, adminOf(nspp))).status).toBe(200)

    const metric = (name: string) => latestMetrics().find((m) => m.name === name)
    const metrics = await eventually(() => {
      const requests = metric("http.server.requests")
      const read = requests?.sum?.dataPoints.find((p) => attribute(p.attributes, "route") === "/opop/pesantren/:nspp")
      return read === undefined ? undefined : latestMetrics()
    })
    const named = (name: string) => metrics.find((m) => m.name === name)

    // Appends: a latency histogram and a size histogram, per stream category.
    const appendDuration = named("eventstore.append.duration")?.histogram?.dataPoints.find(
      (p) => attribute(p.attributes, "category") === "pesantren"
    )
    expect(Number(appendDuration?.count)).toBeGreaterThanOrEqual(2)
    expect(named("eventstore.append.duration")?.unit).toBe("milliseconds")
    const appendEvents = named("eventstore.append.events")?.histogram?.dataPoints.find(
      (p) => attribute(p.attributes, "category") === "pesantren"
    )
    expect(Number(appendEvents?.count)).toBeGreaterThanOrEqual(2)

    // HTTP requests by method, route (the endpoint's template, never the id) and status.
    const requests = named("http.server.requests")?.sum?.dataPoints ?? []
    const count = (method: string, route: string, status: string) =>
      requests
        .filter(
          (p) =>
            attribute(p.attributes, "method") === method &&
            attribute(p.attributes, "route") === route &&
            attribute(p.attributes, "status") === status
        )
        .reduce((sum, p) => sum + Number(p.asInt ?? p.asDouble ?? 0), 0)
    expect(count("POST", "/opop/pesantren/register", "200")).toBeGreaterThanOrEqual(2)
    expect(count("GET", "/opop/pesantren/:nspp", "200")).toBe(1)
    expect(requests.some((p) => attribute(p.attributes, "route")?.includes(nspp))).toBe(false)
    const durations = named("http.server.request.duration")?.histogram?.dataPoints ?? []
    expect(durations.some((p) => attribute(p.attributes, "route") === "/opop/pesantren/:nspp" && Number(p.count) === 1)).toBe(true)

    // An unknown path is counted under one route, whatever the path.
    expect((await suite.get("/no/such/endpoint/42")).status).toBe(404)
    await eventually(() => {
      const points = latestMetrics().find((m) => m.name === "http.server.requests")?.sum?.dataPoints ?? []
      return points.find((p) => attribute(p.attributes, "route") === "unmatched" && attribute(p.attributes, "status") === "404")
    })

    // The projections that applied the pesantren: their batch time and lag.
    const batches = named("eventstore.projection.batch.duration")?.histogram?.dataPoints ?? []
    expect(batches.some((p) => Number(p.count) >= 1 && attribute(p.attributes, "projection") !== undefined)).toBe(true)
    expect(named("eventstore.projection.lag")?.gauge?.dataPoints.length ?? 0).toBeGreaterThanOrEqual(1)
  })
})
