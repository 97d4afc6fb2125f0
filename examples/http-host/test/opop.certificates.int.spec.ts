/**
 * OPOP certificates over real HTTP on PostgreSQL (issue 20, adr/0085): a P-IRT number's
 * structure is checked (kabupaten/kota of Jawa Timur, expiry year), a halal certificate needs no
 * term, and the certificates expiring in the next N days are a work list for the Dinas and each
 * pesantren's admin (its own products), empty to anyone else.
 */
import { describe, expect, it } from "vitest"
import { CalendarDate } from "@jatim/kernel"
import { adminOf, dinas, hostPerFile, kop, productProposal } from "./support.js"

const suite = hostPerFile("opop_certificates", {}, 120_000)
const { get, post } = suite

const pesantren = async (n: string) => {
  const nspp = `51003578${n}`
  const register = await post("/opop/pesantren/register", dinas, {
    nspp,
    name: `Pondok Pesantren Sertifikat ${n}`,
    regionCode: "35.78",
    pengasuh: "KH. Ahmad Pengasuh",
    santriCount: 120
  })
  expect(register.status).toBe(200)
  return nspp
}

const today = CalendarDate.fromEpochMillis(Date.now())
/** Issued 5 years less 10 days ago: valid through today + 9 days. */
const issuedOn = CalendarDate.addDays(CalendarDate.addYears(today, -5), 10)
const yearDigits = String((Number(issuedOn.slice(0, 4)) + 5) % 100).padStart(2, "0")

describe("OPOP: certificates expiring in the next N days", () => {
  it("checks a P-IRT number's structure, takes a halal certificate without a term, and lists what expires to whom may see it", async () => {
    const nspp = await pesantren("0001")
    const other = await pesantren("0002")
    const productId = "sambal-sertifikat"
    expect((await post("/opop/products/propose", adminOf(nspp), productProposal(nspp, productId))).status).toBe(200)

    // Digits 4–7 must be a kabupaten/kota of Jawa Timur, digits 14–15 issue year + 5.
    for (const number of [`2063499010001${yearDigits}`, `2063578010001${String((Number(yearDigits) + 1) % 100).padStart(2, "0")}`]) {
      const refused = await post("/opop/products/add-certificate", adminOf(nspp), {
        productId,
        certificate: { _tag: "PIRT", number, issuedOn }
      })
      expect(refused.status).toBe(400)
      expect(JSON.stringify(refused.body)).toContain("P-IRT")
    }
    const pirt = `2063578010001${yearDigits}`
    expect(
      (await post("/opop/products/add-certificate", adminOf(nspp), { productId, certificate: { _tag: "PIRT", number: pirt, issuedOn } }))
        .status
    ).toBe(200)
    const halal = await post("/opop/products/add-certificate", adminOf(nspp), {
      productId,
      certificate: { _tag: "HALAL", number: "ID35780000999990001", issuedOn: CalendarDate.addDays(today, -30) }
    })
    expect(halal.status).toBe(200)

    const expected = [{ productId, kind: "PIRT", number: pirt, validUntil: CalendarDate.addDays(today, 9), daysLeft: 9, nspp }]
    for (const token of [dinas, adminOf(nspp)]) {
      const list = await get("/opop/certificates/expiring?days=30", token)
      expect(list.status).toBe(200)
      expect(list.body).toEqual([expect.objectContaining(expected[0])])
    }
    expect((await get("/opop/certificates/expiring?days=5", dinas)).body).toEqual([])
    expect((await get("/opop/certificates/expiring", dinas)).body).toHaveLength(1)
    // Another pesantren's admin, a cooperative, anonymous readers: an empty list.
    for (const token of [adminOf(other), kop("3578010000000001"), undefined]) {
      const list = await get("/opop/certificates/expiring?days=30", token)
      expect(list.status).toBe(200)
      expect(list.body).toEqual([])
    }
    // A client's mistake is a 400, never a 5xx.
    for (const days of ["abc", "-1", "3651", "1.5"]) {
      expect((await get(`/opop/certificates/expiring?days=${days}`, dinas)).status).toBe(400)
    }
  })
})
