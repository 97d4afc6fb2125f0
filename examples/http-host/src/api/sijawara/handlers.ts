/** Sijawara's handlers: the command table's, and the queries', each answering what the request's viewer may see. */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CertificateRegistry, Course, KabupatenLeaderboard, LearnerProgress } from "@jatim/sijawara"
import { query } from "../../readModels/ReadModels.js"
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
        const courses = yield* query((m) => m.sijawara.learnerCourses(path.learnerId))
        return yield* visibleOrNotFound(LearnerProgress.visibleTo, courses, {
          rule: "LearnerNotFound",
          message: `No progress of learner ${path.learnerId} you may see.`
        })
      })
    )
    .handle("verifyCertificate", ({ path }) =>
      Effect.gen(function* () {
        const report = yield* query((m) => m.sijawara.verifyCertificate(path.number))
        return yield* visibleOrNotFound(CertificateRegistry.verificationVisibleTo, report, {
          rule: "CertificateNotFound",
          message: `No certificate ${path.number}.`
        })
      })
    )
    .handle("leaderboard", () =>
      Effect.gen(function* () {
        const regions = yield* query((m) => m.sijawara.leaderboard)
        return yield* visibleOrNotFound(KabupatenLeaderboard.regionsVisibleTo, regions, {
          rule: "LeaderboardNotFound",
          message: "No leaderboard."
        })
      })
    )
)
