/**
 * The errors of Sijawara's course aggregate (`Course.ts`) and the union `CourseError` of every
 * error a course command may fail with. Each names the rule that refused a command and what the
 * person can do about it; all are `Schema.TaggedError`s, so they cross the HTTP boundary typed.
 * Authorization refusals are the kernel's `ActorNotAuthorized`. Each class declares its category
 * (`ErrorCategory` of `@jatim/kernel`), which hosts map.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type Actor, CalendarDate, ErrorCategory } from "@jatim/kernel"
import { CourseId } from "./Ids.js"

const list = (items: ReadonlyArray<string>): string => items.join("; ")

/** A draft or revision whose content breaks the course rules. */
export class InvalidCourseContent extends ErrorCategory.DomainError<InvalidCourseContent>()(
  "InvalidCourseContent",
  { courseId: CourseId, problems: Schema.NonEmptyArray(Schema.String) },
  ErrorCategory.ruleViolated,
  ({ courseId, problems }) =>
    `The content of course "${courseId}" breaks the course rules: ${list(problems)}. Fix these and submit the content again.`
) {}

/** A course id that is already drafted. */
export class CourseAlreadyDrafted extends ErrorCategory.DomainError<CourseAlreadyDrafted>()(
  "CourseAlreadyDrafted",
  { courseId: CourseId },
  ErrorCategory.ruleViolated,
  ({ courseId }) => `Course "${courseId}" is already drafted: a course id is drafted once; revise the draft instead, or choose another id.`
) {}

/** A command on a course that was never drafted. */
export class CourseNotFound extends ErrorCategory.DomainError<CourseNotFound>()(
  "CourseNotFound",
  { courseId: CourseId },
  ErrorCategory.notFound,
  ({ courseId }) => `Course "${courseId}" has not been drafted: draft it first.`
) {}

/** A command a retired course no longer takes. */
export class CourseIsRetired extends ErrorCategory.DomainError<CourseIsRetired>()(
  "CourseIsRetired",
  { courseId: CourseId, action: Schema.String },
  ErrorCategory.ruleViolated,
  ({ courseId, action }) => `Course "${courseId}" is retired, and a retired course cannot ${action}. Draft a new course to teach it again.`
) {}

/** A publication of a draft that is already the latest published version. */
export class NothingToPublish extends ErrorCategory.DomainError<NothingToPublish>()(
  "NothingToPublish",
  { courseId: CourseId, version: Schema.Int },
  ErrorCategory.ruleViolated,
  ({ courseId, version }) =>
    `Course "${courseId}" has not changed since version ${version} was published: ` +
    `a new version is published only after the draft is revised.`
) {}

/** An enrollment in a course that has no published version yet. */
export class CourseNotPublished extends ErrorCategory.DomainError<CourseNotPublished>()(
  "CourseNotPublished",
  { courseId: CourseId },
  ErrorCategory.ruleViolated,
  ({ courseId }) => `Course "${courseId}" has no published version yet: learners enroll only in a published course.`
) {}

/** A cohort whose dates do not make one: its end before its start, or already past. */
export class InvalidCohort extends ErrorCategory.DomainError<InvalidCohort>()(
  "InvalidCohort",
  { courseId: CourseId, startsOn: CalendarDate.CalendarDate, endsOn: CalendarDate.CalendarDate, reason: Schema.String },
  ErrorCategory.ruleViolated,
  ({ courseId, startsOn, endsOn, reason }) => `The cohort of course "${courseId}" from ${startsOn} to ${endsOn} is not valid: ${reason}.`
) {}

/** An enrollment in a course whose cohort has ended. */
export class EnrollmentClosed extends ErrorCategory.DomainError<EnrollmentClosed>()(
  "EnrollmentClosed",
  { courseId: CourseId, endsOn: CalendarDate.CalendarDate },
  ErrorCategory.ruleViolated,
  ({ courseId, endsOn }) =>
    `Enrollment in course "${courseId}" closed when its cohort ended on ${endsOn}: enroll in the next cohort once the Dinas schedules it.`
) {}

/** Every error a course command may fail with. */
export type CourseError =
  | Actor.ActorNotAuthorized
  | CourseAlreadyDrafted
  | CourseNotFound
  | CourseIsRetired
  | InvalidCourseContent
  | NothingToPublish
  | InvalidCohort
