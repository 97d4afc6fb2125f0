/** Sijawara's handlers: the command table's, and the queries', each answering what the request's viewer may see. */
import { HttpApiBuilder } from "@effect/platform"
import type { Visibility } from "@jatim/kernel"
import { CertificateRegistry, Course, CourseFunnel, type Ids, KabupatenLeaderboard, LearnerProgress } from "@jatim/sijawara"
import type { Query, ReadModels } from "../../readModels/ReadModels.js"
import { Api } from "../Api.js"
import * as CommandTable from "../CommandTable.js"
import { queryVisibleOrNotFound, visibleSummaryOrNotFound } from "../common.js"
import { sijawaraCommands } from "./commands.js"

/** The Sijawara command handlers. */
export const SijawaraLive = HttpApiBuilder.group(Api, "sijawara", (handlers) => handlers.pipe(CommandTable.handle(sijawaraCommands)))

/**
 * The handler of a learner's `what` (their progress, their certificates), read by `pick`, as
 * `policy` lets the request's viewer see it: 404 `LearnerNotFound`, the same whether the learner
 * does not exist or the viewer may not see them.
 */
const learnerViewOrNotFound =
  <View, Visible>(
    what: string,
    policy: Visibility.ReadPolicy<View, Visible>,
    pick: (models: ReadModels, learnerId: Ids.LearnerId) => Query<View | undefined>
  ) =>
  ({ path }: { readonly path: { readonly learnerId: Ids.LearnerId } }) =>
    queryVisibleOrNotFound(policy, (models) => pick(models, path.learnerId), {
      rule: "LearnerNotFound",
      message: `No ${what} of learner ${path.learnerId} you may see.`
    })

/** The Sijawara query handlers: what the request's viewer may see. */
export const SijawaraQueriesLive = HttpApiBuilder.group(Api, "sijawaraQueries", (handlers) =>
  handlers
    .handle("getCourse", ({ path }) =>
      visibleSummaryOrNotFound(Course, path.courseId, { rule: "CourseNotFound", message: `No course ${path.courseId}.` })
    )
    .handle(
      "learnerProgress",
      learnerViewOrNotFound("progress", LearnerProgress.visibleTo, (m, learnerId) => m.sijawara.learnerCourses(learnerId))
    )
    .handle("verifyCertificate", ({ path }) =>
      queryVisibleOrNotFound(CertificateRegistry.verificationVisibleTo, (m) => m.sijawara.verifyCertificate(path.number), {
        rule: "CertificateNotFound",
        message: `No certificate ${path.number}.`
      })
    )
    .handle(
      "learnerCertificates",
      learnerViewOrNotFound("certificates", CertificateRegistry.certificatesVisibleTo, (m, learnerId) =>
        m.sijawara.learnerCertificates(learnerId)
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
