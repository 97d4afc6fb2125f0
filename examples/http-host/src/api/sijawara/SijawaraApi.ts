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
import { commandGroup, queryEndpoints, queryGroup } from "../common.js"
import { sijawaraCommands } from "./commands.js"
import { sijawaraCommandDocs, sijawaraProgram, sijawaraQueryDocs } from "./docs.js"

const courseIdParam = HttpApiSchema.param("courseId", Ids.CourseId)
const learnerIdParam = HttpApiSchema.param("learnerId", Ids.LearnerId)
const numberParam = HttpApiSchema.param("number", Schema.String)

/** A Sijawara query endpoint, described by its entry in `sijawaraQueryDocs`. */
const query = queryEndpoints(sijawaraQueryDocs)

/** The Sijawara commands (a bearer token needed). */
export class SijawaraApi extends CommandTable.group("sijawara", sijawaraCommands, sijawaraCommandDocs).pipe(
  commandGroup(sijawaraProgram)
) {}

/** The Sijawara queries (a bearer token optional: anonymous readers see the public views). */
export class SijawaraQueriesApi extends HttpApiGroup.make("sijawaraQueries")
  .add(query(HttpApiEndpoint.get("getCourse")`/courses/${courseIdParam}`, Course.Summary))
  .add(query(HttpApiEndpoint.get("learnerProgress")`/learners/${learnerIdParam}/progress`, Schema.Array(LearnerProgress.CourseProgress)))
  .add(query(HttpApiEndpoint.get("verifyCertificate")`/certificates/${numberParam}`, CertificateRegistry.VerificationReport))
  .add(
    query(
      HttpApiEndpoint.get("learnerCertificates")`/learners/${learnerIdParam}/certificates`,
      Schema.Array(CertificateRegistry.Certificate)
    )
  )
  .add(query(HttpApiEndpoint.get("courseFunnel")`/courses/${courseIdParam}/funnel`, CourseFunnel.Funnel))
  .add(query(HttpApiEndpoint.get("leaderboard", "/leaderboard"), Schema.Array(KabupatenLeaderboard.RegionStanding)))
  .pipe(queryGroup(sijawaraProgram)) {}
