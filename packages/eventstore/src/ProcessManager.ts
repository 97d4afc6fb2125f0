/**
 * Process managers: react to events of one context by issuing commands to another. A process
 * manager is run like an asynchronous projection (its own checkpoint, one leader, retries), so
 * each event is delivered at least once; each command is applied once because it is issued
 * with the event as its cause and `deduplicate` (see `commandOptions`), which makes the command
 * handler skip a command whose cause the target stream has already seen.
 *
 * A target stream that others write to is no trouble: a conflict makes the command handler read
 * again and retry (on PostgreSQL the append undoes only itself, in a savepoint of the batch's
 * transaction), and a conflict that outlasts its retries makes the runner retry the batch; it is
 * never taken for a poison event (adr/0060).
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import type { HandleOptions } from "./CommandHandler.js"
import type { RecordedEvent } from "./Event.js"
import type { EventCodec } from "./EventCodec.js"
import * as Projection from "./Projection.js"

/** Declares a process manager over the events of `codec` (optionally of some categories only). */
export const make = <E extends { readonly _tag: string }, R = never>(options: {
  readonly name: string
  readonly codec: EventCodec<E>
  readonly categories?: ReadonlyArray<string> | undefined
  /** Reacts to one event, typically by calling a command handler with `commandOptions(event)`. */
  readonly handle: (event: RecordedEvent<E>) => Effect.Effect<void, unknown, R>
}): Projection.Projection<R> =>
  Projection.typed({
    name: options.name,
    codec: options.codec,
    categories: options.categories,
    handle: (events) => Effect.forEach(events, options.handle, { discard: true })
  })

/**
 * The options a process manager passes to a command handler for a command caused by `event`:
 * the event is the cause, its correlation carries on, and the command is deduplicated by cause.
 */
export const commandOptions = (event: RecordedEvent<unknown>, actor?: HandleOptions["actor"]): HandleOptions => ({
  causationId: event.eventId,
  correlationId: event.metadata.correlationId ?? event.eventId,
  actor,
  deduplicate: true
})
