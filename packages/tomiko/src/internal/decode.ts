/** Decoding stored events inside in-memory read models (pure, synchronous). */
import { Schema } from "effect"
import type { Event } from "@jatim/eventstore"

/**
 * A synchronous decoder of recorded events into `schema`'s type. It throws on data that does not
 * decode, which an in-memory read model reports as `ReadModelUpdateFailed` (never skipped).
 * Every TOMIKO event is at schema version 1, so there is nothing to upcast yet.
 */
export const decoder = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknownSync(schema)
  return (event: Event.RecordedEvent): A => decode({ ...event.data, _tag: event.type })
}
