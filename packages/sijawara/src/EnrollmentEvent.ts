/**
 * The events of an enrollment's stream (`enrollment-<learnerId>_<courseId>`). Every event names
 * its learner and course, so read models can fold events of many enrollments.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Identifier, Region } from "@jatim/kernel"
import { CertificateNumber } from "./CertificateNumber.js"
import { Plan } from "./CourseContent.js"
import { CourseId, LearnerId, LessonId, ModuleId } from "./Ids.js"
import { Topic } from "./Topic.js"

const CourseVersion = Schema.Int.pipe(Schema.positive())

/**
 * A learner enrolled in a published version of a course, which the enrollment follows to the end.
 * Its plan has no answer keys (schema version 2; version 1 carried them and is upcast on read).
 */
export class Enrolled extends Schema.TaggedClass<Enrolled>()("Enrolled", {
  learnerId: LearnerId,
  courseId: CourseId,
  courseVersion: CourseVersion,
  title: Schema.NonEmptyTrimmedString,
  topic: Topic,
  plan: Plan,
  /** The learner's kabupaten/kota when enrolling. */
  region: Region.RegionCode,
  /** The UMKM whose link with the learner was in effect when enrolling (for the record; a completion records its own). */
  linkedNib: Schema.NullOr(Identifier.Nib),
  at: Schema.Date
}) {}

/** The learner completed a lesson (once: completing it again records nothing). */
export class LessonCompleted extends Schema.TaggedClass<LessonCompleted>()("LessonCompleted", {
  learnerId: LearnerId,
  courseId: CourseId,
  moduleId: ModuleId,
  lessonId: LessonId,
  at: Schema.Date
}) {}

/** The learner attempted a module's quiz; the learning day (WIB) of `at` counts towards the daily limit. */
export class QuizAttempted extends Schema.TaggedClass<QuizAttempted>()("QuizAttempted", {
  learnerId: LearnerId,
  courseId: CourseId,
  moduleId: ModuleId,
  correct: Schema.NonNegativeInt,
  questions: Schema.Int.pipe(Schema.positive()),
  passed: Schema.Boolean,
  at: Schema.Date
}) {}

/** The learner passed a module (by a passing quiz attempt). */
export class ModulePassed extends Schema.TaggedClass<ModulePassed>()("ModulePassed", {
  learnerId: LearnerId,
  courseId: CourseId,
  moduleId: ModuleId,
  at: Schema.Date
}) {}

/**
 * The learner passed every module: the course is completed and its one certificate issued. This
 * is the internal event; other contexts read `Integration.CourseCompleted`, mapped from it.
 */
export class EnrollmentCompleted extends Schema.TaggedClass<EnrollmentCompleted>()("EnrollmentCompleted", {
  learnerId: LearnerId,
  courseId: CourseId,
  courseVersion: CourseVersion,
  topic: Topic,
  region: Region.RegionCode,
  /** The UMKM whose link with the learner was in effect when the course was completed, or null. */
  linkedNib: Schema.NullOr(Identifier.Nib),
  certificateNumber: CertificateNumber,
  at: Schema.Date
}) {}

/** Schema of every enrollment event. */
export const EnrollmentEvent = Schema.Union(Enrolled, LessonCompleted, QuizAttempted, ModulePassed, EnrollmentCompleted)

/** An event of an enrollment's stream. */
export type EnrollmentEvent = typeof EnrollmentEvent.Type
