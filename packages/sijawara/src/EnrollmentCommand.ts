/**
 * The commands of an enrollment, each with the actor who issues it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Actor } from "@jatim/kernel"
import { maxQuestions } from "./CourseContent.js"
import { CourseId, LearnerId, LessonId, ModuleId } from "./Ids.js"
import * as VerifiedAnswerKey from "./VerifiedAnswerKey.js"
import * as VerifiedLink from "./VerifiedLink.js"
import * as VerifiedOffering from "./VerifiedOffering.js"
import * as VerifiedProfile from "./VerifiedProfile.js"

/**
 * Enroll a learner in the latest published version of a course. The command carries the
 * learner's profile and the course's offering as facts read from their streams
 * (`VerifiedProfile.read`, `VerifiedOffering.read`; `Enrollment.enrollIn` builds it), so the
 * enrollment decides alone and follows that version to the end. Its Schema admits only such
 * facts: a profile or an offering written by the caller (or decoded from JSON) is refused.
 */
export class Enroll extends Schema.TaggedClass<Enroll>()("Enroll", {
  actor: Actor.Actor,
  learner: VerifiedProfile.schema,
  course: VerifiedOffering.schema
}) {}

/** Complete a lesson of the enrolled course version. */
export class CompleteLesson extends Schema.TaggedClass<CompleteLesson>()("CompleteLesson", {
  actor: Actor.Actor,
  learnerId: LearnerId,
  courseId: CourseId,
  lessonId: LessonId
}) {}

/**
 * Attempt a module's quiz: one answer (a choice index, from 0) per question, in order. What a
 * learner sends; `Commands.attemptQuiz` grades it as a `GradeAttempt` with the answer key
 * read from the course's stream and the learner's link read from the learner's stream.
 */
export class AttemptQuiz extends Schema.TaggedClass<AttemptQuiz>()("AttemptQuiz", {
  actor: Actor.Actor,
  learnerId: LearnerId,
  courseId: CourseId,
  moduleId: ModuleId,
  answers: Schema.Array(Schema.NonNegativeInt).pipe(Schema.maxItems(maxQuestions))
}) {}

/**
 * A quiz attempt as the enrollment decides it: the learner's `AttemptQuiz` with the facts of the
 * same context that grading needs, read from their streams by `Commands.attemptQuiz` and
 * never from the request — the module's answer key in the enrollment's course version
 * (`VerifiedAnswerKey.read`; null when the course has none), and the UMKM whose link with the
 * learner is in effect now (`VerifiedLink.read`; what a completion records). Its Schema admits
 * only such facts: a key or a link written by the caller (or decoded from JSON) is refused.
 */
export class GradeAttempt extends Schema.TaggedClass<GradeAttempt>()("GradeAttempt", {
  actor: Actor.Actor,
  learnerId: LearnerId,
  courseId: CourseId,
  moduleId: ModuleId,
  answers: AttemptQuiz.fields.answers,
  key: Schema.NullOr(VerifiedAnswerKey.schema),
  link: VerifiedLink.schema
}) {}

/** Schema of every command the enrollment decides. */
export const EnrollmentCommand = Schema.Union(Enroll, CompleteLesson, GradeAttempt)

/** A command of an enrollment. */
export type EnrollmentCommand = typeof EnrollmentCommand.Type
