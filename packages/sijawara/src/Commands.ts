/**
 * Command handling for Sijawara on the `EventStore` of the context (any adapter): each command
 * goes to the stream its ids name, with its actor in the events' metadata. The handler loads
 * the stream, decides, appends with the version it loaded (`Exact(n)`) and decides again on a
 * conflict, so two commands never both succeed on the same state of a stream. Enrolling reads
 * the learner's and the course's streams first (`Enrollment.enrollIn`), so the enrollment
 * decides alone. A quiz attempt is graded against the answer key read from the course's stream,
 * and a completion records the link read from the learner's stream (`attemptQuiz`): facts of
 * this context, read from their streams as `Verified` facts (`VerifiedProfile`,
 * `VerifiedOffering`, `VerifiedAnswerKey`, `VerifiedLink`), never taken from the request. Who
 * may act is always checked before any rule that tells something about a stream's state.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import { Aggregate, type CommandHandler, type EventStore, PersonalData, PersonalDataKeys } from "@jatim/eventstore"
import { Actor } from "@jatim/kernel"
import * as Course from "./Course.js"
import type { CourseNotFound, CourseNotPublished } from "./CourseError.js"
import * as Enrollment from "./Enrollment.js"
import { type AttemptQuiz, type CompleteLesson, GradeAttempt } from "./EnrollmentCommand.js"
import type { EnrollmentEvent } from "./EnrollmentEvent.js"
import { CourseId, LearnerId } from "./Ids.js"
import * as Learner from "./Learner.js"
import type { EraseLearnerData } from "./LearnerCommand.js"
import type { LearnerError, LearnerNotFound } from "./LearnerError.js"
import type { LearnerEvent } from "./LearnerEvent.js"
import * as VerifiedAnswerKey from "./VerifiedAnswerKey.js"
import * as VerifiedLink from "./VerifiedLink.js"

/** Options of a command: correlation, causation, and optionally the version the caller saw. */
export type CommandOptions = CommandHandler.CommandOptions

/** What handling a command returns. */
export type Result<Event, State> = CommandHandler.HandleResult<Event, State>

/** What the event store can fail with while a command is handled. */
export type StoreError = CommandHandler.StoreError

/** `course` handles a course command on `course-<courseId>`; `courseHandler` on the stream the caller names. */
export const { handle: course, handler: courseHandler } = Aggregate.commands(Course, Actor.refOfCommand)

/** `learner` handles a learner command on `learner-<learnerId>`; `learnerHandler` on the stream the caller names. */
export const { handle: learner, handler: learnerHandler } = Aggregate.commands(Learner, Actor.refOfCommand)

const enrollments = Aggregate.commands(Enrollment, Actor.refOfCommand)

/** The raw handler of enrollment commands (stream name chosen by the caller). */
export const enrollmentHandler = enrollments.handler

/**
 * Grades a learner's quiz attempt on `enrollment-<learnerId>_<courseId>`: reads the enrollment's
 * course version, the module's answer key in that version from the course's stream
 * (`VerifiedAnswerKey.read`), and the UMKM whose link with the learner is in effect now from the
 * learner's stream (`VerifiedLink.read`), and decides the `GradeAttempt` they make. Nothing read here fails the command: the enrollment's decider
 * checks who acts first, then every rule.
 */
export const attemptQuiz = (
  command: AttemptQuiz,
  options?: CommandOptions
): Effect.Effect<Result<EnrollmentEvent, Enrollment.State>, Enrollment.EnrollmentError | StoreError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const { courseId, learnerId, moduleId } = command
    const state = yield* Aggregate.currentState(Enrollment, Enrollment.streamName(learnerId, courseId))
    const key =
      state._tag === "Enrollment" ? Option.getOrNull(yield* VerifiedAnswerKey.read(courseId, state.courseVersion, moduleId)) : null
    const link = yield* VerifiedLink.read(learnerId)
    return yield* enrollments.handle(new GradeAttempt({ ...command, key, link }), options)
  })

/** A learner's step in their enrollment, as the learner sends it. */
export type EnrollmentStep = CompleteLesson | AttemptQuiz

/**
 * Handles a learner's step on `enrollment-<learnerId>_<courseId>`: a lesson completed, or a quiz
 * attempt (graded by `attemptQuiz`). Enrolling goes through `enroll`.
 */
export const enrollment = (
  command: EnrollmentStep,
  options?: CommandOptions
): Effect.Effect<Result<EnrollmentEvent, Enrollment.State>, Enrollment.EnrollmentError | StoreError, EventStore.EventStore> =>
  command._tag === "AttemptQuiz" ? attemptQuiz(command, options) : enrollments.handle(command, options)

/** Schema of what `enroll` needs: who enrolls which learner in which course. */
export const EnrollmentRequest = Schema.Struct({
  actor: Actor.Actor,
  learnerId: LearnerId,
  courseId: CourseId
})

/** What `enroll` needs: who enrolls which learner in which course. */
export interface EnrollmentRequest extends Schema.Schema.Type<typeof EnrollmentRequest> {}

/**
 * Enrolls a learner: checks who enrolls, reads the learner's and the course's streams, builds
 * `Enroll` with the learner's profile and the course's latest published version, facts read from
 * those streams (`Enrollment.enrollIn`), and decides it on the enrollment's stream.
 */
export const enroll = (
  request: EnrollmentRequest,
  options?: CommandOptions
): Effect.Effect<
  Result<EnrollmentEvent, Enrollment.State>,
  Enrollment.EnrollmentError | LearnerNotFound | CourseNotFound | CourseNotPublished | StoreError,
  EventStore.EventStore
> =>
  Effect.gen(function* () {
    // Who enrolls is checked before either stream is read (and again by the decider).
    const command = yield* Enrollment.enrollIn(request)
    return yield* enrollments.handle(command, options)
  })

/**
 * Erases a learner's personal data (`EraseLearnerData`, by a Dinas officer): records who erased
 * and when on `learner-<learnerId>`, then deletes the learner's key (`learner:<learnerId>`) from
 * the key store of the context, after which their name reads as `PersonalData.erasedText` in every
 * event of a store wrapped by `CryptoShredding`. The key is deleted also when the erasure was
 * recorded before, so a request repeated after a failure between the two steps completes it.
 */
export const eraseLearnerData = (
  command: EraseLearnerData,
  options?: CommandOptions
): Effect.Effect<
  Result<LearnerEvent, Learner.State>,
  LearnerError | StoreError,
  EventStore.EventStore | PersonalDataKeys.PersonalDataKeys
> => Effect.tap(learner(command, options), () => PersonalDataKeys.forget(PersonalData.subject("learner", command.learnerId)))
