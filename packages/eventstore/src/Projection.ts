/**
 * Projections: a name, the events they handle (by category and/or type) and a handler that
 * applies a batch of events to a read model. The same projection runs inline (in the append's
 * transaction) or asynchronously (by a `ProjectionRunner`), on any adapter; what its handler
 * needs (a `SqlClient` for SQL read models, nothing for in-memory ones) is its `R`.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import type { RecordedEvent } from "./Event.js"
import type { EventCodec } from "./EventCodec.js"
import type { EventFilter } from "./EventStore.js"
import * as StreamName from "./StreamName.js"

/** A projection. */
export interface Projection<R = never> {
  /** Unique among projections: lower-case letters, digits, `_` and `-`. Names its checkpoint. */
  readonly name: string
  /** The events it handles; every event when empty. */
  readonly filter: EventFilter
  /** Creates what the read model needs (tables, ...); run before the first batch. Idempotent. */
  readonly setup: Effect.Effect<void, unknown, R>
  /** Applies a batch of events, in global order, to the read model. */
  readonly handle: (events: ReadonlyArray<RecordedEvent>) => Effect.Effect<void, unknown, R>
  /** Empties the read model, for a rebuild from the first event. */
  readonly reset: Effect.Effect<void, unknown, R>
}

/** A projection name that is not lower-case letters, digits, `_` and `-`. */
export class InvalidProjectionName extends Schema.TaggedError<InvalidProjectionName>()("InvalidProjectionName", {
  name: Schema.String
}) {
  override get message(): string {
    return `Invalid projection name ${JSON.stringify(this.name)}: use 1 to 100 lower-case letters, digits, "_" or "-", starting with a letter.`
  }
}

const namePattern = /^[a-z][a-z0-9_-]{0,99}$/

/** Declares a projection; throws `InvalidProjectionName` on a bad name (a programming error). */
export const make = <R = never>(options: {
  readonly name: string
  readonly filter?: EventFilter | undefined
  readonly setup?: Effect.Effect<void, unknown, R> | undefined
  readonly handle: (events: ReadonlyArray<RecordedEvent>) => Effect.Effect<void, unknown, R>
  readonly reset?: Effect.Effect<void, unknown, R> | undefined
}): Projection<R> => {
  if (!namePattern.test(options.name)) throw new InvalidProjectionName({ name: options.name })
  return {
    name: options.name,
    filter: options.filter ?? {},
    setup: options.setup ?? Effect.void,
    handle: options.handle,
    reset: options.reset ?? Effect.void
  }
}

/**
 * A projection of a domain's events: handles only the codec's event types, decoded (and
 * upcast). An event that does not decode fails the batch, as any handler error does.
 */
export const typed = <E extends { readonly _tag: string }, R = never>(options: {
  readonly name: string
  readonly codec: EventCodec<E>
  readonly categories?: ReadonlyArray<string> | undefined
  readonly setup?: Effect.Effect<void, unknown, R> | undefined
  readonly handle: (events: ReadonlyArray<RecordedEvent<E>>) => Effect.Effect<void, unknown, R>
  readonly reset?: Effect.Effect<void, unknown, R> | undefined
}): Projection<R> =>
  make({
    name: options.name,
    filter: { categories: options.categories, eventTypes: options.codec.eventTypes },
    setup: options.setup,
    reset: options.reset,
    handle: (events) => Effect.flatMap(Effect.forEach(events, options.codec.decode), options.handle)
  })

/** Whether a projection's filter selects `event`. */
export const selects = (filter: EventFilter, event: RecordedEvent): boolean =>
  (filter.categories === undefined || filter.categories.includes(StreamName.category(event.streamName))) &&
  (filter.eventTypes === undefined || filter.eventTypes.includes(event.type))
