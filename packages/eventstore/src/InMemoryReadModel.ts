/**
 * Read models held in memory: a state, and a pure function that applies one event to it.
 * A batch is applied to the current state and swapped in at once, so a failing event leaves the
 * read model as it was. That makes them usable inline, where the in-memory store applies them in
 * the same step as the append, all or nothing.
 *
 * @since 0.1.0
 */
import { Effect, Either, Schema } from "effect"
import type { RecordedEvent } from "./Event.js"
import type { EventCodec } from "./EventCodec.js"
import type { EventFilter } from "./EventStore.js"
import * as Projection from "./Projection.js"

/** Applying an event to an in-memory read model threw. */
export class ReadModelUpdateFailed extends Schema.TaggedError<ReadModelUpdateFailed>()("ReadModelUpdateFailed", {
  projection: Schema.String,
  eventId: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `Read model "${this.projection}" could not apply event "${this.eventId}": ${this.reason}.`
  }
}

/** An in-memory read model and the projection that keeps it. */
export interface InMemoryReadModel<S> {
  readonly projection: Projection.Projection
  /** The read model now. */
  readonly get: Effect.Effect<S>
  /**
   * Applies the events it selects to a copy of its state, synchronously; returns the step that
   * swaps the copy in, or the failure. For adapters that apply read models inline.
   */
  readonly prepare: (events: ReadonlyArray<RecordedEvent>) => Either.Either<() => void, ReadModelUpdateFailed>
}

/** Makes an in-memory read model from its initial state and a pure `apply`. */
export const make = <S>(options: {
  readonly name: string
  readonly filter?: EventFilter | undefined
  readonly initial: S
  readonly apply: (state: S, event: RecordedEvent) => S
}): Effect.Effect<InMemoryReadModel<S>> =>
  Effect.sync(() => {
    let state = options.initial
    const filter = options.filter ?? {}
    const prepare = (events: ReadonlyArray<RecordedEvent>): Either.Either<() => void, ReadModelUpdateFailed> => {
      let next = state
      for (const event of events) {
        if (!Projection.selects(filter, event)) continue
        try {
          next = options.apply(next, event)
        } catch (error) {
          return Either.left(
            new ReadModelUpdateFailed({
              projection: options.name,
              eventId: event.eventId,
              reason: error instanceof Error ? error.message : String(error)
            })
          )
        }
      }
      return Either.right(() => {
        state = next
      })
    }
    return {
      get: Effect.sync(() => state),
      prepare,
      projection: Projection.make({
        name: options.name,
        filter,
        reset: Effect.sync(() => {
          state = options.initial
        }),
        handle: (events) => Effect.suspend(() => Either.map(prepare(events), (commit) => commit()))
      })
    }
  })

/**
 * An in-memory read model of a domain's events: only the codec's event types (of `categories`,
 * when given), decoded and upcast before `apply`. An event that no longer decodes fails the
 * batch like any error of `apply`.
 */
export const typed = <S, E extends { readonly _tag: string }>(options: {
  readonly name: string
  readonly codec: EventCodec<E>
  readonly categories?: ReadonlyArray<string> | undefined
  readonly initial: S
  readonly apply: (state: S, event: RecordedEvent<E>) => S
}): Effect.Effect<InMemoryReadModel<S>> =>
  make({
    name: options.name,
    filter: { categories: options.categories, eventTypes: options.codec.eventTypes },
    initial: options.initial,
    apply: (state, event) => {
      const decoded = Effect.runSync(Effect.either(options.codec.decode(event)))
      if (Either.isLeft(decoded)) throw new Error(decoded.left.message)
      return options.apply(state, decoded.right)
    }
  })
