/**
 * Turns on streams within one process: commands on the same stream wait for one another
 * instead of racing, so a hot stream costs one read and one append per command rather than a
 * conflict and a retry for all but one of them. Conflicts with other processes remain, and the
 * command handler's retry deals with them.
 *
 * The command handler takes a turn from the `StreamTurns` of its context; the default takes
 * none. Provide `make`'s turns around work that runs outside any caller's transaction (a
 * host's requests). Never around commands in a transaction that can hold a stream locked (a
 * process manager's batch on PostgreSQL): a command there could wait for a turn whose holder
 * waits for that transaction's lock.
 *
 * @since 0.1.0
 */
import { Context, Effect } from "effect"

/** Runs effects on a stream one at a time. */
export interface Turns {
  /** Runs `effect` once no other effect of this process holds a turn on `streamName`, holding it meanwhile. */
  readonly onStream: (streamName: string) => <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

/** Turns that never wait: every effect runs at once. */
export const none: Turns = { onStream: () => (effect) => effect }

/**
 * Turns of one process: one queue per stream, kept only while some effect holds or awaits a
 * turn on it, so memory follows the streams in use, not every stream ever seen.
 */
export const make: Effect.Effect<Turns> = Effect.sync(() => {
  const queues = new Map<string, { readonly semaphore: Effect.Semaphore; users: number }>()
  const join = (streamName: string) =>
    Effect.sync(() => {
      let queue = queues.get(streamName)
      if (queue === undefined) {
        queue = { semaphore: Effect.unsafeMakeSemaphore(1), users: 0 }
        queues.set(streamName, queue)
      }
      queue.users++
      return queue
    })
  const leave = (streamName: string, queue: { users: number }) =>
    Effect.sync(() => {
      if (--queue.users === 0) queues.delete(streamName)
    })
  return {
    onStream: (streamName) => (effect) =>
      Effect.acquireUseRelease(
        join(streamName),
        (queue) => queue.semaphore.withPermits(1)(effect),
        (queue) => leave(streamName, queue)
      )
  }
})

/** The turns command handlers take; `none` unless the context provides others. */
export class StreamTurns extends Context.Reference<StreamTurns>()("@jatim/eventstore/StreamTurns", {
  defaultValue: (): Turns => none
}) {}
