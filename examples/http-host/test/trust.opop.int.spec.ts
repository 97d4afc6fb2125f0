/**
 * Trust in OPOP over real HTTP on PostgreSQL (adr/0014): a revoked certificate stays revoked
 * (hole 6), a product is proposed only for a registered pesantren that is not suspended, as
 * its stream says (hole 8), and every query answers only what the actor may see.
 */
import { describe, expect, it } from "vitest"
import { SantriId } from "@jatim/opop"
import {
  adminOf,
  curationScores,
  curator,
  dinas,
  enrollSantri,
  eventually,
  hostPerFile,
  kop,
  learnerToken,
  productProposal
} from "./support.js"

const suite = hostPerFile("trust_opop", {}, 120_000)
const { get, post } = suite

let count = 0
/** A registered, Kopontren-linked and verified pesantren of its own. */
const verifiedPesantren = async () => {
  const n = String(++count).padStart(4, "0")
  const nspp = `51003517${n}`
  expect(
    (
      await post("/opop/pesantren/register", dinas, {
        nspp,
        name: `Pondok Pesantren Amanah ${n}`,
        regionCode: "35.17",
        pengasuh: "KH. Ahmad Pengasuh",
        santriCount: 250
      })
    ).status
  ).toBe(200)
  expect((await post("/opop/pesantren/link-kopontren", adminOf(nspp), { nspp, nik: `351701000${n}000` })).status).toBe(200)
  expect((await post("/opop/pesantren/verify", dinas, { nspp })).status).toBe(200)
  return nspp
}

describe("OPOP trust: certificates", () => {
  it("a revoked certificate cannot be added again with its dates shifted: it stays revoked for the product", async () => {
    const nspp = await verifiedPesantren()
    const productId = "sambal-amanah"
    expect((await post("/opop/products/propose", adminOf(nspp), productProposal(nspp, productId))).status).toBe(200)
    const halal = { _tag: "HALAL", number: "ID35110000123450922", issuedOn: "2024-03-01", validUntil: "2029-02-28" }
    expect((await post("/opop/products/add-certificate", adminOf(nspp), { productId, certificate: halal })).status).toBe(200)
    const revoked = await post("/opop/products/revoke-certificate", dinas, {
      productId,
      kind: "HALAL",
      number: halal.number,
      reason: "Audit BPJPH: komposisi berubah"
    })
    expect(revoked.status).toBe(200)
    for (const [token, issuedOn, validUntil] of [
      [adminOf(nspp), "2024-03-02", "2029-03-01"],
      [dinas, "2024-02-29", "2029-02-27"]
    ] as const) {
      const again = await post("/opop/products/add-certificate", token, { productId, certificate: { ...halal, issuedOn, validUntil } })
      expect(again.status).toBe(422)
      expect(again.body).toMatchObject({ _tag: "RuleViolated", rule: "CertificateNumberRevoked" })
      expect(again.body.message).toMatch(/stays revoked/)
    }
    // Nothing came back into force: revoking it again finds no certificate in force.
    const twice = await post("/opop/products/revoke-certificate", dinas, {
      productId,
      kind: "HALAL",
      number: halal.number,
      reason: "Audit"
    })
    expect(twice.body).toMatchObject({ rule: "CertificateNotInForce" })
  })
})

describe("OPOP trust: proposals", () => {
  it("a product is refused for an unregistered pesantren (404) and a suspended one (422); another pesantren's admin first gets 403", async () => {
    const unregistered = "510035179999"
    const refused = await post("/opop/products/propose", adminOf(unregistered), productProposal(unregistered, "produk-hantu"))
    expect(refused.status).toBe(404)
    expect(refused.body).toMatchObject({ rule: "ProposalPesantrenNotRegistered" })
    expect(await get("/opop/products/produk-hantu", dinas)).toMatchObject({ status: 404 })
    // Authorization comes before the rule that would reveal whether the pesantren exists.
    const nspp = await verifiedPesantren()
    const foreign = await post("/opop/products/propose", adminOf(nspp), productProposal(unregistered, "produk-asing"))
    expect(foreign.status).toBe(403)

    expect((await post("/opop/pesantren/suspend", dinas, { nspp, reason: "Laporan keuangan belum diserahkan" })).status).toBe(200)
    const suspended = await post("/opop/products/propose", adminOf(nspp), productProposal(nspp, "produk-tertunda"))
    expect(suspended.status).toBe(422)
    expect(suspended.body).toMatchObject({ rule: "ProposalPesantrenSuspended" })
    expect(suspended.body.message).toMatch(/Laporan keuangan belum diserahkan/)
    // A standing in the body is not the pesantren's word: it is ignored, the stream is read.
    const claimed = await post("/opop/products/propose", adminOf(nspp), {
      ...productProposal(nspp, "produk-klaim"),
      pesantren: { nspp, registered: true, verified: true }
    })
    expect(claimed.body).toMatchObject({ rule: "ProposalPesantrenSuspended" })
    expect((await post("/opop/pesantren/reinstate", dinas, { nspp })).status).toBe(200)
    expect((await post("/opop/products/propose", adminOf(nspp), productProposal(nspp, "produk-tertunda"))).status).toBe(200)
  })
})

describe("OPOP trust: who sees what", () => {
  it("a product not yet public is seen by its pesantren's admin and the Dinas (curators while it awaits them); others get 404", async () => {
    const nspp = await verifiedPesantren()
    const other = await verifiedPesantren()
    const productId = "tenun-amanah"
    expect((await post("/opop/products/propose", adminOf(nspp), productProposal(nspp, productId, "KERAJINAN"))).status).toBe(200)
    const seenBy = async (token: string | Promise<string>) => (await get(`/opop/products/${productId}`, token)).status
    const listedFor = async (token: string | Promise<string>) =>
      ((await get("/opop/products", token)).body as ReadonlyArray<{ productId: string }>).some((p) => p.productId === productId)

    expect(
      await eventually(
        () => seenBy(adminOf(nspp)),
        (status) => status === 200
      )
    ).toBe(200)
    expect(await seenBy(dinas)).toBe(200)
    for (const outsider of [adminOf(other), curator, kop("3578010000000002"), learnerToken("L-2025-000999")]) {
      expect(await seenBy(outsider)).toBe(404)
      expect(await listedFor(outsider)).toBe(false)
    }
    expect((await get(`/opop/products/${productId}`, adminOf(other))).body).toMatchObject({ message: `No product ${productId}.` })
    expect(await listedFor(adminOf(nspp))).toBe(true)

    expect((await post("/opop/products/submit-for-curation", adminOf(nspp), { productId })).status).toBe(200)
    expect(
      await eventually(
        () => seenBy(curator),
        (status) => status === 200
      )
    ).toBe(200)
    expect(await seenBy(adminOf(other))).toBe(404)

    expect((await post("/opop/products/score", curator, { productId, scores: curationScores })).status).toBe(200)
    // Curated: in the public OPOP catalogue.
    expect(
      await eventually(
        () => seenBy(adminOf(other)),
        (status) => status === 200
      )
    ).toBe(200)
    expect(await listedFor(learnerToken("L-2025-000999"))).toBe(true)
  })

  it("the directory is public without the pengasuh's name, which only the pesantren's admin and the Dinas see", async () => {
    const nspp = await verifiedPesantren()
    const other = await verifiedPesantren()
    for (const token of [adminOf(nspp), dinas]) {
      const own = await eventually(
        () => get(`/opop/pesantren/${nspp}`, token),
        (reply) => reply.status === 200
      )
      expect(own.body).toMatchObject({ nspp, pengasuh: "KH. Ahmad Pengasuh" })
    }
    for (const token of [adminOf(other), kop("3578010000000002"), learnerToken("L-2025-000999"), curator]) {
      const seen = await get(`/opop/pesantren/${nspp}`, token)
      expect(seen.status).toBe(200)
      expect(seen.body).toMatchObject({ nspp, status: "VERIFIED" })
      expect(seen.body).not.toHaveProperty("pengasuh")
      const listed = (await get("/opop/pesantren", token)).body as ReadonlyArray<Record<string, unknown>>
      expect(listed.some((entry) => entry.nspp === nspp)).toBe(true)
      expect(listed.every((entry) => entry.pengasuh === undefined || entry.nspp === other)).toBe(true)
    }
    const dashboard = await get("/opop/dashboard", learnerToken("L-2025-000999"))
    expect(dashboard.status).toBe(200)
    expect(dashboard.body.regions).toHaveLength(38)
    expect(JSON.stringify(dashboard.body)).not.toContain("KH. Ahmad Pengasuh")
  })

  it("a santri's record is seen by their pesantren's admin and the Dinas; to everyone else it does not exist", async () => {
    const nspp = await verifiedPesantren()
    const other = await verifiedPesantren()
    const santriId = SantriId.SantriId.make("santri-amanah-01")
    await enrollSantri(suite.host.store, nspp, santriId, "Muhammad Santri")
    for (const token of [adminOf(nspp), dinas]) {
      const seen = await get(`/opop/santri/${santriId}`, token)
      expect(seen.status).toBe(200)
      expect(seen.body).toMatchObject({ santriId, nspp, name: "Muhammad Santri", graduated: false })
    }
    for (const token of [adminOf(other), curator, kop("3578010000000002"), learnerToken("L-2025-000999")]) {
      const hidden = await get(`/opop/santri/${santriId}`, token)
      expect(hidden.status).toBe(404)
      expect(hidden.body).toMatchObject({ _tag: "NotFound", rule: "SantripreneurNotEnrolled", message: `No santripreneur ${santriId}.` })
      // The same answer as for a santri who does not exist.
      expect((await get("/opop/santri/santri-tidak-ada", token)).body).toMatchObject({ _tag: "NotFound", rule: "SantripreneurNotEnrolled" })
    }
  })
})
