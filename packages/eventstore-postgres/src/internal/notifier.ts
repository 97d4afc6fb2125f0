/**
 * Tells subscribers that events were appended. Local subscribers are woken at once; other
 * processes hear a NOTIFY on the store's channel. That NOTIFY is sent by one fiber per store,
 * after the append has committed and outside the writers' transactions: a NOTIFY inside every
 * append would make all writers queue for PostgreSQL's notification lock at commit. Appends
 * within `coalesceWindow` of each other share one NOTIFY.
 *
 * A notification names its sender (this store instance, whose own subscribers were woken already
 * and ignore it) and the categories appended, so that a subscriber of other categories sleeps on.
 */
import { type Duration, Effect, Queue, Ref, type Scope } from "effect"
import type { PgClient } from "@effect/sql-pg/PgClient"
import type { Adapter } from "@jatim/eventstore"

/** Wakes subscribers after appends; see the module's description. */
export interface Notifier {
  /** Call after an append of events of `categories` has committed. */
  readonly appended: (categories: ReadonlyArray<string>) => Effect.Effect<void>
}

/** The longest list of categories a notification names; a longer one names none, which wakes every subscriber. */
const maxCategoriesLength = 4000

/** The payload of a notification of appends by `sender` of `categories`: `appended:<sender>:<category>,…`. */
export const appendedPayload = (sender: string, categories: Iterable<string>): string => {
  const names = [...categories].join(",")
  return `appended:${sender}:${names.length > maxCategoriesLength ? "" : names}`
}

/**
 * What a notification says: appends by `sender` (absent when not named) of `categories` (absent:
 * of any). Besides the notifier's payloads, an append in a caller's transaction notifies with its
 * category alone, and earlier versions sent `appended`.
 */
export const appendedOf = (payload: string): { readonly sender?: string; readonly categories?: ReadonlyArray<string> } => {
  if (payload === "appended") return {}
  const match = /^appended:([^:]*):(.*)$/s.exec(payload)
  if (match === null) return { categories: [payload] }
  const [, sender = "", names = ""] = match
  return names === "" ? { sender } : { sender, categories: names.split(",") }
}

/** Starts the notifier of the store instance `sender` in the background of `scope`. */
export const makeNotifier = (
  client: PgClient,
  channel: string,
  sender: string,
  local: Adapter.ChangeSignal,
  coalesceWindow: Duration.Duration
): Effect.Effect<Notifier, never, Scope.Scope> =>
  Effect.gen(function* () {
    // Capacity 1, dropping: a request stands for every append made since the last NOTIFY.
    const requests = yield* Queue.dropping<void>(1)
    // The categories appended and not announced yet (taken from the queue or not).
    const pending = yield* Ref.make<ReadonlySet<string>>(new Set())
    // A failed NOTIFY is not retried: subscribers elsewhere also poll.
    const notify = Effect.uninterruptible(
      Effect.flatMap(Ref.getAndSet(pending, new Set()), (categories) =>
        categories.size === 0
          ? Effect.void
          : client`SELECT pg_notify(${channel}, ${appendedPayload(sender, categories)})`.pipe(Effect.ignore)
      )
    )
    // When the store closes, what is still pending is sent (this runs after the fiber below stops).
    yield* Effect.addFinalizer(() => notify)
    yield* Queue.take(requests).pipe(
      Effect.zipRight(Effect.sleep(coalesceWindow)),
      Effect.zipRight(Queue.takeAll(requests)),
      Effect.zipRight(notify),
      Effect.forever,
      Effect.forkScoped
    )
    return {
      appended: (categories) =>
        Effect.all(
          [
            local.notifyCategories(categories),
            Ref.update(pending, (before) => new Set([...before, ...categories])),
            Queue.offer(requests, undefined)
          ],
          { discard: true }
        )
    }
  })
