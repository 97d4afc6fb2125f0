/** Sijawara's handlers: the command table's, and the queries', each answering what the request's viewer may see. */
import { HttpApiBuilder } from "@effect/platform"
import { CertificateRegistry, Course, CourseFunnel, KabupatenLeaderboard, LearnerProgress } from "@jatim/sijawara"
import { Api } from "../Api.js"
import * as CommandTable from "../CommandTable.js"
import { type NotFoundRule, queryVisibleOrNotFound, visibleSummaryOrNotFound } from "../common.js"
import { sijawaraCommands } from "./commands.js"

/** The Sijawara command handlers. */
export const SijawaraLive = HttpApiBuilder.group(Api, "sijawara", (handlers) => handlers.pipe(CommandTable.handle(sijawaraCommands)))

/**
 * The 404 of a learner's `what` (their progress, their certificates): the same whether the
 * learner does not exist or the viewer may not see them.
 */
const learnerNotFound = (what: string, learnerId: string): NotFoundRule => ({
  rule: "LearnerNotFound",
  message: `No ${what} of learner ${learnerId} you may see.`
})

/** The Sijawara query handlers: what the request's viewer may see. */
export const SijawaraQueriesLive = HttpApiBuilder.group(Api, "sijawaraQueries", (handlers) =>
  handlers
    .handle("getCourse", ({ path }) =>
      visibleSummaryOrNotFound(Course, path.courseId, { rule: "CourseNotFound", message: `No course ${path.courseId}.` })
    )
    .handle("learnerProgress", ({ path }) =>
      queryVisibleOrNotFound(
        LearnerProgress.visibleTo,
        (m) => m.sijawara.learnerCourses(path.learnerId),
        learnerNotFound("progress", path.learnerId)
      )
    )
    .handle("verifyCertificate", ({ path }) =>
      queryVisibleOrNotFound(CertificateRegistry.verificationVisibleTo, (m) => m.sijawara.verifyCertificate(path.number), {
        rule: "CertificateNotFound",
        message: `No certificate ${path.number}.`
      })
    )
    .handle("learnerCertificates", ({ path }) =>
      queryVisibleOrNotFound(
        CertificateRegistry.certificatesVisibleTo,
        (m) => m.sijawara.learnerCertificates(path.learnerId),
        learnerNotFound("certificates", path.learnerId)
      )
    )
    .handle("courseFunnel", ({ path }) =>
      queryVisibleOrNotFound(CourseFunnel.visibleTo, (m) => m.sijawara.courseFunnel(path.courseId), {
        rule: "CourseFunnelNotFound",
        message: `No learner has enrolled in course ${path.courseId}.`
      })
    )
    .handle("leaderboard", () =>
      queryVisibleOrNotFound(KabupatenLeaderboard.regionsVisibleTo, (m) => m.sijawara.leaderboard, {
        rule: "LeaderboardNotFound",
        message: "No leaderboard."
      })
    )
)
