import { describe, expect, it } from "vitest"
import type { Event } from "@jatim/eventstore"
import { GlobalPosition, StreamName } from "@jatim/eventstore"
import { CalendarDate, Rupiah } from "@jatim/kernel"
import { Effect } from "effect"
import {
  Certificate,
  ExpiringCertificates,
  KabupatenDashboard,
  type OpopEvent,
  PesantrenDirectory,
  PesantrenEvent,
  ProductCatalogue,
  ProductEvent,
  SantripreneurEvent
} from "../src/index.js"
import {
  batik,
  bpom,
  certified,
  curated,
  date,
  designated,
  halal,
  keripik,
  kopi,
  linked,
  nspp,
  otherNik,
  otherNspp,
  pirt,
  proposed,
  registered,
  santri,
  submitted,
  today,
  verified
} from "./fixtures.js"

const surabaya = new PesantrenEvent.PesantrenRegistered({
  nspp: otherNspp,
  name: "Pondok Pesantren Ampel",
  regionCode: "35.78",
  pengasuh: "KH. Ali Mansur",
  santriCount: 800
})

/** Jombang: Tebuireng, verified, with keripik (food, certified, BERKEMBANG, marketed, flagship) and batik (craft, PEMULA).
 *  Surabaya: Ampel, suspended, with kopi (drink, UNGGULAN with BPOM + halal). */
const history: ReadonlyArray<OpopEvent.OpopEvent> = [
  // A product event before its pesantren's registration: streams are independent.
  proposed(kopi, "MINUMAN", otherNspp),
  registered,
  linked,
  verified,
  surabaya,
  new PesantrenEvent.KopontrenLinked({ nspp: otherNspp, nik: otherNik }),
  new PesantrenEvent.PesantrenSuspended({ nspp: otherNspp, reason: "laporan tahunan belum masuk" }),
  proposed(keripik),
  certified(keripik, halal),
  certified(keripik, pirt),
  submitted(keripik),
  curated(keripik, 14),
  new ProductEvent.ProductMarketed({ productId: keripik, channel: "OPOP_MART", since: today }),
  new ProductEvent.ProductMarketed({ productId: keripik, channel: "EXPO", since: today }),
  new ProductEvent.ProductWithdrawnFromMarket({ productId: keripik, channel: "EXPO", reason: "expo selesai" }),
  designated(keripik),
  proposed(batik, "KERAJINAN"),
  submitted(batik),
  curated(batik, 9),
  certified(kopi, halal),
  certified(kopi, bpom),
  new ProductEvent.CertificateRevoked({ productId: kopi, kind: "HALAL", number: halal.number, reason: "dicabut" }),
  submitted(kopi),
  curated(kopi, 17),
  new SantripreneurEvent.SantripreneurEnrolled({ santriId: santri, nspp, name: "Ahmad Fauzi", enrolledOn: today }),
  new SantripreneurEvent.SantripreneurTrained({ santriId: santri, topic: "KEMASAN", trainedOn: today }),
  new SantripreneurEvent.VentureStarted({ santriId: santri, ventureName: "Warung Kopi", category: "MINUMAN", startedOn: today })
]

describe("ProductCatalogue", () => {
  const catalogue = ProductCatalogue.applyAll(ProductCatalogue.initialState, history)
  const ids = (entries: ReadonlyArray<ProductCatalogue.CatalogueEntry>) => entries.map((entry) => entry.productId)

  it("lists every product with its pesantren and kabupaten/kota, by name", () => {
    expect(ids(ProductCatalogue.search(catalogue))).toEqual([batik, keripik, kopi])
    expect(ProductCatalogue.get(catalogue, kopi)).toMatchObject({
      pesantrenName: "Pondok Pesantren Ampel",
      regionCode: "35.78",
      grade: "UNGGULAN",
      category: "MINUMAN",
      flagship: false,
      unitPrice: Rupiah.unsafeMake(15_000)
    })
    expect(ProductCatalogue.get(catalogue, keripik)).toMatchObject({ flagship: true, channels: ["OPOP_MART"], status: "CURATED" })
  })

  it("filters by category, grade, kabupaten/kota, marketing and flagship", () => {
    expect(ids(ProductCatalogue.search(catalogue, { category: "MAKANAN" }))).toEqual([keripik])
    expect(ids(ProductCatalogue.search(catalogue, { grade: "PEMULA" }))).toEqual([batik])
    expect(ids(ProductCatalogue.search(catalogue, { regionCode: "35.78" }))).toEqual([kopi])
    expect(ids(ProductCatalogue.search(catalogue, { regionCode: "35.17", grade: "BERKEMBANG" }))).toEqual([keripik])
    expect(ids(ProductCatalogue.search(catalogue, { regionCode: "35.01" }))).toEqual([])
    expect(ids(ProductCatalogue.search(catalogue, { marketedOnly: true }))).toEqual([keripik])
    expect(ids(ProductCatalogue.search(catalogue, { flagshipsOnly: true }))).toEqual([keripik])
  })

  it("a product curated again has no grade until it is scored again", () => {
    const again = ProductCatalogue.apply(catalogue, submitted(batik))
    expect(ProductCatalogue.get(again, batik)).toMatchObject({ grade: undefined, status: "IN_CURATION" })
    expect(ids(ProductCatalogue.search(again, { grade: "PEMULA" }))).toEqual([])
  })

  it("a retired flagship is no longer marked", () => {
    const retired = ProductCatalogue.apply(catalogue, new PesantrenEvent.FlagshipRetired({ nspp, productId: keripik, reason: "x" }))
    expect(ProductCatalogue.get(retired, keripik)?.flagship).toBe(false)
  })

  it("takes recorded events as the store delivers them", () => {
    const recorded: Event.RecordedEvent<OpopEvent.OpopEvent> = {
      streamName: Effect.runSync(StreamName.parse(`product-${keripik}`)),
      streamVersion: 1,
      globalPosition: GlobalPosition.make(1, 1),
      eventId: "e-1",
      type: "ProductProposed",
      data: proposed(keripik),
      metadata: { occurredAt: new Date(0), schemaVersion: 1 }
    }
    expect(ProductCatalogue.applyRecorded(ProductCatalogue.initialState, recorded)).toEqual(
      ProductCatalogue.apply(ProductCatalogue.initialState, proposed(keripik))
    )
  })
})

describe("PesantrenDirectory", () => {
  const directory = PesantrenDirectory.applyAll(PesantrenDirectory.initialState, history)

  it("lists pesantren with region, Kopontren, status and flagship", () => {
    expect(PesantrenDirectory.list(directory).map((entry) => [entry.name, entry.status, entry.flagship])).toEqual([
      ["Pondok Pesantren Ampel", "SUSPENDED", undefined],
      ["Pondok Pesantren Tebuireng", "VERIFIED", keripik]
    ])
    expect(PesantrenDirectory.get(directory, nspp)).toMatchObject({
      regionName: "Kabupaten Jombang",
      kopontren: "3517010000000001",
      pengasuh: "KH. Abdul Hakim",
      santriCount: 4200
    })
  })

  it("filters by kabupaten/kota, status and name", () => {
    expect(PesantrenDirectory.list(directory, { regionCode: "35.78" }).map((e) => e.nspp)).toEqual([otherNspp])
    expect(PesantrenDirectory.list(directory, { status: "VERIFIED" }).map((e) => e.nspp)).toEqual([nspp])
    expect(PesantrenDirectory.list(directory, { nameContains: "tebu" }).map((e) => e.nspp)).toEqual([nspp])
    const reinstated = PesantrenDirectory.apply(directory, new PesantrenEvent.PesantrenReinstated({ nspp: otherNspp }))
    expect(PesantrenDirectory.get(reinstated, otherNspp)?.status).toBe("UNVERIFIED")
  })
})

describe("KabupatenDashboard", () => {
  const facts = KabupatenDashboard.applyAll(KabupatenDashboard.initialState, history)

  it("counts a kabupaten's pesantren, products, flagships and santripreneurs", () => {
    expect(KabupatenDashboard.forRegion(facts, "35.17")).toEqual({
      regionCode: "35.17",
      regionName: "Kabupaten Jombang",
      pesantren: { registered: 1, verified: 1, suspended: 0, santri: 4200 },
      products: {
        total: 2,
        byCategory: { MAKANAN: 1, MINUMAN: 0, KERAJINAN: 1, FASHION: 0, TEKNOLOGI: 0 },
        byGrade: { PEMULA: 1, BERKEMBANG: 1, UNGGULAN: 0 },
        marketed: 1
      },
      activeFlagships: 1,
      santripreneurs: { enrolled: 1, withVenture: 1, graduated: 0 }
    })
    expect(KabupatenDashboard.forRegion(facts, "35.78")).toMatchObject({
      regionName: "Kota Surabaya",
      pesantren: { registered: 1, verified: 0, suspended: 1, santri: 800 },
      products: { total: 1, byGrade: { PEMULA: 0, BERKEMBANG: 0, UNGGULAN: 1 }, marketed: 0 }
    })
  })

  it("has all 38 kabupaten/kota, and the province's totals", () => {
    const all = KabupatenDashboard.all(facts)
    expect(all).toHaveLength(38)
    expect(all.filter((d) => d.pesantren.registered > 0).map((d) => d.regionCode)).toEqual(["35.17", "35.78"])
    expect(KabupatenDashboard.province(facts)).toMatchObject({
      regionCode: undefined,
      pesantren: { registered: 2, verified: 1, suspended: 1, santri: 5000 },
      products: { total: 3, marketed: 1 }
    })
  })
})

describe("ExpiringCertificates", () => {
  const certificates = ExpiringCertificates.applyAll(ExpiringCertificates.initialState, history)
  const listed = (entries: ReadonlyArray<ExpiringCertificates.ExpiringCertificate>) =>
    entries.map((entry) => [entry.productId, entry.kind, entry.validUntil, entry.daysLeft])

  it("lists certificates in force expiring within N days of now, soonest first, with the days left", () => {
    // keripik: halal until 2027-02-28, P-IRT until 2027-01-14; kopi: BPOM until 2028-04-30 (its halal was revoked).
    const now = new Date("2026-12-31T03:00:00Z")
    expect(listed(ExpiringCertificates.expiringWithin(certificates, now, 14))).toEqual([[keripik, "PIRT", "2027-01-14", 14]])
    expect(listed(ExpiringCertificates.expiringWithin(certificates, now, 13))).toEqual([])
    expect(listed(ExpiringCertificates.expiringWithin(certificates, now, 60))).toEqual([
      [keripik, "PIRT", "2027-01-14", 14],
      [keripik, "HALAL", "2027-02-28", 59]
    ])
    expect(listed(ExpiringCertificates.expiringWithin(certificates, now, Infinity)).map((e) => e[0])).toEqual([keripik, keripik, kopi])
    expect(ExpiringCertificates.expiringWithin(certificates, now, -1)).toEqual([])
    expect(ExpiringCertificates.expiringWithin(certificates, now, 14)[0]).toMatchObject({ productName: "Keripik Tempe Santri", nspp })
  })

  it("counts days in WIB, and a certificate is listed through its last valid day", () => {
    expect(listed(ExpiringCertificates.expiringWithin(certificates, Date.parse("2027-01-14T16:59:59Z"), 0))).toEqual([
      [keripik, "PIRT", "2027-01-14", 0]
    ])
    expect(ExpiringCertificates.expiringWithin(certificates, Date.parse("2027-01-14T17:00:00Z"), 0)).toEqual([])
  })

  it("lists lapsed certificates whose expiry is not recorded, and forgets expired and revoked ones", () => {
    const later = Date.parse("2027-01-20T00:00:00Z")
    expect(listed(ExpiringCertificates.lapsed(certificates, later))).toEqual([[keripik, "PIRT", "2027-01-14", -6]])
    const swept = ExpiringCertificates.apply(
      certificates,
      new ProductEvent.CertificateExpired({
        productId: keripik,
        kind: "PIRT",
        number: pirt.number,
        validUntil: pirt.validUntil
      })
    )
    expect(ExpiringCertificates.lapsed(swept, later)).toEqual([])
  })

  it("a renewal replaces the certificate it renews", () => {
    const renewal = Certificate.Pirt.make({ number: pirt.number, issuedOn: date("2027-01-10"), validUntil: date("2032-01-09") })
    const renewed = ExpiringCertificates.apply(certificates, certified(keripik, renewal))
    expect(listed(ExpiringCertificates.expiringWithin(renewed, new Date("2026-12-31T03:00:00Z"), 30))).toEqual([])
    expect(CalendarDate.daysBetween(today, date("2024-06-02"))).toBe(1)
  })
})
