import { describe, expect, it } from "vitest"
import { Option, Schema } from "effect"
import {
  CertificateRegistry,
  CourseContent,
  CourseFunnel,
  EnrollmentEvent,
  Ids,
  KabupatenLeaderboard,
  LearnerProgress
} from "../src/index.js"
import type { Region } from "@jatim/kernel"
import {
  attempted,
  content,
  courseId,
  d,
  enrolled,
  l11,
  l12,
  learnerId,
  lessonCompleted,
  m1,
  m2,
  modulePassed,
  numberDrawnWith,
  revisedContent
} from "./fixtures.js"

const other = Ids.LearnerId.make("L-2025-000777")
const third = Ids.LearnerId.make("L-2025-000888")
const shu = Ids.CourseId.make("shu-201")

const enrolledAs = (learner: Ids.LearnerId, region: Region.RegionCode = "35.78", course = courseId) =>
  new EnrollmentEvent.Enrolled({ ...enrolled(), learnerId: learner, region, courseId: course })
const completedAs = (learner: Ids.LearnerId, region: Region.RegionCode, at: string, course = courseId) =>
  new EnrollmentEvent.EnrollmentCompleted({
    learnerId: learner,
    courseId: course,
    courseVersion: 1,
    topic: "KEMASAN",
    region,
    linkedNib: null,
    certificateNumber: numberDrawnWith(`${learner}/${course}`),
    at: d(at)
  })

describe("LearnerProgress", () => {
  it("counts lessons and passed modules of the enrolled version, in whole percent", () => {
    const steps = [
      enrolled(),
      lessonCompleted(l11, m1),
      lessonCompleted(l11, m1),
      attempted(m1, d("2025-01-11T00:00:00Z")),
      lessonCompleted(l12, m1),
      modulePassed(m1, d("2025-01-11T01:00:00Z"))
    ]
    const percents = steps.map((_, i) =>
      LearnerProgress.percent(steps.slice(0, i + 1).reduce(LearnerProgress.apply, LearnerProgress.initial), learnerId, courseId)
    )
    expect(percents).toEqual([0, 20, 20, 20, 40, 60].map(Option.some))
    expect(LearnerProgress.percent(LearnerProgress.initial, learnerId, courseId)).toEqual(Option.none())
  })
})

describe("CourseFunnel", () => {
  it("counts learners enrolled, past each module and completed; later versions' modules come after", () => {
    const v2Plan = CourseContent.planOf({
      ...revisedContent,
      modules: [
        ...revisedContent.modules,
        { ...content.modules[0], moduleId: Ids.ModuleId.make("m3"), lessons: [{ lessonId: Ids.LessonId.make("m3.l1"), title: "Baru" }] }
      ]
    })
    const events = [
      enrolledAs(learnerId),
      enrolledAs(other),
      modulePassed(m1, d("2025-01-12T00:00:00Z")),
      new EnrollmentEvent.Enrolled({ ...enrolled(), learnerId: third, courseVersion: 2, plan: v2Plan }),
      new EnrollmentEvent.ModulePassed({ learnerId: third, courseId, moduleId: m1, at: d("2025-01-13T00:00:00Z") })
    ]
    const funnel = CourseFunnel.funnel(events.reduce(CourseFunnel.apply, CourseFunnel.initial), courseId)
    expect(funnel).toEqual(
      Option.some({
        courseId,
        enrolled: 3,
        modules: [
          { moduleId: m1, passed: 2 },
          { moduleId: m2, passed: 0 },
          { moduleId: "m3", passed: 0 }
        ],
        completed: 0
      })
    )
    expect(CourseFunnel.funnel(CourseFunnel.initial, courseId)).toEqual(Option.none())
  })
})

describe("KabupatenLeaderboard", () => {
  const events = [
    enrolledAs(learnerId, "35.78"),
    enrolledAs(learnerId, "35.78", shu),
    enrolledAs(other, "35.78"),
    enrolledAs(third, "35.07"),
    completedAs(learnerId, "35.78", "2025-02-01T00:00:00Z"),
    completedAs(other, "35.78", "2025-02-02T00:00:00Z"),
    completedAs(learnerId, "35.78", "2025-02-03T00:00:00Z", shu),
    completedAs(third, "35.07", "2025-02-04T00:00:00Z")
  ]
  const board = events.reduce(KabupatenLeaderboard.apply, KabupatenLeaderboard.initial)

  it("ranks kabupaten/kota by completed courses; equal scores share a rank", () => {
    const regions = KabupatenLeaderboard.regions(board)
    expect(regions.slice(0, 3)).toEqual([
      { rank: 1, region: "35.78", name: "Kota Surabaya", learners: 2, completions: 3 },
      { rank: 2, region: "35.07", name: "Kabupaten Malang", learners: 1, completions: 1 },
      { rank: 3, region: "35.01", name: "Kabupaten Pacitan", learners: 0, completions: 0 }
    ])
    expect(regions.at(-1)).toMatchObject({ rank: 3, region: "35.79", completions: 0 })
  })

  it("ranks a kabupaten/kota's learners by completed courses, then by who got there first", () => {
    expect(KabupatenLeaderboard.learners(board, "35.78")).toEqual([
      { rank: 1, learnerId, completions: 2 },
      { rank: 2, learnerId: other, completions: 1 }
    ])
    const tie = [completedAs(third, "35.73", "2025-02-05T00:00:00Z"), completedAs(other, "35.73", "2025-02-04T00:00:00Z")].reduce(
      KabupatenLeaderboard.apply,
      KabupatenLeaderboard.initial
    )
    expect(KabupatenLeaderboard.learners(tie, "35.73")).toEqual([
      { rank: 1, learnerId: other, completions: 1 },
      { rank: 1, learnerId: third, completions: 1 }
    ])
    expect(KabupatenLeaderboard.learners(board, "35.78", 1)).toHaveLength(1)
    expect(KabupatenLeaderboard.learners(board, "35.29")).toEqual([])
  })
})

describe("CertificateRegistry", () => {
  const issued = completedAs(learnerId, "35.78", "2025-02-01T00:00:00Z")
  const registry = [enrolled(), issued].reduce(CertificateRegistry.apply, CertificateRegistry.initial)
  const number = issued.certificateNumber

  it("verifies an issued number, as printed or as typed, with whose certificate it is", () => {
    const valid = {
      _tag: "Valid",
      certificate: {
        number,
        learnerId,
        courseId,
        courseVersion: 1,
        topic: "KEMASAN",
        region: "35.78",
        issuedAt: d("2025-02-01T00:00:00Z")
      }
    }
    expect(CertificateRegistry.verify(registry, number)).toEqual(valid)
    expect(CertificateRegistry.verify(registry, ` ${number.toLowerCase().replaceAll("-", "")} `)).toEqual(valid)
  })

  it("a well-formed number never issued is NotIssued; a typo is Malformed, with a message", () => {
    const never = numberDrawnWith(999)
    expect(CertificateRegistry.verify(registry, never)).toEqual({ _tag: "NotIssued", number: never })
    const typo = `${number.slice(0, -1)}${number.endsWith("0") ? "1" : "0"}`
    const result = CertificateRegistry.verify(registry, typo)
    expect(result._tag).toBe("Malformed")
    if (result._tag === "Malformed") expect(result.error.message).toContain("check characters do not match")
  })

  it("reports a verification as clients read it: what was found, or the malformed number's message", () => {
    const valid = CertificateRegistry.verify(registry, number)
    expect(CertificateRegistry.report(valid)).toEqual(valid)
    const never = numberDrawnWith(999)
    expect(CertificateRegistry.report(CertificateRegistry.verify(registry, never))).toEqual({ _tag: "NotIssued", number: never })
    const report = CertificateRegistry.report(CertificateRegistry.verify(registry, "SJW-1234"))
    expect(report).toEqual({ _tag: "Malformed", message: expect.stringContaining("is not a Sijawara certificate number") })
    const json: unknown = JSON.parse(
      JSON.stringify(Schema.encodeSync(CertificateRegistry.VerificationReport)(CertificateRegistry.report(valid)))
    )
    expect(json).toMatchObject({ _tag: "Valid", certificate: { number, issuedAt: "2025-02-01T00:00:00.000Z" } })
  })

  it("a number issued twice to different enrollments keeps the first and records the collision", () => {
    const clash = new EnrollmentEvent.EnrollmentCompleted({
      ...completedAs(other, "35.07", "2025-02-02T00:00:00Z"),
      certificateNumber: number
    })
    const state = [issued, issued, clash].reduce(CertificateRegistry.apply, CertificateRegistry.initial)
    expect(CertificateRegistry.verify(state, number)).toMatchObject({ _tag: "Valid", certificate: { learnerId } })
    expect(state.collisions.map((c) => c.learnerId)).toEqual([other])
  })
})
