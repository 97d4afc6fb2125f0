/**
 * The events of a course's stream (`course-<courseId>`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { CalendarDate } from "@jatim/kernel"
import { CourseContent } from "./CourseContent.js"
import { CourseId } from "./Ids.js"
import { Topic } from "./Topic.js"

/** A Dinas officer drafted a course: its topic (fixed from now on) and its first content. */
export class CourseDrafted extends Schema.TaggedClass<CourseDrafted>()("CourseDrafted", {
  courseId: CourseId,
  topic: Topic,
  content: CourseContent,
  at: Schema.Date
}) {}

/** The draft's content was replaced; published versions are unchanged. */
export class CourseRevised extends Schema.TaggedClass<CourseRevised>()("CourseRevised", {
  courseId: CourseId,
  content: CourseContent,
  at: Schema.Date
}) {}

/** The draft was published as the next version (1, 2, ...); new enrollments follow it. */
export class CoursePublished extends Schema.TaggedClass<CoursePublished>()("CoursePublished", {
  courseId: CourseId,
  version: Schema.Int.pipe(Schema.positive()),
  content: CourseContent,
  at: Schema.Date
}) {}

/** The course was retired: it takes no new enrollments; existing ones continue. */
export class CourseRetired extends Schema.TaggedClass<CourseRetired>()("CourseRetired", {
  courseId: CourseId,
  reason: Schema.NonEmptyTrimmedString,
  at: Schema.Date
}) {}

/** The course is offered as a cohort from `startsOn` to `endsOn` (WIB, both included), replacing any cohort before. */
export class CohortScheduled extends Schema.TaggedClass<CohortScheduled>()("CohortScheduled", {
  courseId: CourseId,
  startsOn: CalendarDate.CalendarDate,
  endsOn: CalendarDate.CalendarDate,
  at: Schema.Date
}) {}

/** Schema of every course event. */
export const CourseEvent = Schema.Union(CourseDrafted, CourseRevised, CoursePublished, CourseRetired, CohortScheduled)

/** An event of a course's stream. */
export type CourseEvent = typeof CourseEvent.Type
