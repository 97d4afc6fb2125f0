import { describe, it } from "vitest"
import * as fc from "fast-check"
import { Folds } from "@jatim/testing"
import { CertificateRegistry, CourseFunnel, type EnrollmentEvent, KabupatenLeaderboard, LearnerProgress } from "../src/index.js"
import { cohort } from "./simulate.js"

/** The learners of a cohort's events, and the certificates they were given. */
const partiesOf = (events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent>) => ({
  learners: [...new Set(events.map((event) => event.learnerId))],
  certificates: [...new Set(events.flatMap((event) => (event._tag === "EnrollmentCompleted" ? [event.certificateNumber] : [])))]
})

describe("Sijawara's read models fold as values, however the events are batched (adr/0076)", () => {
  it("learner progress, the course funnel, the leaderboard and the certificate registry, for any cohort", () => {
    fc.assert(
      fc.property(cohort(), fc.nat(), ({ course, events }, cut) => {
        const { learners, certificates } = partiesOf(events)
        const answersAlike = Folds.foldsAsValues(events, cut)
        answersAlike(LearnerProgress, (state) => learners.map((learnerId) => LearnerProgress.ofLearner(state, learnerId)))
        answersAlike(CourseFunnel, (state) => CourseFunnel.funnel(state, course.courseId))
        answersAlike(KabupatenLeaderboard, (state) => ({
          regions: KabupatenLeaderboard.regions(state),
          learners: (["35.07", "35.73", "35.78"] as const).map((region) => KabupatenLeaderboard.learners(state, region, 100))
        }))
        answersAlike(CertificateRegistry, (state) => ({
          verified: certificates.map((number) => CertificateRegistry.verify(state, number)),
          ofLearners: learners.map((learnerId) => CertificateRegistry.ofLearner(state, learnerId))
        }))
      })
    )
  }, 30_000)
})
