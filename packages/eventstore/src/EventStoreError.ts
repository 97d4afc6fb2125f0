/**
 * The typed errors of the event store contract. Every adapter fails with these and
 * nothing else, so callers can match on `_tag` whatever store is behind the layer.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import * as ExpectedVersion from "./ExpectedVersion.js"
import { taggedError } from "./internal/taggedError.js"

/** A stream name that is not `category-id`. */
export class InvalidStreamName extends taggedError<InvalidStreamName>()(
  "InvalidStreamName",
  { streamName: Schema.String, reason: Schema.String },
  ({ streamName, reason }) =>
    `Invalid stream name ${JSON.stringify(streamName)}: ${reason}. ` +
    `Stream names are "category-id", for example "pesantren-510035780001".`
) {}

/** A category that could not stand before the first `-` of a stream name. */
export class InvalidCategory extends taggedError<InvalidCategory>()(
  "InvalidCategory",
  { category: Schema.String, reason: Schema.String },
  ({ category, reason }) =>
    `Invalid category ${JSON.stringify(category)}: ${reason}. A category starts with a letter and holds only letters, digits and "_".`
) {}

/** The stream was not at the version the append expected. Nothing was written. */
export class ExpectedVersionConflict extends taggedError<ExpectedVersionConflict>()(
  "ExpectedVersionConflict",
  { streamName: Schema.String, expected: ExpectedVersion.ExpectedVersion, actual: Schema.NonNegativeInt },
  (error) => {
    const actual = error.actual === 0 ? "does not exist" : `is at version ${error.actual}`
    return (
      `Stream "${error.streamName}" was expected to ${ExpectedVersion.describe(error.expected)} but ${actual}. ` +
      `Nothing was written: read the stream again and decide anew.`
    )
  }
) {}

/** An event id that is already stored with other content, or a retried batch that is not identical. */
export class DuplicateEventId extends taggedError<DuplicateEventId>()(
  "DuplicateEventId",
  { eventId: Schema.String, streamName: Schema.String, reason: Schema.String },
  ({ eventId, streamName, reason }) =>
    `Event id "${eventId}" cannot be appended to "${streamName}": ${reason}. ` +
    `Nothing was written: give every new event a new id, and retry a batch only with exactly the same events.`
) {}

/** An event that the store refuses before writing anything: bad id, type, data or metadata. */
export class InvalidEvent extends taggedError<InvalidEvent>()(
  "InvalidEvent",
  { eventId: Schema.String, eventType: Schema.String, reason: Schema.String },
  ({ eventId, eventType, reason }) => `Event "${eventId}" of type "${eventType}" was refused: ${reason}. Nothing was written.`
) {}

/**
 * An append whose expected version is none of `Any`, `NoStream`, `StreamExists` or `Exact(n)`
 * with a whole `n` from 0 (an unknown `_tag`, `Exact(1.5)`, ...). Nothing was written.
 */
export class InvalidExpectedVersion extends taggedError<InvalidExpectedVersion>()(
  "InvalidExpectedVersion",
  { streamName: Schema.String, reason: Schema.String },
  ({ streamName, reason }) =>
    `The append to "${streamName}" was refused: its expected version ${reason}. ` +
    `Expect Any, NoStream, StreamExists or Exact(n) with a whole n from 0. Nothing was written.`
) {}

/** A read whose options cannot be honoured (a negative count, a version below 1, ...). */
export class InvalidReadRequest extends taggedError<InvalidReadRequest>()(
  "InvalidReadRequest",
  { reason: Schema.String },
  ({ reason }) => `Invalid read request: ${reason}.`
) {}

/** A stored event that no longer decodes into the event schema (after upcasting). */
export class EventDecodeError extends taggedError<EventDecodeError>()(
  "EventDecodeError",
  {
    streamName: Schema.String,
    streamVersion: Schema.Number,
    eventId: Schema.String,
    eventType: Schema.String,
    schemaVersion: Schema.Number,
    reason: Schema.String
  },
  ({ eventId, eventType, schemaVersion, streamVersion, streamName, reason }) =>
    `Event "${eventId}" (${eventType} v${schemaVersion}, ` +
    `version ${streamVersion} of "${streamName}") does not decode: ${reason}. ` +
    `Add an upcaster for its schema version or fix the event schema.`
) {}

/** The store behind the adapter could not be reached or failed; the operation may be retried. */
export class EventStoreUnavailable extends taggedError<EventStoreUnavailable>()(
  "EventStoreUnavailable",
  { operation: Schema.String, reason: Schema.String },
  ({ operation, reason }) =>
    `The event store failed during ${operation}: ${reason}. ` +
    `An append either wrote everything or nothing; retry it with the same event ids to be sure.`
) {}

/** An inline projection failed on the appended events; the append was undone with it. */
export class InlineProjectionFailed extends taggedError<InlineProjectionFailed>()(
  "InlineProjectionFailed",
  { projection: Schema.String, streamName: Schema.String, reason: Schema.String },
  ({ streamName, projection, reason }) =>
    `The append to "${streamName}" was undone: inline projection "${projection}" failed on it (${reason}). ` +
    `Fix the projection or the events; nothing was written.`
) {}

/** Every error an append can fail with. */
export type AppendError =
  | InvalidStreamName
  | InvalidEvent
  | InvalidExpectedVersion
  | DuplicateEventId
  | ExpectedVersionConflict
  | InlineProjectionFailed
  | EventStoreUnavailable

/** Every error a read can fail with (a stored row that no longer decodes is an `EventDecodeError`). */
export type ReadError = InvalidStreamName | InvalidCategory | InvalidReadRequest | EventDecodeError | EventStoreUnavailable

/** Every error of the contract. */
export type EventStoreError = AppendError | ReadError
