import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Effect } from "effect"
import type { EventStore } from "@jatim/eventstore"
import { Actor, CalendarDate, Identifier, Region, Rupiah } from "@jatim/kernel"
import {
  Certificate,
  Commands,
  Curation,
  ExpiringCertificates,
  FlagshipTargets,
  KabupatenDashboard,
  OpopEvent,
  PesantrenCommand,
  PesantrenDirectory,
  ProductCatalogue,
  ProductCategory,
  ProductCommand,
  ProductId,
  SantriId,
  SantripreneurCommand
} from "@jatim/opop"
import { Arbitraries, Fixtures } from "@jatim/opop/testing"
import { SqlReadModels } from "../src/index.js"
import { suiteDatabaseBeforeAll } from "@jatim/testing/postgres"
import { agreeOn, asking, askingPages, type Comparison, folded, interleave, sendingAt, storedEvents } from "@jatim/testing/sqlReadModels"

const { admin, candidate, curator, dinas, nik, nspp, otherAdmin, otherNik, otherNspp, scoresTotalling, standing, tebuireng } = Fixtures
const { steps } = Arbitraries

const database = suiteDatabaseBeforeAll("opop_sql_read_models")

/** One command of any of OPOP's three streams, and the instant it is decided at. */
type Timed =
  | { readonly stream: "pesantren"; readonly at: number; readonly command: PesantrenCommand.PesantrenCommand }
  | { readonly stream: "product"; readonly at: number; readonly command: ProductCommand.ProductCommand }
  | { readonly stream: "santripreneur"; readonly at: number; readonly command: SantripreneurCommand.SantripreneurCommand }

/**
 * Sends commands through OPOP's command handlers on the store, each with the clock at its instant.
 * With `refusals: "skip"` a refusal by the rules is left out of the history (random commands are
 * often refused, as they should be); with `"fail"` every command must be accepted.
 */
const sendAll = sendingAt(
  (timed: Timed): Effect.Effect<unknown, { readonly _tag: string }, EventStore.EventStore> =>
    timed.stream === "pesantren"
      ? Commands.pesantren(timed.command)
      : timed.stream === "product"
        ? Commands.product(timed.command)
        : Commands.santripreneur(timed.command)
)

/** What to ask: ids, kabupaten/kota, name parts, instants and windows. */
interface Questions {
  readonly regionCodes: ReadonlyArray<Region.RegionCode>
  readonly nspps: ReadonlyArray<Identifier.Nspp>
  readonly productIds: ReadonlyArray<ProductId.ProductId>
  readonly nameParts: ReadonlyArray<string>
  readonly instants: ReadonlyArray<number>
}

/** The pure read models' states after the same events. */
interface PureStates {
  readonly catalogue: ProductCatalogue.State
  readonly directory: PesantrenDirectory.State
  readonly dashboard: KabupatenDashboard.State
  readonly certificates: ExpiringCertificates.State
  readonly targets: FlagshipTargets.State
}

const pureStates = (events: ReadonlyArray<OpopEvent.OpopEvent>): PureStates => ({
  catalogue: ProductCatalogue.applyAll(ProductCatalogue.initialState, events),
  directory: PesantrenDirectory.applyAll(PesantrenDirectory.initialState, events),
  dashboard: KabupatenDashboard.applyAll(KabupatenDashboard.initialState, events),
  certificates: ExpiringCertificates.applyAll(ExpiringCertificates.initialState, events),
  targets: FlagshipTargets.applyAll(FlagshipTargets.initialState, events)
})

/** One question, put to the pure read model and to the SQL one. */
type Probe = Comparison<PureStates>

const ask = asking<PureStates>()

const askPages = askingPages<PureStates>()

const windows = [-1, 0, 1, 30, 90, 365, 3_650, Infinity]

/** Every query of the five read models, with every filter alone and some together. */
const probes = (models: SqlReadModels.SqlReadModels, q: Questions): ReadonlyArray<Probe> => {
  const filters: ReadonlyArray<ProductCatalogue.CatalogueFilter> = [
    {},
    ...ProductCategory.categories.map((category) => ({ category })),
    ...Curation.grades.map((grade) => ({ grade })),
    ...q.regionCodes.map((regionCode) => ({ regionCode })),
    { marketedOnly: true },
    { flagshipsOnly: true },
    { marketedOnly: false, flagshipsOnly: false },
    ...q.regionCodes.map((regionCode) => ({ regionCode, grade: "BERKEMBANG" as const, marketedOnly: true })),
    { category: "MAKANAN", grade: "UNGGULAN", flagshipsOnly: true }
  ]
  const directoryFilters: ReadonlyArray<PesantrenDirectory.DirectoryFilter> = [
    {},
    ...(["UNVERIFIED", "VERIFIED", "SUSPENDED"] as const).map((status) => ({ status })),
    ...q.regionCodes.map((regionCode) => ({ regionCode })),
    ...q.nameParts.map((nameContains) => ({ nameContains })),
    ...q.regionCodes.map((regionCode) => ({ regionCode, status: "VERIFIED" as const, nameContains: "pondok" }))
  ]
  return [
    ...ask("catalogue search", filters, (s, filter) => ProductCatalogue.search(s.catalogue, filter), models.productCatalogue.search),
    ...ask("catalogue get", q.productIds, (s, id) => ProductCatalogue.get(s.catalogue, id), models.productCatalogue.get),
    ...ask("directory list", directoryFilters, (s, filter) => PesantrenDirectory.list(s.directory, filter), models.pesantrenDirectory.list),
    ...askPages(
      "catalogue pages of 1",
      filters,
      () => 1,
      (s, filter, request) => ProductCatalogue.searchPage(s.catalogue, filter, request),
      models.productCatalogue.searchPage
    ),
    ...askPages(
      "directory pages of 1",
      directoryFilters,
      () => 1,
      (s, filter, request) => PesantrenDirectory.listPage(s.directory, filter, request),
      models.pesantrenDirectory.listPage
    ),
    ...ask("directory get", q.nspps, (s, nspp) => PesantrenDirectory.get(s.directory, nspp), models.pesantrenDirectory.get),
    { label: "dashboard all", pure: (s) => KabupatenDashboard.all(s.dashboard), sql: models.kabupatenDashboard.all },
    { label: "dashboard province", pure: (s) => KabupatenDashboard.province(s.dashboard), sql: models.kabupatenDashboard.province },
    {
      label: "dashboards, province and regions at once",
      pure: (s) => ({ province: KabupatenDashboard.province(s.dashboard), regions: KabupatenDashboard.all(s.dashboard) }),
      sql: models.kabupatenDashboard.dashboards
    },
    ...ask("dashboard", q.regionCodes, (s, code) => KabupatenDashboard.forRegion(s.dashboard, code), models.kabupatenDashboard.forRegion),
    ...ask(
      "flagship targets",
      [2018, 2019, 2024, 2030, 2100].flatMap((throughYear) => [
        { throughYear },
        ...q.regionCodes.map((region) => ({ throughYear, region }))
      ]),
      (s, options) => FlagshipTargets.report(s.targets, options),
      models.flagshipTargets.report
    ),
    ...q.instants.flatMap((now) => [
      ...ask(
        `expiring on ${new Date(now).toISOString()} within days`,
        windows,
        (s, days) => ExpiringCertificates.expiringWithin(s.certificates, now, days),
        (days) => models.expiringCertificates.expiringWithin(now, days)
      ),
      {
        label: `lapsed on ${new Date(now).toISOString()}`,
        pure: (s: PureStates) => ExpiringCertificates.lapsed(s.certificates, now),
        sql: models.expiringCertificates.lapsed(new Date(now))
      }
    ])
  ]
}

/**
 * Runs `history` through the command handlers on a fresh PostgreSQL store: its first `before`
 * commands before the runner starts (the projections catch up on them), the rest while it runs
 * (they follow live). Then every SQL query must answer exactly what the pure read model answers
 * for the events the store holds, after a reset what it answers for no events, and after each
 * projection is rebuilt from scratch the same as before. Returns the events and the pure states,
 * for checks of their own.
 */
const agree = agreeOn({
  database,
  schema: "opop_sql",
  models: SqlReadModels.make,
  send: sendAll,
  events: storedEvents(OpopEvent.codec, OpopEvent.categories),
  pure: folded(pureStates),
  comparisons: probes
})

/** The kabupaten/kota of the registered pesantren, and one with none. */
const regionsOf = (events: ReadonlyArray<OpopEvent.OpopEvent>): ReadonlyArray<Region.RegionCode> => {
  const used = new Set(events.flatMap((e) => (e._tag === "PesantrenRegistered" ? [e.regionCode] : [])))
  return [...used, Region.codes.find((code) => !used.has(code))!]
}

// ---------------------------------------------------------------------------------------------
// Random histories

/** Three random worlds on the pool, as the pure read models' property uses, and how they interleave. */
const histories = fc.record({
  pesantren: steps(Arbitraries.pesantrenCommand(), 20, () => Arbitraries.pesantrenOnboarding()),
  products: steps(Arbitraries.productCommand(), 25, (today) => Arbitraries.productOnboarding(undefined, today)),
  santri: steps(Arbitraries.santripreneurCommand(), 12),
  interleaving: fc.array(fc.nat(), { maxLength: 200 }),
  /** The share of the history stored before the runner starts. */
  before: fc.double({ min: 0, max: 1, noNaN: true })
})

type History = typeof histories extends fc.Arbitrary<infer H> ? H : never

const timed = <C>(world: { readonly start: number; readonly steps: ReadonlyArray<{ readonly command: C; readonly advance: number }> }) => {
  let at = world.start
  return world.steps.map((step) => {
    at += step.advance
    return { command: step.command, at }
  })
}

/** One global order of the three worlds' commands, each world's order kept, chosen by `choices`. */
const interleaved = (h: History): ReadonlyArray<Timed> =>
  interleave(
    [
      timed(h.pesantren).map((s): Timed => ({ stream: "pesantren", ...s })),
      timed(h.products).map((s): Timed => ({ stream: "product", ...s })),
      timed(h.santri).map((s): Timed => ({ stream: "santripreneur", ...s }))
    ],
    h.interleaving
  )

describe("SQL read models on PostgreSQL", () => {
  it("answer exactly what the pure read models answer, for random histories through the command handlers, also after a rebuild", async () => {
    let productsSeen = 0
    let certificatesSeen = 0
    let flagshipsSeen = 0
    await fc.assert(
      fc.asyncProperty(histories, async (h) => {
        const history = interleaved(h)
        const end = Math.max(...history.map((t) => t.at))
        const day = 86_400_000
        const { events } = await Effect.runPromise(
          agree(history, {
            before: Math.floor(h.before * history.length),
            refusals: "skip",
            questions: (stored) => ({
              regionCodes: regionsOf(stored),
              nspps: [...Arbitraries.defaultPool.nspps, Identifier.Nspp.make("510035990009")],
              productIds: [...Arbitraries.defaultPool.productIds, ProductId.ProductId.make("tidak-ada")],
              nameParts: ["pondok", "AL", "", "tidak ada"],
              instants: [h.products.start, end - 200 * day, end, end + 400 * day]
            })
          })
        )
        productsSeen += events.filter((e) => e._tag === "ProductProposed").length
        certificatesSeen += events.filter((e) => e._tag === "CertificateAdded").length
        flagshipsSeen += events.filter((e) => e._tag === "FlagshipDesignated").length
      }),
      // Each run creates a store and four read models on the real server, sends up to ~80 commands
      // through the command handlers and puts ~150 queries, three times (live, reset, rebuilt), to
      // PostgreSQL: close to a second a run. 8 runs keep the file well under 30 s; the pure read
      // models' own property (ReadModels.property.spec.ts) covers 1,000 histories in memory.
      { numRuns: 8 }
    )
    // The histories reached what the read models are about (not only refusals).
    expect(productsSeen).toBeGreaterThan(0)
    expect(certificatesSeen).toBeGreaterThan(0)
    expect(flagshipsSeen).toBeGreaterThan(0)
  }, 60_000)
})

// ---------------------------------------------------------------------------------------------
// A history written out, with answers known in advance

const at = (iso: string) => new Date(iso).getTime()
const date = CalendarDate.unsafeMake
const lirboyo = Identifier.Nspp.make("510035060003")
const lirboyoAdmin: Actor.Actor = Actor.PesantrenAdmin.make({ nspp: lirboyo })
const keripik = ProductId.ProductId.make("keripik-tempe")
const kopi = ProductId.ProductId.make("kopi-arabika")
const batik = ProductId.ProductId.make("batik-tulis")
const sarung = ProductId.ProductId.make("sarung-tenun")
const halal = Identifier.HalalCertificateNumber.make("ID35110000123450922")
const bpom = Identifier.BpomNumber.make("MD224513001234")
const kopiHalal = Identifier.HalalCertificateNumber.make("ID35780000999990001")
/** Issued 1 July 2019: valid 5 years, through 30 June 2024. */
const pirt = Identifier.PirtNumber.make("206357801000424")
/** The keripik's halal certificate (valid until 21 June 2024) and BPOM registration, the kopi's halal certificate. */
const keripikHalal = Certificate.Halal.make({ number: halal, issuedOn: date("2023-03-01"), validUntil: date("2024-06-21") })
const keripikBpom = Certificate.Bpom.make({ number: bpom, issuedOn: date("2023-05-01"), validUntil: date("2028-04-30") })
const kopiHalalCertificate = Certificate.Halal.make({ number: kopiHalal, issuedOn: date("2024-01-01"), validUntil: date("2028-12-31") })

const pesantren = (command: PesantrenCommand.PesantrenCommand, when: string): Timed => ({ stream: "pesantren", at: at(when), command })
const product = (command: ProductCommand.ProductCommand, when: string): Timed => ({ stream: "product", at: at(when), command })
const santri = (command: SantripreneurCommand.SantripreneurCommand, when: string): Timed => ({
  stream: "santripreneur",
  at: at(when),
  command
})

const propose = (
  actor: Actor.Actor,
  productId: ProductId.ProductId,
  owner: Identifier.Nspp,
  name: string,
  category: ProductCategory.ProductCategory,
  when: string
) =>
  product(
    new ProductCommand.ProposeProduct({
      actor,
      productId,
      nspp: owner,
      pesantren: standing(owner),
      name,
      category,
      description: "Produk unggulan pesantren",
      unitPrice: Rupiah.unsafeMake(35_000),
      monthlyCapacity: 1_500
    }),
    when
  )

/** The certificate added to `productId`'s file by `actor`, at `when`. */
const certify = (
  actor: Actor.Actor,
  productId: ProductId.ProductId,
  certificate: ProductCommand.AddCertificate["certificate"],
  when: string
) => product(new ProductCommand.AddCertificate({ actor, productId, certificate }), when)

/** Tebuireng (Jombang), Al-Hikmah (Surabaya), Lirboyo (Kediri): their products, certificates, flagships and santri. */
const example: ReadonlyArray<Timed> = [
  pesantren(new PesantrenCommand.RegisterPesantren({ actor: admin, ...tebuireng }), "2024-01-08T02:00:00Z"),
  pesantren(new PesantrenCommand.LinkKopontren({ actor: admin, nspp, nik }), "2024-01-09T02:00:00Z"),
  pesantren(new PesantrenCommand.VerifyPesantren({ actor: dinas, nspp }), "2024-01-10T02:00:00Z"),
  pesantren(
    new PesantrenCommand.RegisterPesantren({
      actor: otherAdmin,
      nspp: otherNspp,
      name: "Pondok Pesantren Al-Hikmah",
      regionCode: "35.78",
      pengasuh: "KH. Mahfudz",
      santriCount: 800
    }),
    "2024-01-11T02:00:00Z"
  ),
  pesantren(new PesantrenCommand.LinkKopontren({ actor: otherAdmin, nspp: otherNspp, nik: otherNik }), "2024-01-12T02:00:00Z"),
  pesantren(new PesantrenCommand.VerifyPesantren({ actor: dinas, nspp: otherNspp }), "2024-01-13T02:00:00Z"),
  pesantren(
    new PesantrenCommand.RegisterPesantren({
      actor: lirboyoAdmin,
      nspp: lirboyo,
      name: "Pondok Pesantren Lirboyo",
      regionCode: "35.06",
      pengasuh: "KH. Anwar Manshur",
      santriCount: 12000
    }),
    "2024-01-14T02:00:00Z"
  ),
  propose(admin, keripik, nspp, "Keripik Tempe Santri", "MAKANAN", "2024-02-01T02:00:00Z"),
  certify(admin, keripik, keripikHalal, "2024-02-02T02:00:00Z"),
  certify(admin, keripik, keripikBpom, "2024-02-02T03:00:00Z"),
  product(new ProductCommand.SubmitProductForCuration({ actor: admin, productId: keripik }), "2024-02-03T02:00:00Z"),
  product(new ProductCommand.ScoreProduct({ actor: curator, productId: keripik, scores: scoresTotalling(17) }), "2024-02-10T02:00:00Z"),
  product(new ProductCommand.MarketProduct({ actor: admin, productId: keripik, channel: "OPOP_MART" }), "2024-02-11T02:00:00Z"),
  product(new ProductCommand.MarketProduct({ actor: admin, productId: keripik, channel: "MARKETPLACE" }), "2024-02-11T03:00:00Z"),
  propose(admin, batik, nspp, "Batik Tulis Al-Hikmah", "KERAJINAN", "2024-02-05T02:00:00Z"),
  product(new ProductCommand.SubmitProductForCuration({ actor: admin, productId: batik }), "2024-02-06T02:00:00Z"),
  product(new ProductCommand.ScoreProduct({ actor: curator, productId: batik, scores: scoresTotalling(13) }), "2024-02-12T02:00:00Z"),
  pesantren(
    new PesantrenCommand.DesignateFlagship({ actor: admin, nspp, candidate: candidate(batik, "BERKEMBANG") }),
    "2024-02-13T02:00:00Z"
  ),
  // Tebuireng replaces its flagship: the batik is retired in the same append.
  pesantren(
    new PesantrenCommand.DesignateFlagship({ actor: admin, nspp, candidate: candidate(keripik, "UNGGULAN"), retiring: batik }),
    "2024-03-01T02:00:00Z"
  ),
  propose(otherAdmin, kopi, otherNspp, "Kopi Arabika Ijen", "MINUMAN", "2024-02-07T02:00:00Z"),
  certify(otherAdmin, kopi, kopiHalalCertificate, "2024-02-08T02:00:00Z"),
  certify(otherAdmin, kopi, { _tag: "PIRT", number: pirt, issuedOn: date("2019-07-01") }, "2024-02-08T03:00:00Z"),
  product(new ProductCommand.SubmitProductForCuration({ actor: otherAdmin, productId: kopi }), "2024-02-09T02:00:00Z"),
  product(new ProductCommand.ScoreProduct({ actor: curator, productId: kopi, scores: scoresTotalling(14) }), "2024-02-15T02:00:00Z"),
  product(new ProductCommand.MarketProduct({ actor: otherAdmin, productId: kopi, channel: "KATALOG_OPOP" }), "2024-02-16T02:00:00Z"),
  pesantren(
    new PesantrenCommand.DesignateFlagship({ actor: otherAdmin, nspp: otherNspp, candidate: candidate(kopi, "BERKEMBANG", otherNspp) }),
    "2024-02-17T02:00:00Z"
  ),
  // The Dinas revokes the kopi's halal certificate: it leaves every channel.
  product(
    new ProductCommand.RevokeCertificate({
      actor: dinas,
      productId: kopi,
      kind: "HALAL",
      number: kopiHalal,
      reason: "Audit halal tidak lulus"
    }),
    "2024-04-01T02:00:00Z"
  ),
  pesantren(
    new PesantrenCommand.SuspendPesantren({ actor: dinas, nspp: otherNspp, reason: "Laporan keuangan Kopontren belum diserahkan" }),
    "2024-04-02T02:00:00Z"
  ),
  propose(lirboyoAdmin, sarung, lirboyo, "Sarung Tenun Lirboyo", "FASHION", "2024-03-05T02:00:00Z"),
  santri(
    new SantripreneurCommand.EnrollSantripreneur({
      actor: admin,
      santriId: SantriId.SantriId.make("santri-001"),
      nspp,
      name: "Ahmad Fauzi"
    }),
    "2024-02-20T02:00:00Z"
  ),
  santri(
    new SantripreneurCommand.RecordTraining({ actor: admin, santriId: SantriId.SantriId.make("santri-001"), topic: "KEWIRAUSAHAAN" }),
    "2024-02-21T02:00:00Z"
  ),
  santri(
    new SantripreneurCommand.StartVenture({
      actor: admin,
      santriId: SantriId.SantriId.make("santri-001"),
      ventureName: "Warung Kopi Santri",
      category: "MINUMAN"
    }),
    "2024-03-21T02:00:00Z"
  ),
  santri(
    new SantripreneurCommand.EnrollSantripreneur({
      actor: admin,
      santriId: SantriId.SantriId.make("santri-002"),
      nspp,
      name: "Siti Nurhaliza"
    }),
    "2024-02-22T02:00:00Z"
  )
]

/** 1 June 2024, 10:00 WIB. */
const june = at("2024-06-01T03:00:00Z")

describe("SQL read models on PostgreSQL, a written-out history", () => {
  it("answer what the pure read models answer, which is what the history says", async () => {
    const { states } = await Effect.runPromise(
      agree(example, {
        before: 20,
        refusals: "fail",
        questions: (events) => ({
          regionCodes: regionsOf(events),
          nspps: [nspp, otherNspp, lirboyo, Identifier.Nspp.make("510035990009")],
          productIds: [keripik, kopi, batik, sarung, ProductId.ProductId.make("tidak-ada")],
          nameParts: ["pondok", "LIRBOYO", "hikmah", "", "tidak ada"],
          instants: [june, at("2024-06-21T16:59:59Z"), at("2024-06-21T17:00:00Z"), at("2030-01-01T00:00:00Z")]
        })
      })
    )
    // The SQL models agreed with these; pin a few answers so the agreement is about something.
    expect(
      ProductCatalogue.search(states.catalogue, { category: "MAKANAN", grade: "UNGGULAN", regionCode: "35.17" }).map((e) => [
        e.productId,
        e.flagship,
        e.channels
      ])
    ).toEqual([[keripik, true, ["OPOP_MART", "MARKETPLACE"]]])
    expect(ProductCatalogue.search(states.catalogue, { marketedOnly: true }).map((e) => e.productId)).toEqual([keripik])
    expect(PesantrenDirectory.list(states.directory).map((e) => [e.name, e.status, e.flagship])).toEqual([
      ["Pondok Pesantren Al-Hikmah", "SUSPENDED", kopi],
      ["Pondok Pesantren Lirboyo", "UNVERIFIED", undefined],
      ["Pondok Pesantren Tebuireng", "VERIFIED", keripik]
    ])
    const jombang = KabupatenDashboard.forRegion(states.dashboard, "35.17")
    expect([
      jombang.products.total,
      jombang.products.byGrade.UNGGULAN,
      jombang.activeFlagships,
      jombang.santripreneurs.withVenture
    ]).toEqual([2, 1, 1, 1])
    expect(ExpiringCertificates.expiringWithin(states.certificates, june, 30).map((c) => [c.productId, c.kind, c.daysLeft])).toEqual([
      [keripik, "HALAL", 20],
      [kopi, "PIRT", 29]
    ])
  }, 30_000)
})
