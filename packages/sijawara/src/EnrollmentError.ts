/**
 * The errors of Sijawara's enrollment aggregate (`Enrollment.ts`) and the union `EnrollmentError`
 * of every error an enrollment command may fail with. Each names the rule that refused a command
 * and what the person can do about it; all are `Schema.TaggedError`s, so they cross the HTTP
 * boundary typed. Authorization refusals are the kernel's `ActorNotAuthorized`. Each class
 * declares its category (`ErrorCategory` of `@jatim/kernel`), which hosts map.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type Actor, ErrorCategory } from "@jatim/kernel"
import type { CourseIsRetired, EnrollmentClosed } from "./CourseError.js"
import { CourseId, LearnerId, LessonId, ModuleId } from "./Ids.js"

const list = (items: ReadonlyArray<string>): string => items.join("; ")

/** A second enrollment of the same learner in the same course. */
export class AlreadyEnrolled extends ErrorCategory.DomainError<AlreadyEnrolled>()(
  "AlreadyEnrolled",
  { learnerId: LearnerId, courseId: CourseId, courseVersion: Schema.Int },
  ErrorCategory.ruleViolated,
  ({ learnerId, courseId, courseVersion }) =>
    `Learner "${learnerId}" is already enrolled in course "${courseId}" (version ${courseVersion}): ` +
    `a learner enrolls in a course once and continues that enrollment.`
) {}

/** A command on an enrollment that does not exist. */
export class NotEnrolled extends ErrorCategory.DomainError<NotEnrolled>()(
  "NotEnrolled",
  { learnerId: LearnerId, courseId: CourseId },
  ErrorCategory.notFound,
  ({ learnerId, courseId }) => `Learner "${learnerId}" is not enrolled in course "${courseId}": enroll first.`
) {}

/** An enrollment whose course offering breaks the course rules (a command not built from a course). */
export class InvalidCourseOffering extends ErrorCategory.DomainError<InvalidCourseOffering>()(
  "InvalidCourseOffering",
  { courseId: CourseId, problems: Schema.NonEmptyArray(Schema.String) },
  ErrorCategory.ruleViolated,
  ({ courseId, problems }) =>
    `The offering of course "${courseId}" cannot be followed: ${list(problems)}. ` +
    `Build the enrollment from the course's published version (Enrollment.enrollIn).`
) {}

/** The course version an enrollment follows, as an error of a part not in it names it. */
const followedVersion = { courseId: CourseId, courseVersion: Schema.Int }

/** Why `part` (a lesson or a module, named) cannot be acted on: it is not in the version the enrollment follows. */
const notInFollowedVersion = (part: string, { courseId, courseVersion }: { readonly courseId: string; readonly courseVersion: number }) =>
  `${part} is not part of version ${courseVersion} of course "${courseId}", the version this enrollment follows.`

/** A lesson that is not part of the course version the learner enrolled in. */
export class UnknownLesson extends ErrorCategory.DomainError<UnknownLesson>()(
  "UnknownLesson",
  { ...followedVersion, lessonId: LessonId },
  ErrorCategory.ruleViolated,
  (error) => notInFollowedVersion(`Lesson "${error.lessonId}"`, error)
) {}

/** A module that is not part of the course version the learner enrolled in. */
export class UnknownModule extends ErrorCategory.DomainError<UnknownModule>()(
  "UnknownModule",
  { ...followedVersion, moduleId: ModuleId },
  ErrorCategory.ruleViolated,
  (error) => notInFollowedVersion(`Module "${error.moduleId}"`, error)
) {}

/** A quiz attempt before every lesson of its module is completed. */
export class QuizLocked extends ErrorCategory.DomainError<QuizLocked>()(
  "QuizLocked",
  { moduleId: ModuleId, missingLessons: Schema.NonEmptyArray(LessonId) },
  ErrorCategory.ruleViolated,
  ({ moduleId, missingLessons }) =>
    `The quiz of module "${moduleId}" opens only after every lesson of the module is completed; ` +
    `still to complete: ${missingLessons.join(", ")}.`
) {}

/** A quiz attempt that does not answer every question exactly once. */
export class InvalidQuizAnswers extends ErrorCategory.DomainError<InvalidQuizAnswers>()(
  "InvalidQuizAnswers",
  { moduleId: ModuleId, expected: Schema.Int, actual: Schema.Int },
  ErrorCategory.ruleViolated,
  ({ moduleId, expected, actual }) =>
    `The quiz of module "${moduleId}" has ${expected} questions: an attempt answers each once, but ${actual} answers were given.`
) {}

/** A quiz attempt on a module the learner has already passed. */
export class ModuleAlreadyPassed extends ErrorCategory.DomainError<ModuleAlreadyPassed>()(
  "ModuleAlreadyPassed",
  { moduleId: ModuleId },
  ErrorCategory.ruleViolated,
  ({ moduleId }) => `Module "${moduleId}" is already passed: a passed module takes no more quiz attempts.`
) {}

/** A fourth quiz attempt on the same module on the same day (WIB). */
export class AttemptLimitReached extends ErrorCategory.DomainError<AttemptLimitReached>()(
  "AttemptLimitReached",
  { moduleId: ModuleId, limit: Schema.Int, day: Schema.String, retryOn: Schema.String },
  ErrorCategory.ruleViolated,
  ({ limit, moduleId, day, retryOn }) =>
    `At most ${limit} quiz attempts per module per day: module "${moduleId}" already had ` +
    `${limit} attempts on ${day} (WIB). Try again from 00:00 WIB on ${retryOn}.`
) {}

/** A quiz attempt decided without the answer key of the module in the enrollment's course version. */
export class AnswerKeyUnavailable extends ErrorCategory.DomainError<AnswerKeyUnavailable>()(
  "AnswerKeyUnavailable",
  { courseId: CourseId, courseVersion: Schema.Int, moduleId: ModuleId },
  ErrorCategory.ruleViolated,
  ({ moduleId, courseVersion, courseId }) =>
    `The quiz of module "${moduleId}" (version ${courseVersion} of course "${courseId}") ` +
    `is graded against its answer key in the course's stream: submit the attempt through Commands.attemptQuiz.`
) {}

/**
 * An enrollment whose learner profile was not read from the learner's stream by
 * `VerifiedProfile.read` (a look-alike: a region, role or link that is the caller's word).
 */
export class LearnerProfileUnverified extends ErrorCategory.DomainError<LearnerProfileUnverified>()(
  "LearnerProfileUnverified",
  {},
  ErrorCategory.ruleViolated,
  () =>
    `The learner profile of this enrollment was not read from the learner's stream, so the enrollment is refused: ` +
    `a learner's region, role and links come from the learner's own events (VerifiedProfile.read), never from the ` +
    `caller. Enroll through Commands.enroll, which reads them.`
) {}

/**
 * An enrollment whose course offering was not read from the course's stream by
 * `VerifiedOffering.read` (a look-alike: a version, plan or status that is the caller's word).
 */
export class CourseOfferingUnverified extends ErrorCategory.DomainError<CourseOfferingUnverified>()(
  "CourseOfferingUnverified",
  {},
  ErrorCategory.ruleViolated,
  () =>
    `The course offering of this enrollment was not read from the course's stream, so the enrollment is refused: ` +
    `a course's published version, plan and status come from the course's own events (VerifiedOffering.read), never ` +
    `from the caller. Enroll through Commands.enroll, which reads them.`
) {}

/**
 * A quiz attempt whose answer key was not read from the course's stream by
 * `VerifiedAnswerKey.read` (a look-alike: a key that is the caller's word would pass any quiz).
 */
export class AnswerKeyUnverified extends ErrorCategory.DomainError<AnswerKeyUnverified>()(
  "AnswerKeyUnverified",
  { courseId: CourseId, moduleId: ModuleId },
  ErrorCategory.ruleViolated,
  ({ moduleId, courseId }) =>
    `The answer key for the quiz of module "${moduleId}" of course "${courseId}" was not read from the ` +
    `course's stream, so the attempt is not graded: a quiz is graded only against the key in the course's own events ` +
    `(VerifiedAnswerKey.read). Submit the attempt through Commands.attemptQuiz, which reads it.`
) {}

/**
 * A quiz attempt whose link in effect was not read from the learner's stream by
 * `VerifiedLink.read` (a look-alike), or is another learner's: the UMKM a completion credits is
 * never the caller's word.
 */
export class LinkUnverified extends ErrorCategory.DomainError<LinkUnverified>()(
  "LinkUnverified",
  { learnerId: LearnerId, reason: Schema.String },
  ErrorCategory.ruleViolated,
  ({ learnerId, reason }) =>
    `The quiz attempt of learner "${learnerId}" cannot be decided: ${reason}. The UMKM a completion ` +
    `records is the one whose link with the learner is in effect in the learner's own events (VerifiedLink.read), ` +
    `never the caller's word. Submit the attempt through Commands.attemptQuiz, which reads it.`
) {}

/** Every error an enrollment command may fail with. */
export type EnrollmentError =
  | Actor.ActorNotAuthorized
  | AlreadyEnrolled
  | CourseIsRetired
  | EnrollmentClosed
  | InvalidCourseOffering
  | NotEnrolled
  | UnknownLesson
  | UnknownModule
  | ModuleAlreadyPassed
  | QuizLocked
  | InvalidQuizAnswers
  | AttemptLimitReached
  | AnswerKeyUnavailable
  | LearnerProfileUnverified
  | CourseOfferingUnverified
  | AnswerKeyUnverified
  | LinkUnverified
