/**
 * Trust in TOMIKO over HTTP on PostgreSQL (issue 14): an OPOP product is listed only by the
 * Kopontren OPOP's events name (hole 4); no party releases an accepted order's stock, and the
 * stock process keeps running for later orders (hole 7); a secondary cooperative's founders are
 * registered primaries (hole 8); another cooperative's order book does not exist for you.
 */
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { EventStore } from "@jatim/eventstore"
import { Actor, Identifier } from "@jatim/kernel"
import { Commands, ListingId, OrderId } from "@jatim/tomiko"
import { adminOf, dinas, eventually, hostPerFile, kop, learnerToken } from "./support.js"

const suite = hostPerFile("http_trust_tomiko")
const { get, post } = suite

// A network of its own: PUSKOPONTREN Jawa Timur, founded by three primaries.
const kopontren = "3517010000007001" // Kopontren of the pesantren below
const buyer = "3578010000007002"
const other = "3507010000007003"
const secondary = "3578020000007000"
const nspp = "510035177001"
const productId = "keripik-tempe-7001"

beforeAll(async () => {
  // OPOP: the pesantren, its Kopontren, its product.
  expect(
    (
      await post("/opop/pesantren/register", dinas, {
        nspp,
        name: "Pondok Pesantren Uji Tomiko",
        regionCode: "35.17",
        pengasuh: "KH. Penguji",
        santriCount: 500
      })
    ).status
  ).toBe(200)
  expect((await post("/opop/pesantren/link-kopontren", adminOf(nspp), { nspp, nik: kopontren })).status).toBe(200)
  expect((await post("/opop/pesantren/verify", dinas, { nspp })).status).toBe(200)
  expect(
    (
      await post("/opop/products/propose", adminOf(nspp), {
        productId,
        nspp,
        name: "Keripik Tempe Santri",
        category: "MAKANAN",
        description: "Keripik tempe produksi santri",
        unitPrice: 15000,
        monthlyCapacity: 2000
      })
    ).status
  ).toBe(200)
  // TOMIKO: three primaries; the network is registered in the hole-8 story.
  for (const [nik, name] of [
    [kopontren, "Kopontren Uji"],
    [buyer, "Koperasi Konsumen Uji"],
    [other, "KSU Uji"]
  ] as const) {
    expect((await post("/tomiko/koperasi/register-primary", dinas, { nik, name, regionCode: "35.17", individualMembers: 40 })).status).toBe(
      200
    )
  }
})

describe("TOMIKO trust over HTTP", () => {
  it("hole 8: a secondary cooperative is founded by registered primaries only, as their streams say", async () => {
    const register = (founders: ReadonlyArray<string>, nik = secondary) =>
      post("/tomiko/koperasi/register-secondary", dinas, {
        nik,
        name: "Pusat Koperasi Uji",
        regionCode: "35.78",
        founders,
        feeBasisPoints: 150
      })
    const unregistered = await register([kopontren, buyer, "3510010000007999"])
    expect(unregistered.status).toBe(422)
    expect(unregistered.body).toMatchObject({ _tag: "RuleViolated", rule: "FounderNotPrimary" })
    expect(unregistered.body.message).toContain("3510010000007999 is not registered")
    const registered = await register([kopontren, buyer, other])
    expect(registered.status).toBe(200)
    expect(registered.body.events[0]).toMatchObject({ _tag: "SecondaryKoperasiRegistered", founders: [kopontren, buyer, other] })
    // A secondary is not a primary founder.
    const withSecondary = await register([kopontren, buyer, secondary], "3578020000007099")
    expect(withSecondary.status).toBe(422)
    expect(withSecondary.body).toMatchObject({ _tag: "RuleViolated", rule: "FounderNotPrimary" })
    for (const nik of [kopontren, buyer, other]) {
      expect((await post("/tomiko/koperasi/join-network", kop(nik), { nik, secondary })).status).toBe(200)
    }
  })

  it("hole 4: an OPOP product is listed only by the Kopontren OPOP's events name, whatever the request says", async () => {
    const listing = (listingId: string, seller: string, opop: unknown) => ({
      listingId,
      seller,
      name: "Keripik Tempe Santri",
      unitPrice: 240000,
      stock: 60,
      minimumOrderQuantity: 2,
      opop
    })
    // Another cooperative, even claiming to be the Kopontren, is refused; the product is still a
    // draft (proposed, not curated), so to it the product does not exist, and its Kopontren is unsaid.
    const usurped = await post("/tomiko/listings/create", kop(other), listing("keripik-usurped", other, { productId, kopontren: other }))
    expect(usurped.status).toBe(404)
    expect(usurped.body).toMatchObject({ _tag: "NotFound", rule: "OpopProductNotFound" })
    expect(usurped.body.message).not.toContain(kopontren)
    // An unknown product is the client's mistake: 404, not a 5xx, and the same answer.
    const unknown = await post("/tomiko/listings/create", kop(other), listing("keripik-usurped", other, { productId: "tidak-ada-7001" }))
    expect(unknown.status).toBe(404)
    expect(unknown.body).toMatchObject({ rule: "OpopProductNotFound" })
    expect(unknown.body.message).toBe(usurped.body.message.replace(productId, "tidak-ada-7001"))
    // The Kopontren names only the product.
    const listed = await post("/tomiko/listings/create", kop(kopontren), listing("keripik-7001", kopontren, { productId }))
    expect(listed.status).toBe(200)
    expect(listed.body.events[0]).toMatchObject({ _tag: "ListingCreated", seller: kopontren, opop: { productId, kopontren } })
  })

  it("hole 7: no party releases an accepted order's stock, and the stock process keeps running for later orders", async () => {
    const listingId = "beras-7001"
    expect(
      (
        await post("/tomiko/listings/create", kop(kopontren), {
          listingId,
          seller: kopontren,
          name: "Beras Premium 5 kg",
          unitPrice: 75000,
          stock: 100,
          minimumOrderQuantity: 1
        })
      ).status
    ).toBe(200)
    const stockOf = async () =>
      (await get("/tomiko/listings", kop(buyer))).body.find((s: { listingId: string }) => s.listingId === listingId)
    const place = async (orderId: string, quantity: number) => {
      expect(
        (
          await post("/tomiko/orders/place", kop(buyer), {
            orderId,
            buyer,
            seller: kopontren,
            terms: "CASH",
            lines: [{ listingId, quantity }]
          })
        ).status
      ).toBe(200)
      expect((await post("/tomiko/orders/accept", kop(kopontren), { orderId })).body).toEqual({ _tag: "Accepted", orderId })
    }
    await place("TRUST-7001", 20)
    expect(await stockOf()).toMatchObject({ onHand: 100, reserved: 20 })

    // The buyer (or the seller, or anyone) releasing the accepted order's stock through the library is refused.
    const refusals = [
      [buyer, "ReservationFollowsOrder"],
      [kopontren, "ReservationFollowsOrder"],
      [secondary, "ActorNotAuthorized"],
      [other, "ActorNotAuthorized"]
    ] as const
    for (const [nik, rule] of refusals) {
      const release = Commands.releaseStock(
        Actor.KoperasiAdmin.make({ nik: Identifier.NikKoperasi.make(nik) }),
        ListingId.ListingId.make(listingId),
        OrderId.OrderId.make("TRUST-7001")
      )
      const refused = await Effect.runPromise(Effect.flip(release).pipe(Effect.provideService(EventStore.EventStore, suite.host.store)))
      expect(refused._tag).toBe(rule)
      if (refused._tag === "ReservationFollowsOrder") expect(refused.status).toBe("ACCEPTED")
    }
    expect(await stockOf()).toMatchObject({ onHand: 100, reserved: 20 })

    // The order ships: the process commits. A later order is cancelled: the process releases.
    expect((await post("/tomiko/orders/ship", kop(kopontren), { orderId: "TRUST-7001" })).status).toBe(200)
    expect(await eventually(stockOf, (s) => s?.onHand === 80)).toMatchObject({ onHand: 80, reserved: 0 })
    await place("TRUST-7002", 30)
    expect((await post("/tomiko/orders/cancel", kop(buyer), { orderId: "TRUST-7002", reason: "Salah pesan" })).status).toBe(200)
    expect(await eventually(stockOf, (s) => s?.reserved === 0)).toMatchObject({ onHand: 80, reserved: 0, available: 80 })
    const projections = (await get("/projections")).body as ReadonlyArray<{ name: string; state: string; lastError: string | null }>
    expect(projections.find((p) => p.name === "tomiko-stock")).toMatchObject({ lastError: null })
  })

  it("another cooperative's order book is not found; the network's trade is the secondary's; listings are the cooperatives'", async () => {
    expect((await get(`/tomiko/koperasi/${buyer}/orders`, kop(buyer))).status).toBe(200)
    expect((await get(`/tomiko/koperasi/${buyer}/orders`, dinas)).status).toBe(200)
    // Its counterparty, its network's secondary, another member, a pesantren admin, a learner.
    for (const token of [kop(kopontren), kop(secondary), kop(other), adminOf(nspp), learnerToken("L-2026-007001")]) {
      const hidden = await get(`/tomiko/koperasi/${buyer}/orders`, token)
      expect(hidden.status).toBe(404)
      expect(hidden.body).toMatchObject({ _tag: "NotFound", rule: "OrderBookNotFound" })
    }
    // The same 404 for a cooperative with no book at all: existence is not disclosed.
    expect((await get(`/tomiko/koperasi/3509010000007998/orders`, kop(other))).status).toBe(404)
    const month = new Date().toISOString().slice(0, 7)
    expect((await get(`/tomiko/networks/${secondary}/trade/${month}`, kop(secondary))).status).toBe(200)
    expect((await get(`/tomiko/networks/${secondary}/trade/${month}`, dinas)).status).toBe(200)
    expect((await get(`/tomiko/networks/${secondary}/trade/${month}`, kop(buyer))).status).toBe(404)
    expect(((await get("/tomiko/listings", kop(other))).body as ReadonlyArray<unknown>).length).toBeGreaterThan(0)
    expect((await get("/tomiko/listings", learnerToken("L-2026-007001"))).body).toEqual([])
  })
})
