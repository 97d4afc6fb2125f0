/**
 * The in-memory `Idempotency` store: per instance, for the life of the process (`STORE=memory`).
 * A repeated request gets the first request's result itself, as it was.
 */
import { Deferred, Effect, FiberId, Layer, Option } from "effect"
import { Actor } from "@jatim/kernel"
import type { IdempotencyKeyReused } from "../errors.js"
import { Idempotency, keptOutcome, reused, type RunOptions } from "./Idempotency.js"

interface Entry {
  readonly fingerprint: string
  readonly result: Deferred.Deferred<unknown, unknown>
  /** The kept outcome as JSON, once there is one. */
  outcome?: string
}

/** An in-memory idempotency store keeping at most `capacity` keys (oldest dropped first). */
export const makeInMemory = (capacity = 10_000): Effect.Effect<Idempotency> =>
  Effect.sync(() => {
    const entries = new Map<string, Entry>()
    const run = <A, E, R>(options: RunOptions, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E | IdempotencyKeyReused, R> =>
      Effect.suspend((): Effect.Effect<A, E | IdempotencyKeyReused, R> => {
        if (options.key === undefined) return effect
        const id = `${Actor.describe(options.actor)}\u0000${options.endpoint}\u0000${options.key}`
        const fingerprint = JSON.stringify(options.body)
        const existing = entries.get(id)
        if (existing !== undefined) {
          if (existing.fingerprint !== fingerprint) return Effect.fail(reused(options.key))
          // The first request's result, as it was (typed as this endpoint's result).
          return Deferred.await(existing.result) as Effect.Effect<A, E>
        }
        const result = Deferred.unsafeMake<unknown, unknown>(FiberId.none)
        const entry: Entry = { fingerprint, result }
        entries.set(id, entry)
        if (entries.size > capacity) {
          const oldest = entries.keys().next().value
          if (oldest !== undefined) entries.delete(oldest)
        }
        return effect.pipe(
          Effect.onExit((exit) => {
            const kept = keptOutcome(exit)
            if (Option.isSome(kept)) entry.outcome = JSON.stringify(kept.value) ?? ""
            return Option.isSome(kept)
              ? Deferred.done(result, exit)
              : Effect.sync(() => entries.delete(id)).pipe(Effect.zipRight(Deferred.done(result, exit)))
          })
        )
      })
    const forgetMentions = (text: string) =>
      Effect.sync(() => {
        for (const [id, entry] of entries) {
          if (entry.fingerprint.includes(text) || entry.outcome?.includes(text) === true) entries.delete(id)
        }
      })
    return { run, forgetMentions }
  })

/** The in-memory idempotency store as a layer. */
export const layerInMemory: Layer.Layer<Idempotency> = Layer.effect(Idempotency, makeInMemory())
