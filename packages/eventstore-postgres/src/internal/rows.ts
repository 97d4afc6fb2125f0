/**
 * Decoding stored rows into recorded events, at the boundary: nothing is trusted unchecked.
 * Every row is checked by hand against what `Event.RecordedEvent` accepts (fast: reads decode
 * hundreds of thousands of rows); a row that fails is decoded with the Schema, which then
 * words the error (and is the judge, should the two ever disagree).
 */
import { Either, ParseResult, Schema } from "effect"
import { Event, EventDecodeError, GlobalPosition, StreamName } from "@jatim/eventstore"

/**
 * The columns every event query selects, with bigint and xid8 columns as text. The aliases
 * shadow the columns in ORDER BY: order by the table's columns (`stored.global_position`).
 */
export const eventColumns = `stream_name, stream_version::text AS stream_version, transaction_id::text AS transaction_id,
  global_position::text AS global_position, event_id, event_type, data, metadata`

const decodeEvent = Schema.decodeUnknownEither(Event.RecordedEvent)

/** A whole number from a bigint column's text (NaN, which the Schema then refuses, otherwise). */
const whole = (value: unknown): number =>
  typeof value === "string" && value.length > 0 && value.length <= 15 && /^\d+$/.test(value) ? Number(value) : Number.NaN

// Stryker disable all: equivalent by design. The fast path's checks and caches only choose
// it: where it declines, the Schema decodes the row to the same event, so a mutant that makes
// it decline more often changes nothing. test/Rows.edges.unit.spec.ts holds both paths equal.
const isObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

const isNonEmptyTrimmed = (value: unknown): value is string => typeof value === "string" && value.length > 0 && value.trim() === value

/** Parses ISO dates, remembering the last one (events of one append share it). */
const makeDateParser = () => {
  let lastText = ""
  let lastMillis = Number.NaN
  return (text: string): number => {
    if (text !== lastText) {
      lastText = text
      lastMillis = Date.parse(text)
    }
    return lastMillis
  }
}
// Stryker restore all

/**
 * The position of the last of `rows`, read before the page is decoded (the next page starts
 * after it); `undefined` when there is no row or it holds no valid position (its decoding then
 * fails the read).
 */
export const lastPosition = (rows: ReadonlyArray<Readonly<Record<string, unknown>>>): GlobalPosition.GlobalPosition | undefined => {
  const row = rows[rows.length - 1]
  if (row === undefined) return undefined
  const transaction = whole(row.transaction_id)
  const sequence = whole(row.global_position)
  return transaction >= 0 && sequence >= 0 ? GlobalPosition.make(transaction, sequence) : undefined
}

// Stryker disable all: equivalent by design (see above).
/** Stored metadata as `Event.EventMetadata` decodes it, or `undefined` when it does not fit. */
const fastMetadata = (stored: unknown, parseDate: (text: string) => number): Event.EventMetadata | undefined => {
  if (!isObject(stored)) return undefined
  const { actor, causationId, correlationId, occurredAt, schemaVersion } = stored
  if (typeof occurredAt !== "string" || typeof schemaVersion !== "number") return undefined
  if (!Number.isSafeInteger(schemaVersion) || schemaVersion < 1) return undefined
  const millis = parseDate(occurredAt)
  if (Number.isNaN(millis)) return undefined
  const date = new Date(millis)
  const metadata: { -readonly [K in keyof Event.EventMetadata]: Event.EventMetadata[K] } = { occurredAt: date, schemaVersion }
  if (correlationId !== undefined) {
    if (typeof correlationId !== "string") return undefined
    metadata.correlationId = correlationId
  }
  if (causationId !== undefined) {
    if (typeof causationId !== "string") return undefined
    metadata.causationId = causationId
  }
  if (actor !== undefined) {
    if (!isObject(actor) || !isNonEmptyTrimmed(actor.role)) return undefined
    if (actor.id === undefined) metadata.actor = { role: actor.role }
    else if (isNonEmptyTrimmed(actor.id)) metadata.actor = { role: actor.role, id: actor.id }
    else return undefined
  }
  return metadata
}

/** The row as a recorded event, or `undefined` when any part does not fit. */
const fastEvent = (
  row: Readonly<Record<string, unknown>>,
  streamName: (name: unknown) => StreamName.StreamName | undefined,
  parseDate: (text: string) => number
): Event.RecordedEvent | undefined => {
  const name = streamName(row.stream_name)
  const streamVersion = whole(row.stream_version)
  const transaction = whole(row.transaction_id)
  const sequence = whole(row.global_position)
  const { data, event_id: eventId, event_type: type } = row
  if (name === undefined || !(streamVersion >= 1) || !(transaction >= 0) || !(sequence >= 0)) return undefined
  if (typeof eventId !== "string" || typeof type !== "string" || !isObject(data)) return undefined
  const metadata = fastMetadata(row.metadata, parseDate)
  if (metadata === undefined) return undefined
  // Stryker restore all
  return { streamName: name, streamVersion, globalPosition: GlobalPosition.make(transaction, sequence), eventId, type, data, metadata }
}

/** The Schema's verdict on a row that failed the fast check. */
const schemaEvent = (row: Readonly<Record<string, unknown>>): Either.Either<Event.RecordedEvent, EventDecodeError> =>
  Either.mapLeft(
    decodeEvent({
      streamName: row.stream_name,
      streamVersion: whole(row.stream_version),
      globalPosition: { transaction: whole(row.transaction_id), sequence: whole(row.global_position) },
      eventId: row.event_id,
      type: row.event_type,
      data: row.data,
      metadata: row.metadata
    }),
    (error) =>
      new EventDecodeError({
        streamName: String(row.stream_name),
        streamVersion: Number(row.stream_version),
        eventId: String(row.event_id),
        eventType: String(row.event_type),
        schemaVersion: 0,
        reason: `the stored row is not a valid event: ${ParseResult.TreeFormatter.formatErrorSync(error)}`
      })
  )

/**
 * Decodes a page of stored rows, synchronously; a row that does not decode fails the page
 * with `EventDecodeError`.
 */
export const toRecordedEvents = (
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>
): Either.Either<Array<Event.RecordedEvent>, EventDecodeError> => {
  // Rows of one page often share their stream: each name is validated once per page.
  let lastName: StreamName.StreamName | undefined
  const streamName = (name: unknown): StreamName.StreamName | undefined => {
    if (name === lastName) return lastName
    if (typeof name !== "string") return undefined
    const parsed = StreamName.parse(name)
    if (Either.isLeft(parsed)) return undefined
    lastName = parsed.right
    return lastName
  }
  const parseDate = makeDateParser()
  const events: Array<Event.RecordedEvent> = new Array(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!
    const event = fastEvent(row, streamName, parseDate)
    if (event !== undefined) {
      events[i] = event
      continue
    }
    const decoded = schemaEvent(row)
    if (Either.isLeft(decoded)) return Either.left(decoded.left)
    events[i] = decoded.right
  }
  return Either.right(events)
}
