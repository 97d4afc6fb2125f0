/**
 * The host on a real port against a real PostgreSQL (the run's server, a database of its own),
 * driven with real HTTP requests.
 */
import { Context, Effect, Exit, Redacted, Scope } from "effect"
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest"
import { EventStore } from "@jatim/eventstore"
import { type Actor } from "@jatim/kernel"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"
import { signToken } from "../src/auth.js"
import { start } from "../src/server.js"

declare module "vitest" {
  interface ProvidedContext {
    readonly databaseUrl: string
  }
}

const secret = "test-secret-of-the-http-host"
let scope: Scope.CloseableScope
let databaseUrl: Redacted.Redacted<string>
let base = ""
let store: EventStore.EventStore

const token = (actor: Actor.Actor) => signToken(secret, actor)
const dinas = token({ _tag: "DINAS_OFFICER", officerId: "dinas-test" } as Actor.Actor)
const curator = token({ _tag: "CURATOR", curatorId: "kurator-test" } as Actor.Actor)
const adminOf = (nspp: string) => token({ _tag: "PESANTREN_ADMIN", nspp } as Actor.Actor)
const learnerToken = (learnerId: string) => token({ _tag: "LEARNER", learnerId } as Actor.Actor)

interface Reply {
  readonly status: number
  readonly body: any
}

const call = async (
  method: "GET" | "POST",
  path: string,
  options: { readonly token?: string; readonly body?: unknown; readonly headers?: Record<string, string> } = {}
): Promise<Reply> => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...options.headers
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) })
  })
  const text = await response.text()
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) }
}

const post = (path: string, token: string, body: unknown, headers?: Record<string, string>) =>
  call("POST", path, { token, body, ...(headers === undefined ? {} : { headers }) })
const get = (path: string, token?: string) => call("GET", path, token === undefined ? {} : { token })

const streamLength = (name: string) =>
  Effect.runPromise(store.readStream(name)).then((result) => result.events.length)

let pesantrenCount = 0
/** A registered, Kopontren-linked and verified pesantren with an NSPP of its own. */
const verifiedPesantren = async (regionCode = "35.17") => {
  const nspp = `5100${regionCode.replace(".", "")}${String(++pesantrenCount).padStart(4, "0")}`
  expect((await post("/opop/pesantren/register", dinas, {
    nspp, name: `Pondok Pesantren Uji ${pesantrenCount}`, regionCode, pengasuh: "KH. Penguji", santriCount: 300
  })).status).toBe(200)
  expect((await post("/opop/pesantren/link-kopontren", adminOf(nspp), {
    nspp, nik: `${regionCode.replace(".", "")}0100000${String(pesantrenCount).padStart(5, "0")}`
  })).status).toBe(200)
  expect((await post("/opop/pesantren/verify", dinas, { nspp })).status).toBe(200)
  return nspp
}

beforeAll(async () => {
  const url = await Effect.runPromise(
    EmbeddedPostgres.createDatabase(Redacted.make(inject("databaseUrl")), `http_host_${Math.random().toString(36).slice(2, 10)}`)
  )
  databaseUrl = url
  scope = Effect.runSync(Scope.make())
  const host = await Effect.runPromise(
    Scope.extend(start({ store: { _tag: "postgres", url }, port: 0, tokenSecret: secret, maxBodyBytes: 16 * 1024 }), scope)
  )
  base = host.url
  store = Context.get(host.context, EventStore.EventStore)
})

afterAll(async () => {
  if (scope !== undefined) await Effect.runPromise(Scope.close(scope, Exit.void))
})

describe("the HTTP host", () => {
  it("serves the OpenAPI document and Swagger UI, and health without a token", async () => {
    const docs = await fetch(`${base}/docs`)
    expect(docs.status).toBe(200)
    expect(await docs.text()).toContain("swagger")
    const openapi = await get("/docs/openapi.json")
    expect(openapi.status).toBe(200)
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(["/opop/pesantren/register", "/sijawara/enrollments/enroll"]))
    const responses = openapi.body.paths["/opop/pesantren/register"].post.responses
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "404", "409", "422"]))
    expect((await get("/health")).body).toEqual({ status: "ok" })
  })

  it("runs a story across OPOP and Sijawara", async () => {
    // OPOP: a verified pesantren proposes a craft, the curator grades it, it is marketed and designated.
    const nspp = await verifiedPesantren("35.78")
    const admin = adminOf(nspp)
    const productId = `batik-${nspp}`
    const proposed = await post("/opop/products/propose", admin, {
      productId, nspp, name: "Batik Uji", category: "KERAJINAN", description: "Batik tulis santri", unitPrice: 250000, monthlyCapacity: 50
    })
    expect(proposed.status).toBe(200)
    expect(proposed.body.version).toBe(1)
    expect(proposed.body.events[0]._tag).toBe("ProductProposed")
    expect((await post("/opop/products/submit-for-curation", admin, { productId })).status).toBe(200)
    const scored = await post("/opop/products/score", curator, {
      productId,
      scores: { businessLegality: 3, productLegality: 3, qualityAndCapacity: 3, packaging: 3, marketNetwork: 2, competitiveness: 3 }
    })
    expect(scored.status).toBe(200)
    expect(scored.body.events[0]).toMatchObject({ _tag: "ProductCurated", grade: "UNGGULAN" })
    expect((await post("/opop/products/market", admin, { productId, channel: "KATALOG_OPOP" })).status).toBe(200)
    const designated = await post("/opop/pesantren/designate-flagship", admin, { nspp, productId })
    expect(designated.status).toBe(200)
    expect(designated.body.events[0]).toMatchObject({ _tag: "FlagshipDesignated", productId })

    const product = await get(`/opop/products/${productId}`, dinas)
    expect(product.body).toMatchObject({ productId, grade: "UNGGULAN", flagship: true, channels: ["KATALOG_OPOP"], regionCode: "35.78" })
    const directory = await get(`/opop/pesantren/${nspp}`, dinas)
    expect(directory.body).toMatchObject({ nspp, status: "VERIFIED", flagship: productId })
    const flagships = await get("/opop/products?flagshipsOnly=true&regionCode=35.78", dinas)
    expect(flagships.body.map((p: { productId: string }) => p.productId)).toContain(productId)

    // Sijawara: a course is published, a learner enrolls, completes it and gets a certificate.
    const courseId = `uji-${Date.now().toString(36)}`
    const learnerId = `L-UJI-${Date.now().toString(36)}`
    expect((await post("/sijawara/courses/draft", dinas, {
      courseId,
      topic: "KEMASAN",
      content: {
        title: "Kemasan uji",
        modules: [{
          moduleId: "m1",
          title: "Satu",
          lessons: [{ lessonId: "m1.l1", title: "Pelajaran" }],
          quiz: { passMark: 100, questions: [{ prompt: "Dua tambah dua?", choices: ["3", "4"], answer: 1 }] }
        }]
      }
    })).status).toBe(200)
    expect((await post("/sijawara/courses/publish", dinas, { courseId })).status).toBe(200)
    const learner = learnerToken(learnerId)
    expect((await post("/sijawara/learners/register", learner, {
      learnerId, name: "Santri Uji", region: "35.78", role: { _tag: "PUBLIC" }
    })).status).toBe(200)
    expect((await post("/sijawara/enrollments/enroll", learner, { learnerId, courseId })).status).toBe(200)
    expect((await post("/sijawara/enrollments/complete-lesson", learner, { learnerId, courseId, lessonId: "m1.l1" })).status).toBe(200)
    const failed = await post("/sijawara/enrollments/attempt-quiz", learner, { learnerId, courseId, moduleId: "m1", answers: [0] })
    expect(failed.status).toBe(200)
    const passed = await post("/sijawara/enrollments/attempt-quiz", learner, { learnerId, courseId, moduleId: "m1", answers: [1] })
    expect(passed.status).toBe(200)
    const completed = passed.body.events.find((e: { _tag: string }) => e._tag === "EnrollmentCompleted")
    expect(completed).toBeDefined()

    const progress = await get(`/sijawara/learners/${learnerId}/progress`, learner)
    expect(progress.body).toEqual([expect.objectContaining({ courseId, completed: true, percent: 100 })])
    const verification = await get(`/sijawara/certificates/${completed.certificateNumber}`, dinas)
    expect(verification.body).toMatchObject({ _tag: "Valid", certificate: { learnerId, courseId } })

    const projections = await get("/projections")
    expect(projections.status).toBe(200)
    expect(projections.body).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: "opop-product-catalogue", state: "live" })
    ]))
  })

  it("runs a story across TOMIKO and JATIM ISO, with the process managers", async () => {
    const suffix = String(Date.now() % 1_000_000).padStart(6, "0")
    const nik = (prefix: string) => `${prefix}${suffix}`
    const buyer = nik("3578010100"), seller = nik("3517010100"), secondary = nik("3578020100"), third = nik("3507010100")
    const kop = (n: string) => token({ _tag: "KOPERASI_ADMIN", nik: n } as Actor.Actor)
    for (const [n, regionCode] of [[buyer, "35.78"], [seller, "35.17"], [third, "35.07"]] as const) {
      expect((await post("/tomiko/koperasi/register-primary", dinas, { nik: n, name: `Koperasi ${n}`, regionCode, individualMembers: 40 })).status).toBe(200)
    }
    expect((await post("/tomiko/koperasi/register-secondary", dinas, {
      nik: secondary, name: "Puskop Uji", regionCode: "35.78", founders: [buyer, seller, third], feeBasisPoints: 200
    })).status).toBe(200)
    for (const n of [buyer, seller]) {
      expect((await post("/tomiko/koperasi/join-network", kop(n), { nik: n, secondary })).status).toBe(200)
    }
    const listingId = `gula-${suffix}`
    expect((await post("/tomiko/listings/create", kop(seller), {
      listingId, seller, name: "Gula Pasir 1 kg", unitPrice: 17000, stock: 100, minimumOrderQuantity: 5
    })).status).toBe(200)
    const orderId = `ORD-${suffix}`
    const placed = await post("/tomiko/orders/place", kop(buyer), { orderId, buyer, seller, terms: "CASH", lines: [{ listingId, quantity: 10 }] })
    expect(placed.status).toBe(200)
    expect(placed.body.events[0]).toMatchObject({ _tag: "OrderPlaced", total: 170000 })
    // Only the seller accepts.
    expect((await post("/tomiko/orders/accept", kop(buyer), { orderId })).status).toBe(403)
    expect((await post("/tomiko/orders/accept", kop(seller), { orderId })).body).toEqual({ _tag: "Accepted", orderId })
    expect((await post("/tomiko/orders/ship", kop(seller), { orderId })).status).toBe(200)
    const book = await get(`/tomiko/koperasi/${buyer}/orders`, kop(buyer))
    expect(book.body).toEqual([expect.objectContaining({ orderId, role: "BUYER", status: "SHIPPED", total: 170000 })])
    // The stock process manager commits the reservation once the order ships.
    let stock: any
    for (let i = 0; i < 50; i++) {
      stock = (await get("/tomiko/listings", kop(seller))).body.find((s: { listingId: string }) => s.listingId === listingId)
      if (stock?.onHand === 90) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(stock).toMatchObject({ onHand: 90, reserved: 0, available: 90 })

    // JATIM ISO: a UMKM owner's learner completes a Sijawara course; the process manager records the training.
    const nib = `91200${suffix}01`
    const owner = token({ _tag: "UMKM_OWNER", nib } as Actor.Actor)
    expect((await post("/jatim-iso/umkm/register", owner, {
      nib, businessName: "Kopi Uji", ownerName: "Pemilik Uji", region: "35.10", sector: "KULINER", scale: "MIKRO"
    })).status).toBe(200)
    expect((await post("/jatim-iso/umkm/register", dinas, {
      nib, businessName: "Kopi Uji", ownerName: "Pemilik Uji", region: "35.10", sector: "KULINER", scale: "MIKRO"
    })).status).toBe(403)
    expect((await post("/jatim-iso/umkm/verify-legality", dinas, { nib })).status).toBe(200)
    const courseId = `pm-${suffix}`
    const learnerId = `L-PM-${suffix}`
    await post("/sijawara/courses/draft", dinas, {
      courseId, topic: "KEMASAN",
      content: { title: "Kemasan", modules: [{ moduleId: "m1", title: "Satu", lessons: [{ lessonId: "m1.l1", title: "L" }], quiz: { passMark: 100, questions: [{ prompt: "?", choices: ["a", "b"], answer: 0 }] } }] }
    })
    await post("/sijawara/courses/publish", dinas, { courseId })
    const learner = learnerToken(learnerId)
    expect((await post("/sijawara/learners/register", learner, { learnerId, name: "Pemilik Uji", region: "35.10", role: { _tag: "UMKM_OWNER", nib } })).status).toBe(200)
    await post("/sijawara/enrollments/enroll", learner, { learnerId, courseId })
    await post("/sijawara/enrollments/complete-lesson", learner, { learnerId, courseId, lessonId: "m1.l1" })
    expect((await post("/sijawara/enrollments/attempt-quiz", learner, { learnerId, courseId, moduleId: "m1", answers: [0] })).status).toBe(200)
    let umkm: any
    for (let i = 0; i < 50; i++) {
      umkm = (await get(`/jatim-iso/umkm/${nib}`, owner)).body
      if (umkm.trainings.includes("KEMASAN")) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(umkm).toMatchObject({ nib, legality: "VERIFIED", trainings: ["KEMASAN"] })
    const funnel = await get("/jatim-iso/funnel?region=35.10", dinas)
    expect(funnel.body.REGISTERED + funnel.body.LEGALITY_VERIFIED + funnel.body.TRAINED).toBeGreaterThanOrEqual(1)
    const projections = await get("/projections")
    expect(projections.body.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["tomiko-stock", "jatim-iso-training-from-sijawara"]))
  })

  it("answers 400 with the path and message of every bad field", async () => {
    const reply = await post("/opop/pesantren/register", dinas, {
      nspp: "123", name: "Pondok", regionCode: "99.99", pengasuh: "KH. X", santriCount: -5
    })
    expect(reply.status).toBe(400)
    expect(reply.body._tag).toBe("HttpApiDecodeError")
    const paths = reply.body.issues.map((issue: { path: ReadonlyArray<string> }) => issue.path.join("."))
    expect(paths).toEqual(expect.arrayContaining(["nspp", "regionCode", "santriCount"]))
    expect(reply.body.issues[0].message).toContain("NSPP")
  })

  it("answers 401 without a valid token and 403 when the domain refuses the actor", async () => {
    expect((await post("/opop/pesantren/verify", "", { nspp: "510035170001" })).status).toBe(401)
    expect((await call("GET", "/opop/pesantren")).status).toBe(401)
    // A token whose payload was changed (a curator made into a Dinas officer) fails its signature.
    const [, signature] = curator.split(".")
    const forgedBody = Buffer.from(JSON.stringify({ actor: { _tag: "DINAS_OFFICER", officerId: "x" }, iat: 1 })).toString("base64url")
    const forged = await post("/opop/pesantren/verify", `${forgedBody}.${signature}`, { nspp: "510035170001" })
    expect(forged.status).toBe(401)
    expect(forged.body._tag).toBe("Unauthorized")
    // Another secret's token fails too.
    expect((await post("/opop/pesantren/verify", signToken("other", { _tag: "DINAS_OFFICER", officerId: "x" } as Actor.Actor), {
      nspp: "510035170001"
    })).status).toBe(401)

    const nspp = await verifiedPesantren()
    const refused = await post("/opop/pesantren/suspend", adminOf(nspp), { nspp, reason: "Audit" })
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ _tag: "Forbidden", rule: "ActorNotAuthorized" })
    expect(refused.body.message).toContain("only Dinas officers suspend pesantren")
  })

  it("answers 422 with the rule's name, 404 for unknown ids and 409 on a stale If-Match", async () => {
    const nspp = await verifiedPesantren()
    const again = await post("/opop/pesantren/verify", dinas, { nspp })
    expect(again.status).toBe(422)
    expect(again.body).toMatchObject({ _tag: "RuleViolated", rule: "PesantrenAlreadyVerified" })

    expect((await post("/opop/products/submit-for-curation", dinas, { productId: "tidak-ada" })).status).toBe(404)
    expect((await get("/opop/pesantren/510035999999", dinas)).status).toBe(404)
    expect((await get("/opop/products/tidak-ada", dinas)).status).toBe(404)
    expect((await get("/sijawara/courses/tidak-ada", dinas)).status).toBe(404)

    // The stream is at version 3 (registered, linked, verified); a caller who saw version 2 conflicts.
    const stale = await post("/opop/pesantren/suspend", dinas, { nspp, reason: "Audit" }, { "if-match": "2" })
    expect(stale.status).toBe(409)
    expect(stale.body).toMatchObject({ _tag: "Conflict", rule: "ExpectedVersionConflict" })
    const current = await post("/opop/pesantren/suspend", dinas, { nspp, reason: "Audit" }, { "if-match": "3" })
    expect(current.status).toBe(200)
    expect(current.body.version).toBe(4)
  })

  it("runs a command once per Idempotency-Key", async () => {
    const nspp = await verifiedPesantren()
    const key = `key-${nspp}`
    const body = { nspp, reason: "Pemeriksaan" }
    const first = await post("/opop/pesantren/suspend", dinas, body, { "idempotency-key": key })
    const second = await post("/opop/pesantren/suspend", dinas, body, { "idempotency-key": key })
    expect(first.status).toBe(200)
    expect(second).toEqual(first)
    expect(await streamLength(`pesantren-${nspp}`)).toBe(4)
    // Without the key the command runs again, and the rule refuses it.
    expect((await post("/opop/pesantren/suspend", dinas, body)).status).toBe(422)
    // The same key with another body is refused.
    const reused = await post("/opop/pesantren/suspend", dinas, { nspp, reason: "Lain" }, { "idempotency-key": key })
    expect(reused.status).toBe(422)
    expect(reused.body._tag).toBe("IdempotencyKeyReused")
    expect(await streamLength(`pesantren-${nspp}`)).toBe(4)
  })

  it("refuses bodies over the limit with 413", async () => {
    const reply = await post("/opop/pesantren/register", dinas, { nspp: "510035170999", name: "x".repeat(20_000) })
    expect(reply.status).toBe(413)
  })

  it("streams new events as Server-Sent Events, by category", async () => {
    const controller = new AbortController()
    const response = await fetch(`${base}/events/live?category=pesantren`, {
      headers: { authorization: `Bearer ${dinas}` },
      signal: controller.signal
    })
    expect(response.status).toBe(200)
    expect(response.headers.get("content-type")).toContain("text/event-stream")
    const reader = response.body!.getReader()
    const decoder = new TextDecoder()
    let received = ""
    const first = await reader.read()
    received += decoder.decode(first.value)
    expect(received).toContain(": connected")

    const nspp = await verifiedPesantren("35.09")
    const deadline = Date.now() + 10_000
    while (!received.includes("event: PesantrenVerified") && Date.now() < deadline) {
      const chunk = await reader.read()
      if (chunk.done) break
      received += decoder.decode(chunk.value)
    }
    controller.abort()
    expect(received).toContain("event: PesantrenRegistered")
    expect(received).toContain("event: PesantrenVerified")
    expect(received).toContain(`"streamName":"pesantren-${nspp}"`)
    // Only the category asked for.
    expect(received).not.toContain("event: ProductProposed")
  })

  // Last: it restarts the host the other tests share.
  it("keeps its data across a restart: the read models are rebuilt from the store", async () => {
    const nspp = await verifiedPesantren("35.73")
    await Effect.runPromise(Scope.close(scope, Exit.void))
    await expect(fetch(`${base}/health`)).rejects.toThrow()
    scope = Effect.runSync(Scope.make())
    const host = await Effect.runPromise(
      Scope.extend(start({ store: { _tag: "postgres", url: databaseUrl }, port: 0, tokenSecret: secret }), scope)
    )
    base = host.url
    expect((await get(`/opop/pesantren/${nspp}`, dinas)).body).toMatchObject({ nspp, status: "VERIFIED", regionCode: "35.73" })
    const statuses = (await get("/projections")).body as ReadonlyArray<{ name: string; state: string }>
    expect(statuses.find((p) => p.name === "opop-pesantren-directory")?.state).toBe("live")
    // The stream goes on from where it was.
    const suspended = await post("/opop/pesantren/suspend", dinas, { nspp, reason: "Audit" }, { "if-match": "3" })
    expect(suspended.body.version).toBe(4)
  })
})
