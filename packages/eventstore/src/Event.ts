/**
 * Events as the store sees them: a new event to append, and a recorded event as read back,
 * with its place in the stream and in the global order and its metadata.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { GlobalPosition } from "./GlobalPosition.js"
import { StreamName } from "./StreamName.js"

/** Who issued the command that produced an event: a role and, for scoped roles, an identity. */
export const ActorRef = Schema.Struct({
  role: Schema.NonEmptyTrimmedString,
  id: Schema.optional(Schema.NonEmptyTrimmedString)
})

/** Who issued the command that produced an event. */
export type ActorRef = typeof ActorRef.Type

/** Schema of an event's metadata, as stored. */
export const EventMetadata = Schema.Struct({
  /** Ties together every event that one request or process started. */
  correlationId: Schema.optional(Schema.String),
  /** The id of the message (command or event) that caused this event. */
  causationId: Schema.optional(Schema.String),
  /** Who issued the command. */
  actor: Schema.optional(ActorRef),
  /** When the event happened, from Effect's `Clock` unless the writer says otherwise. */
  occurredAt: Schema.Date,
  /** The version of the event's data schema it was written with (see upcasters). */
  schemaVersion: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1))
})

/** An event's metadata. */
export type EventMetadata = typeof EventMetadata.Type

/** Metadata given with a new event: `occurredAt` defaults to now (`Clock`), `schemaVersion` to 1. */
export interface EventMetadataInput {
  readonly correlationId?: string | undefined
  readonly causationId?: string | undefined
  readonly actor?: ActorRef | undefined
  readonly occurredAt?: Date | undefined
  readonly schemaVersion?: number | undefined
}

/** A JSON object, the shape of every event's data. */
export type JsonObject = { readonly [key: string]: unknown }

/** An event to append. Its `eventId` makes the append idempotent. */
export interface NewEvent {
  readonly eventId: string
  readonly type: string
  readonly data: JsonObject
  readonly metadata?: EventMetadataInput | undefined
}

/** An event as stored: where it is, what it is, and its metadata. */
export interface RecordedEvent<Data = JsonObject> {
  readonly streamName: StreamName
  /** Its version in its stream: 1 for the first event. */
  readonly streamVersion: number
  /** Its place in the global order. */
  readonly globalPosition: GlobalPosition
  readonly eventId: string
  readonly type: string
  readonly data: Data
  readonly metadata: EventMetadata
}

/** Schema of a recorded event with raw JSON data, for adapters decoding stored rows. */
export const RecordedEvent = Schema.Struct({
  streamName: StreamName,
  streamVersion: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1)),
  globalPosition: GlobalPosition,
  eventId: Schema.String,
  type: Schema.String,
  data: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  metadata: EventMetadata
})
