/**
 * The HTTP errors of the host, each a `Schema.TaggedError` with its status in the OpenAPI
 * document, and the one place that maps domain and store errors onto them.
 */
import { HttpApiSchema } from "@effect/platform"
import { Schema } from "effect"

/** No valid bearer token. */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()(
  "Unauthorized",
  { message: Schema.String },
  HttpApiSchema.annotations({ status: 401, description: "No valid bearer token" })
) {}

/** The domain's authorization rule refused the actor (`ActorNotAuthorized`). */
export class Forbidden extends Schema.TaggedError<Forbidden>()(
  "Forbidden",
  { rule: Schema.Literal("ActorNotAuthorized"), message: Schema.String },
  HttpApiSchema.annotations({ status: 403, description: "The domain's authorization rule refused the actor" })
) {}

/** Nothing with that id. */
export class NotFound extends Schema.TaggedError<NotFound>()(
  "NotFound",
  { rule: Schema.String, message: Schema.String },
  HttpApiSchema.annotations({ status: 404, description: "Unknown id" })
) {}

/** The stream moved past the version the caller saw (`If-Match`): `ExpectedVersionConflict`. */
export class Conflict extends Schema.TaggedError<Conflict>()(
  "Conflict",
  { rule: Schema.String, message: Schema.String },
  HttpApiSchema.annotations({ status: 409, description: "Expected version conflict" })
) {}

/** A domain rule refused the command; `rule` is the rule's `_tag`. */
export class RuleViolated extends Schema.TaggedError<RuleViolated>()(
  "RuleViolated",
  { rule: Schema.String, message: Schema.String },
  HttpApiSchema.annotations({ status: 422, description: "A domain rule refused the command" })
) {}

/** The same `Idempotency-Key` was used by the same actor for a different request. */
export class IdempotencyKeyReused extends Schema.TaggedError<IdempotencyKeyReused>()(
  "IdempotencyKeyReused",
  { message: Schema.String },
  HttpApiSchema.annotations({ status: 422, description: "Idempotency-Key reused for a different request" })
) {}

/**
 * A request with the same `Idempotency-Key` (same actor, same endpoint) is still running, here
 * or on another instance: this one does not run the command a second time.
 */
export class IdempotentRequestInProgress extends Schema.TaggedError<IdempotentRequestInProgress>()(
  "IdempotentRequestInProgress",
  { message: Schema.String },
  HttpApiSchema.annotations({
    status: 409,
    description: "A request with the same Idempotency-Key is still in progress; retry with the same key to get its response"
  })
) {}

/** The request body is over the host's limit (by `Content-Length`, or while a chunked body is read). */
export class PayloadTooLarge extends Schema.TaggedError<PayloadTooLarge>()(
  "PayloadTooLarge",
  { message: Schema.String },
  HttpApiSchema.annotations({ status: 413, description: "The request body is over the host's limit" })
) {}

/**
 * A command's body is not a JSON text the host reads: empty, not valid JSON, not UTF-8, or nested
 * deeper than `maxJsonDepth` (`src/jsonBody.ts`). `reason` says which.
 */
export class MalformedJson extends Schema.TaggedError<MalformedJson>()(
  "MalformedJson",
  { reason: Schema.Literal("Empty", "Unreadable", "NotUtf8", "Unparsable", "TooDeep"), message: Schema.String },
  HttpApiSchema.annotations({
    status: 400,
    description: "The body is not a JSON text the host reads: empty, not UTF-8, not valid JSON, or nested too deep"
  })
) {}

/** A command's body is not JSON by its `Content-Type` (`application/json` or `application/*+json`, UTF-8). */
export class UnsupportedMediaType extends Schema.TaggedError<UnsupportedMediaType>()(
  "UnsupportedMediaType",
  { contentType: Schema.NullOr(Schema.String), message: Schema.String },
  HttpApiSchema.annotations({
    status: 415,
    description: "The body's Content-Type is not JSON: send application/json (or application/*+json), in UTF-8"
  })
) {}

/**
 * The request holds a value the event store refuses for good (`InvalidEvent`: e.g. a text with a
 * NUL or a lone surrogate; `InvalidStreamName`: an id no stream can be named after; an invalid
 * category, expected version or read option): sending it again will never work, so it is the
 * client's to change. `rule` is the store error's `_tag`.
 */
export class InvalidInput extends Schema.TaggedError<InvalidInput>()(
  "InvalidInput",
  { rule: Schema.String, message: Schema.String },
  HttpApiSchema.annotations({ status: 400, description: "A value the event store can never keep (e.g. a NUL or a lone surrogate in a text)" })
) {}

/**
 * The host failed on a request (a defect, not the client's mistake): the cause is logged with
 * the request id, which the body and the `X-Request-Id` header carry.
 */
export class InternalServerError extends Schema.TaggedError<InternalServerError>()(
  "InternalServerError",
  { requestId: Schema.String, message: Schema.String },
  HttpApiSchema.annotations({ status: 500, description: "The host failed; the cause is logged under the request id" })
) {}

/** The event store failed. */
export class StoreFailure extends Schema.TaggedError<StoreFailure>()(
  "StoreFailure",
  { rule: Schema.String, message: Schema.String },
  HttpApiSchema.annotations({ status: 503, description: "The event store is unavailable or failed" })
) {}

/** Every error a command endpoint maps its failures to. */
export type CommandError = Forbidden | NotFound | Conflict | RuleViolated | InvalidInput | StoreFailure

/**
 * Store errors about what the request holds (a value, a name, a version, a read's options):
 * they never go away on a retry (400, not 503).
 */
const invalidInputTags = new Set([
  "InvalidEvent",
  "InvalidStreamName",
  "InvalidCategory",
  "InvalidExpectedVersion",
  "InvalidReadRequest"
])

const storeTags = new Set([
  "DuplicateEventId",
  "EventDecodeError",
  "EventStoreUnavailable",
  "InlineProjectionFailed"
])

const notFound = /(NotFound|NotRegistered|NotEnrolled|NoCourse)$/

/** Maps a typed failure of a domain or of the store onto its HTTP error. */
export const toHttpError = (error: { readonly _tag: string; readonly message: string }): CommandError => {
  const rule = error._tag
  const message = error.message
  if (rule === "ActorNotAuthorized") return new Forbidden({ rule, message })
  if (rule === "ExpectedVersionConflict") return new Conflict({ rule, message })
  if (invalidInputTags.has(rule)) return new InvalidInput({ rule, message })
  if (storeTags.has(rule)) return new StoreFailure({ rule, message })
  if (notFound.test(rule)) return new NotFound({ rule, message })
  return new RuleViolated({ rule, message })
}
