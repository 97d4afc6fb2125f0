/**
 * Repricing an OPOP product and changing its monthly capacity over real HTTP on PostgreSQL
 * (issue 20): its pesantren's admin does, the catalogue follows; the Dinas may not (403), and to
 * another pesantren's admin a product not public yet does not exist (404). Replacing a pesantren's
 * Kopontren is a Dinas decision, and the directory follows.
 */
import { describe, expect, it } from "vitest"
import { adminOf, dinas, hostPerFile, pesantrenRegistration, productProposal } from "./support.js"

const suite = hostPerFile("opop_products", {}, 120_000)
const { get, post } = suite

describe("OPOP: a product's price and monthly capacity", () => {
  it("are changed by its pesantren's admin, and the catalogue shows the new ones", async () => {
    const nspp = "510035170201"
    const other = "510035170202"
    for (const n of [nspp, other]) {
      const registered = await post("/opop/pesantren/register", dinas, {
        nspp: n,
        name: `Pondok Pesantren Harga ${n.slice(-4)}`,
        regionCode: "35.17",
        pengasuh: "KH. Pengasuh",
        santriCount: 200
      })
      expect(registered.status).toBe(200)
    }
    const productId = "sambal-harga"
    expect((await post("/opop/products/propose", adminOf(nspp), productProposal(nspp, productId))).status).toBe(200)

    const repriced = await post("/opop/products/reprice", adminOf(nspp), { productId, unitPrice: 22_500 })
    expect(repriced.status).toBe(200)
    expect((repriced.body as { events: ReadonlyArray<{ _tag: string }> }).events.map((e) => e._tag)).toEqual(["ProductRepriced"])
    expect((await post("/opop/products/change-capacity", adminOf(nspp), { productId, monthlyCapacity: 750 })).status).toBe(200)
    expect((await post("/opop/products/reprice", dinas, { productId, unitPrice: 1 })).status).toBe(403)
    expect((await post("/opop/products/reprice", adminOf(other), { productId, unitPrice: 1 })).status).toBe(404)
    expect((await post("/opop/products/reprice", adminOf(nspp), { productId, unitPrice: 0 })).status).toBe(400)

    const entry = await get(`/opop/products/${productId}`, adminOf(nspp))
    expect(entry.status).toBe(200)
    expect(entry.body).toMatchObject({ productId, unitPrice: 22_500, monthlyCapacity: 750 })
  })

  it("a pesantren's Kopontren is replaced by a Dinas decision only, and the directory shows the new one", async () => {
    const nspp = "510035170203"
    expect(
      (await post("/opop/pesantren/register", dinas, pesantrenRegistration(nspp, "Pondok Pesantren Koperasi Baru", "35.17"))).status
    ).toBe(200)
    const replace = { nspp, nik: "3517010000000209", reason: "Keputusan Dinas: Kopontren lama dibubarkan" }
    // No Kopontren yet: link one first.
    expect((await post("/opop/pesantren/replace-kopontren", dinas, replace)).status).toBe(422)
    expect((await post("/opop/pesantren/link-kopontren", adminOf(nspp), { nspp, nik: "3517010000000208" })).status).toBe(200)
    expect((await post("/opop/pesantren/replace-kopontren", adminOf(nspp), replace)).status).toBe(403)
    const replaced = await post("/opop/pesantren/replace-kopontren", dinas, replace)
    expect(replaced.status).toBe(200)
    expect((replaced.body as { events: ReadonlyArray<{ _tag: string; previous?: string }> }).events).toMatchObject([
      { _tag: "KopontrenReplaced", previous: "3517010000000208", nik: "3517010000000209" }
    ])
    const entry = await get(`/opop/pesantren/${nspp}`, dinas)
    expect(entry.status).toBe(200)
    expect(entry.body).toMatchObject({ nspp, kopontren: "3517010000000209" })
  })
})
