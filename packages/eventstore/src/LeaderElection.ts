/**
 * One leader per projection across app instances: a runner works on a projection only while
 * it leads it. On PostgreSQL leadership is a session advisory lock (released by the server when
 * the instance dies); in memory, a set of names shared by the runners of one process.
 *
 * @since 0.1.0
 */
import { Context, type Duration, Effect, Layer, Ref, type Scope } from "effect"

/** Leadership of one name, held until its scope closes. */
export interface Leadership {
  /** Completes if leadership is lost (the lock's connection died). */
  readonly lost: Effect.Effect<void>
}

/** Leader election. */
export interface LeaderElection {
  /** Waits until this instance leads `name`; leads until the scope closes. */
  readonly lead: (name: string) => Effect.Effect<Leadership, never, Scope.Scope>
}

/** The `LeaderElection` service. */
export const LeaderElection: Context.Tag<LeaderElection, LeaderElection> =
  Context.GenericTag<LeaderElection>("@jatim/eventstore/LeaderElection")

/** Leader election among the runners of one process; standbys retry every `retry`. */
export const makeInMemory = (retry: Duration.DurationInput = "50 millis"): Effect.Effect<LeaderElection> =>
  Effect.map(
    Ref.make(new Set<string>()),
    (held): LeaderElection => ({
      lead: (name) =>
        // Taking the name and registering its release cannot be interrupted apart; waiting can.
        Effect.uninterruptibleMask((restore) =>
          Effect.gen(function* () {
            while (true) {
              const taken = yield* Ref.modify(held, (names) => (names.has(name) ? [false, names] : [true, new Set(names).add(name)]))
              if (taken) {
                yield* Effect.addFinalizer(() =>
                  Ref.update(held, (names) => {
                    const next = new Set(names)
                    next.delete(name)
                    return next
                  })
                )
                return { lost: Effect.never }
              }
              yield* restore(Effect.sleep(retry))
            }
          })
        )
    })
  )

/** A layer of leader election in memory. */
export const layerInMemory: Layer.Layer<LeaderElection> = Layer.effect(LeaderElection, makeInMemory())
