/** Turns database failures into the contract's typed errors. */
import { Duration, Effect, Either, Schedule, Schema } from "effect"
import type { SqlError } from "@effect/sql/SqlError"
import {
  DuplicateEventId,
  EventStoreUnavailable,
  type ExpectedVersion,
  ExpectedVersionConflict,
  InvalidExpectedVersion
} from "@jatim/eventstore"

const PgErrorFields = Schema.Struct({
  code: Schema.String,
  detail: Schema.optional(Schema.String),
  message: Schema.optional(Schema.String)
})

const DuplicateDetail = Schema.parseJson(Schema.Struct({ eventId: Schema.String, reason: Schema.String }))

const causeOf = (error: SqlError) => Schema.decodeUnknownOption(PgErrorFields)(error.cause)

/**
 * SQLSTATEs of a transaction that PostgreSQL rolled back because it collided with another
 * (deadlock, serialization failure): nothing was written and the same work may well succeed
 * when run again.
 */
const transientCodes: ReadonlyMap<string, string> = new Map([
  ["40P01", "PostgreSQL detected a deadlock with another transaction and rolled this one back"],
  ["40001", "PostgreSQL could not serialize this transaction with a concurrent one and rolled it back"]
])

/** How the reason of an `EventStoreUnavailable` made from a transient failure starts (see `isTransient`). */
const transientReasons = Array.from(transientCodes.values())

const describe = (error: SqlError): string => {
  const cause = causeOf(error)
  return cause._tag === "Some" && cause.value.message !== undefined
    ? `${error.message}: ${cause.value.message} (SQLSTATE ${cause.value.code})`
    : error.cause instanceof Error
      ? `${error.message}: ${error.cause.message}`
      : error.message
}

/**
 * Any other database failure, for `operation`. A deadlock or serialization failure says so:
 * in a caller's transaction, that whole transaction was rolled back and is what to retry.
 */
export const unavailable =
  (operation: string) =>
  (error: SqlError): EventStoreUnavailable => {
    const cause = causeOf(error)
    const transient = cause._tag === "Some" ? transientCodes.get(cause.value.code) : undefined
    if (transient === undefined) return new EventStoreUnavailable({ operation, reason: describe(error) })
    return new EventStoreUnavailable({
      operation,
      reason: `${transient} (${describe(error)}); nothing of it was written: run the whole transaction again`
    })
  }

/** Whether `error` is a deadlock or serialization failure, which a new attempt may well get past. */
export const isTransient = (error: unknown): boolean =>
  error instanceof EventStoreUnavailable && transientReasons.some((reason) => error.reason.startsWith(reason))

/**
 * Runs `effect` again (up to 4 attempts, after a short jittered pause) while it fails with a
 * deadlock or serialization failure. Only for work that is a whole transaction of its own:
 * in a caller's transaction the failure has rolled back more than this work.
 */
export const retryTransient = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.retry(effect, {
    while: isTransient,
    schedule: Schedule.exponential(Duration.millis(5)).pipe(Schedule.jittered, Schedule.intersect(Schedule.recurs(3)))
  })

/**
 * The refusal `append_to_stream` raised with SQLSTATE `code` and `detail`: a conflict (`EVCNF`),
 * a duplicate event id (`EVDUP`) or an invalid expectation (`EVEXP`); `undefined` for any other code.
 */
export const appendRefusal = (
  code: string,
  detail: string | undefined,
  streamName: string,
  expected: ExpectedVersion.ExpectedVersion
): ExpectedVersionConflict | DuplicateEventId | InvalidExpectedVersion | undefined => {
  switch (code) {
    case "EVCNF":
      return new ExpectedVersionConflict({ streamName, expected, actual: Number(detail) })
    case "EVDUP": {
      const parsed = Schema.decodeUnknownEither(DuplicateDetail)(detail)
      return Either.isRight(parsed)
        ? new DuplicateEventId({ streamName, eventId: parsed.right.eventId, reason: parsed.right.reason })
        : new DuplicateEventId({ streamName, eventId: "", reason: "an event id of the batch is already stored" })
    }
    case "EVEXP":
      return new InvalidExpectedVersion({ streamName, reason: `${detail ?? "given"} is not one of them` })
    default:
      return undefined
  }
}

/** The failure of one `append_to_stream` call. */
export const appendFailure = (
  error: SqlError,
  streamName: string,
  expected: ExpectedVersion.ExpectedVersion
): ExpectedVersionConflict | DuplicateEventId | InvalidExpectedVersion | EventStoreUnavailable => {
  const cause = causeOf(error)
  const refusal = cause._tag === "Some" ? appendRefusal(cause.value.code, cause.value.detail, streamName, expected) : undefined
  return refusal ?? unavailable(`append to "${streamName}"`)(error)
}
