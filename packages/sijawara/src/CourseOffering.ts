/**
 * A course offering: the latest published version of a course as an enrollment needs it — the
 * version number, the topic, the plan (module and lesson ids, pass marks, question counts; never
 * answer keys) and whether the course still takes enrollments. `Course.offering` reads it from a course's state;
 * the `Enroll` command carries it as a fact read from the course's stream (`VerifiedOffering`),
 * and the enrollment follows that version to the end.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { CalendarDate } from "@jatim/kernel"
import { Plan } from "./CourseContent.js"
import { CourseId } from "./Ids.js"
import { Topic } from "./Topic.js"

/**
 * Schema of a cohort: the course runs from `startsOn` to `endsOn` (calendar dates in WIB, both
 * included); enrollment closes at the end of `endsOn`.
 */
export const Cohort = Schema.Struct({
  startsOn: CalendarDate.CalendarDate,
  endsOn: CalendarDate.CalendarDate
}).annotations({
  identifier: "CourseCohort",
  description: "the dates the course runs as a cohort (WIB, both included): enrollment closes at the end of endsOn"
})

/** A cohort: the dates a course runs. */
export interface Cohort extends Schema.Schema.Type<typeof Cohort> {}

/** Whether a cohort still takes enrollments on `today`: until its end date, included. */
export const enrollmentOpen = (cohort: Cohort | null, today: CalendarDate.CalendarDate): boolean =>
  cohort === null || !CalendarDate.isBefore(cohort.endsOn, today)

/** Schema of a course offering. */
export const CourseOffering = Schema.Struct({
  courseId: CourseId,
  version: Schema.Int.pipe(Schema.positive()),
  title: Schema.NonEmptyTrimmedString,
  topic: Topic,
  /** `RETIRED` once the course is retired: it then takes no new enrollments. */
  status: Schema.Literal("OPEN", "RETIRED"),
  plan: Plan,
  /** The cohort the course runs as, when the Dinas scheduled one; `null` for a self-paced course (enrollment always open). */
  cohort: Schema.NullOr(Cohort).annotations({
    description: "the cohort the course runs as (enrollment closes at its end); null for a self-paced course"
  })
}).annotations({ identifier: "CourseOffering" })

/** The latest published version of a course, as an enrollment follows it. */
export type CourseOffering = typeof CourseOffering.Type
