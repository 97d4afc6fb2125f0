/**
 * The event store contract: the `EventStore` service that every adapter (in memory,
 * PostgreSQL) provides as a `Layer`.
 *
 * @since 0.1.0
 */
import { Context, Effect, Stream } from "effect"
import type { NewEvent, RecordedEvent } from "./Event.js"
import type { AppendError, ReadError } from "./EventStoreError.js"
import type { ExpectedVersion } from "./ExpectedVersion.js"
import type { GlobalPosition } from "./GlobalPosition.js"

/** Forward (oldest first) or backward (newest first). */
export type Direction = "forward" | "backward"

/** Options of `appendToStream`. */
export interface AppendOptions {
  /** What the stream must be at; `Any` when absent. */
  readonly expectedVersion?: ExpectedVersion | undefined
}

/** What an append did. */
export interface AppendResult {
  /** The stream's version after the batch: the version of its last event. */
  readonly nextExpectedVersion: number
  /** The global position of the batch's last event, or `undefined` for an empty batch. */
  readonly lastPosition: GlobalPosition | undefined
  /**
   * How many events were written: the batch's size, or 0 when every event was already
   * stored (an idempotent retry) or the batch was empty.
   */
  readonly eventsWritten: number
}

/** Options of `readStream`. */
export interface ReadStreamOptions {
  readonly direction?: Direction | undefined
  /** The first version to read, inclusive; by default the first (forward) or last (backward). */
  readonly fromVersion?: number | undefined
  /** At most this many events. */
  readonly maxCount?: number | undefined
}

/** The events of one stream. */
export interface ReadStreamResult {
  /** The stream's current version: 0 when it has no events. */
  readonly streamVersion: number
  readonly events: ReadonlyArray<RecordedEvent>
}

/** Which events a read of all events or a subscription delivers. */
export interface EventFilter {
  /** Only events of streams in these categories. */
  readonly categories?: ReadonlyArray<string> | undefined
  /** Only events of these types. */
  readonly eventTypes?: ReadonlyArray<string> | undefined
}

/** Options of `readAll` and `readCategory`. */
export interface ReadAllOptions extends EventFilter {
  readonly direction?: Direction | undefined
  /**
   * Read from after this position, exclusive: pass the position of the last event handled
   * (a checkpoint). By default from the start (forward) or the end (backward).
   */
  readonly from?: GlobalPosition | undefined
  /** At most this many events. */
  readonly maxCount?: number | undefined
  /** How many events each round trip to the store fetches. */
  readonly batchSize?: number | undefined
}

/** Options of `subscribe`. */
export interface SubscribeOptions extends EventFilter {
  /** Deliver events after this position (a checkpoint); from the start by default. */
  readonly from?: GlobalPosition | undefined
  /** How many events each round trip to the store fetches. */
  readonly batchSize?: number | undefined
}

/** An event store: append to streams, read them back, follow them live. */
export interface EventStore {
  /**
   * Appends a batch to a stream, atomically: all events or none. Idempotent by event id:
   * appending events that are all already stored with the same content succeeds and
   * writes nothing; an id stored with other content fails with `DuplicateEventId`.
   */
  readonly appendToStream: (
    streamName: string,
    events: ReadonlyArray<NewEvent>,
    options?: AppendOptions
  ) => Effect.Effect<AppendResult, AppendError>

  /** Reads one stream, forward or backward, from a version, with a maximum count. */
  readonly readStream: (streamName: string, options?: ReadStreamOptions) => Effect.Effect<ReadStreamResult, ReadError>

  /** Reads the events of one category in global order, up to the events stored now. */
  readonly readCategory: (category: string, options?: Omit<ReadAllOptions, "categories">) => Stream.Stream<RecordedEvent, ReadError>

  /** Reads every event in global order, up to the events stored now. */
  readonly readAll: (options?: ReadAllOptions) => Stream.Stream<RecordedEvent, ReadError>

  /**
   * Delivers the stored events after `from` (catch-up), then every new event as it is
   * stored (live), in global order, each once. The stream never ends by itself.
   */
  readonly subscribe: (options?: SubscribeOptions) => Stream.Stream<RecordedEvent, ReadError>
}

/** The `EventStore` service. */
export const EventStore: Context.Tag<EventStore, EventStore> = Context.GenericTag<EventStore>("@jatim/eventstore/EventStore")

/** Appends to a stream with the `EventStore` of the context. */
export const appendToStream = (
  streamName: string,
  events: ReadonlyArray<NewEvent>,
  options?: AppendOptions
): Effect.Effect<AppendResult, AppendError, EventStore> =>
  Effect.flatMap(EventStore, (store) => store.appendToStream(streamName, events, options))

/** Reads a stream with the `EventStore` of the context. */
export const readStream = (streamName: string, options?: ReadStreamOptions): Effect.Effect<ReadStreamResult, ReadError, EventStore> =>
  Effect.flatMap(EventStore, (store) => store.readStream(streamName, options))

/** Reads a category with the `EventStore` of the context. */
export const readCategory = (
  category: string,
  options?: Omit<ReadAllOptions, "categories">
): Stream.Stream<RecordedEvent, ReadError, EventStore> =>
  Stream.unwrap(Effect.map(EventStore, (store) => store.readCategory(category, options)))

/** Reads all events with the `EventStore` of the context. */
export const readAll = (options?: ReadAllOptions): Stream.Stream<RecordedEvent, ReadError, EventStore> =>
  Stream.unwrap(Effect.map(EventStore, (store) => store.readAll(options)))

/** Subscribes with the `EventStore` of the context. */
export const subscribe = (options?: SubscribeOptions): Stream.Stream<RecordedEvent, ReadError, EventStore> =>
  Stream.unwrap(Effect.map(EventStore, (store) => store.subscribe(options)))
