/**
 * Issue 14 over real HTTP on PostgreSQL, Sijawara's holes: quiz answers never reach a learner,
 * links need both sides, a completion records the link in effect when it happens, authorization
 * before rules that reveal state, and a learner's progress is the learner's (and the Dinas's).
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { curator, dinas, hasAnswers, hostPerFile, kop, learnerToken, oneModuleCourse, owner } from "./support.js"

const suite = hostPerFile("trust_sijawara")
const { get, post } = suite

/** A one-module course, drafted (and published unless told otherwise); the quiz's answers are 1 then 0. */
const course = async (courseId: string, publish = true) => {
  expect(
    (
      await post("/sijawara/courses/draft", dinas, {
        courseId,
        topic: "KEMASAN",
        content: oneModuleCourse({
          questions: [
            { prompt: "Label pangan wajib memuat?", choices: ["Warna", "Komposisi"], answer: 1 },
            { prompt: "Kemasan primer menyentuh produk?", choices: ["Ya", "Tidak"], answer: 0 }
          ]
        })
      })
    ).status
  ).toBe(200)
  if (publish) expect((await post("/sijawara/courses/publish", dinas, { courseId })).status).toBe(200)
}

let learners = 0
/** A registered learner (public role) with a fresh id, and their token. */
const newLearner = async (role: unknown = { _tag: "PUBLIC" }) => {
  const learnerId = `L-2026-${String(700000 + ++learners)}`
  const token = learnerToken(learnerId)
  expect((await post("/sijawara/learners/register", token, { learnerId, name: "Rina Pratiwi", region: "35.15", role })).status).toBe(200)
  return { learnerId, token }
}

/** Completes the one-module course with the right answers; returns the completion event. */
const complete = async (learnerId: string, token: Promise<string>, courseId: string) => {
  expect((await post("/sijawara/enrollments/complete-lesson", token, { learnerId, courseId, lessonId: "m1.l1" })).status).toBe(200)
  const passed = await post("/sijawara/enrollments/attempt-quiz", token, { learnerId, courseId, moduleId: "m1", answers: [1, 0] })
  expect(passed.status).toBe(200)
  return passed.body.events.find((e: { _tag: string }) => e._tag === "EnrollmentCompleted")
}

describe("hole 1: quiz answer keys never reach a learner", () => {
  it("the course view and the enroll response carry no answer; the Dinas sees them; grading still works", async () => {
    await course("kemasan-rahasia")
    const { learnerId, token } = await newLearner()
    const asLearner = await get("/sijawara/courses/kemasan-rahasia", token)
    expect(asLearner.status).toBe(200)
    expect(hasAnswers(asLearner.body)).toBe(false)
    expect(asLearner.body.authoring).toBeUndefined()
    // The learner reads the questions and choices, not which choice is right.
    expect(asLearner.body.content.modules[0].quiz.questions[0]).toEqual({
      prompt: "Label pangan wajib memuat?",
      choices: ["Warna", "Komposisi"]
    })
    expect(asLearner.body.offering.plan[0]).toEqual({ moduleId: "m1", lessonIds: ["m1.l1"], passMark: 100, questions: 2 })
    for (const other of [owner("9120003515999"), kop("3515010000000999"), curator]) {
      expect(hasAnswers((await get("/sijawara/courses/kemasan-rahasia", other)).body)).toBe(false)
    }
    const asDinas = await get("/sijawara/courses/kemasan-rahasia", dinas)
    expect(hasAnswers(asDinas.body)).toBe(true)
    expect(asDinas.body.authoring.published.modules[0].quiz.questions[0].answer).toBe(1)

    const enrolled = await post("/sijawara/enrollments/enroll", token, { learnerId, courseId: "kemasan-rahasia" })
    expect(enrolled.status).toBe(200)
    expect(enrolled.body.events[0]).toMatchObject({ _tag: "Enrolled", plan: [{ moduleId: "m1", questions: 2 }] })
    expect(hasAnswers(enrolled.body)).toBe(false)

    expect(
      (await post("/sijawara/enrollments/complete-lesson", token, { learnerId, courseId: "kemasan-rahasia", lessonId: "m1.l1" })).status
    ).toBe(200)
    const wrong = await post("/sijawara/enrollments/attempt-quiz", token, {
      learnerId,
      courseId: "kemasan-rahasia",
      moduleId: "m1",
      answers: [0, 0]
    })
    expect(wrong.body.events).toMatchObject([{ _tag: "QuizAttempted", correct: 1, questions: 2, passed: false }])
    expect(hasAnswers(wrong.body)).toBe(false)
    const right = await post("/sijawara/enrollments/attempt-quiz", token, {
      learnerId,
      courseId: "kemasan-rahasia",
      moduleId: "m1",
      answers: [1, 0]
    })
    expect(right.body.events.map((e: { _tag: string }) => e._tag)).toEqual(["QuizAttempted", "ModulePassed", "EnrollmentCompleted"])
  })
})

describe("hole 2: links need both sides", () => {
  it("a UMKM owner, a cooperative's admin or another learner cannot link someone else's learner", async () => {
    const { learnerId } = await newLearner()
    const stranger = await newLearner()
    const nib = "9120003515101"
    // Nobody acts for a side that is not theirs.
    expect(
      (await post("/sijawara/learners/links/propose", owner("9120003515102"), { learnerId, business: { _tag: "UMKM", nib } })).status
    ).toBe(403)
    expect((await post("/sijawara/learners/links/propose", stranger.token, { learnerId, business: { _tag: "UMKM", nib } })).status).toBe(
      403
    )
    expect((await post("/sijawara/learners/link-umkm", stranger.token, { learnerId, nib })).status).toBe(403)
    expect(
      (
        await post("/sijawara/learners/links/propose", kop("3515010000000102"), {
          learnerId,
          business: { _tag: "KOPERASI", nik: "3515010000000101" }
        })
      ).status
    ).toBe(403)
    // Consent is the parties' own: not even the Dinas proposes or confirms.
    const byDinas = await post("/sijawara/learners/links/propose", dinas, { learnerId, business: { _tag: "UMKM", nib } })
    expect(byDinas.status).toBe(403)
    expect(byDinas.body.message).toContain("proposed only by the learner themself")
    const confirmedByDinas = await post("/sijawara/learners/links/confirm", dinas, { learnerId, business: { _tag: "UMKM", nib } })
    expect(confirmedByDinas.status).toBe(403)
    expect(confirmedByDinas.body.message).toContain("only by its two sides")
  })

  it("a business cannot tell an unknown learner from a known one", async () => {
    const { learnerId } = await newLearner()
    const unknown = "L-2026-799999"
    const nib = "9120003515111"
    const business = { _tag: "UMKM", nib }
    // Only the learner proposes: a business's proposal is refused before anything about the learner is read.
    for (const id of [learnerId, unknown]) {
      const proposed = await post("/sijawara/learners/links/propose", owner(nib), { learnerId: id, business })
      expect(proposed.status).toBe(403)
      expect((await post("/sijawara/learners/link-umkm", owner(nib), { learnerId: id, nib })).status).toBe(403)
    }
    // Confirming or ending without a proposal answers the same, whether or not the learner exists.
    for (const path of ["/sijawara/learners/links/confirm", "/sijawara/learners/links/end"]) {
      const known = await post(path, owner(nib), { learnerId, business })
      const notKnown = await post(path, owner(nib), { learnerId: unknown, business })
      expect(known.status).toBe(notKnown.status)
      expect(known.body).toMatchObject({ rule: "NoLinkProposal" })
      expect({ ...known.body, message: known.body.message.replace(learnerId, unknown) }).toEqual(notKnown.body)
    }
  })

  it("a one-sided link is not in effect: the completion records no UMKM; confirmed, it does", async () => {
    await course("kemasan-satu-sisi")
    const { learnerId, token } = await newLearner()
    const nib = "9120003515201"
    // The old path now only proposes, and only the learner proposes.
    const proposed = await post("/sijawara/learners/link-umkm", token, { learnerId, nib })
    expect(proposed.status).toBe(200)
    expect(proposed.body.events).toMatchObject([{ _tag: "LinkProposed", business: { _tag: "UMKM", nib }, by: "LEARNER" }])
    // The learner cannot confirm their own proposal.
    const selfConfirmed = await post("/sijawara/learners/links/confirm", token, { learnerId, business: { _tag: "UMKM", nib } })
    expect(selfConfirmed.status).toBe(422)
    expect(selfConfirmed.body).toMatchObject({ rule: "LinkAwaitsOtherSide" })
    expect((await post("/sijawara/enrollments/enroll", token, { learnerId, courseId: "kemasan-satu-sisi" })).status).toBe(200)
    expect(await complete(learnerId, token, "kemasan-satu-sisi")).toMatchObject({ linkedNib: null })

    // Registration as a UMKM's owner proposes; only the owner's confirmation puts the link in effect.
    await course("kemasan-dua-sisi")
    const ownerNib = "9120003515202"
    const sri = await newLearner({ _tag: "UMKM_OWNER", nib: ownerNib })
    expect((await post("/sijawara/enrollments/enroll", sri.token, { learnerId: sri.learnerId, courseId: "kemasan-dua-sisi" })).status).toBe(
      200
    )
    const confirmed = await post("/sijawara/learners/links/confirm", owner(ownerNib), {
      learnerId: sri.learnerId,
      business: { _tag: "UMKM", nib: ownerNib }
    })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.events).toMatchObject([{ _tag: "LinkConfirmed", by: "BUSINESS" }])
    // hole 3: linked after enrolling, before completing: the completion records the link in effect then.
    expect(await complete(sri.learnerId, sri.token, "kemasan-dua-sisi")).toMatchObject({ linkedNib: ownerNib })
  })

  it("either side ends a link; replacing one is explicit; an ended link is not recorded on a later completion", async () => {
    await course("kemasan-berakhir")
    const { learnerId, token } = await newLearner()
    const first = { _tag: "UMKM", nib: "9120003515301" }
    const second = { _tag: "UMKM", nib: "9120003515302" }
    expect((await post("/sijawara/learners/links/propose", token, { learnerId, business: first })).status).toBe(200)
    expect((await post("/sijawara/learners/links/confirm", owner(first.nib), { learnerId, business: first })).status).toBe(200)
    expect((await post("/sijawara/learners/links/propose", token, { learnerId, business: second })).status).toBe(200)
    const replaced = await post("/sijawara/learners/links/confirm", owner(second.nib), { learnerId, business: second })
    // The new business is told of its own link only: which UMKM the learner left is not its business.
    expect(replaced.body.events).toMatchObject([{ _tag: "LinkConfirmed", business: second, by: "BUSINESS" }])
    expect(JSON.stringify(replaced.body)).not.toContain(first.nib)
    // The replacement is the learner's choice (their proposal), explicit in the stream, and names what replaced the link.
    const { events } = await Effect.runPromise(suite.host.store.readStream(`learner-${learnerId}`))
    expect(events.slice(-2).map((e) => ({ _tag: e.type, ...(e.data as object) }))).toMatchObject([
      { _tag: "LinkEnded", business: first, reason: "REPLACED", by: "LEARNER", replacedBy: second },
      { _tag: "LinkConfirmed", business: second, by: "BUSINESS" }
    ])
    const ended = await post("/sijawara/learners/links/end", owner(second.nib), { learnerId, business: second })
    expect(ended.body.events).toMatchObject([{ _tag: "LinkEnded", business: second, by: "BUSINESS", reason: "ENDED" }])
    expect((await post("/sijawara/learners/links/end", owner(first.nib), { learnerId, business: second })).status).toBe(403)
    expect((await post("/sijawara/enrollments/enroll", token, { learnerId, courseId: "kemasan-berakhir" })).status).toBe(200)
    expect(await complete(learnerId, token, "kemasan-berakhir")).toMatchObject({ linkedNib: null })
  })
})

describe("an old proposal never replaces the link in effect", () => {
  it("a link taking effect closes the learner's other proposals of its kind; a later confirmation finds none", async () => {
    const { learnerId, token } = await newLearner()
    const chosen = { _tag: "UMKM", nib: "9120003515311" }
    const lapsed = { _tag: "UMKM", nib: "9120003515312" }
    expect((await post("/sijawara/learners/links/propose", token, { learnerId, business: chosen })).status).toBe(200)
    expect((await post("/sijawara/learners/links/propose", token, { learnerId, business: lapsed })).status).toBe(200)
    const confirmed = await post("/sijawara/learners/links/confirm", owner(chosen.nib), { learnerId, business: chosen })
    // The confirming owner is told of its own link only; the superseded proposal is in the stream.
    expect(confirmed.body.events).toMatchObject([{ _tag: "LinkConfirmed", business: chosen, by: "BUSINESS" }])
    const { events } = await Effect.runPromise(suite.host.store.readStream(`learner-${learnerId}`))
    expect(events.slice(-2).map((e) => ({ _tag: e.type, ...(e.data as object) }))).toMatchObject([
      { _tag: "LinkProposalSuperseded", business: lapsed },
      { _tag: "LinkConfirmed", business: chosen, by: "BUSINESS" }
    ])
    // Much later, the other UMKM's owner confirms the old proposal: there is none, and the link stays.
    const late = await post("/sijawara/learners/links/confirm", owner(lapsed.nib), { learnerId, business: lapsed })
    expect(late.body).toMatchObject({ rule: "NoLinkProposal" })
    const ended = await post("/sijawara/learners/links/end", owner(chosen.nib), { learnerId, business: chosen })
    expect(ended.body.events).toMatchObject([{ _tag: "LinkEnded", business: chosen, by: "BUSINESS", reason: "ENDED" }])
  })
})

describe("hole 8: authorization before rules that reveal state", () => {
  it("enrolling someone else in an unpublished course answers 403, not 422 CourseNotPublished", async () => {
    await course("kemasan-draf", false)
    const { learnerId, token } = await newLearner()
    const stranger = await newLearner()
    for (const actor of [owner("9120003515401"), kop("3515010000000401"), curator, stranger.token]) {
      const refused = await post("/sijawara/enrollments/enroll", actor, { learnerId, courseId: "kemasan-draf" })
      expect(refused.status).toBe(403)
      expect(refused.body).toMatchObject({ _tag: "Forbidden", rule: "ActorNotAuthorized" })
    }
    // Unknown learners and courses are not disclosed either.
    expect((await post("/sijawara/enrollments/enroll", curator, { learnerId: "L-2026-999999", courseId: "tidak-ada" })).status).toBe(403)
    // The learner may enroll, so to them the course's state is told.
    const own = await post("/sijawara/enrollments/enroll", token, { learnerId, courseId: "kemasan-draf" })
    expect(own.status).toBe(422)
    expect(own.body).toMatchObject({ rule: "CourseNotPublished" })
  })
})

describe("read policies", () => {
  it("a learner's progress: the learner and the Dinas; anyone else 404", async () => {
    await course("kemasan-progres")
    const { learnerId, token } = await newLearner()
    const stranger = await newLearner()
    expect((await post("/sijawara/enrollments/enroll", token, { learnerId, courseId: "kemasan-progres" })).status).toBe(200)
    const own = await get(`/sijawara/learners/${learnerId}/progress`, token)
    expect(own.status).toBe(200)
    expect(own.body).toEqual([expect.objectContaining({ learnerId, courseId: "kemasan-progres", percent: 0 })])
    expect((await get(`/sijawara/learners/${learnerId}/progress`, dinas)).status).toBe(200)
    for (const other of [stranger.token, owner("9120003515501"), kop("3515010000000501"), curator]) {
      const refused = await get(`/sijawara/learners/${learnerId}/progress`, other)
      expect(refused.status).toBe(404)
      expect(refused.body._tag).toBe("NotFound")
    }
  })

  it("certificate verification by number and the leaderboard are public", async () => {
    await course("kemasan-publik")
    const { learnerId, token } = await newLearner()
    expect((await post("/sijawara/enrollments/enroll", token, { learnerId, courseId: "kemasan-publik" })).status).toBe(200)
    const { certificateNumber } = await complete(learnerId, token, "kemasan-publik")
    for (const anyone of [curator, kop("3515010000000601"), learnerToken("L-2026-000601")]) {
      const verified = await get(`/sijawara/certificates/${certificateNumber}`, anyone)
      expect(verified.status).toBe(200)
      expect(verified.body).toMatchObject({ _tag: "Valid", certificate: { learnerId, courseId: "kemasan-publik" } })
      const board = await get("/sijawara/leaderboard", anyone)
      expect(board.status).toBe(200)
      expect(JSON.stringify(board.body)).not.toContain("Rina Pratiwi")
    }
  })
})
