/**
 * CORS: a host configured with a list of origins answers their preflights without a token and
 * puts the CORS headers on their responses (errors too); any other origin, and every origin on a
 * host configured with none (the default), gets no CORS header at all.
 */
import { request as httpRequest } from "node:http"
import { ConfigProvider, Effect, Exit } from "effect"
import { describe, expect, it } from "vitest"
import { corsOriginsConfig, parseOrigin } from "../src/cors.js"
import { dinas, hostPerFile, startHost } from "./support.js"

const app = "https://app.example.org"
const localApp = "http://localhost:5173"
const suite = hostPerFile("http_host_cors", { corsOrigins: [app, localApp] })

/** A response's status and headers (lower-case names). */
interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string | ReadonlyArray<string> | undefined>>
}

/** Sends `method path` to `base` with `headers` (an `Origin` among them: fetch would not let us set it). */
const send = (base: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, { method, headers }, (response) => {
      response.resume()
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers }))
    })
    request.on("error", reject)
    request.end(body)
  })

/** The CORS headers of an answer. */
const corsHeaders = (answer: Answer) => Object.keys(answer.headers).filter((name) => name.startsWith("access-control-"))

const preflight = (base: string, origin: string, path = "/opop/pesantren/register") =>
  send(base, "OPTIONS", path, {
    origin,
    "access-control-request-method": "POST",
    "access-control-request-headers": "authorization, content-type, idempotency-key"
  })

describe("CORS for the configured origins", () => {
  it("answers an allowed origin's preflight with 204 and the methods and headers the API reads, without a token", async () => {
    for (const origin of [app, localApp]) {
      const answer = await preflight(suite.host.base, origin)
      expect(answer.status).toBe(204)
      expect(answer.headers["access-control-allow-origin"]).toBe(origin)
      expect(answer.headers.vary).toBe("Origin")
      expect(String(answer.headers["access-control-allow-methods"]).split(", ")).toEqual(expect.arrayContaining(["GET", "POST"]))
      expect(String(answer.headers["access-control-allow-headers"]).split(", ")).toEqual(
        expect.arrayContaining(["authorization", "content-type", "idempotency-key", "if-match", "x-request-id"])
      )
      expect(answer.headers["access-control-max-age"]).toBe("600")
      // No credentials mode: the API's token travels in Authorization, never in a cookie.
      expect(answer.headers["access-control-allow-credentials"]).toBeUndefined()
    }
  })

  it("puts the CORS headers on an allowed origin's responses, errors included, and exposes Link and the request id", async () => {
    const list = await send(suite.host.base, "GET", "/opop/pesantren?limit=1", { origin: app })
    expect(list.status).toBe(200)
    expect(list.headers["access-control-allow-origin"]).toBe(app)
    expect(list.headers.vary).toBe("Origin")
    expect(String(list.headers["access-control-expose-headers"]).split(", ")).toEqual(expect.arrayContaining(["link", "x-request-id"]))

    // A command without a token: 401, which the browser app must be able to read.
    const refused = await send(
      suite.host.base,
      "POST",
      "/opop/pesantren/register",
      { origin: app, "content-type": "application/json" },
      "{}"
    )
    expect(refused.status).toBe(401)
    expect(refused.headers["access-control-allow-origin"]).toBe(app)

    // A command with a token, as a browser app sends it.
    const registered = await send(
      suite.host.base,
      "POST",
      "/opop/pesantren/register",
      { origin: localApp, "content-type": "application/json", authorization: `Bearer ${await dinas}` },
      JSON.stringify({
        nspp: "510035170901",
        name: "Pondok Pesantren Lintas Asal",
        regionCode: "35.17",
        pengasuh: "KH. Penguji",
        santriCount: 90
      })
    )
    expect(registered.status).toBe(200)
    expect(registered.headers["access-control-allow-origin"]).toBe(localApp)

    // An unknown route: its 404 carries them too.
    const unknown = await send(suite.host.base, "GET", "/no/such/endpoint", { origin: app })
    expect(unknown.status).toBe(404)
    expect(unknown.headers["access-control-allow-origin"]).toBe(app)
  })

  it("gives an origin not in the list no CORS header, on a preflight or a request", async () => {
    for (const origin of ["https://evil.example.org", "https://app.example.org.evil.example", "http://app.example.org", "null"]) {
      const answer = await preflight(suite.host.base, origin)
      expect(answer.status).toBe(204)
      expect(corsHeaders(answer)).toEqual([])
      const get = await send(suite.host.base, "GET", "/opop/pesantren?limit=1", { origin })
      expect(get.status).toBe(200)
      expect(corsHeaders(get)).toEqual([])
      expect(get.headers.vary).toBe("Origin")
    }
    // A request without Origin (not from a browser's script) has none either.
    const plain = await send(suite.host.base, "GET", "/health", {})
    expect(plain.status).toBe(200)
    expect(corsHeaders(plain)).toEqual([])
  })

  it("allows no origin by default", async () => {
    const host = await startHost(suite.databaseUrl)
    try {
      const answer = await preflight(host.base, app)
      // No CORS: an OPTIONS request is routed like any other, and no endpoint answers it.
      expect(answer.status).toBe(404)
      expect(corsHeaders(answer)).toEqual([])
      const get = await send(host.base, "GET", "/opop/pesantren?limit=1", { origin: app })
      expect(get.status).toBe(200)
      expect(corsHeaders(get)).toEqual([])
    } finally {
      await host.stop()
    }
  })
})

describe("CORS_ORIGINS", () => {
  const read = (value: string | undefined) =>
    Effect.runSyncExit(
      corsOriginsConfig.pipe(
        Effect.withConfigProvider(ConfigProvider.fromMap(new Map(value === undefined ? [] : [["CORS_ORIGINS", value]])))
      )
    )

  it("is a comma-separated list of exact origins, none when unset or empty", () => {
    expect(read(undefined)).toEqual(Exit.succeed([]))
    expect(read(" ")).toEqual(Exit.succeed([]))
    expect(read("https://app.example.org, http://localhost:5173,")).toEqual(Exit.succeed([app, localApp]))
    // Written as a browser sends it: host in lower case, no default port.
    expect(read("https://APP.example.org:443")).toEqual(Exit.succeed([app]))
  })

  it("refuses what is not an origin, naming the variable", () => {
    for (const value of [
      "app.example.org",
      "https://app.example.org/path",
      "https://app.example.org?x=1",
      "ftp://files.example.org",
      "*"
    ]) {
      const exit = read(value)
      expect(Exit.isFailure(exit)).toBe(true)
      if (Exit.isFailure(exit)) expect(String(exit.cause)).toContain("CORS_ORIGINS")
    }
    expect(parseOrigin("https://user:pw@app.example.org")._tag).toBe("Left")
  })
})
