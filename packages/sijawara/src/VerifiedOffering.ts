/**
 * A course's offering as an enrollment takes it: the latest published version of the course
 * (`CourseOffering`), read from the course's stream. The `Enroll` command carries it, and the
 * enrollment follows that version to the end, so it is the course's fact, never the caller's
 * word (adr/0024): a `VerifiedOffering` is a kernel `Verified` fact only `read` issues. It is
 * frozen (its plan too), its type does not compile when written by hand, the `Enroll` Schema
 * refuses a look-alike (a plain object, a copy, one decoded from JSON), and `Enrollment.decide`
 * checks `is` at run time and refuses one with `CourseOfferingUnverified`.
 *
 * @since 0.1.0
 */
import { Effect, type Schema } from "effect"
import { Aggregate, type EventDecodeError, type EventStore, type ReadError } from "@jatim/eventstore"
import type { Verified } from "@jatim/kernel"
import * as Course from "./Course.js"
import { CourseOffering } from "./CourseOffering.js"
import type { CourseId } from "./Ids.js"
import { offerings } from "./internal/issuers.js"
import type { CourseNotFound, CourseNotPublished } from "./CourseError.js"

/** Schema of an offering's content: the course's latest published version (`CourseOffering`). */
export const Content = CourseOffering

/** An offering's content. */
export type Content = CourseOffering

/** A course's offering, as its stream says it is now (only `read` issues one). */
export type VerifiedOffering = Verified.Verified<Content, "VerifiedOffering">

/** Whether `u` is an offering `read` made from a course's stream (and not a look-alike). */
export const is: (u: unknown) => u is VerifiedOffering = offerings.is

/**
 * Schema of an offering in a command: only a value `read` made passes, so a command that
 * carries one cannot be decoded from JSON, and constructing it with a look-alike throws.
 */
export const schema: Schema.Schema<VerifiedOffering> = offerings.schema

/**
 * The offering of course `courseId`, read now from its stream: its latest published version,
 * and whether it is retired. `CourseNotFound` when it was never drafted, `CourseNotPublished`
 * before its first publication.
 */
export const read = (
  courseId: CourseId
): Effect.Effect<VerifiedOffering, CourseNotFound | CourseNotPublished | ReadError | EventDecodeError, EventStore.EventStore> =>
  Aggregate.currentState(Course, Course.streamName(courseId)).pipe(
    Effect.flatMap((state) => Course.offering(state, courseId)),
    Effect.map(offerings.issue)
  )
