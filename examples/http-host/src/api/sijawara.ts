/** Sijawara over HTTP: courses, learners, enrollments; progress, certificates, the leaderboard. */
import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup, HttpApiSchema } from "@effect/platform"
import { Effect, Schema } from "effect"
import {
  CertificateRegistry,
  Course,
  CourseCommand,
  CourseEvent,
  EnrollmentCommand,
  EnrollmentEvent,
  Ids,
  KabupatenLeaderboard,
  LearnerCommand,
  LearnerEvent,
  LearnerProgress,
  SijawaraCommands
} from "@jatim/sijawara"
import { Authentication } from "../auth.js"
import { NotFound, StoreFailure } from "../errors.js"
import { readModel } from "../readModels.js"
import { apiId, commandEndpoint, runCommand, summaryOrNotFound } from "./common.js"

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
  .add(commandEndpoint("enroll", "/enrollments/enroll", SijawaraCommands.EnrollmentRequest, EnrollmentEvent.EnrollmentEvent))
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

/** The Sijawara handlers. */
export const SijawaraLive = HttpApiBuilder.group(HttpApi.make(apiId).add(SijawaraApi), "sijawara", (handlers) =>
  handlers
    .handle("draftCourse", (req) =>
      runCommand("draftCourse", req, (actor, options) =>
        SijawaraCommands.course(new CourseCommand.DraftCourse({ ...req.payload, actor }), options)))
    .handle("reviseCourse", (req) =>
      runCommand("reviseCourse", req, (actor, options) =>
        SijawaraCommands.course(new CourseCommand.ReviseCourse({ ...req.payload, actor }), options)))
    .handle("publishCourse", (req) =>
      runCommand("publishCourse", req, (actor, options) =>
        SijawaraCommands.course(new CourseCommand.PublishCourse({ ...req.payload, actor }), options)))
    .handle("retireCourse", (req) =>
      runCommand("retireCourse", req, (actor, options) =>
        SijawaraCommands.course(new CourseCommand.RetireCourse({ ...req.payload, actor }), options)))
    .handle("registerLearner", (req) =>
      runCommand("registerLearner", req, (actor, options) =>
        SijawaraCommands.learner(new LearnerCommand.RegisterLearner({ ...req.payload, actor }), options)))
    .handle("linkLearnerToUmkm", (req) =>
      runCommand("linkLearnerToUmkm", req, (actor, options) =>
        SijawaraCommands.learner(new LearnerCommand.LinkLearnerToUmkm({ ...req.payload, actor }), options)))
    .handle("linkLearnerToKoperasi", (req) =>
      runCommand("linkLearnerToKoperasi", req, (actor, options) =>
        SijawaraCommands.learner(new LearnerCommand.LinkLearnerToKoperasi({ ...req.payload, actor }), options)))
    .handle("enroll", (req) =>
      runCommand("enroll", req, (actor, options) => SijawaraCommands.enroll({ ...req.payload, actor }, options)))
    .handle("completeLesson", (req) =>
      runCommand("completeLesson", req, (actor, options) =>
        SijawaraCommands.enrollment(new EnrollmentCommand.CompleteLesson({ ...req.payload, actor }), options)))
    .handle("attemptQuiz", (req) =>
      runCommand("attemptQuiz", req, (actor, options) =>
        SijawaraCommands.enrollment(new EnrollmentCommand.AttemptQuiz({ ...req.payload, actor }), options)))
    .handle("getCourse", ({ path }) =>
      summaryOrNotFound({
        codec: Course.codec,
        decider: Course.decider,
        streamName: Course.streamName(path.courseId),
        summary: Course.summary,
        notFound: { rule: "CourseNotFound", message: `No course ${path.courseId}.` }
      }))
    .handle("learnerProgress", ({ path }) =>
      Effect.map(readModel((m) => m.sijawara.learnerProgress), (state) => LearnerProgress.ofLearner(state, path.learnerId)))
    .handle("verifyCertificate", ({ path }) =>
      Effect.map(readModel((m) => m.sijawara.certificateRegistry), (state) =>
        CertificateRegistry.report(CertificateRegistry.verify(state, path.number))))
    .handle("leaderboard", () =>
      Effect.map(readModel((m) => m.sijawara.kabupatenLeaderboard), KabupatenLeaderboard.regions))
)
