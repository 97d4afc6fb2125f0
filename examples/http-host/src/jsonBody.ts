/**
 * Command bodies are JSON (adr/0065): the `JsonBody` middleware of the command groups reads the
 * body before the endpoint decodes it, and answers what the platform would otherwise get wrong —
 * 415 `UnsupportedMediaType` for a body that is not JSON by its `Content-Type` (the platform reads
 * a form or a text into the payload), 400 `MalformedJson` for an empty body, bytes that are not
 * UTF-8, text that is not JSON (the platform answers 400 with an empty body) or JSON nested deeper
 * than `maxJsonDepth` (which made the Schema's error message recurse until the stack overflowed:
 * 500). A UTF-8 byte order mark before the JSON text is ignored, as RFC 8259 §8.1 allows.
 */
import { HttpApiMiddleware, HttpServerRequest } from "@effect/platform"
import { Effect, Either, Layer, Option, Schema } from "effect"
import { MalformedJson, UnsupportedMediaType } from "./errors.js"

/**
 * How deep a command body may nest arrays and objects. The deepest command (a course's content:
 * modules, lessons, quizzes, questions, choices) nests 8; 32 leaves room and keeps every
 * recursive walk of a payload (decoding, error messages) far from the stack's limit.
 */
export const maxJsonDepth = 32

/**
 * Whether `contentType` names JSON: `application/json` or `application/<anything>+json`, in any
 * case, with no parameter but `charset=utf-8` (JSON is UTF-8, RFC 8259 §8.1).
 */
export const isJsonContentType = (contentType: string): boolean => {
  const [mediaType = "", ...parameters] = contentType.split(";").map((part) => part.trim().toLowerCase())
  if (mediaType !== "application/json" && !/^application\/[a-z0-9!#$&^_.-]+\+json$/.test(mediaType)) return false
  return parameters.every((parameter) => parameter === "" || /^charset\s*=\s*"?utf-8"?$/.test(parameter))
}

/**
 * The deepest nesting of arrays and objects in `text`, read from its characters (outside
 * strings) without recursion, stopping as soon as it passes `limit`: `Some(depth)` when within
 * it, `None` past it. Text that is not JSON gets some depth; `JSON.parse` refuses it after.
 */
export const nestingWithin = (text: string, limit: number): Option.Option<number> => {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // a backslash escapes the next character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) {
      inString = true
    } else if (c === 0x5b || c === 0x7b) {
      depth++
      if (depth > limit) return Option.none()
      if (depth > deepest) deepest = depth
    } else if (c === 0x5d || c === 0x7d) {
      depth--
    }
  }
  return Option.some(deepest)
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false })

/**
 * Reads a JSON body: `bytes` as UTF-8 (a leading byte order mark dropped), within `maxJsonDepth`,
 * parsed. The text and the value, or why not.
 */
export const readJson = (bytes: Uint8Array): Either.Either<{ readonly text: string; readonly value: unknown }, MalformedJson> => {
  if (bytes.length === 0) {
    return Either.left(new MalformedJson({ reason: "Empty", message: "The request body is empty: send the command as a JSON object." }))
  }
  let text: string
  try {
    // `ignoreBOM: false` drops one leading U+FEFF.
    text = utf8.decode(bytes)
  } catch {
    return Either.left(new MalformedJson({ reason: "NotUtf8", message: "The request body is not valid UTF-8: JSON is sent in UTF-8." }))
  }
  if (Option.isNone(nestingWithin(text, maxJsonDepth))) {
    return Either.left(
      new MalformedJson({
        reason: "TooDeep",
        message: `The request body nests arrays and objects more than ${maxJsonDepth} levels deep; no command needs that.`
      })
    )
  }
  try {
    return Either.right({ text, value: JSON.parse(text) as unknown })
  } catch (error) {
    return Either.left(
      new MalformedJson({
        reason: "Unparsable",
        message: `The request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`
      })
    )
  }
}

/**
 * The middleware of the command groups: the request with its body read, checked and parsed (the
 * endpoint decodes the parsed value), or 415 / 400. It runs after authentication, so a request
 * without a valid token gets its 401 first.
 */
export class JsonBody extends HttpApiMiddleware.Tag<JsonBody>()("@jatim/http-host/JsonBody", {
  failure: Schema.Union(UnsupportedMediaType, MalformedJson),
  provides: HttpServerRequest.HttpServerRequest
}) {}

/**
 * `request` whose body is `json` (read already): the endpoint reads the parsed value, and its
 * `Content-Type` reads `application/json` (an `application/*+json` body is JSON too).
 */
const withJsonBody = (
  request: HttpServerRequest.HttpServerRequest,
  json: { readonly text: string; readonly value: unknown },
  bytes: Uint8Array
): HttpServerRequest.HttpServerRequest => {
  const replaced = new Map<string | symbol, unknown>([
    ["headers", { ...request.headers, "content-type": "application/json" }],
    ["json", Effect.succeed(json.value)],
    ["text", Effect.succeed(json.text)],
    ["arrayBuffer", Effect.sync(() => bytes.slice().buffer)]
  ])
  return new Proxy(request, {
    get: (target, property) =>
      property === "modify"
        ? (options: Parameters<HttpServerRequest.HttpServerRequest["modify"]>[0]) => withJsonBody(target.modify(options), json, bytes)
        : replaced.has(property)
          ? replaced.get(property)
          : Reflect.get(target, property)
  })
}

/** The implementation of `JsonBody`. */
export const JsonBodyLive: Layer.Layer<JsonBody> = Layer.succeed(
  JsonBody,
  Effect.gen(function* () {
    const request = yield* HttpServerRequest.HttpServerRequest
    const contentType = request.headers["content-type"]
    if (contentType === undefined || !isJsonContentType(contentType)) {
      return yield* new UnsupportedMediaType({
        contentType: contentType ?? null,
        message:
          contentType === undefined
            ? "The request has no Content-Type: send the command as JSON with Content-Type: application/json."
            : `Content-Type ${JSON.stringify(contentType)} is not JSON: send the command as JSON with Content-Type: application/json.`
      })
    }
    const buffer = yield* request.arrayBuffer.pipe(
      Effect.mapError(() => new MalformedJson({ reason: "Unreadable", message: "The request body could not be read to its end." }))
    )
    const bytes = new Uint8Array(buffer)
    const json = yield* readJson(bytes)
    return withJsonBody(request, json, bytes)
  })
)
