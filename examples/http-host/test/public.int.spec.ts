/**
 * Reading without an account, over real HTTP on PostgreSQL (adr/0050): without a bearer token
 * the public views answer (the OPOP catalogue and directory, the dashboards, certificate
 * verification, the leaderboard, the onboarding funnel, a course's public form), each as a
 * stranger of every party sees it; every other view answers 404 exactly as one that does not
 * exist; every command answers 401; and a token that is sent must be valid, even for a public
 * query.
 */
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { Actor } from "@jatim/kernel"
import { SantriId } from "@jatim/opop"
import { signToken } from "../src/auth.js"
import {
  adminOf,
  clockAt,
  curationScores,
  curator,
  dinas,
  enrollSantri,
  eventually,
  hasAnswers,
  hostPerFile,
  kop,
  learnerToken,
  oneModuleCourse,
  owner,
  productProposal,
  type Reply,
  tokenKeys,
  umkmRegistration
} from "./support.js"

const suite = hostPerFile("public_reads")
const { call, get, post } = suite

/** A GET without any `Authorization` header. */
const anonymously = (path: string): Promise<Reply> => call("GET", path)

const nspp = "510035170901"
const pengasuh = "KH. Anonim Pengasuh"
const publicProduct = "sambal-publik"
const draftProduct = "tenun-draf"
const courseId = "kemasan-anonim"
const learnerId = "L-2026-090001"
const nib = "9120001290001"
const nik = "3517010000090001"
const santriId = SantriId.SantriId.make("santri-anonim-01")
let certificateNumber = ""

const ok = async (reply: Promise<Reply>) => {
  const answered = await reply
  expect(answered.status, JSON.stringify(answered.body)).toBe(200)
  return answered
}

beforeAll(async () => {
  // OPOP: a verified pesantren, a curated (public) product, a draft, a santri.
  await ok(
    post("/opop/pesantren/register", dinas, { nspp, name: "Pondok Pesantren Terbuka", regionCode: "35.17", pengasuh, santriCount: 250 })
  )
  await ok(post("/opop/pesantren/link-kopontren", adminOf(nspp), { nspp, nik: "3517010000090009" }))
  await ok(post("/opop/pesantren/verify", dinas, { nspp }))
  for (const [productId, category] of [
    [publicProduct, "KERAJINAN"],
    [draftProduct, "KERAJINAN"]
  ] as const) {
    await ok(post("/opop/products/propose", adminOf(nspp), productProposal(nspp, productId, category)))
  }
  await ok(post("/opop/products/submit-for-curation", adminOf(nspp), { productId: publicProduct }))
  await ok(post("/opop/products/score", curator, { productId: publicProduct, scores: curationScores }))
  await enrollSantri(suite.host.store, nspp, santriId, "Muhammad Santri Anonim")

  // Sijawara: a published course, a learner who completed it (a certificate).
  await ok(
    post("/sijawara/courses/draft", dinas, {
      courseId,
      topic: "KEMASAN",
      content: oneModuleCourse()
    })
  )
  await ok(post("/sijawara/courses/publish", dinas, { courseId }))
  const learner = learnerToken(learnerId)
  await ok(post("/sijawara/learners/register", learner, { learnerId, name: "Rina Anonim", region: "35.15", role: { _tag: "PUBLIC" } }))
  await ok(post("/sijawara/enrollments/enroll", learner, { learnerId, courseId }))
  await ok(post("/sijawara/enrollments/complete-lesson", learner, { learnerId, courseId, lessonId: "m1.l1" }))
  const passed = await ok(post("/sijawara/enrollments/attempt-quiz", learner, { learnerId, courseId, moduleId: "m1", answers: [1] }))
  certificateNumber = passed.body.events.find((e: { _tag: string }) => e._tag === "EnrollmentCompleted").certificateNumber

  // JATIM ISO: a UMKM. TOMIKO: a cooperative.
  await ok(post("/jatim-iso/umkm/register", owner(nib), umkmRegistration(nib, { businessName: "Kerupuk Anonim", ownerName: "Bu Anonim" })))
  await ok(post("/tomiko/koperasi/register-primary", dinas, { nik, name: "Koperasi Terbuka", regionCode: "35.17", individualMembers: 25 }))

  // The read models have caught up: the owners see what is theirs.
  expect(
    await eventually(
      async () => (await get(`/opop/products/${draftProduct}`, adminOf(nspp))).status,
      (s) => s === 200
    )
  ).toBe(200)
  expect(
    await eventually(
      async () => (await get(`/sijawara/certificates/${certificateNumber}`, dinas)).body?._tag,
      (t) => t === "Valid"
    )
  ).toBe("Valid")
  expect(
    await eventually(
      async () => (await get(`/sijawara/learners/${learnerId}/progress`, learner)).body?.length,
      (n) => n === 1
    )
  ).toBe(1)
}, 120_000)

describe("without a token, the public views answer 200", () => {
  it("the catalogue holds only public products, and a public product answers", async () => {
    const catalogue = await eventually(
      () => anonymously("/opop/products"),
      (reply) => reply.status === 200 && reply.body.some((p: { productId: string }) => p.productId === publicProduct)
    )
    expect(catalogue.status).toBe(200)
    const ids = (catalogue.body as ReadonlyArray<{ productId: string; status: string; channels: ReadonlyArray<string> }>).map(
      (p) => p.productId
    )
    expect(ids).toContain(publicProduct)
    expect(ids).not.toContain(draftProduct)
    for (const entry of catalogue.body as ReadonlyArray<{ status: string; channels: ReadonlyArray<string> }>) {
      expect(entry.status === "CURATED" || entry.channels.length > 0).toBe(true)
    }
    const product = await anonymously(`/opop/products/${publicProduct}`)
    expect(product.status).toBe(200)
    expect(product.body).toMatchObject({ productId: publicProduct, status: "CURATED" })
    // Anonymous sees what a stranger with a token sees.
    expect(catalogue.body).toEqual((await get("/opop/products", learnerToken("L-2026-099999"))).body)
  })

  it("the pesantren directory, without the pengasuh's name", async () => {
    const directory = await anonymously("/opop/pesantren")
    expect(directory.status).toBe(200)
    expect(directory.body).toEqual([expect.objectContaining({ nspp, status: "VERIFIED" })])
    expect(JSON.stringify(directory.body)).not.toContain(pengasuh)
    const entry = await anonymously(`/opop/pesantren/${nspp}`)
    expect(entry.status).toBe(200)
    expect(entry.body).toMatchObject({ nspp })
    expect(entry.body.pengasuh).toBeUndefined()
    // Its own admin still sees the name.
    expect((await get(`/opop/pesantren/${nspp}`, adminOf(nspp))).body).toMatchObject({ pengasuh })
  })

  it("the dashboard, the leaderboard and the onboarding funnel (counts only)", async () => {
    const dashboard = await anonymously("/opop/dashboard")
    expect(dashboard.status).toBe(200)
    expect(dashboard.body.regions).toHaveLength(38)
    const board = await anonymously("/sijawara/leaderboard")
    expect(board.status).toBe(200)
    expect(JSON.stringify(board.body)).not.toContain("Rina Anonim")
    const funnel = await anonymously("/jatim-iso/funnel")
    expect(funnel.status).toBe(200)
    expect(funnel.body).toEqual((await get("/jatim-iso/funnel", dinas)).body)
  })

  it("a certificate's verification by its number", async () => {
    const verified = await anonymously(`/sijawara/certificates/${certificateNumber}`)
    expect(verified.status).toBe(200)
    expect(verified.body).toMatchObject({ _tag: "Valid", certificate: { learnerId, courseId } })
    expect(JSON.stringify(verified.body)).not.toContain("Rina Anonim")
  })

  it("a course's public form: questions and choices, no answers", async () => {
    const course = await anonymously(`/sijawara/courses/${courseId}`)
    expect(course.status).toBe(200)
    expect(course.body.authoring).toBeUndefined()
    expect(hasAnswers(course.body)).toBe(false)
    expect(JSON.stringify(course.body)).toContain("Label pangan wajib memuat?")
    // The search is not blind: the Dinas's view carries the answers.
    expect(hasAnswers((await get(`/sijawara/courses/${courseId}`, dinas)).body)).toBe(true)
  })

  it("lists of private entries are empty", async () => {
    expect(await anonymously("/tomiko/listings")).toEqual({ status: 200, body: [] })
    expect(await anonymously("/jatim-iso/stalled?days=0")).toEqual({ status: 200, body: [] })
  })
})

describe("without a token, private views answer 404 exactly as one that does not exist", () => {
  /** `path(id)` of something that exists (its owner sees it) and of something that does not, without a token. */
  it.each([
    ["a learner's progress", (id: string) => `/sijawara/learners/${id}/progress`, learnerId, "L-2026-099998", learnerToken(learnerId)],
    ["an order book", (id: string) => `/tomiko/koperasi/${id}/orders`, nik, "3517010000099998", kop(nik)],
    ["a UMKM", (id: string) => `/jatim-iso/umkm/${id}`, nib, "9120001299998", owner(nib)],
    ["a santri", (id: string) => `/opop/santri/${id}`, santriId, "santri-tidak-ada", adminOf(nspp)],
    ["a draft product", (id: string) => `/opop/products/${id}`, draftProduct, "produk-tidak-ada", adminOf(nspp)]
  ])("%s", async (_what, path, existing, missing, ownToken) => {
    expect((await get(path(existing), ownToken)).status).toBe(200)
    const hidden = await anonymously(path(existing))
    const absent = await anonymously(path(missing))
    expect(hidden.status).toBe(404)
    expect(hidden.body._tag).toBe("NotFound")
    // The same answer, but for the id the caller gave.
    expect(absent.status).toBe(404)
    expect(JSON.stringify(hidden.body).replaceAll(existing, "<id>")).toBe(JSON.stringify(absent.body).replaceAll(missing, "<id>"))
  })
})

describe("without a token, commands answer 401", () => {
  it("every command of every program", async () => {
    const paths = Object.entries((await get("/docs/openapi.json")).body.paths as Record<string, Record<string, unknown>>)
      .filter(([, item]) => item["post"] !== undefined)
      .map(([path]) => path)
    expect(paths.length).toBeGreaterThan(40)
    const before = (await get(`/opop/pesantren/${nspp}`, dinas)).body
    for (const path of paths) {
      const reply = await call("POST", path, { body: {} })
      expect(reply.status, path).toBe(401)
      expect(reply.body, path).toMatchObject({ _tag: "Unauthorized" })
    }
    // A valid body without a token changes nothing either.
    expect((await call("POST", "/opop/pesantren/suspend", { body: { nspp, reason: "tanpa token" } })).status).toBe(401)
    expect((await get(`/opop/pesantren/${nspp}`, dinas)).body).toEqual(before)
  })
})

describe("a token that is sent must be valid, even for a public query", () => {
  it("an invalid token answers 401 with the reason, never as anonymous", async () => {
    for (const path of ["/opop/products", "/opop/pesantren", `/sijawara/certificates/${certificateNumber}`, "/jatim-iso/funnel"]) {
      const reply = await get(path, "not-a-token")
      expect(reply.status, path).toBe(401)
      expect(reply.body).toMatchObject({ _tag: "Unauthorized", message: expect.stringContaining("Malformed bearer token") })
    }
    // An empty bearer token, and another scheme, are not "no token" either.
    expect((await call("GET", "/opop/products", { headers: { authorization: "Bearer " } })).status).toBe(401)
    expect((await call("GET", "/opop/products", { headers: { authorization: "Basic YWxhZGRpbjpvcGVuc2VzYW1l" } })).status).toBe(401)
  })

  it("an expired token answers 401 with the reason", async () => {
    const nineHoursAgo = Date.now() - 9 * 60 * 60 * 1000
    const expired = await Effect.runPromise(
      signToken(tokenKeys, Actor.Learner.make({ learnerId })).pipe(Effect.withClock(clockAt(nineHoursAgo)))
    )
    const reply = await get("/opop/products", expired)
    expect(reply.status).toBe(401)
    expect(reply.body).toMatchObject({ _tag: "Unauthorized", message: "The bearer token has expired: ask for a new one." })
  })
})
