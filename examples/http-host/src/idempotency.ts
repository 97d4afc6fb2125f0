/**
 * `Idempotency-Key` on command endpoints: the first response to a key (per actor and endpoint)
 * is kept, and a repeated request gets it back without running the command again.
 *
 * Kept **in memory, per instance**, for the life of the process (at most `capacity` keys,
 * oldest dropped first): a demo host runs one instance. A request that reuses a key with a
 * different body is refused (422). Concurrent requests with one key wait for the first. A
 * store failure (503), an interruption or a defect is not kept, so a retry runs again.
 */
import { Cause, Context, Deferred, Effect, Exit, FiberId, Layer, Option, Predicate } from "effect"
import { Actor } from "@jatim/kernel"
import { IdempotencyKeyReused } from "./errors.js"

interface Entry {
  readonly fingerprint: string
  readonly result: Deferred.Deferred<unknown, unknown>
}

/** The idempotency store of this instance. */
export interface Idempotency {
  /**
   * Runs `effect` once per `key` of `actor` on `endpoint`; a repeated request with the same
   * body gets the first result (success or typed failure), another body an error.
   */
  readonly run: <A, E, R>(
    options: {
      readonly key: string | undefined
      readonly actor: Actor.Actor
      readonly endpoint: string
      readonly body: unknown
    },
    effect: Effect.Effect<A, E, R>
  ) => Effect.Effect<A, E | IdempotencyKeyReused, R>
}

export const Idempotency = Context.GenericTag<Idempotency>("@jatim/http-host/Idempotency")

/** An in-memory idempotency store keeping at most `capacity` keys. */
export const makeInMemory = (capacity = 10_000): Effect.Effect<Idempotency> =>
  Effect.sync(() => {
    const entries = new Map<string, Entry>()
    const run = <A, E, R>(
      options: Parameters<Idempotency["run"]>[0],
      effect: Effect.Effect<A, E, R>
    ): Effect.Effect<A, E | IdempotencyKeyReused, R> =>
      Effect.suspend((): Effect.Effect<A, E | IdempotencyKeyReused, R> => {
        if (options.key === undefined) return effect
        const id = `${Actor.describe(options.actor)}\u0000${options.endpoint}\u0000${options.key}`
        const fingerprint = JSON.stringify(options.body)
        const existing = entries.get(id)
        if (existing !== undefined) {
          if (existing.fingerprint !== fingerprint) {
            return Effect.fail(
              new IdempotencyKeyReused({
                message: `Idempotency-Key "${options.key}" was already used for a different request.`
              })
            )
          }
          // The first request's result, as it was (typed as this endpoint's result).
          return Deferred.await(existing.result) as Effect.Effect<A, E>
        }
        const result = Deferred.unsafeMake<unknown, unknown>(FiberId.none)
        entries.set(id, { fingerprint, result })
        if (entries.size > capacity) {
          const oldest = entries.keys().next().value
          if (oldest !== undefined) entries.delete(oldest)
        }
        return effect.pipe(
          Effect.onExit((exit) => {
            // A success or a typed failure is the answer to keep; an interruption, a defect or an
            // unavailable store (503) is not: the client may retry with the same key.
            const failure = Exit.isFailure(exit) ? Cause.failureOption(exit.cause) : Option.none()
            const keep = Exit.isSuccess(exit) ||
              (Option.isSome(failure) && !Predicate.isTagged(failure.value, "StoreFailure"))
            return keep
              ? Deferred.done(result, exit)
              : Effect.sync(() => entries.delete(id)).pipe(Effect.zipRight(Deferred.done(result, exit)))
          })
        )
      })
    return { run }
  })

/** The in-memory idempotency store as a layer. */
export const layerInMemory: Layer.Layer<Idempotency> = Layer.effect(Idempotency, makeInMemory())
