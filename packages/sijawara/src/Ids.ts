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
import { Slug } from "@jatim/kernel"

const slug = <const B extends string>(brand: B, what: string, example: string) =>
  Slug.make(brand, { separators: [".", "-"], what, example })

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
