/**
 * A module's answer key in one published version of a course, read from the course's stream
 * when a quiz attempt is graded (answer keys never leave the course's stream otherwise, adr/0024).
 * The `GradeAttempt` command carries it, so it is the course's fact, never the caller's word: a
 * key chosen by the caller would pass any quiz. A `VerifiedAnswerKey` is a kernel `Verified`
 * fact only `read` issues; it names its course, version and module, so it grades that module
 * only. It is frozen (its key too), its type does not compile when written by hand, the
 * `GradeAttempt` Schema refuses a look-alike (a plain object, a copy, one decoded from JSON),
 * and `Enrollment.decide` checks `is` at run time and refuses one with `AnswerKeyUnverified`.
 *
 * @since 0.1.0
 */
import { Effect, Option, type Schema } from "effect"
import { Aggregate, type EventDecodeError, type EventStore, type ReadError } from "@jatim/eventstore"
import type { Verified } from "@jatim/kernel"
import * as Course from "./Course.js"
import type { CourseId, ModuleId } from "./Ids.js"
import { AnswerKeyContent, answerKeys } from "./internal/issuers.js"

/** Schema of a key's content: course, published version, module, and the key itself. */
export const Content = AnswerKeyContent

/** A key's content. */
export interface Content extends Schema.Schema.Type<typeof Content> {}

/** A module's answer key in one version of a course, as its stream holds it (only `read` issues one). */
export type VerifiedAnswerKey = Verified.Verified<Content, "VerifiedAnswerKey">

/** Whether `u` is a key `read` made from a course's stream (and not a look-alike). */
export const is: (u: unknown) => u is VerifiedAnswerKey = answerKeys.is

/**
 * Schema of a key in a command: only a value `read` made passes, so a command that carries one
 * cannot be decoded from JSON, and constructing it with a look-alike throws.
 */
export const schema: Schema.Schema<VerifiedAnswerKey> = answerKeys.schema

/**
 * The answer key of module `moduleId` in version `courseVersion` of course `courseId`, read now
 * from the course's stream: none when that version does not exist or has no such module.
 */
export const read = (
  courseId: CourseId,
  courseVersion: number,
  moduleId: ModuleId
): Effect.Effect<Option.Option<VerifiedAnswerKey>, ReadError | EventDecodeError, EventStore.EventStore> =>
  Effect.map(Aggregate.currentState(Course, Course.streamName(courseId)), (state) => {
    const ofCourse = state._tag === "Course" && state.courseId === courseId ? Option.some(state) : Option.none()
    return Option.map(
      Option.flatMap(ofCourse, (course) => Course.answerKey(course, courseVersion, moduleId)),
      (answerKey) => answerKeys.issue({ courseId, courseVersion, moduleId, answerKey })
    )
  })
