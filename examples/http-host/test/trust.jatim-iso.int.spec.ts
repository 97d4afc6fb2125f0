/**
 * JATIM ISO's trust stories over real HTTP on PostgreSQL: a Sijawara training is credited only
 * from a certificate Sijawara issued, for its topic, to a learner linked to the UMKM when the
 * course was completed; a UMKM's own view is its owner's and the Dinas's.
 */
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { dinas, eventually, hostPerFile, learnerToken, oneModuleCourse, owner, type Token, umkmRegistration } from "./support.js"

const suite = hostPerFile("trust_jatim_iso")
const { get, post } = suite

/** Sri's UMKM, and Budi's, in another kabupaten. */
const nib = "9120003515777"
const otherNib = "9120003578888"

/** A one-module course on `topic`, drafted and published by the Dinas; the quiz's answer is choice 1. */
const publishedCourse = async (courseId: string, topic: string) => {
  expect(
    (
      await post("/sijawara/courses/draft", dinas, {
        courseId,
        topic,
        content: oneModuleCourse({ title: `Kursus ${topic}` })
      })
    ).status
  ).toBe(200)
  expect((await post("/sijawara/courses/publish", dinas, { courseId })).status).toBe(200)
}

/** A learner registered by themself, linked to no business. */
const registeredLearner = async (learnerId: string) => {
  expect(
    (
      await post("/sijawara/learners/register", learnerToken(learnerId), {
        learnerId,
        name: "Peserta Uji",
        region: "35.15",
        role: { _tag: "PUBLIC" }
      })
    ).status
  ).toBe(200)
}

/** The learner proposes a link to the UMKM of `to`, and its owner confirms it. */
const link = async (learnerId: string, to: string) => {
  const business = { _tag: "UMKM", nib: to }
  expect((await post("/sijawara/learners/links/propose", learnerToken(learnerId), { learnerId, business })).status).toBe(200)
  expect((await post("/sijawara/learners/links/confirm", owner(to), { learnerId, business })).status).toBe(200)
}

/** The learner enrolls, completes the lesson and passes the quiz: the certificate number Sijawara issued. */
const complete = async (learnerId: string, courseId: string): Promise<string> => {
  const learner = learnerToken(learnerId)
  expect((await post("/sijawara/enrollments/enroll", learner, { learnerId, courseId })).status).toBe(200)
  expect((await post("/sijawara/enrollments/complete-lesson", learner, { learnerId, courseId, lessonId: "m1.l1" })).status).toBe(200)
  expect((await post("/sijawara/enrollments/attempt-quiz", learner, { learnerId, courseId, moduleId: "m1", answers: [1] })).status).toBe(
    200
  )
  // The certificate, as Sijawara stored it.
  const { events } = await Effect.runPromise(suite.host.store.readStream(`enrollment-${learnerId}_${courseId}`))
  const completed = events.find((e) => e.type === "EnrollmentCompleted")
  expect(completed).toBeDefined()
  return (completed!.data as { readonly certificateNumber: string }).certificateNumber
}

const claim = (learnerId: string, courseId: string, certificateNumber: string) => ({
  _tag: "SIJAWARA_CERTIFICATE",
  certificateNumber,
  learnerId,
  courseId
})

/** `by` presents learner `learnerId`'s certificate `certificateNumber` of course `kemasan-uji` as Sri's UMKM's KEMASAN training. */
const presentKemasanCertificate = (by: Token, learnerId: string, certificateNumber: string) =>
  post("/jatim-iso/umkm/record-training", by, { nib, training: "KEMASAN", source: claim(learnerId, "kemasan-uji", certificateNumber) })

const trainingsOf = async (of: string) => (await get(`/jatim-iso/umkm/${of}`, dinas)).body.trainings as ReadonlyArray<string>

beforeAll(async () => {
  for (const [id, businessName, region] of [
    [nib, "Kerupuk Ikan Bu Sri", "35.15"],
    [otherNib, "Batik Pak Budi", "35.78"]
  ] as const) {
    expect((await post("/jatim-iso/umkm/register", owner(id), umkmRegistration(id, { businessName, region }))).status).toBe(200)
  }
  await publishedCourse("kemasan-uji", "KEMASAN")
  await publishedCourse("pemasaran-uji", "PEMASARAN_DIGITAL")
})

describe("JATIM ISO trust: trainings from Sijawara certificates", () => {
  it("refuses a certificate Sijawara never issued (422), and a claim by someone else before looking it up (403)", async () => {
    const learnerId = "L-2026-077001"
    await registeredLearner(learnerId)
    await link(learnerId, nib)
    // Well-formed numbers, never issued: the caller's word is not enough, whoever presents them.
    for (const [by, certificateNumber] of [
      [learnerToken(learnerId), "SJW-0000-0000-0001-01"],
      [dinas, "SJW-0000-0000-0002-02"]
    ] as const) {
      const forged = await presentKemasanCertificate(by, learnerId, certificateNumber)
      expect(forged.status).toBe(422)
      expect(forged.body).toMatchObject({ _tag: "RuleViolated", rule: "CertificateNotIssued" })
      expect(forged.body.message).toContain(`Sijawara issued no certificate ${certificateNumber}`)
    }
    // The UMKM's owner may not present its learner's certificate, real or not: refused before any lookup.
    const byOwner = await presentKemasanCertificate(owner(nib), learnerId, "SJW-0000-0000-0001-01")
    expect(byOwner.status).toBe(403)
    expect(await trainingsOf(nib)).toEqual([])
  })

  it("refuses a real certificate of a learner who was not linked to the UMKM when completing the course, even once linked later", async () => {
    const learnerId = "L-2026-077002"
    await registeredLearner(learnerId)
    const certificateNumber = await complete(learnerId, "kemasan-uji")
    const notLinked = await presentKemasanCertificate(learnerToken(learnerId), learnerId, certificateNumber)
    expect(notLinked.status).toBe(422)
    expect(notLinked.body).toMatchObject({ _tag: "RuleViolated", rule: "LearnerNotLinkedAtCompletion" })
    expect(notLinked.body.message).toContain("while linked to no UMKM")
    // A link made after the course was completed does not reach back.
    await link(learnerId, nib)
    const linkedLater = await presentKemasanCertificate(dinas, learnerId, certificateNumber)
    expect(linkedLater.status).toBe(422)
    expect(linkedLater.body).toMatchObject({ _tag: "RuleViolated", rule: "LearnerNotLinkedAtCompletion" })
    expect(await trainingsOf(nib)).toEqual([])
  })

  it("records a genuine certificate of a linked learner, for its topic only, on the UMKM it was linked to only", async () => {
    const learnerId = "L-2026-077003"
    await registeredLearner(learnerId)
    await link(learnerId, nib)
    const certificateNumber = await complete(learnerId, "pemasaran-uji")
    const source = claim(learnerId, "pemasaran-uji", certificateNumber)
    // Another topic, another UMKM: refused.
    const wrongTopic = await post("/jatim-iso/umkm/record-training", learnerToken(learnerId), { nib, training: "KEMASAN", source })
    expect(wrongTopic.status).toBe(422)
    expect(wrongTopic.body).toMatchObject({ _tag: "RuleViolated", rule: "CertificateTopicMismatch" })
    const otherUmkm = await post("/jatim-iso/umkm/record-training", dinas, { nib: otherNib, training: "PEMASARAN_DIGITAL", source })
    expect(otherUmkm.status).toBe(422)
    expect(otherUmkm.body).toMatchObject({ _tag: "RuleViolated", rule: "LearnerNotLinkedAtCompletion" })
    // The genuine claim is accepted (the process manager may have recorded it first: then it changes nothing).
    const genuine = await post("/jatim-iso/umkm/record-training", learnerToken(learnerId), { nib, training: "PEMASARAN_DIGITAL", source })
    expect(genuine.status).toBe(200)
    const recorded = await eventually(
      () => trainingsOf(nib),
      (trainings) => trainings.includes("PEMASARAN_DIGITAL")
    )
    expect(recorded).toEqual(["PEMASARAN_DIGITAL"])
    const { events } = await Effect.runPromise(suite.host.store.readStream(`umkm-${nib}`))
    expect(events.filter((e) => e.type === "TrainingRecorded").map((e) => e.data)).toEqual([
      expect.objectContaining({
        training: "PEMASARAN_DIGITAL",
        source: { _tag: "SIJAWARA_CERTIFICATE", certificateNumber, learnerId, courseId: "pemasaran-uji" }
      })
    ])
    expect(await trainingsOf(otherNib)).toEqual([])
  })
})

describe("JATIM ISO trust: who sees a UMKM", () => {
  it("a UMKM is its owner's and the Dinas's: anyone else gets the 404 of a UMKM that does not exist", async () => {
    expect((await get(`/jatim-iso/umkm/${nib}`, owner(nib))).body).toMatchObject({ nib, businessName: "Kerupuk Ikan Bu Sri" })
    expect((await get(`/jatim-iso/umkm/${nib}`, dinas)).status).toBe(200)
    const missing = await get("/jatim-iso/umkm/9120000000000", owner(otherNib))
    expect(missing.status).toBe(404)
    for (const by of [owner(otherNib), learnerToken("L-2026-077003")]) {
      const hidden = await get(`/jatim-iso/umkm/${nib}`, by)
      expect(hidden.status).toBe(404)
      expect(hidden.body).toEqual({ ...missing.body, message: missing.body.message.replace("9120000000000", nib) })
    }
  })

  it("stalled onboardings name businesses: the Dinas sees them all, an owner its own, others none; the funnel's counts are everyone's", async () => {
    const stalled = async (token: Promise<string> | string) => {
      const reply = await get("/jatim-iso/stalled?days=0", token)
      expect(reply.status).toBe(200)
      return (reply.body as ReadonlyArray<{ readonly nib: string }>).map((s) => s.nib).sort()
    }
    // Wait for the read model to know both UMKM.
    expect(
      await eventually(
        () => stalled(dinas),
        (nibs) => nibs.length === 2
      )
    ).toEqual([nib, otherNib].sort())
    expect(await stalled(owner(nib))).toEqual([nib])
    expect(await stalled(owner(otherNib))).toEqual([otherNib])
    expect(await stalled(learnerToken("L-2026-077003"))).toEqual([])
    const funnel = await get("/jatim-iso/funnel", learnerToken("L-2026-077003"))
    expect(funnel.status).toBe(200)
    expect(Object.values(funnel.body as Record<string, number>).reduce((sum, n) => sum + n, 0)).toBe(2)
  })
})
