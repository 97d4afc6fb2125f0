/**
 * The commands of a course. Each carries the actor who issues it; only Dinas officers draft,
 * revise, publish and retire courses.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Actor, CalendarDate } from "@jatim/kernel"
import { CourseContent } from "./CourseContent.js"
import { CourseId } from "./Ids.js"
import { Topic } from "./Topic.js"

/** Draft a new course with its topic and content (modules, lessons, one quiz per module). */
export class DraftCourse extends Schema.TaggedClass<DraftCourse>()("DraftCourse", {
  actor: Actor.Actor,
  courseId: CourseId,
  topic: Topic,
  content: CourseContent
}) {}

/** Replace the draft's content (the topic stays); publish it to make it a new version. */
export class ReviseCourse extends Schema.TaggedClass<ReviseCourse>()("ReviseCourse", {
  actor: Actor.Actor,
  courseId: CourseId,
  content: CourseContent
}) {}

/** Publish the draft as the course's next version. */
export class PublishCourse extends Schema.TaggedClass<PublishCourse>()("PublishCourse", {
  actor: Actor.Actor,
  courseId: CourseId
}) {}

/** Retire the course: no new enrollments; learners already enrolled may finish. */
export class RetireCourse extends Schema.TaggedClass<RetireCourse>()("RetireCourse", {
  actor: Actor.Actor,
  courseId: CourseId,
  reason: Schema.NonEmptyTrimmedString
}) {}

/**
 * Offer the course as a cohort from `startsOn` to `endsOn` (WIB dates, both included): enrollment
 * closes at the end of `endsOn`. Scheduling again replaces the cohort (the next intake).
 */
export class ScheduleCohort extends Schema.TaggedClass<ScheduleCohort>()("ScheduleCohort", {
  actor: Actor.Actor,
  courseId: CourseId,
  startsOn: CalendarDate.CalendarDate,
  endsOn: CalendarDate.CalendarDate
}) {}

/** Schema of every course command. */
export const CourseCommand = Schema.Union(DraftCourse, ReviseCourse, PublishCourse, RetireCourse, ScheduleCohort)

/** A command of a course. */
export type CourseCommand = typeof CourseCommand.Type
