/**
 * `Idempotency-Key` on command endpoints: the first outcome of a key (per actor and endpoint),
 * success or typed refusal, is kept, and a repeated request gets it back without running the
 * command again. A request that reuses a key with a different body is refused (422). A store
 * failure (503), an interruption or a defect is not kept, so a retry runs again.
 *
 * This module holds the service and what its stores share. Two stores, one interface:
 * - `PostgresIdempotency.layerSql`: durable, in PostgreSQL, shared by every instance on the
 *   database and kept across restarts.
 * - `InMemoryIdempotency.layerInMemory`: per instance, for the life of the process (`STORE=memory`).
 */
import type { HttpServerResponse } from "@effect/platform"
import { Cause, Context, type Effect, Either, Exit, Option, Predicate } from "effect"
import type { Actor } from "@jatim/kernel"
import { IdempotencyKeyReused, type IdempotentRequestInProgress, type StoreFailure } from "../errors.js"

/** What identifies a request for idempotency: its key, actor, endpoint and body. */
export interface RunOptions {
  /** The `Idempotency-Key` header; without one the command simply runs. */
  readonly key: string | undefined
  readonly actor: Actor.Actor
  /** The endpoint's name in the host's `Api` (`api/Api.ts`; its outcome is encoded with that endpoint's Schemas). */
  readonly endpoint: string
  /** The decoded payload: a repeated key must come with the same one. */
  readonly body: unknown
}

/** The idempotency store of the host. */
export interface Idempotency {
  /**
   * Runs `effect` once per `key` of `actor` on `endpoint`. A repeated request with the same
   * body gets the first outcome, as the value itself (in memory) or as the HTTP response the
   * endpoint's Schemas encode from the stored outcome (durable store); another body gets
   * `IdempotencyKeyReused`; a request whose key is still running elsewhere past the wait gets
   * `IdempotentRequestInProgress`.
   */
  readonly run: <A, E, R>(
    options: RunOptions,
    effect: Effect.Effect<A, E, R>
  ) => Effect.Effect<A | HttpServerResponse.HttpServerResponse, E | IdempotencyKeyReused | IdempotentRequestInProgress | StoreFailure, R>
  /**
   * Drops every kept outcome whose JSON contains `text` (with the request it answered): what the
   * erasure of a person's data asks of responses kept for replay. A request repeated with a
   * dropped key runs again.
   */
  readonly forgetMentions: (text: string) => Effect.Effect<void, StoreFailure>
}

export const Idempotency = Context.GenericTag<Idempotency>("@jatim/http-host/Idempotency")

/**
 * The outcome to keep from `exit`: a success or a typed failure. An interruption, a defect or an
 * unavailable store (`StoreFailure`, 503) is not kept: the client may retry with the same key.
 */
export const keptOutcome = <A, E>(exit: Exit.Exit<A, E>): Option.Option<Either.Either<A, E>> =>
  Exit.isSuccess(exit)
    ? Option.some(Either.right(exit.value))
    : Cause.failureOption(exit.cause).pipe(
        Option.filter((error) => !Predicate.isTagged(error, "StoreFailure")),
        Option.map(Either.left)
      )

/** The refusal of a key already used with another body. */
export const reused = (key: string) =>
  new IdempotencyKeyReused({
    message: `Idempotency-Key "${key}" was already used for a different request; use a new key for a new request.`
  })
