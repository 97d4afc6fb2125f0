/**
 * CORS for a configured list of origins, so that a browser app served elsewhere may call the
 * host; none by default. A request whose `Origin` is in the list gets the CORS headers (on every
 * response, errors included); a preflight (`OPTIONS` with `Access-Control-Request-Method`) from
 * it is answered 204 here, before routing and authentication. Any other origin gets no CORS
 * header at all (its preflight a bare 204), so the browser keeps the response from its script.
 */
import { HttpApp, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Config, ConfigError, Effect, Either, identity } from "effect"
import { requestIdHeader } from "./requestLog.js"

/** The methods of the API. */
export const allowedMethods = ["GET", "POST", "OPTIONS"]

/** The request headers the API reads. */
export const allowedHeaders = ["authorization", "content-type", "idempotency-key", "if-match", "last-event-id", requestIdHeader]

/** The response headers a client's script may read: the next page's `Link`, the request id. */
export const exposedHeaders = ["link", requestIdHeader]

/** How long a browser may keep a preflight's answer, in seconds. */
export const preflightMaxAge = 600

/**
 * An origin: `scheme://host[:port]` over http(s), nothing after. Answers it as a browser sends
 * it (host in lower case, no default port), or why it is not one.
 */
export const parseOrigin = (text: string): Either.Either<string, string> => {
  const url = URL.canParse(text) ? new URL(text) : undefined
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    return Either.left(`"${text}" is not an http(s) origin such as https://app.example.org`)
  }
  if (url.pathname !== "/" || url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    return Either.left(`"${text}" is not an origin: write only the scheme, host and port (${url.origin})`)
  }
  return Either.right(url.origin)
}

/** `CORS_ORIGINS`: exact origins separated by commas; none when unset or empty. */
export const corsOriginsConfig: Config.Config<ReadonlyArray<string>> = Config.string("CORS_ORIGINS").pipe(
  Config.mapOrFail((text) =>
    Either.all(
      text
        .split(",")
        .map((origin) => origin.trim())
        .filter((origin) => origin !== "")
        .map(parseOrigin)
    ).pipe(Either.mapLeft((reason) => ConfigError.InvalidData([], reason)))
  ),
  Config.withDefault([])
)

/** The CORS middleware of `origins` (exact, as `parseOrigin` answers them); no change when empty. */
export const cors = (origins: ReadonlyArray<string>): (<E, R>(app: HttpApp.Default<E, R>) => HttpApp.Default<E, R>) => {
  const allowed = new Set(origins)
  if (allowed.size === 0) return identity
  const forOrigin = (origin: string) => ({ "access-control-allow-origin": origin, vary: "Origin" })
  const preflightHeaders = {
    "access-control-allow-methods": allowedMethods.join(", "),
    "access-control-allow-headers": allowedHeaders.join(", "),
    "access-control-max-age": String(preflightMaxAge)
  }
  const exposed = { "access-control-expose-headers": exposedHeaders.join(", ") }
  return (app) =>
    Effect.gen(function* () {
      const request = yield* HttpServerRequest.HttpServerRequest
      const origin = request.headers.origin
      const isAllowed = origin !== undefined && allowed.has(origin)
      if (request.method === "OPTIONS" && origin !== undefined && request.headers["access-control-request-method"] !== undefined) {
        return HttpServerResponse.empty({
          status: 204,
          headers: isAllowed ? { ...forOrigin(origin), ...preflightHeaders } : { vary: "Origin" }
        })
      }
      // Every response varies by origin: a cache must not hand one origin's answer to another.
      yield* HttpApp.appendPreResponseHandler((_, response) =>
        Effect.succeed(
          isAllowed
            ? HttpServerResponse.setHeaders(response, { ...forOrigin(origin), ...exposed })
            : HttpServerResponse.setHeader(response, "vary", "Origin")
        )
      )
      return yield* app
    })
}
