/**
 * The request body size limit: a body over the limit is refused with 413 `PayloadTooLarge`, by
 * `Content-Length` before reading, or while reading a chunked body.
 */
import { HttpMethod, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Effect, Either, Option, Schema, Stream } from "effect"
import { PayloadTooLarge } from "./errors.js"

/** The largest request body the host accepts unless told otherwise: 64 KiB. */
export const defaultMaxBodyBytes = 64 * 1024

/**
 * Reads a chunked body (no `Content-Length`) while it is within `limit` bytes. Past the limit
 * the rest is read and dropped, up to `drainLimit` bytes, so that the connection stays usable
 * for the 413 response; a body longer still is cut off with the connection.
 */
const readChunkedBody = (request: HttpServerRequest.HttpServerRequest, limit: number, drainLimit: number) =>
  Effect.suspend(() => {
    const kept: Array<Uint8Array> = []
    return Stream.runFoldWhile(
      request.stream,
      0,
      (size) => size <= drainLimit,
      (size, chunk) => {
        if (size + chunk.length <= limit) kept.push(chunk)
        return size + chunk.length
      }
    ).pipe(Effect.map((size) => (size > limit ? Option.none() : Option.some(Buffer.concat(kept)))))
  })

/** What a request reads its body with (the rest of a request is its head). */
const bodyMembers: ReadonlySet<string | symbol> = new Set([
  "text",
  "json",
  "arrayBuffer",
  "urlParamsBody",
  "stream",
  "multipart",
  "multipartStream"
])

/**
 * `request` with `body` (read already) as its body: the body is read from memory, everything
 * else (head, and the Node response the server writes to) stays the original request's.
 */
const withBody = (request: HttpServerRequest.HttpServerRequest, body: Uint8Array): HttpServerRequest.HttpServerRequest => {
  const headers = Object.entries(request.headers).filter(
    ([name]) => !["content-length", "transfer-encoding", "connection", "host", "keep-alive", "expect"].includes(name)
  )
  const buffered = HttpServerRequest.fromWeb(
    new Request(new URL(request.url, "http://localhost"), {
      method: request.method,
      headers,
      body: HttpMethod.hasBody(request.method) ? body : null
    })
  )
  return new Proxy(request, {
    get: (target, property) =>
      property === "modify"
        ? (options: Parameters<HttpServerRequest.HttpServerRequest["modify"]>[0]) => withBody(target.modify(options), body)
        : Reflect.get(bodyMembers.has(property) ? buffered : target, property)
  })
}

/**
 * Refuses bodies over `limit` bytes with 413: by `Content-Length` before reading, and for a
 * chunked body while reading it (it is read here, then handed to the API from memory).
 */
export const limitBody =
  (limit: number) =>
  <E, R>(app: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>) =>
    Effect.gen(function* () {
      const tooLarge = HttpServerResponse.unsafeJson(
        Schema.encodeSync(PayloadTooLarge)(new PayloadTooLarge({ message: `Request bodies are limited to ${limit} bytes.` })),
        { status: 413 }
      )
      const request = yield* HttpServerRequest.HttpServerRequest
      const limited = app.pipe(HttpServerRequest.withMaxBodySize(Option.some(limit)))
      const declared = request.headers["content-length"]
      if (declared !== undefined) {
        const length = Number(declared)
        return Number.isFinite(length) && length > limit ? tooLarge : yield* limited
      }
      if (request.headers["transfer-encoding"] === undefined) return yield* limited
      const body = yield* Effect.either(readChunkedBody(request, limit, Math.max(16 * limit, 1024 * 1024)))
      // The body could not be read (the client went away): 400, as the platform answers then.
      if (body._tag === "Left") return HttpServerResponse.empty({ status: 400 })
      const read = body.right
      if (Option.isNone(read)) return tooLarge
      // A head the Fetch API refuses (e.g. an invalid header value) is a bad request.
      const replaced = Either.try(() => withBody(request, read.value))
      if (Either.isLeft(replaced)) return HttpServerResponse.empty({ status: 400 })
      return yield* Effect.provideService(limited, HttpServerRequest.HttpServerRequest, replaced.right)
    })
