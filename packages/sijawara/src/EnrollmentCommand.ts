/**
 * The commands of an enrollment, each with the actor who issues it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Actor } from "@jatim/kernel"
import { maxQuestions } from "./CourseContent.js"
import { CourseOffering } from "./CourseOffering.js"
import { CourseId, LearnerId, LessonId, ModuleId } from "./Ids.js"
import { LearnerProfile } from "./LearnerProfile.js"

/**
 * Enroll a learner in the latest published version of a course. The command carries the
 * learner's profile and the course's offering, read from their streams (`Enrollment.enrollIn`
 * builds it), so the enrollment decides alone and follows that version to the end.
 */
export class Enroll extends Schema.TaggedClass<Enroll>()("Enroll", {
  actor: Actor.Actor,
  learner: LearnerProfile,
  course: CourseOffering
}) {}

/** Complete a lesson of the enrolled course version. */
export class CompleteLesson extends Schema.TaggedClass<CompleteLesson>()("CompleteLesson", {
  actor: Actor.Actor,
  learnerId: LearnerId,
  courseId: CourseId,
  lessonId: LessonId
}) {}

/** Attempt a module's quiz: one answer (a choice index, from 0) per question, in order. */
export class AttemptQuiz extends Schema.TaggedClass<AttemptQuiz>()("AttemptQuiz", {
  actor: Actor.Actor,
  learnerId: LearnerId,
  courseId: CourseId,
  moduleId: ModuleId,
  answers: Schema.Array(Schema.NonNegativeInt).pipe(Schema.maxItems(maxQuestions))
}) {}

/** Schema of every enrollment command. */
export const EnrollmentCommand = Schema.Union(Enroll, CompleteLesson, AttemptQuiz)

/** A command of an enrollment. */
export type EnrollmentCommand = typeof EnrollmentCommand.Type
