/**
 * The HTTP errors of the host, each a `Schema.TaggedError` with its status in the OpenAPI
 * document, and the one place that maps domain and store errors onto them: domain errors by the
 * category their class declares, the store's by its closed set (adr/0071), never by name.
 */
import { HttpApiSchema } from "@effect/platform"
import { Option, Schema } from "effect"
import type { EventStoreError } from "@jatim/eventstore"
import { ErrorCategory } from "@jatim/kernel"

/**
 * An HTTP error class: a `Schema.TaggedError` with `fields` and a `message`, answered with
 * `status` and described so in the OpenAPI document.
 */
const HttpError =
  <Self = never>() =>
  <Tag extends string, Fields extends Schema.Struct.Fields>(tag: Tag, status: number, description: string, fields: Fields) =>
    Schema.TaggedError<Self>()(tag, { ...fields, message: Schema.String }, HttpApiSchema.annotations({ status, description }))

/** The field of an error that stands for a domain's or the store's refusal: `rule` is the refusal's `_tag`. */
const refusal = { rule: Schema.String }

/** No valid bearer token. */
export class Unauthorized extends HttpError<Unauthorized>()("Unauthorized", 401, "No valid bearer token", {}) {}

/** A domain refused the actor (an error of category `Forbidden`: the kernel's `ActorNotAuthorized`); `rule` is its `_tag`. */
export class Forbidden extends HttpError<Forbidden>()("Forbidden", 403, "The domain refused the actor (its authorization rule)", refusal) {}

/** Nothing with that id: an error of category `NotFound`; `rule` is its `_tag`. */
export class NotFound extends HttpError<NotFound>()("NotFound", 404, "Unknown id", refusal) {}

/**
 * The command lost a race: the stream moved past the version the caller saw (`If-Match`), the
 * store's `ExpectedVersionConflict`, or a domain error of category `Conflict`; `rule` is its `_tag`.
 */
export class Conflict extends HttpError<Conflict>()("Conflict", 409, "Expected version conflict", refusal) {}

/** A domain rule refused the command (an error of category `RuleViolated`); `rule` is the rule's `_tag`. */
export class RuleViolated extends HttpError<RuleViolated>()("RuleViolated", 422, "A domain rule refused the command", refusal) {}

/** The same `Idempotency-Key` was used by the same actor for a different request. */
export class IdempotencyKeyReused extends HttpError<IdempotencyKeyReused>()(
  "IdempotencyKeyReused",
  422,
  "Idempotency-Key reused for a different request",
  {}
) {}

/**
 * A request with the same `Idempotency-Key` (same actor, same endpoint) is still running, here
 * or on another instance: this one does not run the command a second time.
 */
export class IdempotentRequestInProgress extends HttpError<IdempotentRequestInProgress>()(
  "IdempotentRequestInProgress",
  409,
  "A request with the same Idempotency-Key is still in progress; retry with the same key to get its response",
  {}
) {}

/** The request body is over the host's limit (by `Content-Length`, or while a chunked body is read). */
export class PayloadTooLarge extends HttpError<PayloadTooLarge>()(
  "PayloadTooLarge",
  413,
  "The request body is over the host's limit",
  {}
) {}

/**
 * A command's body is not a JSON text the host reads: empty, not valid JSON, not UTF-8, or nested
 * deeper than `maxJsonDepth` (`src/jsonBody.ts`). `reason` says which.
 */
export class MalformedJson extends HttpError<MalformedJson>()(
  "MalformedJson",
  400,
  "The body is not a JSON text the host reads: empty, not UTF-8, not valid JSON, or nested too deep",
  { reason: Schema.Literal("Empty", "Unreadable", "NotUtf8", "Unparsable", "TooDeep") }
) {}

/** A command's body is not JSON by its `Content-Type` (`application/json` or `application/*+json`, UTF-8). */
export class UnsupportedMediaType extends HttpError<UnsupportedMediaType>()(
  "UnsupportedMediaType",
  415,
  "The body's Content-Type is not JSON: send application/json (or application/*+json), in UTF-8",
  { contentType: Schema.NullOr(Schema.String) }
) {}

/**
 * The request holds a value the event store refuses for good (`InvalidEvent`: e.g. a text with a
 * NUL or a lone surrogate; `InvalidStreamName`: an id no stream can be named after; an invalid
 * category, expected version or read option), or a domain error of category `InvalidInput`:
 * sending it again will never work, so it is the client's to change. `rule` is the error's `_tag`.
 */
export class InvalidInput extends HttpError<InvalidInput>()(
  "InvalidInput",
  400,
  "A value the event store can never keep (e.g. a NUL or a lone surrogate in a text)",
  refusal
) {}

/**
 * The host failed on a request (a defect, not the client's mistake): the cause is logged with
 * the request id, which the body and the `X-Request-Id` header carry.
 */
export class InternalServerError extends HttpError<InternalServerError>()(
  "InternalServerError",
  500,
  "The host failed; the cause is logged under the request id",
  { requestId: Schema.String }
) {}

/** The event store failed. */
export class StoreFailure extends HttpError<StoreFailure>()("StoreFailure", 503, "The event store is unavailable or failed", refusal) {}

/** Every error a command endpoint maps its failures to. */
export type CommandError = Forbidden | NotFound | Conflict | RuleViolated | InvalidInput | StoreFailure

/** What a failure of the event store is: a category of domain errors, or the store failing (503). */
type StoreErrorCategory = ErrorCategory.ErrorCategory | "StoreFailure"

/**
 * The event store's errors, a closed set (`EventStoreError`), mapped here by their tags: the store
 * sits below the kernel and declares no category (adr/0071). The compiler keeps the table
 * complete: a new store error does not build until it is placed. What the request holds (a value,
 * a name, a version, a read's options) never goes away on a retry: 400, not 503.
 */
const storeErrorCategories = {
  InvalidEvent: "InvalidInput",
  InvalidStreamName: "InvalidInput",
  InvalidCategory: "InvalidInput",
  InvalidExpectedVersion: "InvalidInput",
  InvalidReadRequest: "InvalidInput",
  ExpectedVersionConflict: "Conflict",
  DuplicateEventId: "StoreFailure",
  EventDecodeError: "StoreFailure",
  EventStoreUnavailable: "StoreFailure",
  InlineProjectionFailed: "StoreFailure"
} as const satisfies Record<EventStoreError["_tag"], StoreErrorCategory>

const isStoreErrorTag = (tag: string): tag is keyof typeof storeErrorCategories => Object.hasOwn(storeErrorCategories, tag)

/** The HTTP error of each category; `rule` is the failure's `_tag`. */
const httpErrorOf: {
  readonly [C in StoreErrorCategory]: (fields: { readonly rule: string; readonly message: string }) => CommandError
} = {
  Forbidden: (fields) => new Forbidden(fields),
  NotFound: (fields) => new NotFound(fields),
  Conflict: (fields) => new Conflict(fields),
  RuleViolated: (fields) => new RuleViolated(fields),
  InvalidInput: (fields) => new InvalidInput(fields),
  StoreFailure: (fields) => new StoreFailure(fields)
}

/** The category of a failure: the one its class declares, else the store's (by the closed set above). */
const categoryOf = (error: { readonly _tag: string }): Option.Option<StoreErrorCategory> =>
  Option.orElse(ErrorCategory.of(error), () =>
    isStoreErrorTag(error._tag) ? Option.some(storeErrorCategories[error._tag]) : Option.none()
  )

/**
 * Maps a typed failure of a domain or of the store onto its HTTP error by its category (403, 404,
 * 409, 422, 400 or 503), never by its name; `rule` is the failure's `_tag`. A failure with no
 * category (a domain error whose class declares none; `test/errorCategories.unit.spec.ts` keeps
 * the domains from having one) is a bug of the program, not of the request: it is thrown, and the
 * host answers 500 with the cause logged under the request id.
 */
export const toHttpError = (error: { readonly _tag: string; readonly message: string }): CommandError => {
  const category = categoryOf(error)
  if (Option.isNone(category)) {
    throw new Error(
      `${error._tag} declares no error category: annotate its class with one of @jatim/kernel's ErrorCategory (${error.message})`
    )
  }
  return httpErrorOf[category.value]({ rule: error._tag, message: error.message })
}
