import { describe, expect, it } from "vitest"
import { Schema } from "effect"
import * as fc from "fast-check"
import type { Identifier } from "@jatim/kernel"
import { CalendarDate } from "@jatim/kernel"
import {
  Curation,
  ExpiringCertificates,
  KabupatenDashboard,
  type OpopEvent,
  type Pesantren,
  PesantrenDirectory,
  Product,
  ProductCatalogue,
  ProductCategory,
  type Santripreneur
} from "../src/index.js"
import { Histories } from "@jatim/testing"
import { Arbitraries } from "../src/testing.js"
import { runPesantren, runProducts, runSantripreneurs, steps } from "./world.js"

/** Three worlds on the same pool (pesantren, products, santri), decided separately as their streams are. */
const worlds = fc.record({
  pesantren: steps(Arbitraries.pesantrenCommand(), 25, () => Arbitraries.pesantrenOnboarding()),
  products: steps(Arbitraries.productCommand(), 25, (today) => Arbitraries.productOnboarding(undefined, today)),
  santri: steps(Arbitraries.santripreneurCommand(), 15),
  /** How the streams' events interleave in the global order. */
  interleaving: fc.array(fc.nat(), { maxLength: 300 }),
  otherInterleaving: fc.array(fc.nat(), { maxLength: 300 })
})

/** One global order of per-stream logs, each stream's order kept, chosen by `choices`. */
const interleave = (logs: ReadonlyArray<ReadonlyArray<OpopEvent.OpopEvent>>, choices: ReadonlyArray<number>) =>
  Histories.interleave<OpopEvent.OpopEvent>(logs, choices)

type Worlds = typeof worlds extends fc.Arbitrary<infer W> ? W : never

const run = (w: Worlds) => {
  const pesantren = new Map<string, Pesantren.State>()
  const products = new Map<string, Product.State>()
  const santri = new Map<string, Santripreneur.State>()
  const pesantrenLogs = runPesantren(w.pesantren, (r) => pesantren.set(r.streamName, r.after))
  const productLogs = runProducts(w.products, (r) => products.set(r.streamName, r.after))
  const santriLogs = runSantripreneurs(w.santri, (r) => santri.set(r.streamName, r.after))
  const logs = [...pesantrenLogs.values(), ...productLogs.values(), ...santriLogs.values()]
  const registered = [...pesantren.values()].flatMap((s) => (s._tag === "Registered" ? [s] : []))
  const proposed = [...products.values()].flatMap((s) => (s._tag === "Proposed" ? [s] : []))
  const enrolled = [...santri.values()].flatMap((s) => (s._tag === "Enrolled" ? [s] : []))
  return { logs, registered, proposed, enrolled, end: w.products.start + w.products.steps.reduce((t, s) => t + s.advance, 0) }
}

/** `value` encoded with `schema`, sent as JSON text, and decoded again. */
const overJson = <A, I>(schema: Schema.Schema<A, I>, value: A): A =>
  Schema.decodeUnknownSync(schema)(JSON.parse(JSON.stringify(Schema.encodeSync(schema)(value))))

const regionOf = (registered: ReadonlyArray<Pesantren.Registered>, nspp: Identifier.Nspp) =>
  registered.find((p) => p.nspp === nspp)?.regionCode

describe("Read models, for any OPOP history in any interleaving of its streams", () => {
  it("the product catalogue agrees with the product and pesantren streams, for every filter; entries round-trip through their Schema", () => {
    fc.assert(
      fc.property(worlds, fc.constantFrom(...ProductCategory.categories), fc.constantFrom(...Curation.grades), (w, category, grade) => {
        const { logs, proposed, registered } = run(w)
        const catalogue = ProductCatalogue.applyAll(ProductCatalogue.initialState, interleave(logs, w.interleaving))
        const other = ProductCatalogue.applyAll(ProductCatalogue.initialState, interleave(logs, w.otherInterleaving))
        const regionCode = registered[0]?.regionCode
        const filters: ReadonlyArray<ProductCatalogue.CatalogueFilter> = [
          {},
          { category },
          { grade },
          { regionCode },
          { marketedOnly: true },
          { flagshipsOnly: true }
        ]
        for (const filter of filters) {
          const expected = proposed
            .filter(
              (p) =>
                (filter.category === undefined || p.category === filter.category) &&
                (filter.grade === undefined || Product.currentGrade(p) === filter.grade) &&
                (filter.regionCode === undefined || regionOf(registered, p.nspp) === filter.regionCode) &&
                (filter.marketedOnly !== true || p.channels.length > 0) &&
                (filter.flagshipsOnly !== true || registered.some((r) => r.flagship === p.productId && r.nspp === p.nspp))
            )
            .map((p) => p.productId)
            .sort()
          const found = ProductCatalogue.search(catalogue, filter)
          expect(found.map((e) => e.productId).sort()).toEqual(expected)
          expect(ProductCatalogue.search(other, filter)).toEqual(found)
        }
        // The entries are what their Schema describes, and come back unchanged from JSON.
        const entries = ProductCatalogue.search(catalogue)
        expect(overJson(Schema.Array(ProductCatalogue.CatalogueEntry), entries)).toEqual(entries)
        for (const entry of entries) {
          expect(overJson(ProductCatalogue.CatalogueEntry, entry)).toStrictEqual(ProductCatalogue.get(catalogue, entry.productId))
        }
      })
    )
  })

  it("the directory and the dashboards agree with the streams; the kabupaten/kota add up to the province; entries and dashboards round-trip through their Schemas", () => {
    fc.assert(
      fc.property(worlds, (w) => {
        const { enrolled, logs, proposed, registered } = run(w)
        const events = interleave(logs, w.interleaving)
        const directory = PesantrenDirectory.applyAll(PesantrenDirectory.initialState, events)
        expect(
          PesantrenDirectory.list(directory)
            .map((e) => [e.nspp, e.verified, e.suspension !== undefined, e.flagship])
            .sort()
        ).toEqual(registered.map((p) => [p.nspp, p.verified, p.suspension !== undefined, p.flagship]).sort())
        const facts = KabupatenDashboard.applyAll(KabupatenDashboard.initialState, events)
        const dashboards = KabupatenDashboard.all(facts)
        const province = KabupatenDashboard.province(facts)
        const sum = (f: (d: KabupatenDashboard.Dashboard) => number) => dashboards.reduce((n, d) => n + f(d), 0)
        expect(sum((d) => d.pesantren.registered)).toBe(province.pesantren.registered)
        expect(sum((d) => d.products.total)).toBe(province.products.total)
        expect(sum((d) => d.products.marketed)).toBe(province.products.marketed)
        expect(sum((d) => d.santripreneurs.graduated)).toBe(province.santripreneurs.graduated)
        expect(sum((d) => d.activeFlagships)).toBe(province.activeFlagships)
        for (const d of dashboards) {
          const here = (nspp: Identifier.Nspp) => regionOf(registered, nspp) === d.regionCode
          const products = proposed.filter((p) => here(p.nspp))
          expect(d.pesantren.registered).toBe(registered.filter((p) => p.regionCode === d.regionCode).length)
          expect(d.products.total).toBe(products.length)
          expect(d.products.byGrade.UNGGULAN).toBe(products.filter((p) => Product.currentGrade(p) === "UNGGULAN").length)
          expect(d.products.marketed).toBe(products.filter((p) => p.channels.length > 0).length)
          expect(d.activeFlagships).toBe(registered.filter((p) => p.regionCode === d.regionCode && p.flagship !== undefined).length)
          expect(d.santripreneurs.graduated).toBe(enrolled.filter((s) => here(s.nspp) && s.graduated).length)
        }
        // The directory's entries and the dashboards are what their Schemas describe, and come back unchanged from JSON.
        const entries = PesantrenDirectory.list(directory)
        expect(overJson(Schema.Array(PesantrenDirectory.DirectoryEntry), entries)).toEqual(entries)
        for (const entry of entries) {
          expect(overJson(PesantrenDirectory.DirectoryEntry, entry)).toStrictEqual(PesantrenDirectory.get(directory, entry.nspp))
        }
        expect(overJson(KabupatenDashboard.Dashboard, province)).toEqual(province)
        expect(overJson(Schema.Array(KabupatenDashboard.Dashboard), dashboards)).toEqual(dashboards)
      })
    )
  })

  it("certificates expiring within N days are exactly the products' certificates in force with their last day in that window", () => {
    fc.assert(
      fc.property(worlds, fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 800 }), (w, offset, days) => {
        const { end, logs, proposed } = run(w)
        const now = end + offset * 86_400_000
        const today = CalendarDate.fromEpochMillis(now)
        const model = ExpiringCertificates.applyAll(ExpiringCertificates.initialState, interleave(logs, w.interleaving))
        const expected = proposed
          .flatMap((p) =>
            Product.certificatesInForce(p).flatMap((c) =>
              c.validUntil !== undefined && today <= c.validUntil && CalendarDate.daysBetween(today, c.validUntil) <= days
                ? [`${p.productId} ${c._tag} ${c.number} ${c.validUntil}`]
                : []
            )
          )
          .sort()
        const found = ExpiringCertificates.expiringWithin(model, now, days)
        expect(found.map((c) => `${c.productId} ${c.kind} ${c.number} ${c.validUntil}`).sort()).toEqual(expected)
        expect(found.map((c) => c.validUntil)).toEqual(found.map((c) => c.validUntil).sort())
        expect(found.every((c) => c.daysLeft >= 0 && c.daysLeft <= days)).toBe(true)
        expect(ExpiringCertificates.lapsed(model, now).every((c) => c.daysLeft < 0)).toBe(true)
      })
    )
  })
})

/** What a caller can ask each read model, as plain values: two states answer alike exactly when these are equal. */
const answers = (
  state: {
    readonly catalogue: ProductCatalogue.State
    readonly directory: PesantrenDirectory.State
    readonly dashboard: KabupatenDashboard.State
    readonly certificates: ExpiringCertificates.State
  },
  now: number
) => ({
  catalogue: ProductCatalogue.search(state.catalogue),
  directory: PesantrenDirectory.list(state.directory),
  dashboards: [KabupatenDashboard.province(state.dashboard), ...KabupatenDashboard.all(state.dashboard)],
  expiring: ExpiringCertificates.expiringWithin(state.certificates, now, Number.POSITIVE_INFINITY),
  lapsed: ExpiringCertificates.lapsed(state.certificates, now)
})

const applyEach = (state: Parameters<typeof answers>[0], events: ReadonlyArray<OpopEvent.OpopEvent>): Parameters<typeof answers>[0] => ({
  catalogue: ProductCatalogue.applyAll(state.catalogue, events),
  directory: PesantrenDirectory.applyAll(state.directory, events),
  dashboard: KabupatenDashboard.applyAll(state.dashboard, events),
  certificates: ExpiringCertificates.applyAll(state.certificates, events)
})

const empty: Parameters<typeof answers>[0] = {
  catalogue: ProductCatalogue.initialState,
  directory: PesantrenDirectory.initialState,
  dashboard: KabupatenDashboard.initialState,
  certificates: ExpiringCertificates.initialState
}

describe("Read models fold as values (adr/0076)", () => {
  it("however the events are batched, the read models answer the same; a state answers as before once later events are applied to it", () => {
    fc.assert(
      fc.property(worlds, fc.nat(), (w, cut) => {
        const { end, logs } = run(w)
        const events = interleave(logs, w.interleaving)
        const at = events.length === 0 ? 0 : cut % (events.length + 1)
        const [before, after] = [events.slice(0, at), events.slice(at)]
        const whole = applyEach(empty, events)
        const first = applyEach(empty, before)
        const answeredFirst = answers(first, end)
        const batched = applyEach(first, after)
        expect(answers(batched, end)).toEqual(answers(whole, end))
        // Event by event, as a projection applies them, the same again.
        const oneByOne = events.reduce((state, event) => applyEach(state, [event]), empty)
        expect(answers(oneByOne, end)).toEqual(answers(whole, end))
        // `first` was not changed by what was applied to it afterwards.
        expect(answers(first, end)).toEqual(answeredFirst)
      })
    )
  })
})
