/**
 * The host on a real port against a real PostgreSQL (the run's server, a database of its own),
 * driven with real HTTP requests.
 */
import { request as httpRequest } from "node:http"
import { describe, expect, it } from "vitest"
import { Effect } from "effect"
import { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import {
  adminOf,
  curator,
  dinas,
  eventually,
  hostPerFile,
  kop,
  learnerToken,
  listingDetails,
  oneModuleCourse,
  owner,
  startHost,
  streamLength,
  tokenSignedWith
} from "./support.js"
import { registerSecondary } from "./tomikoNetwork.js"

const suite = hostPerFile("http_host", { maxBodyBytes: 16 * 1024 })
const { call, get, post } = suite

/** Runs `statement` on the suite's database, beside the host; returns its rows. */
const withSql = (statement: (sql: SqlClient.SqlClient) => Effect.Effect<ReadonlyArray<unknown>, unknown, never>) =>
  Effect.runPromise(
    Effect.scoped(Effect.flatMap(SqlClient.SqlClient, statement).pipe(Effect.provide(PgClient.layer({ url: suite.databaseUrl }))))
  )

let pesantrenCount = 0
/** A registered, Kopontren-linked and verified pesantren with an NSPP of its own. */
const verifiedPesantren = async (regionCode = "35.17") => {
  const nspp = `5100${regionCode.replace(".", "")}${String(++pesantrenCount).padStart(4, "0")}`
  expect(
    (
      await post("/opop/pesantren/register", dinas, {
        nspp,
        name: `Pondok Pesantren Uji ${pesantrenCount}`,
        regionCode,
        pengasuh: "KH. Penguji",
        santriCount: 300
      })
    ).status
  ).toBe(200)
  expect(
    (
      await post("/opop/pesantren/link-kopontren", adminOf(nspp), {
        nspp,
        nik: `${regionCode.replace(".", "")}0100000${String(pesantrenCount).padStart(5, "0")}`
      })
    ).status
  ).toBe(200)
  expect((await post("/opop/pesantren/verify", dinas, { nspp })).status).toBe(200)
  return nspp
}

/** A one-module course on `topic`, drafted and published; the quiz's answer is choice 1. */
const publishedCourse = async (courseId: string, topic: string, title: string) => {
  const drafted = await post("/sijawara/courses/draft", dinas, {
    courseId,
    topic,
    content: oneModuleCourse({
      title,
      lessons: [
        { lessonId: "m1.l1", title: "Pengantar" },
        { lessonId: "m1.l2", title: "Praktik" }
      ]
    })
  })
  expect(drafted.status).toBe(200)
  expect((await post("/sijawara/courses/publish", dinas, { courseId })).status).toBe(200)
  const course = await get(`/sijawara/courses/${courseId}`, dinas)
  expect(course.status).toBe(200)
  expect(course.body).toMatchObject({ courseId, topic, status: "PUBLISHED" })
}

/** POSTs `body` with `Transfer-Encoding: chunked` (no Content-Length), in chunks of 1 KiB. */
const postChunked = (path: string, bearer: string, body: string) =>
  // biome-ignore lint/suspicious/noExplicitAny: the test reads the JSON body loosely and asserts on it
  new Promise<{ readonly status: number | undefined; readonly body: any }>((resolve, reject) => {
    const request = httpRequest(
      new URL(path, suite.host.base),
      {
        method: "POST",
        headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json", "transfer-encoding": "chunked" }
      },
      (response) => {
        let text = ""
        response.setEncoding("utf8")
        response.on("data", (chunk: string) => (text += chunk))
        response.on("end", () => resolve({ status: response.statusCode, body: text === "" ? undefined : JSON.parse(text) }))
        response.on("error", reject)
      }
    )
    request.on("error", reject)
    for (let at = 0; at < body.length; at += 1024) request.write(body.slice(at, at + 1024))
    request.end()
  })

describe("the HTTP host", () => {
  it("serves the OpenAPI document and Swagger UI, and health without a token", async () => {
    const docs = await fetch(`${suite.host.base}/docs`)
    expect(docs.status).toBe(200)
    expect(await docs.text()).toContain("swagger")
    const openapi = await get("/docs/openapi.json")
    expect(openapi.status).toBe(200)
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(["/opop/pesantren/register", "/sijawara/enrollments/enroll"]))
    const responses = openapi.body.paths["/opop/pesantren/register"].post.responses
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "404", "409", "422"]))
    expect((await get("/health")).body).toEqual({ status: "ok" })
  })

  it("follows one chain: a pesantren's flagship is traded on TOMIKO to settlement, a UMKM is trained and onboarded", async () => {
    // ── OPOP: Pondok Pesantren Sunan Drajat (Lamongan) registers with its Kopontren ──
    const nspp = "510035249001"
    const kopontren = "3524010000009001"
    const admin = adminOf(nspp)
    const registered = await post("/opop/pesantren/register", dinas, {
      nspp,
      name: "Pondok Pesantren Sunan Drajat",
      regionCode: "35.24",
      pengasuh: "KH. Abdul Ghofur",
      santriCount: 12000
    })
    expect(registered.status).toBe(200)
    expect(registered.body).toMatchObject({ version: 1, events: [{ _tag: "PesantrenRegistered", nspp }] })
    expect((await get(`/opop/pesantren/${nspp}`, dinas)).body).toMatchObject({ nspp, status: "UNVERIFIED", regionCode: "35.24" })
    // Only the pesantren's own admin links its Kopontren.
    expect((await post("/opop/pesantren/link-kopontren", adminOf("510035170001"), { nspp, nik: kopontren })).status).toBe(403)
    expect((await post("/opop/pesantren/link-kopontren", admin, { nspp, nik: kopontren })).status).toBe(200)
    expect((await post("/opop/pesantren/verify", dinas, { nspp })).status).toBe(200)
    expect((await get(`/opop/pesantren/${nspp}`, dinas)).body).toMatchObject({ nspp, status: "VERIFIED", kopontren })

    // Its drink is proposed, certified (halal, P-IRT), curated, marketed and made its flagship.
    const productId = `aidrat-${nspp}`
    const productName = "Air Minum Aidrat 600 ml"
    const proposed = await post("/opop/products/propose", admin, {
      productId,
      nspp,
      name: productName,
      category: "MINUMAN",
      description: "Air minum dalam kemasan produksi santri",
      unitPrice: 3500,
      monthlyCapacity: 40000
    })
    expect(proposed.status).toBe(200)
    expect(proposed.body.version).toBe(1)
    expect(proposed.body.events[0]._tag).toBe("ProductProposed")
    expect((await get(`/opop/products/${productId}`, dinas)).body).toMatchObject({ productId, status: "PROPOSED", flagship: false })
    const halal = await post("/opop/products/add-certificate", admin, {
      productId,
      certificate: { _tag: "HALAL", number: "ID35240000456780923", issuedOn: "2025-06-02", validUntil: "2029-06-01" }
    })
    expect(halal.status).toBe(200)
    expect(halal.body.events[0]).toMatchObject({ _tag: "CertificateAdded" })
    const pirt = await post("/opop/products/add-certificate", admin, {
      productId,
      certificate: { _tag: "PIRT", number: "206352401000430", issuedOn: "2025-06-02" }
    })
    expect(pirt.status).toBe(200)
    expect(pirt.body.events[0]).toMatchObject({ _tag: "CertificateAdded" })
    expect((await post("/opop/products/submit-for-curation", admin, { productId })).status).toBe(200)
    expect((await get(`/opop/products/${productId}`, dinas)).body).toMatchObject({ productId, status: "IN_CURATION" })
    const scores = { businessLegality: 3, productLegality: 3, qualityAndCapacity: 3, packaging: 3, marketNetwork: 2, competitiveness: 3 }
    // Only a curator scores.
    expect((await post("/opop/products/score", admin, { productId, scores })).status).toBe(403)
    const scored = await post("/opop/products/score", curator, { productId, scores })
    expect(scored.status).toBe(200)
    expect(scored.body.events[0]).toMatchObject({ _tag: "ProductCurated", grade: "UNGGULAN" })
    expect((await get(`/opop/products/${productId}`, dinas)).body).toMatchObject({ status: "CURATED", grade: "UNGGULAN" })
    expect((await post("/opop/products/market", admin, { productId, channel: "KATALOG_OPOP" })).status).toBe(200)
    const designated = await post("/opop/pesantren/designate-flagship", admin, { nspp, productId })
    expect(designated.status).toBe(200)
    expect(designated.body.events[0]).toMatchObject({ _tag: "FlagshipDesignated", productId })
    expect((await get(`/opop/products/${productId}`, dinas)).body).toMatchObject({
      productId,
      name: productName,
      grade: "UNGGULAN",
      flagship: true,
      channels: ["KATALOG_OPOP"],
      regionCode: "35.24"
    })
    expect((await get(`/opop/pesantren/${nspp}`, dinas)).body).toMatchObject({ nspp, status: "VERIFIED", flagship: productId, kopontren })
    const flagships = await get("/opop/products?flagshipsOnly=true&regionCode=35.24", dinas)
    expect(flagships.body.map((p: { productId: string }) => p.productId)).toEqual([productId])

    // ── TOMIKO: the Kopontren trades the flagship in a secondary cooperative's network ──
    const buyer = "3515010000009002" // Koperasi Konsumen Guru Sidoarjo
    const third = "3523010000009003" // Koperasi Nelayan Mina Bahari Tuban
    const secondary = "3578020000009000" // Pusat Koperasi Pondok Pesantren Jawa Timur
    for (const [nik, name, regionCode, individualMembers] of [
      [kopontren, "Kopontren Sunan Drajat", "35.24", 250],
      [buyer, "Koperasi Konsumen Guru Sidoarjo", "35.15", 140],
      [third, "Koperasi Nelayan Mina Bahari Tuban", "35.23", 75]
    ] as const) {
      const primary = await post("/tomiko/koperasi/register-primary", dinas, { nik, name, regionCode, individualMembers })
      expect(primary.status).toBe(200)
      expect(primary.body.events[0]).toMatchObject({ nik })
    }
    await registerSecondary(post, secondary, "Pusat Koperasi Pondok Pesantren Jawa Timur", 150, [kopontren, buyer, third])
    for (const nik of [kopontren, buyer]) {
      const joined = await post("/tomiko/koperasi/join-network", kop(nik), { nik, secondary })
      expect(joined.status).toBe(200)
      expect(joined.body.events[0]).toMatchObject({ nik })
    }
    // The listing names the OPOP product: only its pesantren's Kopontren may list it.
    const listingId = `aidrat-dus-${nspp}`
    const listing = { listingId, name: productName, unitPrice: 48000, stock: 200, minimumOrderQuantity: 10, opop: { productId } }
    const usurped = await post("/tomiko/listings/create", kop(buyer), { ...listing, listingId: `${listingId}-x`, seller: buyer })
    expect(usurped.status).toBe(422)
    expect(usurped.body).toMatchObject({ _tag: "RuleViolated", rule: "OpopProductNotOwnKopontren" })
    const listed = await post("/tomiko/listings/create", kop(kopontren), { ...listing, seller: kopontren })
    expect(listed.status).toBe(200)
    expect(listed.body.events[0]).toMatchObject({
      _tag: "ListingCreated",
      listingId,
      seller: kopontren,
      name: productName,
      opop: { productId, kopontren }
    })
    const stockOf = async () =>
      (await get("/tomiko/listings", kop(kopontren))).body.find((s: { listingId: string }) => s.listingId === listingId)
    expect(await stockOf()).toMatchObject({ seller: kopontren, unitPrice: 48000, onHand: 200, reserved: 0, available: 200, active: true })

    const orderId = `ORD-AIDRAT-${nspp}`
    const bookEntry = async (nik: string) =>
      (await get(`/tomiko/koperasi/${nik}/orders`, kop(nik))).body.find((e: { orderId: string }) => e.orderId === orderId)
    // The buyer orders 40 cartons through the network, on 14 days' credit.
    const placed = await post("/tomiko/orders/place", kop(buyer), {
      orderId,
      buyer,
      seller: kopontren,
      terms: "TEMPO_14",
      lines: [{ listingId, quantity: 40 }]
    })
    expect(placed.status).toBe(200)
    expect(placed.body.events[0]).toMatchObject({ _tag: "OrderPlaced", buyer, seller: kopontren, secondary, total: 1920000 })
    expect(await bookEntry(buyer)).toMatchObject({
      role: "BUYER",
      counterparty: kopontren,
      status: "PLACED",
      total: 1920000,
      paid: 0,
      terms: "TEMPO_14"
    })
    expect(await bookEntry(kopontren)).toMatchObject({ role: "SELLER", counterparty: buyer, status: "PLACED" })
    // Only the seller accepts; acceptance reserves the stock.
    const refused = await post("/tomiko/orders/accept", kop(buyer), { orderId })
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ _tag: "Forbidden", rule: "ActorNotAuthorized" })
    expect((await post("/tomiko/orders/accept", kop(kopontren), { orderId })).body).toEqual({ _tag: "Accepted", orderId })
    expect(await bookEntry(buyer)).toMatchObject({ status: "ACCEPTED" })
    expect(await stockOf()).toMatchObject({ onHand: 200, reserved: 40, available: 160 })
    // Shipped: the stock process manager commits the reservation.
    const shippedReply = await post("/tomiko/orders/ship", kop(kopontren), { orderId })
    expect(shippedReply.status).toBe(200)
    expect(shippedReply.body.events[0]).toMatchObject({ _tag: "OrderShipped" })
    expect(await bookEntry(buyer)).toMatchObject({ status: "SHIPPED" })
    expect(await eventually(stockOf, (s) => s?.onHand === 160)).toMatchObject({ onHand: 160, reserved: 0, available: 160 })
    // Delivered with the BAST, invoiced with its due date from the terms.
    const deliveredReply = await post("/tomiko/orders/confirm-delivery", kop(buyer), { orderId, bastNumber: "BAST/KGS/2026/0042" })
    expect(deliveredReply.status).toBe(200)
    expect(deliveredReply.body.events[0]).toMatchObject({ _tag: "OrderDelivered", bastNumber: "BAST/KGS/2026/0042" })
    expect(await bookEntry(buyer)).toMatchObject({ status: "DELIVERED" })
    const invoicedReply = await post("/tomiko/orders/invoice", kop(kopontren), { orderId })
    expect(invoicedReply.status).toBe(200)
    const invoice = invoicedReply.body.events[0]
    expect(invoice).toMatchObject({ _tag: "OrderInvoiced", terms: "TEMPO_14", total: 1920000 })
    const fourteenDaysLater = new Date(Date.parse(`${invoice.invoicedOn}T00:00:00Z`) + 14 * 86_400_000).toISOString().slice(0, 10)
    expect(invoice.dueOn).toBe(fourteenDaysLater)
    expect(await bookEntry(kopontren)).toMatchObject({ status: "INVOICED" })
    // Paid in two transfers, never above the total.
    const firstPayment = await post("/tomiko/orders/record-payment", kop(buyer), { orderId, paymentId: "TRF-KGS-0001", amount: 1000000 })
    expect(firstPayment.status).toBe(200)
    expect(firstPayment.body.events).toEqual([expect.objectContaining({ _tag: "PaymentRecorded", paidTotal: 1000000 })])
    expect(await bookEntry(buyer)).toMatchObject({ status: "INVOICED", paid: 1000000 })
    const overpaid = await post("/tomiko/orders/record-payment", kop(buyer), { orderId, paymentId: "TRF-KGS-0002", amount: 1000000 })
    expect(overpaid.status).toBe(422)
    expect(overpaid.body).toMatchObject({ _tag: "RuleViolated", rule: "PaymentExceedsOutstanding" })
    const secondPayment = await post("/tomiko/orders/record-payment", kop(buyer), { orderId, paymentId: "TRF-KGS-0002", amount: 920000 })
    expect(secondPayment.status).toBe(200)
    expect(secondPayment.body.events.map((e: { _tag: string }) => e._tag)).toEqual(["PaymentRecorded", "OrderPaid"])
    expect(await bookEntry(buyer)).toMatchObject({ status: "PAID", paid: 1920000 })
    // Settled by the secondary cooperative: 1.5 % fee, the rest to the Kopontren.
    expect((await post("/tomiko/orders/settle", kop(kopontren), { orderId })).status).toBe(403)
    const settled = await post("/tomiko/orders/settle", kop(secondary), { orderId })
    expect(settled.status).toBe(200)
    const settlement = settled.body.events[0]
    expect(settlement).toMatchObject({ _tag: "OrderSettled", total: 1920000, fee: 28800, payout: 1891200, seller: kopontren, secondary })
    expect(await bookEntry(buyer)).toMatchObject({ status: "SETTLED", paid: 1920000, disputed: false })
    expect(await bookEntry(kopontren)).toMatchObject({ role: "SELLER", status: "SETTLED" })
    const trade = await get(`/tomiko/networks/${secondary}/trade/${settlement.settledOn.slice(0, 7)}`, kop(secondary))
    expect(trade.status).toBe(200)
    expect(trade.body).toEqual({ orders: 1, value: 1920000, fees: 28800, payouts: 1891200 })

    // ── Sijawara and JATIM ISO: a UMKM owner learns packaging and marketing and is onboarded ──
    const nib = "9120003515042"
    const umkmOwner = owner(nib)
    const umkm = { nib, businessName: "Kerupuk Ikan Bu Sri", ownerName: "Sri Wahyuni", region: "35.15", sector: "KULINER", scale: "MIKRO" }
    // A UMKM is registered by its owner, not by the Dinas.
    expect((await post("/jatim-iso/umkm/register", dinas, umkm)).status).toBe(403)
    expect((await post("/jatim-iso/umkm/register", umkmOwner, umkm)).status).toBe(200)
    expect((await get(`/jatim-iso/umkm/${nib}`, umkmOwner)).body).toMatchObject({ nib, legality: "PENDING", trainings: [] })
    expect((await post("/jatim-iso/umkm/verify-legality", dinas, { nib })).status).toBe(200)
    expect((await get(`/jatim-iso/umkm/${nib}`, umkmOwner)).body).toMatchObject({
      legality: "VERIFIED",
      missing: ["KEMASAN_TRAINING", "PEMASARAN_DIGITAL_TRAINING", "APPROVED_LISTING", "OPEN_STOREFRONT"]
    })

    const learnerId = "L-2026-035150"
    const learner = learnerToken(learnerId)
    expect(
      (
        await post("/sijawara/learners/register", learner, {
          learnerId,
          name: "Sri Wahyuni",
          region: "35.15",
          role: { _tag: "UMKM_OWNER", nib }
        })
      ).status
    ).toBe(200)
    // Registering as the UMKM's owner proposes the link; the UMKM's owner account confirms it.
    expect((await post("/sijawara/learners/links/confirm", umkmOwner, { learnerId, business: { _tag: "UMKM", nib } })).status).toBe(200)
    const certificates: Array<string> = []
    for (const [courseId, topic, title] of [
      ["kemasan-pangan-2026", "KEMASAN", "Kemasan produk pangan"],
      ["pemasaran-digital-2026", "PEMASARAN_DIGITAL", "Pemasaran digital untuk UMKM"]
    ] as const) {
      await publishedCourse(courseId, topic, title)
      expect((await post("/sijawara/enrollments/enroll", learner, { learnerId, courseId })).status).toBe(200)
      // The quiz opens only after the module's lessons.
      const locked = await post("/sijawara/enrollments/attempt-quiz", learner, { learnerId, courseId, moduleId: "m1", answers: [1] })
      expect(locked.status).toBe(422)
      expect(locked.body).toMatchObject({ _tag: "RuleViolated", rule: "QuizLocked" })
      for (const lessonId of ["m1.l1", "m1.l2"]) {
        expect((await post("/sijawara/enrollments/complete-lesson", learner, { learnerId, courseId, lessonId })).status).toBe(200)
      }
      const failed = await post("/sijawara/enrollments/attempt-quiz", learner, { learnerId, courseId, moduleId: "m1", answers: [0] })
      expect(failed.status).toBe(200)
      expect(failed.body.events.map((e: { _tag: string }) => e._tag)).not.toContain("EnrollmentCompleted")
      const passed = await post("/sijawara/enrollments/attempt-quiz", learner, { learnerId, courseId, moduleId: "m1", answers: [1] })
      expect(passed.status).toBe(200)
      const completed = passed.body.events.find((e: { _tag: string }) => e._tag === "EnrollmentCompleted")
      expect(completed).toBeDefined()
      certificates.push(completed.certificateNumber)
      const verification = await get(`/sijawara/certificates/${completed.certificateNumber}`, dinas)
      expect(verification.body).toMatchObject({ _tag: "Valid", certificate: { learnerId, courseId, topic } })
      // The process manager records the training on the UMKM of the learner's NIB.
      const withTraining = await eventually(
        async () => (await get(`/jatim-iso/umkm/${nib}`, umkmOwner)).body,
        (summary) => summary.trainings.includes(topic)
      )
      expect(withTraining.trainings).toContain(topic)
    }
    const progress = await get(`/sijawara/learners/${learnerId}/progress`, learner)
    expect(progress.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ courseId: "kemasan-pangan-2026", completed: true, percent: 100 }),
        expect.objectContaining({ courseId: "pemasaran-digital-2026", completed: true, percent: 100 })
      ])
    )
    expect(new Set(certificates).size).toBe(2)
    expect((await get(`/jatim-iso/umkm/${nib}`, umkmOwner)).body).toMatchObject({
      legality: "VERIFIED",
      trainings: ["KEMASAN", "PEMASARAN_DIGITAL"],
      missing: ["APPROVED_LISTING", "OPEN_STOREFRONT"]
    })

    // A listing with its packaging checklist, approved; a storefront; onboarding completed.
    expect(
      (
        await post("/jatim-iso/umkm/submit-listing", umkmOwner, {
          nib,
          listingId: "kerupuk-ikan-250g",
          details: listingDetails("kerupuk", { productName: "Kerupuk Ikan Tenggiri 250 g", price: 22000, weightGrams: 250 })
        })
      ).status
    ).toBe(200)
    expect((await post("/jatim-iso/umkm/approve-listing", umkmOwner, { nib, listingId: "kerupuk-ikan-250g" })).status).toBe(403)
    expect((await post("/jatim-iso/umkm/approve-listing", dinas, { nib, listingId: "kerupuk-ikan-250g" })).status).toBe(200)
    expect((await get(`/jatim-iso/umkm/${nib}`, umkmOwner)).body).toMatchObject({ missing: ["OPEN_STOREFRONT"], onboardedAt: null })
    // Onboarding needs every requirement.
    const incomplete = await post("/jatim-iso/umkm/complete-onboarding", dinas, { nib })
    expect(incomplete.status).toBe(422)
    expect(incomplete.body).toMatchObject({ _tag: "RuleViolated", rule: "OnboardingIncomplete" })
    expect(
      (
        await post("/jatim-iso/umkm/open-storefront", umkmOwner, {
          nib,
          marketplace: "TOKOPEDIA",
          url: "https://tokopedia.com/kerupukbusri"
        })
      ).status
    ).toBe(200)
    expect((await post("/jatim-iso/umkm/complete-onboarding", dinas, { nib })).status).toBe(200)
    const onboarded = (await get(`/jatim-iso/umkm/${nib}`, umkmOwner)).body
    expect(onboarded).toMatchObject({
      nib,
      businessName: "Kerupuk Ikan Bu Sri",
      legality: "VERIFIED",
      missing: [],
      storefronts: { TOKOPEDIA: "https://tokopedia.com/kerupukbusri" }
    })
    expect(onboarded.onboardedAt).not.toBeNull()
    const funnel = await get("/jatim-iso/funnel?region=35.15", dinas)
    expect(funnel.body).toMatchObject({ ONBOARDED: 1 })

    const projections = (await get("/projections")).body as ReadonlyArray<{ name: string; state: string }>
    expect(projections.find((p) => p.name === "opop-sql-product-catalogue")?.state).toBe("live")
    expect(projections.map((p) => p.name)).toEqual(expect.arrayContaining(["tomiko-stock", "jatim-iso-training-from-sijawara"]))
  })

  it("answers 400 with the path and message of every bad field", async () => {
    const reply = await post("/opop/pesantren/register", dinas, {
      nspp: "123",
      name: "Pondok",
      regionCode: "99.99",
      pengasuh: "KH. X",
      santriCount: -5
    })
    expect(reply.status).toBe(400)
    expect(reply.body._tag).toBe("HttpApiDecodeError")
    const paths = reply.body.issues.map((issue: { path: ReadonlyArray<string> }) => issue.path.join("."))
    expect(paths).toEqual(expect.arrayContaining(["nspp", "regionCode", "santriCount"]))
    expect(reply.body.issues[0].message).toContain("NSPP")
  })

  it("answers 401 without a valid token and 403 when the domain refuses the actor", async () => {
    expect((await post("/opop/pesantren/verify", "", { nspp: "510035170001" })).status).toBe(401)
    // Queries take a token optionally (test/public.int.spec.ts); the live feed needs one.
    expect((await call("GET", "/events/live")).status).toBe(401)
    // A token whose payload was changed (a curator made into a Dinas officer) fails its signature.
    const [header, body, signature] = curator.split(".")
    const claims = JSON.parse(Buffer.from(body!, "base64url").toString("utf8"))
    const forgedBody = Buffer.from(JSON.stringify({ ...claims, actor: { _tag: "DINAS_OFFICER", officerId: claims.sub } })).toString(
      "base64url"
    )
    const forged = await post("/opop/pesantren/verify", `${header}.${forgedBody}.${signature}`, { nspp: "510035170001" })
    expect(forged.status).toBe(401)
    expect(forged.body).toMatchObject({ _tag: "Unauthorized", message: "The bearer token's signature is invalid." })
    // Another secret's token fails too.
    expect(
      (
        await post("/opop/pesantren/verify", tokenSignedWith("other", { _tag: "DINAS_OFFICER", officerId: "x" }), {
          nspp: "510035170001"
        })
      ).status
    ).toBe(401)

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
    expect(await streamLength(suite.host.store, `pesantren-${nspp}`)).toBe(4)
    // Without the key the command runs again, and the rule refuses it.
    expect((await post("/opop/pesantren/suspend", dinas, body)).status).toBe(422)
    // The same key with another body is refused.
    const reused = await post("/opop/pesantren/suspend", dinas, { nspp, reason: "Lain" }, { "idempotency-key": key })
    expect(reused.status).toBe(422)
    expect(reused.body._tag).toBe("IdempotencyKeyReused")
    expect(await streamLength(suite.host.store, `pesantren-${nspp}`)).toBe(4)
  })

  it("refuses bodies over the limit with 413, by Content-Length and while reading a chunked body", async () => {
    const tooLarge = { _tag: "PayloadTooLarge", message: "Request bodies are limited to 16384 bytes." }
    const byLength = await post("/opop/pesantren/register", dinas, { nspp: "510035170999", name: "x".repeat(20_000) })
    expect(byLength).toEqual({ status: 413, body: tooLarge })

    // Chunked (no Content-Length): the size is only known while reading.
    const nspp = "510035179998"
    const register = (name: string) => ({ nspp, name, regionCode: "35.17", pengasuh: "KH. Penguji", santriCount: 120 })
    const big = JSON.stringify(register(`Pondok Pesantren ${"Al-Hikmah ".repeat(2_000)}`))
    expect(Buffer.byteLength(big)).toBeGreaterThan(16 * 1024)
    const refused = await postChunked("/opop/pesantren/register", dinas, big)
    expect(refused).toEqual({ status: 413, body: tooLarge })
    expect((await get(`/opop/pesantren/${nspp}`, dinas)).status).toBe(404)
    expect(await streamLength(suite.host.store, `pesantren-${nspp}`)).toBe(0)
    // A chunked body within the limit is read and decoded as any other.
    const accepted = await postChunked("/opop/pesantren/register", dinas, JSON.stringify(register("Pondok Pesantren Al-Hikmah")))
    expect(accepted.status).toBe(200)
    expect(accepted.body.events[0]).toMatchObject({ _tag: "PesantrenRegistered", nspp })
    expect(await streamLength(suite.host.store, `pesantren-${nspp}`)).toBe(1)
  })

  it("streams new events as Server-Sent Events, by category", async () => {
    const controller = new AbortController()
    const response = await fetch(`${suite.host.base}/events/live?category=pesantren`, {
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
  it("keeps its data across a restart: the read models go on from their checkpoints instead of replaying history", async () => {
    const nspp = await verifiedPesantren("35.73")
    const before = suite.host.base
    await suite.host.stop()
    await expect(fetch(`${before}/health`)).rejects.toThrow()
    // While the host is down, mark the directory's row: a read model rebuilt from the events at
    // start would lose the mark, one that goes on from its checkpoint keeps it.
    const marked = await withSql(
      (sql) => sql`UPDATE eventstore_read.opop_directory_pesantren SET name = 'Kept across the restart' WHERE nspp = ${nspp} RETURNING nspp`
    )
    expect(marked).toHaveLength(1)
    suite.host = await startHost(suite.databaseUrl)
    expect((await get(`/opop/pesantren/${nspp}`, dinas)).body).toMatchObject({
      nspp,
      name: "Kept across the restart",
      status: "VERIFIED",
      regionCode: "35.73"
    })
    // The new instance leads the projection once the old one's lock is released: live from its checkpoint.
    const directoryState = async () =>
      ((await get("/projections")).body as ReadonlyArray<{ name: string; state: string }>).find(
        (p) => p.name === "opop-sql-pesantren-directory"
      )?.state
    expect(await eventually(directoryState, (state) => state === "live")).toBe("live")
    // The stream goes on from where it was, and the read model applies what comes next.
    const suspended = await post("/opop/pesantren/suspend", dinas, { nspp, reason: "Audit" }, { "if-match": "3" })
    expect(suspended.body.version).toBe(4)
  })
})
