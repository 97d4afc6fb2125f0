/**
 * The host's last resort (issue 15, items 7 and 11): a defect in handling a request is answered
 * with a JSON 500 that names the request id, and logged once at level Error with its cause; an
 * unknown route is a JSON 404. Run through the platform's own request handling (a web handler).
 */
import { HttpApp, HttpServerError, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Effect, Logger } from "effect"
import { describe, expect, it } from "vitest"
import { logRequests } from "../src/requestLog.js"

/** `app` behind `logRequests` as a web handler, and the lines it logs (parsed). */
const serve = (app: HttpApp.Default<unknown>) => {
  const lines: Array<{
    readonly message: string
    readonly logLevel: string
    readonly cause?: string
    readonly annotations: Record<string, unknown>
  }> = []
  const logger = Logger.map(Logger.jsonLogger, (line) => {
    lines.push(JSON.parse(line))
  })
  const runtime = Effect.runSync(Effect.runtime<never>().pipe(Effect.provide(Logger.replace(Logger.defaultLogger, logger))))
  return { handler: HttpApp.toWebHandlerRuntime(runtime)(logRequests(app)), lines }
}

describe("logRequests", () => {
  it("answers a defect with a JSON 500 naming the request id, and logs it once at level Error with its cause", async () => {
    const { handler, lines } = serve(Effect.die(new Error("the disk caught fire")))
    const response = await handler(
      new Request("http://host.test/opop/pesantren/register?secret=1", { method: "POST", body: '{"token":"t"}' })
    )
    expect(response.status).toBe(500)
    expect(response.headers.get("content-type")).toContain("application/json")
    const body = await response.json()
    const requestId = response.headers.get("x-request-id")
    expect(body).toEqual({
      _tag: "InternalServerError",
      requestId,
      message: `The host failed to handle the request; its cause is logged under request id ${requestId}.`
    })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      message: "HTTP request failed",
      logLevel: "ERROR",
      annotations: { method: "POST", path: "/opop/pesantren/register", status: 500, requestId }
    })
    expect(lines[0]!.cause).toContain("the disk caught fire")
    expect(JSON.stringify(lines)).not.toContain("secret")
    expect(JSON.stringify(lines)).not.toContain("token")
  })

  it("answers an unknown route with a JSON 404 NotFound, logged at level Info", async () => {
    const { handler, lines } = serve(
      Effect.flatMap(HttpServerRequest.HttpServerRequest, (request) => Effect.fail(new HttpServerError.RouteNotFound({ request })))
    )
    const response = await handler(new Request("http://host.test/nowhere", { headers: { "x-request-id": "abc.123" } }))
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ _tag: "NotFound", rule: "RouteNotFound", message: "No endpoint answers GET /nowhere." })
    expect(response.headers.get("x-request-id")).toBe("abc.123")
    expect(lines).toMatchObject([{ logLevel: "INFO", annotations: { status: 404, requestId: "abc.123", path: "/nowhere" } }])
  })

  it("keeps a response the app chose itself, and the platform's own answers below 500", async () => {
    const chosen = serve(Effect.die(HttpServerResponse.text("teapot", { status: 418 })))
    const teapot = await chosen.handler(new Request("http://host.test/tea"))
    expect(teapot.status).toBe(418)
    expect(await teapot.text()).toBe("teapot")
    expect(chosen.lines).toMatchObject([{ logLevel: "INFO", annotations: { status: 418 } }])
  })
})
