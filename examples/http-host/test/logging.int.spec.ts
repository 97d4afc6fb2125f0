/**
 * Request logging and the server's timeouts (issue 15, item 11), over HTTP on PostgreSQL: one
 * JSON line per request with its method, path, status, duration, request id and actor role —
 * never a token, never a body —, a 5xx logged with its cause, a request id taken or drawn and
 * echoed, and slow or idle connections closed by the server.
 */
import { PgClient } from "@effect/sql-pg"
import { Effect, Logger } from "effect"
import { connect, type Socket } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { dinas, type Host, hostPerFile, kop, startHost } from "./support.js"

/** A log line as `Logger.jsonLogger` writes it. */
interface LogLine {
  readonly message: string
  readonly logLevel: string
  readonly cause?: string
  readonly annotations: Record<string, unknown>
}

/** A logger that keeps every line the host writes, as it writes it (JSON text). */
const capture = () => {
  const lines: Array<string> = []
  const logger = Logger.map(Logger.jsonLogger, (line) => {
    lines.push(line)
  })
  /** The request lines written so far, parsed. */
  const requests = (): ReadonlyArray<LogLine> =>
    lines.map((line) => JSON.parse(line) as LogLine).filter((line) => line.message.startsWith("HTTP request"))
  return { lines, logger, requests }
}

const log = capture()
const suite = hostPerFile("http_logging", { logger: log.logger })
const { get, post } = suite

/** The request lines written since `from` lines were, once `count` have been. */
const linesSince = async (from: number, count: number): Promise<ReadonlyArray<LogLine>> => {
  // A line is written as its response is sent: it may follow the client's read by a moment.
  for (let i = 0; i < 100 && log.requests().length < from + count; i++) await new Promise((resolve) => setTimeout(resolve, 20))
  return log.requests().slice(from)
}

describe("request logging", () => {
  it("logs every request once, as JSON: method, path, status, duration, request id, actor role; never a token or a body", async () => {
    const from = log.requests().length
    const secretName = "Pondok Pesantren Rahasia Log"
    const nspp = "510035173001"
    const registered = await post("/opop/pesantren/register", dinas, {
      nspp,
      name: secretName,
      regionCode: "35.17",
      pengasuh: "KH. Uji",
      santriCount: 40
    })
    expect(registered.status).toBe(200)
    const refused = await post("/opop/pesantren/verify", kop("3578010000009999"), { nspp })
    expect(refused.status).toBe(403)
    expect((await get(`/opop/pesantren/${nspp}?nameContains=Rahasia`)).status).toBe(200)
    expect((await post("/opop/pesantren/verify", "not-a-token", { nspp })).status).toBe(401)
    expect((await get("/no/such/route")).status).toBe(404)
    const lines = await linesSince(from, 5)
    expect(lines.map((line) => line.annotations)).toEqual([
      expect.objectContaining({ method: "POST", path: "/opop/pesantren/register", status: 200, actorRole: "DINAS_OFFICER" }),
      expect.objectContaining({ method: "POST", path: "/opop/pesantren/verify", status: 403, actorRole: "KOPERASI_ADMIN" }),
      expect.objectContaining({ method: "GET", path: `/opop/pesantren/${nspp}`, status: 200, actorRole: "ANONYMOUS" }),
      expect.objectContaining({ method: "POST", path: "/opop/pesantren/verify", status: 401, actorRole: null }),
      expect.objectContaining({ method: "GET", path: "/no/such/route", status: 404, actorRole: null })
    ])
    for (const line of lines) {
      expect(line.logLevel).toBe("INFO")
      expect(typeof line.annotations["durationMs"]).toBe("number")
      expect(line.annotations["durationMs"]).toBeGreaterThanOrEqual(0)
      expect(line.annotations["requestId"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    }
    expect(new Set(lines.map((line) => line.annotations["requestId"])).size).toBe(5)
    // Neither a token, nor a body, nor a query string is in any line the host wrote.
    const written = log.lines.join("\n")
    for (const secret of [dinas, await kop("3578010000009999"), "not-a-token", secretName, "nameContains", "Rahasia"]) {
      expect(written).not.toContain(secret)
    }
  })

  it("takes a valid X-Request-Id and echoes it; draws one for a missing or invalid one", async () => {
    const from = log.requests().length
    const given = await fetch(`${suite.host.base}/health`, { headers: { "x-request-id": "trace-0af7651916cd43dd8448eb211c80319c" } })
    expect(given.headers.get("x-request-id")).toBe("trace-0af7651916cd43dd8448eb211c80319c")
    const invalid = await fetch(`${suite.host.base}/health`, { headers: { "x-request-id": 'two words"}{' } })
    const drawn = invalid.headers.get("x-request-id")
    expect(drawn).toMatch(/^[0-9a-f-]{36}$/)
    const tooLong = await fetch(`${suite.host.base}/health`, { headers: { "x-request-id": "a".repeat(129) } })
    expect(tooLong.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/)
    // An error answer carries it too.
    const refused = await fetch(`${suite.host.base}/opop/pesantren/verify`, { method: "POST", headers: { "x-request-id": "req-42" } })
    expect(refused.status).toBe(401)
    expect(refused.headers.get("x-request-id")).toBe("req-42")
    const lines = await linesSince(from, 4)
    expect(lines.map((line) => line.annotations["requestId"])).toEqual([
      "trace-0af7651916cd43dd8448eb211c80319c",
      drawn,
      tooLong.headers.get("x-request-id"),
      "req-42"
    ])
  })

  it("logs a 5xx at level Error with its cause (here the store's tables are gone: 503)", async () => {
    const run = (statement: string) =>
      Effect.runPromise(
        Effect.flatMap(PgClient.PgClient, (sql) => sql.unsafe(statement)).pipe(
          Effect.scoped,
          Effect.provide(PgClient.layer({ url: suite.databaseUrl }))
        )
      )
    const from = log.requests().length
    await run("ALTER TABLE eventstore.events RENAME TO events_away")
    try {
      const reply = await post("/opop/pesantren/register", dinas, {
        nspp: "510035173002",
        name: "Pondok Pesantren Gagal",
        regionCode: "35.17",
        pengasuh: "KH. Uji",
        santriCount: 40
      })
      expect(reply.status).toBe(503)
      expect(reply.body).toMatchObject({ _tag: "StoreFailure" })
    } finally {
      await run("ALTER TABLE eventstore.events_away RENAME TO events")
    }
    const [line] = await linesSince(from, 1)
    expect(line).toMatchObject({
      message: "HTTP request failed",
      logLevel: "ERROR",
      annotations: { method: "POST", path: "/opop/pesantren/register", status: 503, actorRole: "DINAS_OFFICER" }
    })
    expect(line!.cause).toContain("EventStoreUnavailable")
    expect(line!.cause).not.toContain("Pondok Pesantren Gagal")
  })
})

/** Opens a connection to `base`; resolves once connected. */
const open = (base: string) =>
  new Promise<Socket>((resolve, reject) => {
    const url = new URL(base)
    const socket = connect({ host: url.hostname, port: Number(url.port) }, () => resolve(socket))
    socket.on("error", reject)
  })

/** What the server sent on `socket` until it closed the connection. */
const closedBy = (socket: Socket) =>
  new Promise<string>((resolve) => {
    let received = ""
    socket.setEncoding("utf8")
    socket.on("data", (chunk: string) => (received += chunk))
    socket.on("close", () => resolve(received))
  })

describe("the server's timeouts", () => {
  let timed: Host

  beforeAll(async () => {
    timed = await startHost(suite.databaseUrl, { timeouts: { headers: "300 millis", request: "600 millis", keepAlive: "300 millis" } })
  })

  afterAll(async () => {
    await timed?.stop()
  })

  it("a client that sends half its headers and waits gets 408 and its connection closed", async () => {
    const socket = await open(timed.base)
    const closed = closedBy(socket)
    socket.write("POST /opop/pesantren/register HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n")
    expect(await closed).toMatch(/^HTTP\/1\.1 408 /)
    expect(socket.destroyed).toBe(true)
  })

  it("a client that sends its headers but not its whole body is cut off too", async () => {
    const socket = await open(timed.base)
    const closed = closedBy(socket)
    socket.write(
      `POST /opop/pesantren/register HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"nspp":`
    )
    await closed
    expect(socket.destroyed).toBe(true)
  })

  it("an idle kept-alive connection is closed after its request was answered", async () => {
    const socket = await open(timed.base)
    const closed = closedBy(socket)
    socket.write("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n")
    const received = await closed
    expect(received).toMatch(/^HTTP\/1\.1 200 /)
    expect(received).toContain("keep-alive")
    expect(socket.destroyed).toBe(true)
  })
})
