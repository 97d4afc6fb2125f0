/**
 * The idempotent-retry rules of an append whose ids are stored already, one wording for every
 * adapter (the PostgreSQL adapter's SQL function repeats them with these very texts).
 */
import { Either, Option } from "effect"
import type { RecordedEvent } from "../../Event.js"
import { DuplicateEventId } from "../../EventStoreError.js"
import type { GlobalPosition } from "../../GlobalPosition.js"
import { jsonEquals } from "../json.js"
import type { PreparedAppend } from "./prepareAppend.js"

/**
 * The reasons of `DuplicateEventId` for a batch some of whose ids are stored already, one
 * wording for every adapter: `checkRetry` gives them, and the PostgreSQL adapter's SQL
 * function is written with these very texts.
 */
export const duplicateReasons = {
  /** Some ids of the batch are stored, this one is not. */
  missing: "other events of this batch are already stored, this one is not: a retry must repeat the batch exactly",
  /** The id is stored in another stream. */
  otherStream: (streamName: string) => `the id is already used by an event of stream "${streamName}"`,
  /** The id is stored with another type or other data. */
  otherContent: "the id is already stored with another type or other data",
  /** Every id is stored, but not as one run of versions in the batch's order. */
  notTogether: "the batch's events are stored, but not together and in this order"
} as const

/** A batch whose events are all stored already, in this stream and order, with the same content. */
export interface AlreadyAppended {
  readonly nextExpectedVersion: number
  readonly lastPosition: GlobalPosition
}

/**
 * Decides what to do with a batch some of whose ids are already stored (`stored[i]` is the
 * stored event with the id of `append.events[i]`, if any): `None` when no id is stored yet,
 * `Some` when the batch was appended before exactly as it is now (an idempotent retry),
 * `DuplicateEventId` otherwise.
 */
export const checkRetry = (
  append: PreparedAppend,
  stored: ReadonlyArray<RecordedEvent | undefined>
): Either.Either<Option.Option<AlreadyAppended>, DuplicateEventId> => {
  if (stored.every((event) => event === undefined)) return Either.right(Option.none())
  const first = stored[0]
  for (let i = 0; i < append.events.length; i++) {
    const event = append.events[i]!
    const existing = stored[i]
    const fail = (reason: string) => Either.left(new DuplicateEventId({ eventId: event.eventId, streamName: append.streamName, reason }))
    if (existing === undefined) return fail(duplicateReasons.missing)
    if (existing.streamName !== append.streamName) return fail(duplicateReasons.otherStream(existing.streamName))
    if (existing.type !== event.type || !jsonEquals(existing.data, event.data)) return fail(duplicateReasons.otherContent)
    if (first === undefined || existing.streamVersion !== first.streamVersion + i) return fail(duplicateReasons.notTogether)
  }
  const last = stored[stored.length - 1]!
  return Either.right(Option.some({ nextExpectedVersion: last.streamVersion, lastPosition: last.globalPosition }))
}
