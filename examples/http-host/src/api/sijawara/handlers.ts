/** Sijawara's handlers: the command table's, and the queries', each answering what the request's viewer may see. */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CertificateRegistry, Course, KabupatenLeaderboard, LearnerProgress } from "@jatim/sijawara"
import { readModel } from "../../readModels.js"
import { Api } from "../Api.js"
import * as CommandTable from "../CommandTable.js"
import { visibleOrNotFound, visibleSummaryOrNotFound } from "../common.js"
import { sijawaraCommands } from "./commands.js"

/** The Sijawara command handlers. */
export const SijawaraLive = HttpApiBuilder.group(Api, "sijawara", (handlers) => handlers.pipe(CommandTable.handle(sijawaraCommands)))

/** The Sijawara query handlers: what the request's viewer may see. */
export const SijawaraQueriesLive = HttpApiBuilder.group(Api, "sijawaraQueries", (handlers) =>
  handlers
    .handle("getCourse", ({ path }) =>
      visibleSummaryOrNotFound(Course, path.courseId, { rule: "CourseNotFound", message: `No course ${path.courseId}.` })
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
