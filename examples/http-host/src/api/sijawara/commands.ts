/**
 * Sijawara's command endpoints (`/sijawara/…`, a bearer token needed), one row per endpoint:
 * each course, learner and enrollment command is built from the payload and the token's actor and
 * handled by `Commands.course`, `Commands.learner` (answering only the events the actor may see)
 * or `Commands.enrollment` (which grades a quiz attempt against the course's key); enrolling goes
 * through `Commands.enroll`, which reads the learner's and the course's streams first. Erasing a
 * learner's personal data goes through `Commands.eraseLearnerData`, which deletes their key.
 */
import { Effect, Option, Schema } from "effect"
import type { CommandHandler } from "@jatim/eventstore"
import { type Actor, Identifier } from "@jatim/kernel"
import {
  Commands,
  CourseCommand,
  CourseEvent,
  EnrollmentCommand,
  EnrollmentEvent,
  FeedPolicy,
  Ids,
  LearnerCommand,
  LearnerEvent,
  Link
} from "@jatim/sijawara"
import { Idempotency } from "../../idempotency/Idempotency.js"
import * as CommandTable from "../CommandTable.js"
import type { CommandOptions } from "../common.js"

/**
 * Handles a learner command and answers only the events its actor may see
 * (`FeedPolicy.learnerEventFor`): the business confirming a new link is not told which link it
 * replaced, nor about other businesses' proposals it closed.
 */
const visibleTo =
  (actor: Actor.Actor) =>
  <S, E, R>(handled: Effect.Effect<CommandHandler.HandleResult<LearnerEvent.LearnerEvent, S>, E, R>) =>
    Effect.map(handled, (result) => ({
      ...result,
      newEvents: result.newEvents.flatMap((event) => Option.toArray(FeedPolicy.learnerEventFor(actor, event)))
    }))

const learnerVisibleEvents = (command: LearnerCommand.LearnerCommand, options: CommandOptions) =>
  visibleTo(command.actor)(Commands.learner(command, options))

const course = CommandTable.aggregate(CourseEvent.CourseEvent, Commands.course)
const learner = CommandTable.aggregate(LearnerEvent.LearnerEvent, learnerVisibleEvents)
const enrollment = CommandTable.aggregate(EnrollmentEvent.EnrollmentEvent, Commands.enrollment)

/** `POST /learners/link-umkm` (first version): now proposes a link to the UMKM, which the other side confirms. */
const ProposeUmkmLink = Schema.Struct({ learnerId: Ids.LearnerId, nib: Identifier.Nib })
/** `POST /learners/link-koperasi` (first version): now proposes a link to the cooperative, which the other side confirms. */
const ProposeKoperasiLink = Schema.Struct({ learnerId: Ids.LearnerId, nik: Identifier.NikKoperasi })

/** The Sijawara command endpoints, by name. */
export const sijawaraCommands = {
  draftCourse: course.command("/courses/draft", CourseCommand.DraftCourse),
  reviseCourse: course.command("/courses/revise", CourseCommand.ReviseCourse),
  publishCourse: course.command("/courses/publish", CourseCommand.PublishCourse),
  retireCourse: course.command("/courses/retire", CourseCommand.RetireCourse),
  scheduleCohort: course.command("/courses/schedule-cohort", CourseCommand.ScheduleCohort),
  registerLearner: learner.command("/learners/register", LearnerCommand.RegisterLearner),
  proposeLink: learner.command("/learners/links/propose", LearnerCommand.ProposeLink),
  confirmLink: learner.command("/learners/links/confirm", LearnerCommand.ConfirmLink),
  endLink: learner.command("/learners/links/end", LearnerCommand.EndLink),
  eraseLearnerData: learner.request("/learners/erase", LearnerCommand.EraseLearnerData, (input, options) =>
    visibleTo(input.actor)(Commands.eraseLearnerData(new LearnerCommand.EraseLearnerData(input), options)).pipe(
      // Responses kept for `Idempotency-Key` replays that name the learner go too (their name may be in them).
      Effect.tap(() => Effect.flatMap(Idempotency, (kept) => kept.forgetMentions(JSON.stringify(input.learnerId))))
    )
  ),
  linkLearnerToUmkm: learner.request("/learners/link-umkm", ProposeUmkmLink, ({ actor, learnerId, nib }, options) =>
    learnerVisibleEvents(new LearnerCommand.ProposeLink({ actor, learnerId, business: Link.Umkm.make({ nib }) }), options)
  ),
  linkLearnerToKoperasi: learner.request("/learners/link-koperasi", ProposeKoperasiLink, ({ actor, learnerId, nik }, options) =>
    learnerVisibleEvents(new LearnerCommand.ProposeLink({ actor, learnerId, business: Link.Koperasi.make({ nik }) }), options)
  ),
  enroll: enrollment.request("/enrollments/enroll", Commands.EnrollmentRequest, Commands.enroll),
  completeLesson: enrollment.command("/enrollments/complete-lesson", EnrollmentCommand.CompleteLesson),
  attemptQuiz: enrollment.command("/enrollments/attempt-quiz", EnrollmentCommand.AttemptQuiz)
}
