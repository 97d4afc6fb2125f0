/** Sijawara over HTTP: courses, learners, enrollments; progress, certificates, the leaderboard. */
import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup, HttpApiSchema } from "@effect/platform"
import { Effect, Option, Schema } from "effect"
import { CommandHandler, TypedEventStore } from "@jatim/eventstore"
import { Actor } from "@jatim/kernel"
import {
  CertificateRegistry,
  Course,
  CourseCommand,
  CourseEvent,
  Enrollment,
  EnrollmentCommand,
  EnrollmentEvent,
  Ids,
  KabupatenLeaderboard,
  Learner,
  LearnerCommand,
  LearnerEvent,
  LearnerProgress
} from "@jatim/sijawara"
import { Authentication } from "../auth.js"
import { NotFound, StoreFailure } from "../errors.js"
import { ReadModels } from "../readModels.js"
import { commandEndpoint, runCommand } from "./common.js"

/** The command handlers of Sijawara's three streams (Sijawara has no `...Commands` module). */
export const courses = CommandHandler.make({ decider: Course.decider, codec: Course.codec })
export const learners = CommandHandler.make({ decider: Learner.decider, codec: Learner.codec })
export const enrollments = CommandHandler.make({ decider: Enrollment.decider, codec: Enrollment.codec })

/**
 * Enrolls a learner: the enrollment carries the learner's profile and the course's published
 * version, read from their streams (`Enrollment.enrollIn`), so it decides alone.
 */
export const enroll = (
  actor: Actor.Actor,
  learnerId: Ids.LearnerId,
  courseId: Ids.CourseId,
  rest: Omit<CommandHandler.HandleOptions, "actor"> = {}
) =>
  Effect.gen(function*() {
    const learnerStore = yield* TypedEventStore.make(Learner.codec)
    const courseStore = yield* TypedEventStore.make(Course.codec)
    const learner = yield* learnerStore.aggregateStream(Learner.streamName(learnerId), Learner.decider)
    const course = yield* courseStore.aggregateStream(Course.streamName(courseId), Course.decider)
    const command = yield* Enrollment.enrollIn({ actor, learnerId, learner: learner.state, courseId, course: course.state })
    return yield* enrollments(Enrollment.streamNameOf(command), command, options(actor, rest))
  })

/** The options of a command handled for `actor`: its reference goes into the events' metadata. */
export const options = (actor: Actor.Actor, rest: Omit<CommandHandler.HandleOptions, "actor">): CommandHandler.HandleOptions => ({
  ...rest,
  actor: Actor.toActorRef(actor)
})

const courseIdParam = HttpApiSchema.param("courseId", Ids.CourseId)
const learnerIdParam = HttpApiSchema.param("learnerId", Ids.LearnerId)
const numberParam = HttpApiSchema.param("number", Schema.String)

/** The Sijawara endpoints. */
export class SijawaraApi extends HttpApiGroup.make("sijawara")
  .add(commandEndpoint("draftCourse", "/courses/draft", CourseCommand.DraftCourse, CourseEvent.CourseEvent))
  .add(commandEndpoint("reviseCourse", "/courses/revise", CourseCommand.ReviseCourse, CourseEvent.CourseEvent))
  .add(commandEndpoint("publishCourse", "/courses/publish", CourseCommand.PublishCourse, CourseEvent.CourseEvent))
  .add(commandEndpoint("retireCourse", "/courses/retire", CourseCommand.RetireCourse, CourseEvent.CourseEvent))
  .add(commandEndpoint("registerLearner", "/learners/register", LearnerCommand.RegisterLearner, LearnerEvent.LearnerEvent))
  .add(commandEndpoint("linkLearnerToUmkm", "/learners/link-umkm", LearnerCommand.LinkLearnerToUmkm, LearnerEvent.LearnerEvent))
  .add(
    commandEndpoint("linkLearnerToKoperasi", "/learners/link-koperasi", LearnerCommand.LinkLearnerToKoperasi, LearnerEvent.LearnerEvent)
  )
  .add(
    commandEndpoint("enroll", "/enrollments/enroll", {
      fields: { learnerId: Ids.LearnerId, courseId: Ids.CourseId }
    }, EnrollmentEvent.EnrollmentEvent)
  )
  .add(
    commandEndpoint("completeLesson", "/enrollments/complete-lesson", EnrollmentCommand.CompleteLesson, EnrollmentEvent.EnrollmentEvent)
  )
  .add(commandEndpoint("attemptQuiz", "/enrollments/attempt-quiz", EnrollmentCommand.AttemptQuiz, EnrollmentEvent.EnrollmentEvent))
  .add(HttpApiEndpoint.get("getCourse")`/courses/${courseIdParam}`.addSuccess(Course.Summary))
  .add(HttpApiEndpoint.get("learnerProgress")`/learners/${learnerIdParam}/progress`.addSuccess(Schema.Array(LearnerProgress.CourseProgress)))
  .add(HttpApiEndpoint.get("verifyCertificate")`/certificates/${numberParam}`.addSuccess(CertificateRegistry.VerificationReport))
  .add(
    HttpApiEndpoint.get("leaderboard", "/leaderboard").addSuccess(Schema.Array(KabupatenLeaderboard.RegionStanding))
  )
  .addError(NotFound)
  .addError(StoreFailure)
  .middleware(Authentication)
  .prefix("/sijawara")
{}

const readModel = <S>(pick: (models: ReadModels) => import("@jatim/eventstore").InMemoryReadModel.InMemoryReadModel<S>) =>
  Effect.flatMap(ReadModels, (models) => models.read(pick(models)))

/** The Sijawara handlers. */
export const SijawaraLive = HttpApiBuilder.group(HttpApi.make("jatim").add(SijawaraApi), "sijawara", (handlers) =>
  handlers
    .handle("draftCourse", (req) =>
      runCommand("draftCourse", req, (actor, rest) =>
        courses(Course.streamName(req.payload.courseId), new CourseCommand.DraftCourse({ ...req.payload, actor }), options(actor, rest))))
    .handle("reviseCourse", (req) =>
      runCommand("reviseCourse", req, (actor, rest) =>
        courses(Course.streamName(req.payload.courseId), new CourseCommand.ReviseCourse({ ...req.payload, actor }), options(actor, rest))))
    .handle("publishCourse", (req) =>
      runCommand("publishCourse", req, (actor, rest) =>
        courses(Course.streamName(req.payload.courseId), new CourseCommand.PublishCourse({ ...req.payload, actor }), options(actor, rest))))
    .handle("retireCourse", (req) =>
      runCommand("retireCourse", req, (actor, rest) =>
        courses(Course.streamName(req.payload.courseId), new CourseCommand.RetireCourse({ ...req.payload, actor }), options(actor, rest))))
    .handle("registerLearner", (req) =>
      runCommand("registerLearner", req, (actor, rest) =>
        learners(
          Learner.streamName(req.payload.learnerId),
          new LearnerCommand.RegisterLearner({ ...req.payload, actor }),
          options(actor, rest)
        )))
    .handle("linkLearnerToUmkm", (req) =>
      runCommand("linkLearnerToUmkm", req, (actor, rest) =>
        learners(
          Learner.streamName(req.payload.learnerId),
          new LearnerCommand.LinkLearnerToUmkm({ ...req.payload, actor }),
          options(actor, rest)
        )))
    .handle("linkLearnerToKoperasi", (req) =>
      runCommand("linkLearnerToKoperasi", req, (actor, rest) =>
        learners(
          Learner.streamName(req.payload.learnerId),
          new LearnerCommand.LinkLearnerToKoperasi({ ...req.payload, actor }),
          options(actor, rest)
        )))
    .handle("enroll", (req) =>
      runCommand("enroll", req, (actor, rest) =>
        enroll(actor, req.payload.learnerId, req.payload.courseId, rest)))
    .handle("completeLesson", (req) =>
      runCommand("completeLesson", req, (actor, rest) => {
        const command = new EnrollmentCommand.CompleteLesson({ ...req.payload, actor })
        return enrollments(Enrollment.streamNameOf(command), command, options(actor, rest))
      }))
    .handle("attemptQuiz", (req) =>
      runCommand("attemptQuiz", req, (actor, rest) => {
        const command = new EnrollmentCommand.AttemptQuiz({ ...req.payload, actor })
        return enrollments(Enrollment.streamNameOf(command), command, options(actor, rest))
      }))
    .handle("getCourse", ({ path }) =>
      Effect.gen(function*() {
        const store = yield* TypedEventStore.make(Course.codec)
        const { state } = yield* store.aggregateStream(Course.streamName(path.courseId), Course.decider).pipe(
          Effect.mapError((error) => new StoreFailure({ rule: error._tag, message: error.message }))
        )
        const summary = Course.summary(state)
        if (Option.isNone(summary)) {
          return yield* new NotFound({ rule: "CourseNotFound", message: `No course ${path.courseId}.` })
        }
        return summary.value
      }))
    .handle("learnerProgress", ({ path }) =>
      Effect.map(readModel((m) => m.sijawara.learnerProgress), (state) => LearnerProgress.ofLearner(state, path.learnerId)))
    .handle("verifyCertificate", ({ path }) =>
      Effect.map(readModel((m) => m.sijawara.certificateRegistry), (state) =>
        CertificateRegistry.report(CertificateRegistry.verify(state, path.number))))
    .handle("leaderboard", () =>
      Effect.map(readModel((m) => m.sijawara.kabupatenLeaderboard), KabupatenLeaderboard.regions))
)

