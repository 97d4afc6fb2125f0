/**
 * What every program's API shares: command payloads derived from the domain's own command
 * Schemas (without `actor`, which comes from the token), the command headers, the command
 * result, and running a command with idempotency and error mapping.
 */
import { HttpApiEndpoint, type HttpServerResponse } from "@effect/platform"
import { Effect, Schema, Struct } from "effect"
import { type CommandHandler, ExpectedVersion, GlobalPosition } from "@jatim/eventstore"
import type { Actor } from "@jatim/kernel"
import { CurrentActor } from "../auth.js"
import {
  type CommandError,
  Conflict,
  Forbidden,
  IdempotencyKeyReused,
  IdempotentRequestInProgress,
  NotFound,
  RuleViolated,
  StoreFailure,
  toHttpError
} from "../errors.js"
import { Idempotency } from "../idempotency/Idempotency.js"

/** The payload of a domain command over HTTP: its fields without `_tag` and `actor`. */
export const payloadOf = <F extends Schema.Struct.Fields>(command: { readonly fields: F }) =>
  Schema.Struct(Struct.omit(command.fields, "_tag", "actor") as Omit<F, "_tag" | "actor">).annotations({
    // Report every bad field (path and message), not only the first.
    parseOptions: { errors: "all" }
  })

/** Headers of command endpoints. */
export const CommandHeaders = Schema.Struct({
  /** Repeat a request safely: the first response to a key is returned again. */
  "idempotency-key": Schema.optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(200))),
  /** The stream version the caller saw: the command fails with 409 if the stream moved on. */
  "if-match": Schema.optional(Schema.NumberFromString.pipe(Schema.int(), Schema.nonNegative()))
})
export type CommandHeaders = typeof CommandHeaders.Type

/** What a command returns: the stream's new version, the last event's position, the new events. */
export const CommandResult = <A, I>(events: Schema.Schema<A, I>) =>
  Schema.Struct({
    version: Schema.Int,
    position: Schema.NullOr(Schema.String),
    events: Schema.Array(events)
  })

/** A POST endpoint for a domain command: payload derived from its Schema, its events as result. */
export const commandEndpoint = <const Name extends string, F extends Schema.Struct.Fields, A, I>(
  name: Name,
  path: `/${string}`,
  command: { readonly fields: F },
  events: Schema.Schema<A, I>
) =>
  HttpApiEndpoint.post(name, path)
    .setPayload(payloadOf(command))
    .setHeaders(CommandHeaders)
    .addSuccess(CommandResult(events))
    .addError(IdempotencyKeyReused)
    .addError(IdempotentRequestInProgress)
    .addError(Forbidden)
    .addError(NotFound)
    .addError(Conflict)
    .addError(RuleViolated)
    .addError(StoreFailure)

/** Runs a command for the request's actor: idempotency key, `If-Match`, errors mapped to HTTP. */
export const runCommand = <Event, State, E extends { readonly _tag: string; readonly message: string }, R>(
  endpoint: string,
  request: { readonly payload: unknown; readonly headers: CommandHeaders },
  handle: (
    actor: Actor.Actor,
    options: Omit<CommandHandler.HandleOptions, "actor">
  ) => Effect.Effect<CommandHandler.HandleResult<Event, State>, E, R>
): Effect.Effect<
  | { readonly version: number; readonly position: string | null; readonly events: ReadonlyArray<Event> }
  // A repeated Idempotency-Key: the first response, replayed.
  | HttpServerResponse.HttpServerResponse,
  CommandError | IdempotencyKeyReused | IdempotentRequestInProgress,
  R | CurrentActor | Idempotency
> =>
  Effect.gen(function*() {
    const actor = yield* CurrentActor
    const idempotency = yield* Idempotency
    const expected = request.headers["if-match"]
    const key = request.headers["idempotency-key"]
    return yield* idempotency.run(
      { key, actor, endpoint, body: request.payload },
      handle(actor, {
        expectedVersion: expected === undefined ? undefined : ExpectedVersion.exact(expected),
        correlationId: key
      }).pipe(
        Effect.mapError(toHttpError),
        Effect.map((result) => ({
          version: result.nextExpectedVersion,
          position: result.lastPosition === undefined ? null : GlobalPosition.format(result.lastPosition),
          events: result.newEvents
        }))
      )
    )
  })
