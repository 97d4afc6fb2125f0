/**
 * Tells subscribers that events were appended. Local subscribers are woken at once; other
 * processes hear a NOTIFY on the store's channel. That NOTIFY is sent by one fiber per store,
 * after the append has committed and outside the writers' transactions: a NOTIFY inside every
 * append would make all writers queue for PostgreSQL's notification lock at commit. Appends
 * within `coalesceWindow` of each other share one NOTIFY.
 */
import { type Duration, Effect, Queue, Ref, type Scope } from "effect"
import type { PgClient } from "@effect/sql-pg/PgClient"
import type { Adapter } from "@jatim/eventstore"

/** The payload of the notifications the notifier sends. */
export const appendedPayload = "appended"

/** Wakes subscribers after appends; see the module's description. */
export interface Notifier {
  /** Call after an append has committed. */
  readonly appended: Effect.Effect<void>
}

/** Starts the notifier in the background of `scope`. */
export const makeNotifier = (
  client: PgClient,
  channel: string,
  local: Adapter.ChangeSignal,
  coalesceWindow: Duration.Duration
): Effect.Effect<Notifier, never, Scope.Scope> =>
  Effect.gen(function* () {
    // Capacity 1, dropping: a request stands for every append made since the last NOTIFY.
    const requests = yield* Queue.dropping<void>(1)
    // Whether an append has not been announced yet (taken from the queue or not).
    const pending = yield* Ref.make(false)
    // A failed NOTIFY is not retried: subscribers elsewhere also poll.
    const notify = Effect.uninterruptible(
      Effect.zipRight(Ref.set(pending, false), client`SELECT pg_notify(${channel}, ${appendedPayload})`.pipe(Effect.ignore))
    )
    // When the store closes, what is still pending is sent (this runs after the fiber below stops).
    yield* Effect.addFinalizer(() => Effect.whenEffect(notify, Ref.get(pending)))
    yield* Queue.take(requests).pipe(
      Effect.zipRight(Effect.sleep(coalesceWindow)),
      Effect.zipRight(Queue.takeAll(requests)),
      Effect.zipRight(notify),
      Effect.forever,
      Effect.forkScoped
    )
    return { appended: Effect.all([local.notify, Ref.set(pending, true), Queue.offer(requests, undefined)], { discard: true }) }
  })
