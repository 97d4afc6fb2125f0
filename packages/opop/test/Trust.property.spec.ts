/**
 * Trust (adr/0014), for all inputs: commands by another pesantren's admin never succeed; a
 * forged flagship candidate never designates; a revoked certificate number never comes back
 * into force; a product is never proposed for a pesantren its stream does not show registered
 * and unsuspended; and the read policies never show one pesantren's private data to another.
 */
import { describe, expect, it } from "vitest"
import { Exit, Option } from "effect"
import * as fc from "fast-check"
import type { Decider } from "@jatim/eventstore"
import { Actor, Identifier, Visibility } from "@jatim/kernel"
import {
  Curation,
  ExpiringCertificates,
  type FlagshipCandidate,
  KabupatenDashboard,
  type OpopEvent,
  Pesantren,
  PesantrenCommand,
  PesantrenDirectory,
  Product,
  ProductCatalogue,
  Santripreneur
} from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { decideAt, runPesantren, runProducts, runSantripreneurs, type StepReport, steps } from "./world.js"

const pool = Arbitraries.defaultPool
const otherThan = (nspp: Identifier.Nspp): Identifier.Nspp => pool.nspps.find((other) => other !== nspp)!
const otherAdmin = (nspp: Identifier.Nspp): Actor.Actor => Actor.PesantrenAdmin.make({ nspp: otherThan(nspp) })

const pesantrenWorld = steps(Arbitraries.pesantrenCommand(), 30, () => Arbitraries.pesantrenOnboarding())
const productWorld = steps(Arbitraries.productCommand(), 30, (today) => Arbitraries.productOnboarding(undefined, today))
const santriWorld = steps(Arbitraries.santripreneurCommand(), 20)

/**
 * The property that on the streams `run` decides, every command of a `world`, issued instead by the
 * admin of a pesantren other than its owner's (`ownerOf`), fails.
 */
const refusedToOtherAdmins =
  <W, C, E, S, Err>(
    world: fc.Arbitrary<W>,
    run: (world: W, onStep: (report: StepReport<C, E, S, Err>) => void) => unknown,
    decider: Decider.Decider<C, E, S, Err>,
    ownerOf: (command: C, before: S) => Identifier.Nspp
  ) =>
  () => {
    fc.assert(
      fc.property(world, (w) => {
        run(w, ({ at, before, command }) => {
          const exit = decideAt(decider, { ...command, actor: otherAdmin(ownerOf(command, before)) }, before, at)
          expect(Exit.isFailure(exit)).toBe(true)
        })
      })
    )
  }

describe("Trust: a command by the admin of another pesantren never succeeds", () => {
  it(
    "on pesantren streams",
    refusedToOtherAdmins(pesantrenWorld, runPesantren, Pesantren.decider, (command) => command.nspp)
  )

  it(
    "on product streams",
    refusedToOtherAdmins(productWorld, runProducts, Product.decider, (command, before) =>
      command._tag === "ProposeProduct" ? command.nspp : before._tag === "Proposed" ? before.nspp : pool.nspps[0]
    )
  )

  it(
    "on santripreneur streams",
    refusedToOtherAdmins(santriWorld, runSantripreneurs, Santripreneur.decider, (command, before) =>
      command._tag === "EnrollSantripreneur" ? command.nspp : before._tag === "Enrolled" ? before.nspp : pool.nspps[0]
    )
  )
})

/** A candidate of any facts the caller makes up: a plain object, or a frozen one (as a candidate `read` made is). */
const forgedCandidate = fc
  .record({
    productId: fc.constantFrom(...pool.productIds),
    nspp: fc.constantFrom(...pool.nspps),
    grade: fc.constantFrom(...Curation.grades),
    frozen: fc.boolean()
  })
  .map(({ frozen, ...facts }): unknown => (frozen ? Object.freeze(facts) : facts))

describe("Trust: a forged flagship candidate never designates", () => {
  it("whatever the pesantren's state, the facts and the actor", () => {
    const forged = fc.record({
      nspp: fc.constantFrom(...pool.nspps),
      candidate: forgedCandidate,
      retiring: fc.option(fc.constantFrom(...pool.productIds), { nil: undefined })
    })
    fc.assert(
      fc.property(pesantrenWorld, fc.array(forged, { minLength: 1, maxLength: 5 }), (w, attempts) => {
        const states = new Map<string, Pesantren.State>()
        runPesantren(w, ({ after, streamName }) => states.set(streamName, after))
        for (const { candidate, nspp, retiring } of attempts) {
          // The forgery under test, bypassing the command Schema (which refuses it) to reach decide itself.
          const command = new PesantrenCommand.DesignateFlagship(
            { actor: Actor.PesantrenAdmin.make({ nspp }), nspp, candidate: candidate as FlagshipCandidate.FlagshipCandidate, retiring },
            true
          )
          const state = states.get(Pesantren.streamName(nspp)) ?? Pesantren.initialState
          const exit = decideAt(Pesantren.decider, command, state, w.start)
          expect(Exit.isFailure(exit)).toBe(true)
          if (Exit.isFailure(exit)) expect(JSON.stringify(exit.cause)).toContain("FlagshipCandidateUnverified")
        }
      })
    )
  })
})

describe("Trust: a product's facts from other streams", () => {
  it("a revoked certificate number never comes back into force, and re-adding it is refused", () => {
    let refused = 0
    fc.assert(
      fc.property(productWorld, (w) => {
        runProducts(w, ({ after, error, log }) => {
          const revoked = new Set<string>()
          for (const event of log) {
            if (event._tag === "CertificateRevoked") revoked.add(`${event.kind} ${event.number}`)
            if (event._tag === "CertificateAdded") {
              expect(revoked.has(`${event.certificate._tag} ${event.certificate.number}`), "a revoked number added again").toBe(false)
            }
          }
          if (after._tag === "Proposed") {
            for (const certificate of Product.certificatesInForce(after)) {
              expect(revoked.has(`${certificate._tag} ${certificate.number}`), "a revoked number in force").toBe(false)
            }
          }
          if (error?._tag === "CertificateNumberRevoked") refused++
        })
      })
    )
    expect(refused).toBeGreaterThan(0)
  })

  it("a product is proposed only for a pesantren its stream shows registered and not suspended", () => {
    const seen = { proposed: 0, refused: 0 }
    fc.assert(
      fc.property(productWorld, (w) => {
        runProducts(w, ({ command, error, events }) => {
          if (command._tag !== "ProposeProduct") return
          if (events.length > 0) {
            seen.proposed++
            expect(command.pesantren.nspp).toBe(command.nspp)
            expect(command.pesantren.registered).toBe(true)
            expect(command.pesantren.suspension).toBeUndefined()
          }
          if (
            error !== undefined &&
            ["ProposalPesantrenNotRegistered", "ProposalPesantrenSuspended", "PesantrenStandingUnverified"].includes(error._tag)
          ) {
            seen.refused++
          }
        })
      })
    )
    expect(seen.proposed).toBeGreaterThan(0)
    expect(seen.refused).toBeGreaterThan(0)
  })
})

/** Every viewer that could ask: the pool's admins, an outsider admin, Dinas, curator, others, and anonymous. */
const askers: ReadonlyArray<Visibility.Viewer> = [
  ...pool.nspps.map((nspp) => Actor.PesantrenAdmin.make({ nspp })),
  Actor.PesantrenAdmin.make({ nspp: Identifier.Nspp.make("510035990009") }),
  Actor.DinasOfficer.make({ officerId: "dinas-01" }),
  Actor.Curator.make({ curatorId: "kurator-01" }),
  Actor.KoperasiAdmin.make({ nik: pool.niks[0] }),
  Actor.Learner.make({ learnerId: "learner-1" }),
  Visibility.anonymous
]

const actsFor = (actor: Visibility.Viewer, nspp: Identifier.Nspp | undefined) =>
  actor._tag === "DINAS_OFFICER" || (actor._tag === "PESANTREN_ADMIN" && actor.nspp === nspp)

describe("Trust: read policies never show another pesantren's private data", () => {
  const worlds = fc.record({ pesantren: pesantrenWorld, products: productWorld, santri: santriWorld })

  it("catalogue, directory, santri records, expiring certificates and dashboards, for every viewer (anonymous included)", () => {
    fc.assert(
      fc.property(worlds, (w) => {
        const logs: Array<OpopEvent.OpopEvent> = []
        const santri = new Map<string, Santripreneur.State>()
        for (const log of runPesantren(w.pesantren).values()) logs.push(...log)
        for (const log of runProducts(w.products).values()) logs.push(...log)
        for (const log of runSantripreneurs(w.santri, (r) => santri.set(r.streamName, r.after)).values()) {
          logs.push(...log)
        }
        const catalogue = ProductCatalogue.applyAll(ProductCatalogue.initialState, logs)
        const directory = PesantrenDirectory.applyAll(PesantrenDirectory.initialState, logs)
        const certificates = ExpiringCertificates.applyAll(ExpiringCertificates.initialState, logs)
        const dashboard = KabupatenDashboard.applyAll(KabupatenDashboard.initialState, logs)
        for (const actor of askers) {
          const products = ProductCatalogue.searchFor(catalogue, actor)
          for (const entry of ProductCatalogue.search(catalogue)) {
            const seen = Option.isSome(ProductCatalogue.visibleTo(actor, entry))
            const isPublic = entry.status === "CURATED" || entry.channels.length > 0
            const curating = actor._tag === "CURATOR" && entry.status === "IN_CURATION"
            expect(seen).toBe(isPublic || actsFor(actor, entry.nspp) || curating)
            expect(products.some((p) => p.productId === entry.productId)).toBe(seen)
          }
          for (const entry of PesantrenDirectory.listFor(directory, actor)) {
            if (!actsFor(actor, entry.nspp)) expect(entry.pengasuh).toBeUndefined()
            else expect(entry.pengasuh).toBe(PesantrenDirectory.get(directory, entry.nspp)?.pengasuh)
          }
          for (const state of santri.values()) {
            const record = Santripreneur.summary(state)
            if (Option.isNone(record)) continue
            expect(Option.isSome(Santripreneur.visibleTo(actor, record.value))).toBe(actsFor(actor, record.value.nspp))
          }
          for (const entry of ExpiringCertificates.expiringWithin(certificates, w.products.start, Infinity)) {
            expect(Option.isSome(ExpiringCertificates.visibleTo(actor, entry))).toBe(actsFor(actor, entry.nspp))
          }
          expect(KabupatenDashboard.visibleTo(actor, KabupatenDashboard.province(dashboard))).toEqual(
            Option.some(KabupatenDashboard.province(dashboard))
          )
        }
        // Anonymous sees exactly what a stranger with a token (an outsider pesantren's admin) sees.
        const stranger = Actor.PesantrenAdmin.make({ nspp: Identifier.Nspp.make("510035990009") })
        expect(ProductCatalogue.searchFor(catalogue, Visibility.anonymous)).toEqual(ProductCatalogue.searchFor(catalogue, stranger))
        expect(PesantrenDirectory.listFor(directory, Visibility.anonymous)).toEqual(PesantrenDirectory.listFor(directory, stranger))
      }),
      { numRuns: 60 }
    )
  })

  it("a product not public yet is seen by no other pesantren's admin, nor anonymously", () => {
    fc.assert(
      fc.property(productWorld, (w) => {
        const logs = [...runProducts(w).values()].flat()
        const catalogue = ProductCatalogue.applyAll(ProductCatalogue.initialState, logs)
        for (const entry of ProductCatalogue.search(catalogue)) {
          if (entry.status === "CURATED" || entry.channels.length > 0) continue
          expect(ProductCatalogue.visibleTo(otherAdmin(entry.nspp), entry)).toEqual(Option.none())
          expect(ProductCatalogue.visibleTo(Visibility.anonymous, entry)).toEqual(Option.none())
        }
      })
    )
  })
})
