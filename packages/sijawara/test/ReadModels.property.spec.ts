import { describe, expect, it } from "vitest"
import { Either, Option, Schema } from "effect"
import * as fc from "fast-check"
import {
  CertificateRegistry,
  Course,
  CourseFunnel,
  Enrollment,
  type EnrollmentEvent,
  type Ids,
  KabupatenLeaderboard,
  LearnerProgress
} from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { numberDrawnWith } from "./fixtures.js"
import { cohort } from "./simulate.js"

const fold = <S>(
  apply: (state: S, event: EnrollmentEvent.EnrollmentEvent) => S,
  initial: S,
  events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent>
) => events.reduce(apply, initial)
const twice = (events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent>) => events.flatMap((e) => [e, e])
/** `value` encoded with `schema`, sent as JSON text, and decoded again. */
const overJson = <A, I>(schema: Schema.Schema<A, I>, value: A): A =>
  Schema.decodeUnknownSync(schema)(JSON.parse(JSON.stringify(Schema.encodeSync(schema)(value))))
const enrollments = (finals: ReadonlyArray<Enrollment.State>) => finals.flatMap((s) => (s._tag === "Enrollment" ? [s] : []))

describe("Read models agree with the enrollments they are built from, in any interleaving", () => {
  it("learner progress: the decider's percent for each learner, never above 100, unchanged by redelivery; round-trips through its Schema", () => {
    fc.assert(
      fc.property(cohort(), ({ course, events, finals }) => {
        const state = fold(LearnerProgress.apply, LearnerProgress.initial, events)
        const redelivered = fold(LearnerProgress.apply, LearnerProgress.initial, twice(events))
        for (const enrollment of enrollments(finals)) {
          const expected = Enrollment.progress(enrollment)
          const progress = Option.getOrThrow(LearnerProgress.progress(state, enrollment.learnerId, course.courseId))
          expect(progress).toMatchObject({ ...expected, completed: enrollment.certificate !== null })
          expect(progress.percent).toBeLessThanOrEqual(100)
          expect(LearnerProgress.progress(redelivered, enrollment.learnerId, course.courseId)).toEqual(Option.some(progress))
          const ofLearner = LearnerProgress.ofLearner(state, enrollment.learnerId)
          expect(ofLearner).toEqual([progress])
          // The progress is what its Schema describes, and comes back unchanged from JSON.
          expect(overJson(Schema.Array(LearnerProgress.CourseProgress), ofLearner)).toStrictEqual(ofLearner)
        }
      })
    )
  }, 15_000)

  it("course funnel: enrolled ≥ each module passed ≥ completed, each the number of learners there", () => {
    fc.assert(
      fc.property(cohort(), ({ course, events, finals }) => {
        const all = enrollments(finals)
        const funnel = CourseFunnel.funnel(fold(CourseFunnel.apply, CourseFunnel.initial, events), course.courseId)
        expect(CourseFunnel.funnel(fold(CourseFunnel.apply, CourseFunnel.initial, twice(events)), course.courseId)).toEqual(funnel)
        expect(Option.isNone(funnel)).toBe(all.length === 0)
        if (all.length === 0) return
        const f = Option.getOrThrow(funnel)
        expect(f.enrolled).toBe(all.length)
        expect(f.modules.map((m) => m.moduleId)).toEqual(course.plan.map((m) => m.moduleId))
        for (const { moduleId, passed } of f.modules) {
          expect(passed).toBe(all.filter((e) => e.passedModules.has(moduleId)).length)
          expect(passed).toBeLessThanOrEqual(f.enrolled)
          expect(passed).toBeGreaterThanOrEqual(f.completed)
        }
        expect(f.completed).toBe(all.filter((e) => e.certificate !== null).length)
      })
    )
  }, 15_000)

  it("leaderboard: completions add up per kabupaten/kota and per learner, ranks follow scores; standings round-trip through their Schema", () => {
    fc.assert(
      fc.property(cohort(), ({ events, finals }) => {
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
          expect(overJson(Schema.Array(KabupatenLeaderboard.LearnerStanding), board)).toEqual(board)
        })
        // The standings are what their Schema describes, and come back unchanged from JSON.
        expect(overJson(Schema.Array(KabupatenLeaderboard.RegionStanding), regions)).toEqual(regions)
      })
    )
  }, 15_000)

  it("certificate registry: every certificate verifies, as issued and as typed; others do not; reports round-trip through their Schema", () => {
    fc.assert(
      fc.property(cohort(), ({ course, events, finals }) => {
        const state = fold(CertificateRegistry.apply, CertificateRegistry.initial, events)
        for (const enrollment of enrollments(finals)) {
          // An enrollment not completed has no number: any number drawn stands for one never issued.
          const number = enrollment.certificate?.number ?? numberDrawnWith(`${enrollment.learnerId}/${course.courseId}`)
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
          const malformed = CertificateRegistry.verify(state, typo)
          expect(malformed._tag).toBe("Malformed")
          // Reported as clients read it: what was found, or the malformed number's message.
          expect(CertificateRegistry.report(verification)).toEqual(verification)
          expect(CertificateRegistry.report(malformed)).toEqual({
            _tag: "Malformed",
            message: malformed._tag === "Malformed" ? malformed.error.message : ""
          })
          for (const report of [verification, malformed].map(CertificateRegistry.report)) {
            expect(overJson(CertificateRegistry.VerificationReport, report)).toStrictEqual(report)
          }
          for (const certificate of CertificateRegistry.ofLearner(state, enrollment.learnerId)) {
            expect(overJson(CertificateRegistry.Certificate, certificate)).toStrictEqual(certificate)
          }
        }
        expect(state.collisions).toEqual([])
      })
    )
  }, 15_000)
})

describe("The course summary, for any course history", () => {
  it("is none before a draft; otherwise agrees with the course's status, versions and offering, and round-trips through its Schema", () => {
    fc.assert(
      fc.property(
        Arbitraries.courseId.chain((id) => fc.tuple(fc.constant(id), fc.array(Arbitraries.courseEvent([id]), { maxLength: 8 }))),
        ([id, events]) => {
          const state = events.reduce(Course.evolve, Course.initialState)
          const summary = Course.summary(state)
          expect(Option.isNone(summary)).toBe(state._tag === "NoCourse")
          if (state._tag === "NoCourse") return
          const s = Option.getOrThrow(summary)
          expect(s.courseId).toBe(id)
          expect(s.status).toBe(Course.status(state))
          expect(s.topic).toBe(state.topic)
          expect(s.draftTitle).toBe(state.draft.title)
          expect(s.publishedVersions).toBe(state.versions.length)
          expect(s.offering).toEqual(Either.getOrNull(Course.offering(state, id)))
          expect(overJson(Course.Summary, s)).toStrictEqual(s)
        }
      )
    )
  })
})

interface Models {
  readonly progress: LearnerProgress.State
  readonly funnel: CourseFunnel.State
  readonly leaderboard: KabupatenLeaderboard.State
  readonly certificates: CertificateRegistry.State
}

const foldModels = (models: Models, events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent>): Models => ({
  progress: fold(LearnerProgress.apply, models.progress, events),
  funnel: fold(CourseFunnel.apply, models.funnel, events),
  leaderboard: fold(KabupatenLeaderboard.apply, models.leaderboard, events),
  certificates: fold(CertificateRegistry.apply, models.certificates, events)
})

const noModels: Models = {
  progress: LearnerProgress.initial,
  funnel: CourseFunnel.initial,
  leaderboard: KabupatenLeaderboard.initial,
  certificates: CertificateRegistry.initial
}

/** What a caller can ask the read models about `enrollments` of `courseId`, as plain values. */
const answers = (models: Models, courseId: Ids.CourseId, enrollments: ReadonlyArray<Enrollment.Enrollment>) => ({
  funnel: CourseFunnel.funnel(models.funnel, courseId),
  regions: KabupatenLeaderboard.regions(models.leaderboard),
  learners: KabupatenLeaderboard.regions(models.leaderboard).map((r) => KabupatenLeaderboard.learners(models.leaderboard, r.region, 100)),
  enrollments: enrollments.map((e) => ({
    progress: LearnerProgress.ofLearner(models.progress, e.learnerId),
    certificates: CertificateRegistry.ofLearner(models.certificates, e.learnerId),
    verified: e.certificate === null ? undefined : CertificateRegistry.verify(models.certificates, e.certificate.number)
  })),
  collisions: models.certificates.collisions
})

describe("Read models fold as values (adr/0076)", () => {
  it("however the events are batched, the read models answer the same; a state answers as before once later events are applied to it", () => {
    fc.assert(
      fc.property(cohort(), fc.nat(), ({ course, events, finals }, cut) => {
        const all = enrollments(finals)
        const at = cut % (events.length + 1)
        const whole = foldModels(noModels, events)
        const first = foldModels(noModels, events.slice(0, at))
        const answeredFirst = answers(first, course.courseId, all)
        const batched = foldModels(first, events.slice(at))
        expect(answers(batched, course.courseId, all)).toEqual(answers(whole, course.courseId, all))
        // `first` was not changed by what was applied to it afterwards.
        expect(answers(first, course.courseId, all)).toEqual(answeredFirst)
      })
    )
  }, 15_000)
})
