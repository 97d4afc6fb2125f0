/** Decoding stored rows into recorded events, at the boundary: nothing is trusted unchecked. */
import { Either, ParseResult, Schema } from "effect"
import { Event, EventDecodeError } from "@jatim/eventstore"

/**
 * The columns every event query selects, with bigint and xid8 columns as text. The aliases
 * shadow the columns in ORDER BY: order by the table's columns (`stored.global_position`).
 */
export const eventColumns = `stream_name, stream_version::text AS stream_version, transaction_id::text AS transaction_id,
  global_position::text AS global_position, event_id, event_type, data, metadata`

const decodeEvent = Schema.decodeUnknownEither(Event.RecordedEvent)

/** A whole number from a bigint column's text (NaN, which the Schema then refuses, otherwise). */
const whole = (value: unknown): number => typeof value === "string" && /^\d+$/.test(value) ? Number(value) : Number.NaN

/**
 * Decodes a page of stored rows, synchronously (one Schema decode per row, no Effect per row);
 * a row that does not decode fails the page with `EventDecodeError`.
 */
export const toRecordedEvents = (
  rows: ReadonlyArray<Readonly<Record<string, unknown>>>
): Either.Either<Array<Event.RecordedEvent>, EventDecodeError> => {
  const events: Array<Event.RecordedEvent> = new Array(rows.length)
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!
    const decoded = decodeEvent({
      streamName: row.stream_name,
      streamVersion: whole(row.stream_version),
      globalPosition: { transaction: whole(row.transaction_id), sequence: whole(row.global_position) },
      eventId: row.event_id,
      type: row.event_type,
      data: row.data,
      metadata: row.metadata
    })
    if (Either.isLeft(decoded)) {
      return Either.left(
        new EventDecodeError({
          streamName: String(row.stream_name),
          streamVersion: Number(row.stream_version),
          eventId: String(row.event_id),
          eventType: String(row.event_type),
          schemaVersion: 0,
          reason: `the stored row is not a valid event: ${ParseResult.TreeFormatter.formatErrorSync(decoded.left)}`
        })
      )
    }
    events[i] = decoded.right
  }
  return Either.right(events)
}
