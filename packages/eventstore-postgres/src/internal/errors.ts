/** Turns database failures into the contract's typed errors. */
import { Either, Schema } from "effect"
import type { SqlError } from "@effect/sql/SqlError"
import {
  DuplicateEventId,
  EventStoreUnavailable,
  ExpectedVersion,
  ExpectedVersionConflict
} from "@jatim/eventstore"

const PgErrorFields = Schema.Struct({
  code: Schema.String,
  detail: Schema.optional(Schema.String),
  message: Schema.optional(Schema.String)
})

const DuplicateDetail = Schema.parseJson(Schema.Struct({ eventId: Schema.String, reason: Schema.String }))

const causeOf = (error: SqlError) => Schema.decodeUnknownOption(PgErrorFields)(error.cause)

const describe = (error: SqlError): string => {
  const cause = causeOf(error)
  return cause._tag === "Some" && cause.value.message !== undefined
    ? `${error.message}: ${cause.value.message} (SQLSTATE ${cause.value.code})`
    : error.cause instanceof Error
    ? `${error.message}: ${error.cause.message}`
    : error.message
}

/** Any other database failure, for `operation`. */
export const unavailable = (operation: string) => (error: SqlError): EventStoreUnavailable =>
  new EventStoreUnavailable({ operation, reason: describe(error) })

/** The failure of one `append_to_stream` call. */
export const appendFailure = (
  error: SqlError,
  streamName: string,
  expected: ExpectedVersion.ExpectedVersion
): ExpectedVersionConflict | DuplicateEventId | EventStoreUnavailable => {
  const cause = causeOf(error)
  if (cause._tag === "Some" && cause.value.code === "EVCNF") {
    return new ExpectedVersionConflict({ streamName, expected, actual: Number(cause.value.detail) })
  }
  if (cause._tag === "Some" && cause.value.code === "EVDUP") {
    const detail = Schema.decodeUnknownEither(DuplicateDetail)(cause.value.detail)
    return Either.isRight(detail)
      ? new DuplicateEventId({ streamName, eventId: detail.right.eventId, reason: detail.right.reason })
      : new DuplicateEventId({ streamName, eventId: "", reason: "an event id of the batch is already stored" })
  }
  return unavailable(`append to "${streamName}"`)(error)
}
