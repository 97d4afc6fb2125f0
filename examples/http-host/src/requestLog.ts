/**
 * One log line per request, and no 5xx without its cause (adr/0065). `logRequests` wraps the
 * host's HTTP app: it takes the request's `X-Request-Id` (when valid) or draws one, echoes it in
 * the response, answers a JSON `InternalServerError` (500) for a defect instead of the
 * platform's empty 500, and logs once, when the response is known: method, path (never the query
 * string), status, duration, request id and the actor's role (never a token, never a body), at
 * level Error with the cause for a 5xx; and counts it in `HttpMetrics` (by method, route, status). `recordFailures` (an API middleware) keeps the cause of a
 * typed failure the API answers itself (a 503 `StoreFailure`), which the line then carries.
 */
import { HttpApiBuilder, type HttpApp, HttpServerError, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Cause, Clock, Context, Duration, Effect, Exit, Option, Predicate, Random, Ref, Schema } from "effect"
import { InternalServerError, NotFound } from "./errors.js"
import * as HttpMetrics from "./telemetry/HttpMetrics.js"

/** The header a request id is read from and echoed in. */
export const requestIdHeader = "x-request-id"

/** What the host notes about a request while it runs, for its log line. */
export interface RequestNotes {
  /** The request's id (its valid `X-Request-Id`, or drawn). */
  readonly requestId: string
  /** The role of the request's actor, once authentication has run (`ANONYMOUS` without a token on a query). */
  readonly actorRole: Ref.Ref<Option.Option<string>>
  /** The last failure of the request's handling: logged if the response is a 5xx. */
  readonly failure: Ref.Ref<Option.Option<Cause.Cause<unknown>>>
}

/** The notes of the request being handled (in the context of every request, see `logRequests`). */
export class RequestContext extends Context.Tag("@jatim/http-host/RequestContext")<RequestContext, RequestNotes>() {}

/** Notes the role of the request's actor, when there is a request (authentication calls it). */
export const noteActorRole = (role: string): Effect.Effect<void> =>
  Effect.flatMap(Effect.serviceOption(RequestContext), (notes) =>
    Option.isSome(notes) ? Ref.set(notes.value.actorRole, Option.some(role)) : Effect.void
  )

/**
 * Notes the cause of a failure of the request's handling, unless one was noted before (the first
 * is the closest to the fault: e.g. the store's error before it is mapped to an HTTP error).
 */
export const noteFailure = (cause: Cause.Cause<unknown>): Effect.Effect<void> =>
  Effect.flatMap(Effect.serviceOption(RequestContext), (notes) =>
    Option.isSome(notes)
      ? Ref.update(
          notes.value.failure,
          Option.orElse(() => Option.some(cause))
        )
      : Effect.void
  )

/**
 * A client's request id is kept when it is 1 to 128 letters, digits or `. _ : -` (a UUID, a
 * trace id), so that no header value can forge or break a log line; otherwise one is drawn.
 */
export const isValidRequestId = (id: string): boolean => /^[A-Za-z0-9._:-]{1,128}$/.test(id)

/** A random UUID (version 4) drawn from `Random`. */
const randomRequestId: Effect.Effect<string> = Effect.map(
  Effect.all(Array.from({ length: 16 }, () => Random.nextIntBetween(0, 256))),
  (bytes) => {
    bytes[6] = (bytes[6]! & 0x0f) | 0x40
    bytes[8] = (bytes[8]! & 0x3f) | 0x80
    const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("")
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  }
)

/** The path of a request URL, without its query string (which may hold what a log must not). */
const pathOf = (url: string): string => {
  const end = url.search(/[?#]/)
  return end === -1 ? url : url.slice(0, end)
}

/**
 * `app`, whose failures the API did not answer become responses: the platform's own answers below
 * 500 stay (e.g. 400 for a body that could not be read) but an unknown route gets a JSON 404
 * `NotFound`; a defect, or any other 5xx, becomes a JSON 500 `InternalServerError` and its cause
 * is noted for the log line. An interruption (the client went away) stays one.
 */
const answerEveryFailure = <E, R>(app: HttpApp.Default<E, R>, requestId: string) =>
  Effect.catchAllCause(app, (cause) =>
    Effect.gen(function* () {
      if (Cause.isInterruptedOnly(cause)) return yield* Effect.failCause(cause)
      const [response, unanswered] = HttpServerError.causeResponseStripped(cause)
      // A response the handling chose itself (an `HttpServerResponse` as defect): as it is.
      if (Option.isNone(unanswered)) return response
      const error = Cause.squash(cause)
      if (HttpServerError.isServerError(error) && error._tag === "RouteNotFound") {
        const request = yield* HttpServerRequest.HttpServerRequest
        return HttpServerResponse.unsafeJson(
          Schema.encodeSync(NotFound)(
            new NotFound({ rule: "RouteNotFound", message: `No endpoint answers ${request.method} ${pathOf(request.url)}.` })
          ),
          { status: 404 }
        )
      }
      if (response.status < 500) return response
      const notes = yield* RequestContext
      yield* Ref.set(notes.failure, Option.some(cause))
      return HttpServerResponse.unsafeJson(
        Schema.encodeSync(InternalServerError)(
          new InternalServerError({
            requestId,
            message: `The host failed to handle the request; its cause is logged under request id ${requestId}.`
          })
        ),
        { status: 500 }
      )
    })
  )

/**
 * The host's HTTP app with request ids, JSON answers to every failure (see `answerEveryFailure`)
 * and one log line per request (see the module's description).
 */
export const logRequests = <E, R>(app: HttpApp.Default<E, R>): HttpApp.Default<unknown, Exclude<R, RequestContext>> =>
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const given = request.headers[requestIdHeader]
    const requestId = given !== undefined && isValidRequestId(given) ? given : yield* randomRequestId
    const notes: RequestNotes = {
      requestId,
      actorRole: yield* Ref.make(Option.none<string>()),
      failure: yield* Ref.make(Option.none<Cause.Cause<unknown>>())
    }
    const started = yield* Clock.currentTimeNanos
    // The request's span (`HttpServer.serve`'s), on which the router notes the endpoint's route.
    const span = yield* Effect.option(Effect.currentSpan)
    const logLine = (exit: Exit.Exit<HttpServerResponse.HttpServerResponse, unknown>) =>
      Effect.gen(function* () {
        const ended = yield* Clock.currentTimeNanos
        // A failure left here is an interruption: the client went away before the response.
        const status = Exit.isSuccess(exit) ? exit.value.status : 499
        const route = Option.flatMap(span, (span) => Option.liftPredicate(span.attributes.get("http.route"), Predicate.isString))
        yield* HttpMetrics.recordRequest({
          method: request.method,
          route: Option.getOrElse(route, () => HttpMetrics.unmatchedRoute),
          status,
          duration: Duration.nanos(ended - started)
        })
        const fields = {
          method: request.method,
          path: pathOf(request.url),
          status,
          durationMs: Number((ended - started) / 1000n) / 1000,
          requestId,
          actorRole: Option.getOrNull(yield* Ref.get(notes.actorRole))
        }
        const failure = yield* Ref.get(notes.failure)
        const line =
          status >= 500
            ? Effect.logError(
                "HTTP request failed",
                Option.getOrElse(failure, () => Cause.empty)
              )
            : Effect.logInfo("HTTP request")
        yield* Effect.annotateLogs(line, fields)
      })
    const response = yield* answerEveryFailure(app, requestId).pipe(
      Effect.provideService(RequestContext, notes),
      Effect.annotateLogs("requestId", requestId),
      Effect.onExit(logLine)
    )
    return HttpServerResponse.setHeader(response, requestIdHeader, requestId)
  })

/**
 * The API middleware that notes the cause of every failure of the API's handlers before the API
 * answers it (as its status says): a 5xx's line then carries it.
 */
export const recordFailures = HttpApiBuilder.middleware((app) => Effect.tapErrorCause(app, (cause) => noteFailure(cause)))
