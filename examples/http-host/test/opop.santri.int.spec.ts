/**
 * OPOP's santripreneurs over real HTTP on PostgreSQL (issue 20): a pesantren's admin enrolls its
 * santri, records their trainings, their venture and their graduation (the Dinas records
 * trainings and graduations too); the rules of the package answer 422, another pesantren's admin
 * enrolls no santri of it (403) and is told an enrolled one does not exist (404), and the record
 * is seen by its pesantren's admin and the Dinas only.
 */
import { describe, expect, it } from "vitest"
import { adminOf, dinas, hostPerFile } from "./support.js"

const suite = hostPerFile("opop_santri", {}, 120_000)
const { get, post } = suite

const register = async (nspp: string) => {
  const answer = await post("/opop/pesantren/register", dinas, {
    nspp,
    name: `Pondok Pesantren Santri ${nspp.slice(-4)}`,
    regionCode: "35.17",
    pengasuh: "KH. Pengasuh",
    santriCount: 300
  })
  expect(answer.status).toBe(200)
}

describe("OPOP: santripreneurs over HTTP", () => {
  it("enrolled, trained, with a venture and graduated by their pesantren (and the Dinas), seen by them only", async () => {
    const nspp = "510035170101"
    const other = "510035170102"
    await register(nspp)
    await register(other)
    const santriId = "santri-0101-001"

    // Another pesantren's admin enrolls no santri of this one.
    expect((await post("/opop/santri/enroll", adminOf(other), { santriId, nspp, name: "Ahmad Fauzan" })).status).toBe(403)
    const enrolled = await post("/opop/santri/enroll", adminOf(nspp), { santriId, nspp, name: "Ahmad Fauzan" })
    expect(enrolled.status).toBe(200)
    expect((enrolled.body as { events: ReadonlyArray<{ _tag: string }> }).events.map((e) => e._tag)).toEqual(["SantripreneurEnrolled"])

    // A venture needs a training first: the package's rule, 422 with its tag.
    const early = await post("/opop/santri/start-venture", adminOf(nspp), {
      santriId,
      ventureName: "Kripik Tempe Fauzan",
      category: "MAKANAN"
    })
    expect(early.status).toBe(422)
    expect(JSON.stringify(early.body)).toContain("TrainingRequired")

    expect((await post("/opop/santri/record-training", dinas, { santriId, topic: "KEWIRAUSAHAAN" })).status).toBe(200)
    expect((await post("/opop/santri/record-training", adminOf(nspp), { santriId, topic: "KEMASAN" })).status).toBe(200)
    expect(
      (await post("/opop/santri/start-venture", adminOf(nspp), { santriId, ventureName: "Kripik Tempe Fauzan", category: "MAKANAN" }))
        .status
    ).toBe(200)
    // To another pesantren's admin the santri does not exist (a person's record): 404, as not enrolled.
    expect((await post("/opop/santri/graduate", adminOf(other), { santriId })).status).toBe(404)
    expect((await post("/opop/santri/graduate", dinas, { santriId })).status).toBe(200)

    const record = {
      santriId,
      nspp,
      name: "Ahmad Fauzan",
      trainings: ["KEWIRAUSAHAAN", "KEMASAN"],
      venture: { name: "Kripik Tempe Fauzan", category: "MAKANAN" },
      graduated: true
    }
    for (const token of [adminOf(nspp), dinas]) {
      const seen = await get(`/opop/santri/${santriId}`, token)
      expect(seen.status).toBe(200)
      expect(seen.body).toEqual(record)
    }
    // A person's record: 404 to another pesantren's admin and to an anonymous reader.
    expect((await get(`/opop/santri/${santriId}`, adminOf(other))).status).toBe(404)
    expect((await get(`/opop/santri/${santriId}`)).status).toBe(404)
  })

  it("refuses a payload that is not a santripreneur command's with 400", async () => {
    expect((await post("/opop/santri/record-training", dinas, { santriId: "santri-x", topic: "MEMASAK" })).status).toBe(400)
    expect((await post("/opop/santri/enroll", dinas, { santriId: "santri-x" })).status).toBe(400)
  })
})
