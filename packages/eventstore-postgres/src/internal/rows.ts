/** Decoding stored rows into recorded events, at the boundary: nothing is trusted unchecked. */
import { Effect, ParseResult, Schema } from "effect"
import { Event, EventDecodeError } from "@jatim/eventstore"

/**
 * The columns every event query selects, with bigint and xid8 columns as text. The aliases
 * shadow the columns in ORDER BY: order by the table's columns (`stored.global_position`).
 */
export const eventColumns = `stream_name, stream_version::text AS stream_version, transaction_id::text AS transaction_id,
  global_position::text AS global_position, event_id, event_type, data, metadata`

const EventRow = Schema.Struct({
  stream_name: Schema.String,
  stream_version: Schema.NumberFromString,
  transaction_id: Schema.NumberFromString,
  global_position: Schema.NumberFromString,
  event_id: Schema.String,
  event_type: Schema.String,
  data: Schema.Unknown,
  metadata: Schema.Unknown
})

const decodeRow = Schema.decodeUnknown(EventRow)
const decodeEvent = Schema.decodeUnknown(Event.RecordedEvent)

/** Decodes one stored row; a row that does not decode fails with `EventDecodeError`. */
export const toRecordedEvent = (row: Readonly<Record<string, unknown>>): Effect.Effect<Event.RecordedEvent, EventDecodeError> =>
  decodeRow(row).pipe(
    Effect.flatMap((columns) =>
      decodeEvent({
        streamName: columns.stream_name,
        streamVersion: columns.stream_version,
        globalPosition: { transaction: columns.transaction_id, sequence: columns.global_position },
        eventId: columns.event_id,
        type: columns.event_type,
        data: columns.data,
        metadata: columns.metadata
      })
    ),
    Effect.mapError((error) =>
      new EventDecodeError({
        streamName: String(row.stream_name),
        streamVersion: Number(row.stream_version),
        eventId: String(row.event_id),
        eventType: String(row.event_type),
        schemaVersion: 0,
        reason: `the stored row is not a valid event: ${ParseResult.TreeFormatter.formatErrorSync(error)}`
      })
    )
  )
