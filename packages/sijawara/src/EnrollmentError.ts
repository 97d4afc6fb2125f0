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
import type { CourseIsRetired } from "./CourseError.js"
import { CourseId, LearnerId, LessonId, ModuleId } from "./Ids.js"

const list = (items: ReadonlyArray<string>): string => items.join("; ")

/** A second enrollment of the same learner in the same course. */
export class AlreadyEnrolled extends Schema.TaggedError<AlreadyEnrolled>()(
  "AlreadyEnrolled",
  {
    learnerId: LearnerId,
    courseId: CourseId,
    courseVersion: Schema.Int
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Learner "${this.learnerId}" is already enrolled in course "${this.courseId}" (version ${this.courseVersion}): ` +
      `a learner enrolls in a course once and continues that enrollment.`
    )
  }
}

/** A command on an enrollment that does not exist. */
export class NotEnrolled extends Schema.TaggedError<NotEnrolled>()(
  "NotEnrolled",
  {
    learnerId: LearnerId,
    courseId: CourseId
  },
  ErrorCategory.notFound
) {
  override get message(): string {
    return `Learner "${this.learnerId}" is not enrolled in course "${this.courseId}": enroll first.`
  }
}

/** An enrollment whose course offering breaks the course rules (a command not built from a course). */
export class InvalidCourseOffering extends Schema.TaggedError<InvalidCourseOffering>()(
  "InvalidCourseOffering",
  {
    courseId: CourseId,
    problems: Schema.NonEmptyArray(Schema.String)
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `The offering of course "${this.courseId}" cannot be followed: ${list(this.problems)}. ` +
      `Build the enrollment from the course's published version (Enrollment.enrollIn).`
    )
  }
}

/** A lesson that is not part of the course version the learner enrolled in. */
export class UnknownLesson extends Schema.TaggedError<UnknownLesson>()(
  "UnknownLesson",
  {
    courseId: CourseId,
    courseVersion: Schema.Int,
    lessonId: LessonId
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Lesson "${this.lessonId}" is not part of version ${this.courseVersion} of course "${this.courseId}", ` +
      `the version this enrollment follows.`
    )
  }
}

/** A module that is not part of the course version the learner enrolled in. */
export class UnknownModule extends Schema.TaggedError<UnknownModule>()(
  "UnknownModule",
  {
    courseId: CourseId,
    courseVersion: Schema.Int,
    moduleId: ModuleId
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Module "${this.moduleId}" is not part of version ${this.courseVersion} of course "${this.courseId}", ` +
      `the version this enrollment follows.`
    )
  }
}

/** A quiz attempt before every lesson of its module is completed. */
export class QuizLocked extends Schema.TaggedError<QuizLocked>()(
  "QuizLocked",
  {
    moduleId: ModuleId,
    missingLessons: Schema.NonEmptyArray(LessonId)
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `The quiz of module "${this.moduleId}" opens only after every lesson of the module is completed; ` +
      `still to complete: ${this.missingLessons.join(", ")}.`
    )
  }
}

/** A quiz attempt that does not answer every question exactly once. */
export class InvalidQuizAnswers extends Schema.TaggedError<InvalidQuizAnswers>()(
  "InvalidQuizAnswers",
  {
    moduleId: ModuleId,
    expected: Schema.Int,
    actual: Schema.Int
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `The quiz of module "${this.moduleId}" has ${this.expected} questions: an attempt answers each once, ` +
      `but ${this.actual} answers were given.`
    )
  }
}

/** A quiz attempt on a module the learner has already passed. */
export class ModuleAlreadyPassed extends Schema.TaggedError<ModuleAlreadyPassed>()(
  "ModuleAlreadyPassed",
  {
    moduleId: ModuleId
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `Module "${this.moduleId}" is already passed: a passed module takes no more quiz attempts.`
  }
}

/** A fourth quiz attempt on the same module on the same day (WIB). */
export class AttemptLimitReached extends Schema.TaggedError<AttemptLimitReached>()(
  "AttemptLimitReached",
  {
    moduleId: ModuleId,
    limit: Schema.Int,
    day: Schema.String,
    retryOn: Schema.String
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `At most ${this.limit} quiz attempts per module per day: module "${this.moduleId}" already had ` +
      `${this.limit} attempts on ${this.day} (WIB). Try again from 00:00 WIB on ${this.retryOn}.`
    )
  }
}

/** A quiz attempt decided without the answer key of the module in the enrollment's course version. */
export class AnswerKeyUnavailable extends Schema.TaggedError<AnswerKeyUnavailable>()(
  "AnswerKeyUnavailable",
  {
    courseId: CourseId,
    courseVersion: Schema.Int,
    moduleId: ModuleId
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `The quiz of module "${this.moduleId}" (version ${this.courseVersion} of course "${this.courseId}") ` +
      `is graded against its answer key in the course's stream: submit the attempt through Commands.attemptQuiz.`
    )
  }
}

/**
 * An enrollment whose learner profile was not read from the learner's stream by
 * `VerifiedProfile.read` (a look-alike: a region, role or link that is the caller's word).
 */
export class LearnerProfileUnverified extends Schema.TaggedError<LearnerProfileUnverified>()(
  "LearnerProfileUnverified",
  {},
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `The learner profile of this enrollment was not read from the learner's stream, so the enrollment is refused: ` +
      `a learner's region, role and links come from the learner's own events (VerifiedProfile.read), never from the ` +
      `caller. Enroll through Commands.enroll, which reads them.`
    )
  }
}

/**
 * An enrollment whose course offering was not read from the course's stream by
 * `VerifiedOffering.read` (a look-alike: a version, plan or status that is the caller's word).
 */
export class CourseOfferingUnverified extends Schema.TaggedError<CourseOfferingUnverified>()(
  "CourseOfferingUnverified",
  {},
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `The course offering of this enrollment was not read from the course's stream, so the enrollment is refused: ` +
      `a course's published version, plan and status come from the course's own events (VerifiedOffering.read), never ` +
      `from the caller. Enroll through Commands.enroll, which reads them.`
    )
  }
}

/**
 * A quiz attempt whose answer key was not read from the course's stream by
 * `VerifiedAnswerKey.read` (a look-alike: a key that is the caller's word would pass any quiz).
 */
export class AnswerKeyUnverified extends Schema.TaggedError<AnswerKeyUnverified>()(
  "AnswerKeyUnverified",
  {
    courseId: CourseId,
    moduleId: ModuleId
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `The answer key for the quiz of module "${this.moduleId}" of course "${this.courseId}" was not read from the ` +
      `course's stream, so the attempt is not graded: a quiz is graded only against the key in the course's own events ` +
      `(VerifiedAnswerKey.read). Submit the attempt through Commands.attemptQuiz, which reads it.`
    )
  }
}

/**
 * A quiz attempt whose link in effect was not read from the learner's stream by
 * `VerifiedLink.read` (a look-alike), or is another learner's: the UMKM a completion credits is
 * never the caller's word.
 */
export class LinkUnverified extends Schema.TaggedError<LinkUnverified>()(
  "LinkUnverified",
  {
    learnerId: LearnerId,
    reason: Schema.String
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `The quiz attempt of learner "${this.learnerId}" cannot be decided: ${this.reason}. The UMKM a completion ` +
      `records is the one whose link with the learner is in effect in the learner's own events (VerifiedLink.read), ` +
      `never the caller's word. Submit the attempt through Commands.attemptQuiz, which reads it.`
    )
  }
}

/** Every error an enrollment command may fail with. */
export type EnrollmentError =
  | Actor.ActorNotAuthorized
  | AlreadyEnrolled
  | CourseIsRetired
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
