/**
 * Sijawara's groups: commands on courses, learners and their links, enrollments (`sijawara`, a
 * token needed; one endpoint per row of `sijawaraCommands`); courses, progress, certificate
 * verification, the leaderboard (`sijawaraQueries`, a token optional). Every query applies the
 * domain's read policy to the viewer (the token's actor, or anonymous): a course's answers only to
 * its authors and the Dinas, a learner's progress only to the learner and the Dinas (others 404).
 */
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { CertificateRegistry, Course, Ids, KabupatenLeaderboard, LearnerProgress } from "@jatim/sijawara"
import * as CommandTable from "../CommandTable.js"
import { commandGroup, queryGroup, withoutToken } from "../common.js"
import { sijawaraCommands } from "./commands.js"

const courseIdParam = HttpApiSchema.param("courseId", Ids.CourseId)
const learnerIdParam = HttpApiSchema.param("learnerId", Ids.LearnerId)
const numberParam = HttpApiSchema.param("number", Schema.String)

/** The Sijawara commands (a bearer token needed). */
export class SijawaraApi extends HttpApiGroup.make("sijawara").pipe(
  CommandTable.addEndpoints(sijawaraCommands),
  commandGroup("/sijawara")
) {}

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
  .pipe(queryGroup("/sijawara", "Sijawara")) {}
