/**
 * JATIM ISO over HTTP (issue 20): the time to onboard (public numbers), revising a listing that
 * was sent back (its owner only), closing a storefront (and what it does to onboarding), and the
 * marketplace registry the Dinas keeps, which storefronts are checked against.
 */
import { beforeAll, describe, expect, it } from "vitest"
import { curator, dinas, hostPerFile, learnerToken, listingDetails, owner, umkmRegistration } from "./support.js"

const suite = hostPerFile("issue20_jatim_iso")
const { get, post } = suite

/** Sri's UMKM in Sidoarjo, and Budi's in Surabaya. */
const nib = "9120003515301"
const otherNib = "9120003578302"

const details = listingDetails("kerupuk", { productName: "Kerupuk Ikan 250 g", price: 25000, weightGrams: 250 })

/** Registers the UMKM of `of` in `region`, verified, with both core trainings from workshops. */
const trainedUmkm = async (of: string, region: string) => {
  expect((await post("/jatim-iso/umkm/register", owner(of), umkmRegistration(of, { region }))).status).toBe(200)
  expect((await post("/jatim-iso/umkm/verify-legality", dinas, { nib: of })).status).toBe(200)
  for (const training of ["KEMASAN", "PEMASARAN_DIGITAL"]) {
    const source = { _tag: "WORKSHOP", workshopName: "UPT Pelatihan Surabaya", heldOn: "2026-10-12T02:00:00.000Z" }
    expect((await post("/jatim-iso/umkm/record-training", dinas, { nib: of, training, source })).status).toBe(200)
  }
}

beforeAll(async () => {
  await trainedUmkm(nib, "35.15")
  await trainedUmkm(otherNib, "35.78")
})

describe("revising a listing that was sent back", () => {
  it("the owner revises a sent-back listing, which goes back under review; nobody else may, and only a sent-back one", async () => {
    const listing = { nib, listingId: "kerupuk-ikan-250g" }
    expect((await post("/jatim-iso/umkm/submit-listing", owner(nib), { ...listing, details })).status).toBe(200)
    const early = await post("/jatim-iso/umkm/revise-listing", owner(nib), { ...listing, details })
    expect(early.status).toBe(422)
    expect(early.body).toMatchObject({ rule: "ListingNotSentBack" })
    expect((await post("/jatim-iso/umkm/send-back-listing", dinas, { ...listing, notes: "Foto kedua buram" })).status).toBe(200)
    for (const other of [dinas, owner(otherNib), curator]) {
      expect((await post("/jatim-iso/umkm/revise-listing", other, { ...listing, details })).status).toBe(403)
    }
    const revised = await post("/jatim-iso/umkm/revise-listing", owner(nib), {
      ...listing,
      details: { ...details, photos: [...details.photos.slice(0, 2), "https://example.org/kerupuk/4.jpg"] }
    })
    expect(revised.status).toBe(200)
    expect(revised.body.events).toEqual([expect.objectContaining({ _tag: "ListingRevised", listingId: "kerupuk-ikan-250g" })])
    expect((await get(`/jatim-iso/umkm/${nib}`, owner(nib))).body.listings).toEqual({ "kerupuk-ikan-250g": "SUBMITTED" })
    expect((await post("/jatim-iso/umkm/approve-listing", dinas, listing)).status).toBe(200)
    const unknown = await post("/jatim-iso/umkm/revise-listing", owner(nib), { nib, listingId: "tidak-ada", details })
    expect(unknown.status).toBe(404)
  })
})

describe("the marketplace registry and storefronts", () => {
  it("lists the 2019 partners publicly; the Dinas alone adds and retires; storefronts open only on active marketplaces", async () => {
    const initial = await get("/jatim-iso/marketplaces")
    expect(initial.status).toBe(200)
    expect(initial.body.map((m: { code: string; status: string }) => [m.code, m.status])).toEqual([
      ["BUKALAPAK", "ACTIVE"],
      ["SHOPEE", "ACTIVE"],
      ["TOKOPEDIA", "ACTIVE"],
      ["BLIBLI", "ACTIVE"]
    ])
    const tiktok = { code: "TIKTOK_SHOP", name: "TikTok Shop", domain: "tiktok.com" }
    const unknown = await post("/jatim-iso/umkm/open-storefront", owner(nib), {
      nib,
      marketplace: "TIKTOK_SHOP",
      url: "https://www.tiktok.com/@kerupuk"
    })
    expect(unknown.status).toBe(422)
    expect(unknown.body).toMatchObject({ rule: "MarketplaceNotActive" })
    for (const other of [owner(nib), curator, learnerToken("L-2026-003001")]) {
      expect((await post("/jatim-iso/marketplaces/add", other, tiktok)).status).toBe(403)
    }
    expect((await post("/jatim-iso/marketplaces/add", dinas, { ...tiktok, code: "tiktok" })).status).toBe(400)
    expect((await post("/jatim-iso/marketplaces/add", dinas, tiktok)).status).toBe(200)
    expect((await post("/jatim-iso/marketplaces/add", dinas, tiktok)).status).toBe(422)
    const opened = await post("/jatim-iso/umkm/open-storefront", owner(nib), {
      nib,
      marketplace: "TIKTOK_SHOP",
      url: "https://www.tiktok.com/@kerupuk"
    })
    expect(opened.status).toBe(200)
    expect(opened.body.events).toEqual([expect.objectContaining({ _tag: "StorefrontOpened", marketplace: "TIKTOK_SHOP" })])
    // A retired marketplace takes no new storefront.
    expect(
      (await post("/jatim-iso/marketplaces/retire", dinas, { code: "BUKALAPAK", reason: "Berhenti menjual produk fisik" })).status
    ).toBe(200)
    const retired = await post("/jatim-iso/umkm/open-storefront", owner(otherNib), {
      nib: otherNib,
      marketplace: "BUKALAPAK",
      url: "https://www.bukalapak.com/u/budi"
    })
    expect(retired.status).toBe(422)
    expect(retired.body).toMatchObject({ rule: "MarketplaceNotActive" })
    const listed = (await get("/jatim-iso/marketplaces", owner(otherNib))).body
    expect(listed).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "BUKALAPAK", status: "RETIRED" }),
        expect.objectContaining({ ...tiktok, status: "ACTIVE" })
      ])
    )
    // Someone else's storefront: refused before the registry is read.
    const stranger = await post("/jatim-iso/umkm/open-storefront", owner(otherNib), {
      nib,
      marketplace: "NOT_LISTED",
      url: "https://example.com/x"
    })
    expect(stranger.status).toBe(403)
  })

  it("closing the storefront before completion makes one missing again; after completion the onboarding stays, and the time to onboard counts it", async () => {
    const anonymousBefore = await get("/jatim-iso/time-to-onboard?region=35.15")
    expect(anonymousBefore.status).toBe(200)
    expect(anonymousBefore.body).toEqual({ region: "35.15", summary: null })
    const close = { nib, marketplace: "TIKTOK_SHOP", reason: "Pindah toko" }
    expect((await post("/jatim-iso/umkm/close-storefront", owner(otherNib), close)).status).toBe(403)
    expect((await post("/jatim-iso/umkm/close-storefront", owner(nib), close)).status).toBe(200)
    expect((await post("/jatim-iso/umkm/close-storefront", owner(nib), close)).status).toBe(404)
    expect((await get(`/jatim-iso/umkm/${nib}`, owner(nib))).body).toMatchObject({ missing: ["OPEN_STOREFRONT"], storefronts: {} })
    expect((await post("/jatim-iso/umkm/complete-onboarding", dinas, { nib })).status).toBe(422)
    expect(
      (await post("/jatim-iso/umkm/open-storefront", dinas, { nib, marketplace: "SHOPEE", url: "https://shopee.co.id/kerupukbusri" }))
        .status
    ).toBe(200)
    expect((await post("/jatim-iso/umkm/complete-onboarding", dinas, { nib })).status).toBe(200)
    expect(
      (await post("/jatim-iso/umkm/close-storefront", dinas, { nib, marketplace: "SHOPEE", reason: "Toko ditutup pemilik" })).status
    ).toBe(200)
    const after = (await get(`/jatim-iso/umkm/${nib}`, dinas)).body
    expect(after.onboardedAt).not.toBeNull()
    expect((await get("/jatim-iso/funnel?region=35.15")).body).toMatchObject({ ONBOARDED: 1 })
    for (const anyone of [undefined, curator, owner(otherNib), dinas]) {
      const time = await get("/jatim-iso/time-to-onboard?region=35.15", anyone)
      expect(time.status).toBe(200)
      expect(time.body).toMatchObject({ region: "35.15", summary: { count: 1 } })
      expect(time.body.summary.medianDays).toBeGreaterThanOrEqual(0)
      expect(JSON.stringify(time.body)).not.toContain(nib)
    }
    expect((await get("/jatim-iso/time-to-onboard")).body).toMatchObject({ region: null, summary: { count: 1 } })
    expect((await get("/jatim-iso/time-to-onboard?region=35.78")).body).toEqual({ region: "35.78", summary: null })
    expect((await get("/jatim-iso/time-to-onboard?region=99.99")).status).toBe(400)
  })
})
