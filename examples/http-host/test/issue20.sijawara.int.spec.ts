/**
 * Sijawara over HTTP (issue 20): a learner's certificates (the learner themself and the Dinas;
 * anyone else 404), a course's funnel (counts only: public, also anonymously), and a course
 * offered as a cohort, whose enrollment closes at the end of its end date.
 */
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { CalendarDate } from "@jatim/kernel"
import { curator, dinas, hostPerFile, kop, learnerToken, oneModuleCourse, owner } from "./support.js"

const suite = hostPerFile("issue20_sijawara")
const { get, post } = suite

const courseId = "kemasan-funnel"

/** Registers learner `learnerId` themself and enrolls them in the course. */
const enrolled = async (learnerId: string) => {
  const token = learnerToken(learnerId)
  expect(
    (await post("/sijawara/learners/register", token, { learnerId, name: "Peserta Corong", region: "35.15", role: { _tag: "PUBLIC" } }))
      .status
  ).toBe(200)
  expect((await post("/sijawara/enrollments/enroll", token, { learnerId, courseId })).status).toBe(200)
  return token
}

/** The learner completes the lesson and passes the quiz: the course is completed. */
const completes = async (learnerId: string) => {
  const token = learnerToken(learnerId)
  expect((await post("/sijawara/enrollments/complete-lesson", token, { learnerId, courseId, lessonId: "m1.l1" })).status).toBe(200)
  expect((await post("/sijawara/enrollments/attempt-quiz", token, { learnerId, courseId, moduleId: "m1", answers: [1] })).status).toBe(200)
}

beforeAll(async () => {
  expect((await post("/sijawara/courses/draft", dinas, { courseId, topic: "KEMASAN", content: oneModuleCourse() })).status).toBe(200)
  expect((await post("/sijawara/courses/publish", dinas, { courseId })).status).toBe(200)
  await enrolled("L-2026-002001")
  await enrolled("L-2026-002002")
  await enrolled("L-2026-002003")
  await completes("L-2026-002001")
})

describe("a learner's certificates", () => {
  it("the learner and the Dinas list them, each verifiable by its number; anyone else gets 404", async () => {
    const learnerId = "L-2026-002001"
    const own = await get(`/sijawara/learners/${learnerId}/certificates`, learnerToken(learnerId))
    expect(own.status).toBe(200)
    expect(own.body).toEqual([expect.objectContaining({ learnerId, courseId, courseVersion: 1, topic: "KEMASAN", region: "35.15" })])
    expect((await get(`/sijawara/learners/${learnerId}/certificates`, dinas)).body).toEqual(own.body)
    const verified = await get(`/sijawara/certificates/${own.body[0].number}`)
    expect(verified.body).toMatchObject({ _tag: "Valid", certificate: { learnerId, courseId } })
    for (const other of [learnerToken("L-2026-002002"), owner("9120003515901"), kop("3515010000000901"), curator, undefined]) {
      const refused = await get(`/sijawara/learners/${learnerId}/certificates`, other)
      expect(refused.status).toBe(404)
      expect(refused.body._tag).toBe("NotFound")
    }
  })

  it("a learner without certificates sees an empty list; a learner nobody knows is as unseen to others", async () => {
    expect((await get("/sijawara/learners/L-2026-002002/certificates", learnerToken("L-2026-002002"))).body).toEqual([])
    expect((await get("/sijawara/learners/L-2026-002999/certificates", learnerToken("L-2026-002002"))).status).toBe(404)
  })
})

describe("a course's funnel", () => {
  it("counts learners enrolled, passing each module and completed, for everyone, anonymously too, naming nobody", async () => {
    for (const anyone of [undefined, curator, learnerToken("L-2026-002003"), dinas]) {
      const funnel = await get(`/sijawara/courses/${courseId}/funnel`, anyone)
      expect(funnel.status).toBe(200)
      expect(funnel.body).toEqual({ courseId, enrolled: 3, modules: [{ moduleId: "m1", passed: 1 }], completed: 1 })
      expect(JSON.stringify(funnel.body)).not.toContain("L-2026")
    }
  })

  it("a course nobody enrolled in answers 404", async () => {
    const none = await get("/sijawara/courses/tidak-ada/funnel")
    expect(none.status).toBe(404)
    expect(none.body).toMatchObject({ _tag: "NotFound", rule: "CourseFunnelNotFound" })
  })
})

describe("a course offered as a cohort", () => {
  it("the Dinas schedules it; the course shows the cohort; learners enroll until its end; a cohort already ended refuses them", async () => {
    const cohortCourse = "kemasan-angkatan"
    expect(
      (await post("/sijawara/courses/draft", dinas, { courseId: cohortCourse, topic: "KEMASAN", content: oneModuleCourse() })).status
    ).toBe(200)
    expect((await post("/sijawara/courses/publish", dinas, { courseId: cohortCourse })).status).toBe(200)
    const today = CalendarDate.fromEpochMillis(Date.now())
    const cohort = { courseId: cohortCourse, startsOn: CalendarDate.addDays(today, 3), endsOn: CalendarDate.addDays(today, 9) }
    expect((await post("/sijawara/courses/schedule-cohort", curator, cohort)).status).toBe(403)
    const past = await post("/sijawara/courses/schedule-cohort", dinas, { ...cohort, endsOn: CalendarDate.addDays(today, -1) })
    expect(past.status).toBe(422)
    expect(past.body).toMatchObject({ rule: "InvalidCohort" })
    expect((await post("/sijawara/courses/schedule-cohort", dinas, { ...cohort, endsOn: "2027-13-40" })).status).toBe(400)
    expect((await post("/sijawara/courses/schedule-cohort", dinas, cohort)).status).toBe(200)
    const shown = await get(`/sijawara/courses/${cohortCourse}`)
    expect(shown.body.offering).toMatchObject({ cohort: { startsOn: cohort.startsOn, endsOn: cohort.endsOn } })
    const learnerId = "L-2026-002101"
    const token = learnerToken(learnerId)
    expect(
      (await post("/sijawara/learners/register", token, { learnerId, name: "Peserta Angkatan", region: "35.15", role: { _tag: "PUBLIC" } }))
        .status
    ).toBe(200)
    expect((await post("/sijawara/enrollments/enroll", token, { learnerId, courseId: cohortCourse })).status).toBe(200)
    // A cohort that ended yesterday, as the course's stream records it: enrollment is closed.
    await Effect.runPromise(
      suite.host.store.appendToStream(`course-${cohortCourse}`, [
        {
          eventId: "cohort-ended-yesterday",
          type: "CohortScheduled",
          data: {
            courseId: cohortCourse,
            startsOn: CalendarDate.addDays(today, -7),
            endsOn: CalendarDate.addDays(today, -1),
            at: new Date(Date.now() - 8 * 86_400_000).toISOString()
          }
        }
      ])
    )
    const late = "L-2026-002102"
    expect(
      (
        await post("/sijawara/learners/register", learnerToken(late), {
          learnerId: late,
          name: "Peserta Terlambat",
          region: "35.15",
          role: { _tag: "PUBLIC" }
        })
      ).status
    ).toBe(200)
    const closed = await post("/sijawara/enrollments/enroll", learnerToken(late), { learnerId: late, courseId: cohortCourse })
    expect(closed.status).toBe(422)
    expect(closed.body).toMatchObject({ _tag: "RuleViolated", rule: "EnrollmentClosed" })
  })
})
