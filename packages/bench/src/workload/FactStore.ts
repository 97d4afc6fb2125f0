/**
 * The event store the workload's facts are read from. A command that needs another stream's
 * facts (a pesantren's standing, a course's offering, a learner's link, an order's status)
 * carries them as `Verified` values that only the domain's own readers issue, by folding that
 * stream from an `EventStore`. The generator keeps the recorded events of the streams it may
 * still read such facts from, and forgets a stream once nothing will read it again, so that the
 * memory it holds follows the streams in play, not the whole history.
 *
 * It serves `readStream` and `appendToStream`; reading all events, a category or a subscription
 * is not something a fact reader does, and dies.
 */
import { Effect, Either, Stream } from "effect"
import { type Event, type EventStore, ExpectedVersionConflict, GlobalPosition, StreamName } from "@jatim/eventstore"

/** An `EventStore` over the streams the workload keeps, with a way to add and forget them. */
export interface FactStore extends EventStore.EventStore {
  /**
   * Records the next event of a stream; `encode` makes it (the encoded event, its id and
   * metadata) when the stream is first read after it, so events of streams never read are never
   * encoded.
   */
  readonly record: (streamName: string, encode: () => Omit<Event.RecordedEvent, "streamName" | "streamVersion" | "globalPosition">) => void
  /** Forgets a stream (nothing will read its facts again). */
  readonly forget: (streamName: string) => void
  /** How many streams it holds. */
  readonly size: () => number
}

const unsupported = (what: string) => Stream.dieMessage(`the workload's fact store serves stream reads only, not ${what}`)

/** An empty fact store. */
export const make = (): FactStore => {
  /** Each stream's events: those encoded, then those still to encode (with their global position). */
  interface Recorded {
    readonly encoded: Array<Event.RecordedEvent>
    readonly pending: Array<{ readonly position: number; readonly encode: Parameters<FactStore["record"]>[1] }>
  }
  const streams = new Map<string, Recorded>()
  let position = 0
  const record: FactStore["record"] = (streamName, encode) => {
    const recorded = streams.get(streamName) ?? { encoded: [], pending: [] }
    if (recorded.encoded.length + recorded.pending.length === 0) streams.set(streamName, recorded)
    recorded.pending.push({ position: ++position, encode })
  }
  /** The stream's events, every one encoded. */
  const eventsOf = (streamName: string): ReadonlyArray<Event.RecordedEvent> => {
    const recorded = streams.get(streamName)
    if (recorded === undefined) return []
    for (const { position: at, encode } of recorded.pending) {
      recorded.encoded.push({
        ...encode(),
        streamName: Either.getOrThrow(StreamName.parse(streamName)),
        streamVersion: recorded.encoded.length + 1,
        globalPosition: GlobalPosition.make(0, at)
      })
    }
    recorded.pending.length = 0
    return recorded.encoded
  }
  const readStream: EventStore.EventStore["readStream"] = (streamName, options) =>
    Effect.sync(() => {
      const events = eventsOf(streamName)
      const backward = options?.direction === "backward"
      const from = options?.fromVersion ?? (backward ? events.length : 1)
      const selected = backward ? events.slice(0, Math.max(0, from)).reverse() : events.slice(Math.max(0, from - 1))
      return {
        streamVersion: events.length,
        events: options?.maxCount === undefined ? selected : selected.slice(0, options.maxCount)
      }
    })
  const appendToStream: EventStore.EventStore["appendToStream"] = (streamName, newEvents, options) =>
    Effect.gen(function* () {
      const current = eventsOf(streamName).length
      const expected = options?.expectedVersion
      if (expected !== undefined && expected._tag === "Exact" && expected.version !== current) {
        return yield* new ExpectedVersionConflict({ streamName, expected, actual: current })
      }
      for (const event of newEvents) {
        record(streamName, () => ({
          eventId: event.eventId,
          type: event.type,
          data: event.data,
          metadata: {
            ...event.metadata,
            occurredAt: event.metadata?.occurredAt ?? new Date(0),
            schemaVersion: event.metadata?.schemaVersion ?? 1
          }
        }))
      }
      return {
        nextExpectedVersion: current + newEvents.length,
        lastPosition: newEvents.length === 0 ? undefined : GlobalPosition.make(0, position),
        eventsWritten: newEvents.length
      }
    })
  return {
    record,
    forget: (streamName) => {
      streams.delete(streamName)
    },
    size: () => streams.size,
    readStream,
    appendToStream,
    readCategory: () => unsupported("a category"),
    readAll: () => unsupported("every event"),
    subscribe: () => unsupported("a subscription")
  }
}
