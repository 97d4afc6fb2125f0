import { describe, expect, it } from "vitest"
import { Option } from "effect"
import * as fc from "fast-check"
import {
  CertificateNumber,
  CertificateRegistry,
  CourseFunnel,
  Enrollment,
  type EnrollmentEvent,
  KabupatenLeaderboard,
  LearnerProgress
} from "../src/index.js"
import { cohort } from "./simulate.js"

const fold = <S>(apply: (state: S, event: EnrollmentEvent.EnrollmentEvent) => S, initial: S, events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent>) =>
  events.reduce(apply, initial)
const twice = (events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent>) => events.flatMap((e) => [e, e])
const enrollments = (finals: ReadonlyArray<Enrollment.State>) => finals.flatMap((s) => (s._tag === "Enrollment" ? [s] : []))

describe("Read models agree with the enrollments they are built from, in any interleaving", () => {
  it("learner progress: the decider's percent for each learner, never above 100, unchanged by redelivery", () => {
    fc.assert(fc.property(cohort(), ({ course, events, finals }) => {
      const state = fold(LearnerProgress.apply, LearnerProgress.initial, events)
      const redelivered = fold(LearnerProgress.apply, LearnerProgress.initial, twice(events))
      for (const enrollment of enrollments(finals)) {
        const expected = Enrollment.progress(enrollment)
        const progress = Option.getOrThrow(LearnerProgress.progress(state, enrollment.learnerId, course.courseId))
        expect(progress).toMatchObject({ ...expected, completed: enrollment.certificate !== null })
        expect(progress.percent).toBeLessThanOrEqual(100)
        expect(LearnerProgress.progress(redelivered, enrollment.learnerId, course.courseId)).toEqual(Option.some(progress))
        expect(LearnerProgress.ofLearner(state, enrollment.learnerId)).toEqual([progress])
      }
    }))
  }, 15_000)

  it("course funnel: enrolled ≥ each module passed ≥ completed, each the number of learners there", () => {
    fc.assert(fc.property(cohort(), ({ course, events, finals }) => {
      const all = enrollments(finals)
      const funnel = CourseFunnel.funnel(fold(CourseFunnel.apply, CourseFunnel.initial, events), course.courseId)
      expect(CourseFunnel.funnel(fold(CourseFunnel.apply, CourseFunnel.initial, twice(events)), course.courseId)).toEqual(funnel)
      if (all.length === 0) return expect(Option.isNone(funnel)).toBe(true)
      const f = Option.getOrThrow(funnel)
      expect(f.enrolled).toBe(all.length)
      expect(f.modules.map((m) => m.moduleId)).toEqual(course.plan.map((m) => m.moduleId))
      for (const { moduleId, passed } of f.modules) {
        expect(passed).toBe(all.filter((e) => e.passedModules.has(moduleId)).length)
        expect(passed).toBeLessThanOrEqual(f.enrolled)
        expect(passed).toBeGreaterThanOrEqual(f.completed)
      }
      expect(f.completed).toBe(all.filter((e) => e.certificate !== null).length)
    }))
  }, 15_000)

  it("leaderboard: completions add up per kabupaten/kota and per learner, ranks follow scores", () => {
    fc.assert(fc.property(cohort(), ({ events, finals }) => {
      const state = fold(KabupatenLeaderboard.apply, KabupatenLeaderboard.initial, events)
      expect(fold(KabupatenLeaderboard.apply, KabupatenLeaderboard.initial, twice(events))).toEqual(state)
      const all = enrollments(finals)
      const regions = KabupatenLeaderboard.regions(state)
      expect(regions).toHaveLength(38)
      regions.forEach((r, i) => {
        if (i > 0) expect(regions[i - 1]!.completions).toBeGreaterThanOrEqual(r.completions)
        expect(r.rank).toBe(1 + regions.filter((o) => o.completions > r.completions).length)
        const here = all.filter((e) => e.region === r.region)
        expect(r.learners).toBe(here.length)
        expect(r.completions).toBe(here.filter((e) => e.certificate !== null).length)
        const board = KabupatenLeaderboard.learners(state, r.region, 100)
        expect(board.reduce((n, l) => n + l.completions, 0)).toBe(r.completions)
      })
    }))
  }, 15_000)

  it("certificate registry: every certificate verifies, as issued and as typed; others do not", () => {
    fc.assert(fc.property(cohort(), ({ course, events, finals }) => {
      const state = fold(CertificateRegistry.apply, CertificateRegistry.initial, events)
      for (const enrollment of enrollments(finals)) {
        const number = CertificateNumber.forEnrollment(enrollment.learnerId, course.courseId)
        const verification = CertificateRegistry.verify(state, number.toLowerCase().replaceAll("-", " "))
        if (enrollment.certificate === null) {
          expect(verification).toEqual({ _tag: "NotIssued", number })
        } else {
          expect(verification).toEqual({
            _tag: "Valid",
            certificate: {
              number,
              learnerId: enrollment.learnerId,
              courseId: course.courseId,
              courseVersion: course.version,
              topic: course.topic,
              region: enrollment.region,
              issuedAt: enrollment.certificate.issuedAt
            }
          })
          expect(CertificateRegistry.ofLearner(state, enrollment.learnerId).map((c) => c.number)).toEqual([number])
        }
        const typo = number.slice(0, 5) + (number[5] === "7" ? "8" : "7") + number.slice(6)
        expect(CertificateRegistry.verify(state, typo)._tag).toBe("Malformed")
      }
      expect(state.collisions).toEqual([])
    }))
  }, 15_000)
})
