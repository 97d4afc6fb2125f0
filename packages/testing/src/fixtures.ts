/**
 * Small builders for store-level tests: new events with JSON data and unique ids.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { EventId, type Event } from "@jatim/eventstore"

/** A new event of `type` with `data` and a fresh random id. */
export const newEvent = (type: string, data: Event.JsonObject = {}, metadata?: Event.EventMetadataInput): Effect.Effect<Event.NewEvent> =>
  Effect.map(EventId.make, (eventId) => ({ eventId, type, data, metadata }))

/** `count` new events `type` numbered from 1 in their data (`{ n }`). */
export const newEvents = (count: number, type = "Happened"): Effect.Effect<Array<Event.NewEvent>> =>
  Effect.forEach(
    Array.from({ length: count }, (_, i) => i + 1),
    (n) => newEvent(type, { n })
  )

/** The ids of events, for comparing what was read with what was written. */
export const idsOf = (events: Iterable<{ readonly eventId: string }>): Array<string> => Array.from(events, (event) => event.eventId)
