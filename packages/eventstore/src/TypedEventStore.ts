/**
 * The event store seen through a codec: append typed events, read them back decoded
 * (and upcast), fold a stream into state.
 *
 * @since 0.1.0
 */
import { Effect, Stream } from "effect"
import type { EventMetadataInput, RecordedEvent } from "./Event.js"
import type { EventCodec } from "./EventCodec.js"
import * as EventId from "./EventId.js"
import {
  EventStore,
  type AppendOptions,
  type AppendResult,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions
} from "./EventStore.js"
import type { AppendError, EventDecodeError, ReadError } from "./EventStoreError.js"

/** A typed event to append; the id is drawn from `Random` when absent. */
export interface TypedNewEvent<E> {
  readonly event: E
  readonly eventId?: string | undefined
  readonly metadata?: EventMetadataInput | undefined
}

/** The decoded events of one stream. */
export interface TypedReadStreamResult<E> {
  readonly streamVersion: number
  readonly events: ReadonlyArray<RecordedEvent<E>>
}

/** A stream folded into state. */
export interface AggregateStreamResult<S> {
  readonly state: S
  /** The stream's version: 0 when it has no events. */
  readonly streamVersion: number
}

/** The event store seen through one codec. */
export interface TypedEventStore<E extends { readonly _tag: string }> {
  readonly codec: EventCodec<E>
  readonly appendToStream: (
    streamName: string,
    events: ReadonlyArray<TypedNewEvent<E>>,
    options?: AppendOptions
  ) => Effect.Effect<AppendResult, AppendError>
  readonly readStream: (
    streamName: string,
    options?: ReadStreamOptions
  ) => Effect.Effect<TypedReadStreamResult<E>, ReadError | EventDecodeError>
  /** Folds a whole stream, from `initialState`, with `evolve`. */
  readonly aggregateStream: <S>(
    streamName: string,
    fold: { readonly initialState: S; readonly evolve: (state: S, event: E) => S }
  ) => Effect.Effect<AggregateStreamResult<S>, ReadError | EventDecodeError>
  /** Reads the codec's event types of one category. */
  readonly readCategory: (
    category: string,
    options?: Omit<ReadAllOptions, "categories" | "eventTypes">
  ) => Stream.Stream<RecordedEvent<E>, ReadError | EventDecodeError>
  /** Reads the codec's event types, in global order. */
  readonly readAll: (options?: Omit<ReadAllOptions, "eventTypes">) => Stream.Stream<RecordedEvent<E>, ReadError | EventDecodeError>
  /** Follows the codec's event types, catch-up then live. */
  readonly subscribe: (options?: Omit<SubscribeOptions, "eventTypes">) => Stream.Stream<RecordedEvent<E>, ReadError | EventDecodeError>
}

/** The `EventStore` of the context seen through `codec`. */
export const make = <E extends { readonly _tag: string }>(codec: EventCodec<E>): Effect.Effect<TypedEventStore<E>, never, EventStore> =>
  Effect.map(EventStore, (store): TypedEventStore<E> => {
    const decodeAll = (events: ReadonlyArray<RecordedEvent>) => Effect.forEach(events, codec.decode)
    const readStream: TypedEventStore<E>["readStream"] = (streamName, options) =>
      Effect.flatMap(store.readStream(streamName, options), ({ events, streamVersion }) =>
        Effect.map(decodeAll(events), (decoded) => ({ streamVersion, events: decoded }))
      )
    return {
      codec,
      appendToStream: (streamName, events, options) =>
        Effect.flatMap(
          Effect.forEach(events, (typed) =>
            Effect.flatMap(typed.eventId === undefined ? EventId.make : Effect.succeed(typed.eventId), (eventId) =>
              codec.encode({ event: typed.event, eventId, metadata: typed.metadata })
            )
          ),
          (encoded) => store.appendToStream(streamName, encoded, options)
        ),
      readStream,
      aggregateStream: (streamName, fold) =>
        Effect.map(readStream(streamName), ({ events, streamVersion }) => ({
          state: events.reduce((state, recorded) => fold.evolve(state, recorded.data), fold.initialState),
          streamVersion
        })),
      readCategory: (category, options) =>
        Stream.mapEffect(store.readCategory(category, { ...options, eventTypes: codec.eventTypes }), codec.decode),
      readAll: (options) => Stream.mapEffect(store.readAll({ ...options, eventTypes: codec.eventTypes }), codec.decode),
      subscribe: (options) => Stream.mapEffect(store.subscribe({ ...options, eventTypes: codec.eventTypes }), codec.decode)
    }
  })
