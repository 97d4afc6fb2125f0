/**
 * Sijawara over HTTP: commands on courses, learners and their links, enrollments (`sijawara`, a
 * token needed); courses, progress, certificate verification, the leaderboard
 * (`sijawaraQueries`, a token optional). Every query applies the domain's read policy to the
 * viewer (the token's actor, or anonymous): a course's answers only to its authors and the
 * Dinas, a learner's progress only to the learner and the Dinas (others 404).
 */
import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Effect, Option, Schema } from "effect"
import { type Actor, Identifier } from "@jatim/kernel"
import {
  CertificateRegistry,
  Commands,
  Course,
  CourseCommand,
  CourseEvent,
  EnrollmentCommand,
  EnrollmentEvent,
  FeedPolicy,
  Ids,
  KabupatenLeaderboard,
  LearnerCommand,
  LearnerEvent,
  LearnerProgress,
  Link
} from "@jatim/sijawara"
import { Authentication, OptionalAuthentication } from "../auth.js"
import { NotFound, StoreFailure } from "../errors.js"
import { readModel } from "../readModels.js"
import {
  apiId,
  commandEndpoint,
  optionalBearer,
  queryGroupDescription,
  runCommand,
  summaryOrNotFound,
  visibleOrNotFound,
  withoutToken
} from "./common.js"
import { JsonBody } from "../jsonBody.js"

const courseIdParam = HttpApiSchema.param("courseId", Ids.CourseId)
const learnerIdParam = HttpApiSchema.param("learnerId", Ids.LearnerId)
const numberParam = HttpApiSchema.param("number", Schema.String)

/** `POST /learners/link-umkm` (first version): now proposes a link to the UMKM, which the other side confirms. */
const ProposeUmkmLink = Schema.Struct({ learnerId: Ids.LearnerId, nib: Identifier.Nib })
/** `POST /learners/link-koperasi` (first version): now proposes a link to the cooperative, which the other side confirms. */
const ProposeKoperasiLink = Schema.Struct({ learnerId: Ids.LearnerId, nik: Identifier.NikKoperasi })

/** The Sijawara commands (a bearer token needed). */
export class SijawaraApi extends HttpApiGroup.make("sijawara")
  .add(commandEndpoint("draftCourse", "/courses/draft", CourseCommand.DraftCourse, CourseEvent.CourseEvent))
  .add(commandEndpoint("reviseCourse", "/courses/revise", CourseCommand.ReviseCourse, CourseEvent.CourseEvent))
  .add(commandEndpoint("publishCourse", "/courses/publish", CourseCommand.PublishCourse, CourseEvent.CourseEvent))
  .add(commandEndpoint("retireCourse", "/courses/retire", CourseCommand.RetireCourse, CourseEvent.CourseEvent))
  .add(commandEndpoint("registerLearner", "/learners/register", LearnerCommand.RegisterLearner, LearnerEvent.LearnerEvent))
  .add(commandEndpoint("proposeLink", "/learners/links/propose", LearnerCommand.ProposeLink, LearnerEvent.LearnerEvent))
  .add(commandEndpoint("confirmLink", "/learners/links/confirm", LearnerCommand.ConfirmLink, LearnerEvent.LearnerEvent))
  .add(commandEndpoint("endLink", "/learners/links/end", LearnerCommand.EndLink, LearnerEvent.LearnerEvent))
  .add(commandEndpoint("linkLearnerToUmkm", "/learners/link-umkm", ProposeUmkmLink, LearnerEvent.LearnerEvent))
  .add(commandEndpoint("linkLearnerToKoperasi", "/learners/link-koperasi", ProposeKoperasiLink, LearnerEvent.LearnerEvent))
  .add(commandEndpoint("enroll", "/enrollments/enroll", Commands.EnrollmentRequest, EnrollmentEvent.EnrollmentEvent))
  .add(commandEndpoint("completeLesson", "/enrollments/complete-lesson", EnrollmentCommand.CompleteLesson, EnrollmentEvent.EnrollmentEvent))
  .add(commandEndpoint("attemptQuiz", "/enrollments/attempt-quiz", EnrollmentCommand.AttemptQuiz, EnrollmentEvent.EnrollmentEvent))
  .addError(NotFound)
  .addError(StoreFailure)
  // Listed before Authentication so that it runs after it (a 401 comes before a body's 400 or 415).
  .middleware(JsonBody)
  .middleware(Authentication)
  .prefix("/sijawara") {}

/** The Sijawara queries (a bearer token optional: anonymous readers see the public views). */
export class SijawaraQueriesApi extends HttpApiGroup.make("sijawaraQueries")
  .add(
    HttpApiEndpoint.get("getCourse")`/courses/${courseIdParam}`
      .addSuccess(Course.Summary)
      .annotate(OpenApi.Description, withoutToken.trimmed("A course.", "its public form (questions and choices, no answers)"))
  )
  .add(
    HttpApiEndpoint.get("learnerProgress")`/learners/${learnerIdParam}/progress`
      .addSuccess(Schema.Array(LearnerProgress.CourseProgress))
      .annotate(OpenApi.Description, withoutToken.private("A learner's progress.", "the learner and the Dinas"))
  )
  .add(
    HttpApiEndpoint.get("verifyCertificate")`/certificates/${numberParam}`
      .addSuccess(CertificateRegistry.VerificationReport)
      .annotate(OpenApi.Description, withoutToken.public("Verifies a certificate by its number (the holder by learner id, never by name)."))
  )
  .add(
    HttpApiEndpoint.get("leaderboard", "/leaderboard")
      .addSuccess(Schema.Array(KabupatenLeaderboard.RegionStanding))
      .annotate(OpenApi.Description, withoutToken.public("The per-kabupaten leaderboard (counts only)."))
  )
  .annotateEndpoints(OpenApi.Transform, optionalBearer)
  .addError(NotFound)
  .addError(StoreFailure)
  .middleware(OptionalAuthentication)
  .prefix("/sijawara")
  .annotate(OpenApi.Description, queryGroupDescription("Sijawara")) {}

/**
 * Runs a learner command for the request's actor and answers only the events it may see
 * (`FeedPolicy.learnerEventFor`): the business confirming a new link is not told which link it
 * replaced, nor about other businesses' proposals it closed.
 */
const learnerCommand = (
  endpoint: string,
  req: Parameters<typeof runCommand>[1],
  make: (actor: Actor.Actor) => LearnerCommand.LearnerCommand
) =>
  runCommand(endpoint, req, (actor, options) =>
    Effect.map(Commands.learner(make(actor), options), (result) => ({
      ...result,
      newEvents: result.newEvents.flatMap((event) => Option.toArray(FeedPolicy.learnerEventFor(actor, event)))
    }))
  )

/** The Sijawara command handlers. */
export const SijawaraLive = HttpApiBuilder.group(HttpApi.make(apiId).add(SijawaraApi), "sijawara", (handlers) =>
  handlers
    .handle("draftCourse", (req) =>
      runCommand("draftCourse", req, (actor, options) => Commands.course(new CourseCommand.DraftCourse({ ...req.payload, actor }), options))
    )
    .handle("reviseCourse", (req) =>
      runCommand("reviseCourse", req, (actor, options) =>
        Commands.course(new CourseCommand.ReviseCourse({ ...req.payload, actor }), options)
      )
    )
    .handle("publishCourse", (req) =>
      runCommand("publishCourse", req, (actor, options) =>
        Commands.course(new CourseCommand.PublishCourse({ ...req.payload, actor }), options)
      )
    )
    .handle("retireCourse", (req) =>
      runCommand("retireCourse", req, (actor, options) =>
        Commands.course(new CourseCommand.RetireCourse({ ...req.payload, actor }), options)
      )
    )
    .handle("registerLearner", (req) =>
      learnerCommand("registerLearner", req, (actor) => new LearnerCommand.RegisterLearner({ ...req.payload, actor }))
    )
    .handle("proposeLink", (req) =>
      learnerCommand("proposeLink", req, (actor) => new LearnerCommand.ProposeLink({ ...req.payload, actor }))
    )
    .handle("confirmLink", (req) =>
      learnerCommand("confirmLink", req, (actor) => new LearnerCommand.ConfirmLink({ ...req.payload, actor }))
    )
    .handle("endLink", (req) => learnerCommand("endLink", req, (actor) => new LearnerCommand.EndLink({ ...req.payload, actor })))
    .handle("linkLearnerToUmkm", (req) =>
      learnerCommand(
        "linkLearnerToUmkm",
        req,
        (actor) =>
          new LearnerCommand.ProposeLink({ actor, learnerId: req.payload.learnerId, business: Link.Umkm.make({ nib: req.payload.nib }) })
      )
    )
    .handle("linkLearnerToKoperasi", (req) =>
      learnerCommand(
        "linkLearnerToKoperasi",
        req,
        (actor) =>
          new LearnerCommand.ProposeLink({
            actor,
            learnerId: req.payload.learnerId,
            business: Link.Koperasi.make({ nik: req.payload.nik })
          })
      )
    )
    .handle("enroll", (req) => runCommand("enroll", req, (actor, options) => Commands.enroll({ ...req.payload, actor }, options)))
    .handle("completeLesson", (req) =>
      runCommand("completeLesson", req, (actor, options) =>
        Commands.enrollment(new EnrollmentCommand.CompleteLesson({ ...req.payload, actor }), options)
      )
    )
    .handle("attemptQuiz", (req) =>
      runCommand("attemptQuiz", req, (actor, options) =>
        Commands.attemptQuiz(new EnrollmentCommand.AttemptQuiz({ ...req.payload, actor }), options)
      )
    )
)

/** The Sijawara query handlers: what the request's viewer may see. */
export const SijawaraQueriesLive = HttpApiBuilder.group(HttpApi.make(apiId).add(SijawaraQueriesApi), "sijawaraQueries", (handlers) =>
  handlers
    .handle("getCourse", ({ path }) =>
      Effect.gen(function* () {
        const notFound = { rule: "CourseNotFound", message: `No course ${path.courseId}.` }
        const course = yield* summaryOrNotFound({
          codec: Course.codec,
          decider: Course.decider,
          streamName: Course.streamName(path.courseId),
          summary: Course.summary,
          notFound
        })
        return yield* visibleOrNotFound(Course.visibleTo, course, notFound)
      })
    )
    .handle("learnerProgress", ({ path }) =>
      Effect.gen(function* () {
        const state = yield* readModel((m) => m.sijawara.learnerProgress)
        return yield* visibleOrNotFound(LearnerProgress.visibleTo, LearnerProgress.learnerCourses(state, path.learnerId), {
          rule: "LearnerNotFound",
          message: `No progress of learner ${path.learnerId} you may see.`
        })
      })
    )
    .handle("verifyCertificate", ({ path }) =>
      Effect.gen(function* () {
        const state = yield* readModel((m) => m.sijawara.certificateRegistry)
        return yield* visibleOrNotFound(
          CertificateRegistry.verificationVisibleTo,
          CertificateRegistry.report(CertificateRegistry.verify(state, path.number)),
          {
            rule: "CertificateNotFound",
            message: `No certificate ${path.number}.`
          }
        )
      })
    )
    .handle("leaderboard", () =>
      Effect.gen(function* () {
        const state = yield* readModel((m) => m.sijawara.kabupatenLeaderboard)
        return yield* visibleOrNotFound(KabupatenLeaderboard.regionsVisibleTo, KabupatenLeaderboard.regions(state), {
          rule: "LeaderboardNotFound",
          message: "No leaderboard."
        })
      })
    )
)
