/**
 * The identifiers of Sijawara: courses, learners, modules and lessons.
 *
 * Course and learner ids become parts of stream names (`course-<courseId>`,
 * `learner-<learnerId>`, `enrollment-<learnerId>_<courseId>`), so they are short slugs: a letter
 * or digit, then letters, digits, `.` or `-`, at most 64 characters. They never hold `_`, which
 * separates the learner from the course in an enrollment's stream id.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

const slugPattern = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/

const slug = <const B extends string>(brand: B, what: string, example: string) =>
  Schema.String.pipe(
    Schema.pattern(slugPattern, {
      message: (issue) =>
        `${what} is a letter or digit, then letters, digits, "." or "-" (at most 64 characters, no spaces or "_"), ` +
        `for example ${JSON.stringify(example)}; got ${JSON.stringify(issue.actual)}`
    }),
    Schema.brand(brand),
    Schema.annotations({ identifier: brand, description: what })
  )

/** Schema of a course id, e.g. `kemasan-101`. */
export const CourseId = slug("CourseId", "a course id", "kemasan-101")
/** A course id. */
export type CourseId = typeof CourseId.Type

/** Schema of a learner id, e.g. `L-2025-000123`. */
export const LearnerId = slug("LearnerId", "a learner id", "L-2025-000123")
/** A learner id. */
export type LearnerId = typeof LearnerId.Type

/** Schema of a module id, unique within its course, e.g. `m1`. */
export const ModuleId = slug("ModuleId", "a module id", "m1")
/** A module id. */
export type ModuleId = typeof ModuleId.Type

/** Schema of a lesson id, unique within its course (across modules), e.g. `m1.l2`. */
export const LessonId = slug("LessonId", "a lesson id", "m1.l2")
/** A lesson id. */
export type LessonId = typeof LessonId.Type
