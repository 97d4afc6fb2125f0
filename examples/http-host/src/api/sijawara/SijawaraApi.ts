/**
 * Sijawara's groups: commands on courses, learners and their links, enrollments (`sijawara`, a
 * token needed; one endpoint per row of `sijawaraCommands`); courses, progress, certificate
 * verification, the leaderboard (`sijawaraQueries`, a token optional). Every query applies the
 * domain's read policy to the viewer (the token's actor, or anonymous): a course's answers only to
 * its authors and the Dinas, a learner's progress and certificates only to the learner and the Dinas
 * (others 404), a course's funnel (counts only) to everyone.
 */
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema } from "@effect/platform"
import { Schema } from "effect"
import { CertificateRegistry, Course, CourseFunnel, Ids, KabupatenLeaderboard, LearnerProgress } from "@jatim/sijawara"
import * as CommandTable from "../CommandTable.js"
import { commandGroup, queryGroup } from "../common.js"
import { annotations } from "../docs.js"
import { sijawaraCommands } from "./commands.js"
import { sijawaraCommandDocs, sijawaraQueryDocs } from "./docs.js"

const courseIdParam = HttpApiSchema.param("courseId", Ids.CourseId)
const learnerIdParam = HttpApiSchema.param("learnerId", Ids.LearnerId)
const numberParam = HttpApiSchema.param("number", Schema.String)

/** The Sijawara commands (a bearer token needed). */
export class SijawaraApi extends HttpApiGroup.make("sijawara").pipe(
  CommandTable.addEndpoints(sijawaraCommands, sijawaraCommandDocs),
  commandGroup(
    "/sijawara",
    "Sijawara",
    "Distance learning about cooperatives and UMKM: the Dinas drafts and publishes courses; learners register, enroll, complete lessons " +
      "and pass each module's quiz, and get a certificate anyone may verify; a learner's link to a UMKM or a cooperative needs both sides."
  )
) {}

/** The Sijawara queries (a bearer token optional: anonymous readers see the public views). */
export class SijawaraQueriesApi extends HttpApiGroup.make("sijawaraQueries")
  .add(
    HttpApiEndpoint.get("getCourse")`/courses/${courseIdParam}`
      .addSuccess(Course.Summary)
      .annotateContext(annotations(sijawaraQueryDocs.getCourse))
  )
  .add(
    HttpApiEndpoint.get("learnerProgress")`/learners/${learnerIdParam}/progress`
      .addSuccess(Schema.Array(LearnerProgress.CourseProgress))
      .annotateContext(annotations(sijawaraQueryDocs.learnerProgress))
  )
  .add(
    HttpApiEndpoint.get("verifyCertificate")`/certificates/${numberParam}`
      .addSuccess(CertificateRegistry.VerificationReport)
      .annotateContext(annotations(sijawaraQueryDocs.verifyCertificate))
  )
  .add(
    HttpApiEndpoint.get("learnerCertificates")`/learners/${learnerIdParam}/certificates`
      .addSuccess(Schema.Array(CertificateRegistry.Certificate))
      .annotateContext(annotations(sijawaraQueryDocs.learnerCertificates))
  )
  .add(
    HttpApiEndpoint.get("courseFunnel")`/courses/${courseIdParam}/funnel`
      .addSuccess(CourseFunnel.Funnel)
      .annotateContext(annotations(sijawaraQueryDocs.courseFunnel))
  )
  .add(
    HttpApiEndpoint.get("leaderboard", "/leaderboard")
      .addSuccess(Schema.Array(KabupatenLeaderboard.RegionStanding))
      .annotateContext(annotations(sijawaraQueryDocs.leaderboard))
  )
  .pipe(queryGroup("/sijawara", "Sijawara")) {}
