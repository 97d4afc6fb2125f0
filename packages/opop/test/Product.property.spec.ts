import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { CalendarDate } from "@jatim/kernel"
import { Certificate, type Curation, Product, ProductCategory, type ProductEvent } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { documentedAllows } from "./authorizationTable.js"
import { expectStreamsSurviveTheStore, runProducts, steps } from "./world.js"

const world = steps(Arbitraries.productCommand(), 40, (today) => Arbitraries.productOnboarding(undefined, today))

/** What a product is, read from its events by the test alone (not by evolve). */
interface Oracle {
  category: ProductCategory.ProductCategory | undefined
  status: "NONE" | "PROPOSED" | "IN_CURATION" | "CURATED"
  grade: Curation.Grade | undefined
  inForce: Map<string, Certificate.Certificate>
  channels: Set<string>
}

const certificatesMet = (oracle: Oracle, day: CalendarDate.CalendarDate): boolean => {
  if (oracle.category === undefined || !ProductCategory.isFoodOrDrink(oracle.category)) return true
  const valid = [...oracle.inForce.values()].filter((c) => Certificate.isValidOn(c, day))
  return valid.some((c) => c._tag === "HALAL") && valid.some((c) => c._tag === "PIRT" || c._tag === "BPOM")
}

const hasLapsed = (oracle: Oracle, day: CalendarDate.CalendarDate) =>
  [...oracle.inForce.values()].some((c) => Certificate.hasLapsedOn(c, day))

/** Replays a stream's events, checking at each what must have held when it was decided on `dayOf(index)`. */
const replay = (log: ReadonlyArray<ProductEvent.ProductEvent>, dayOf: (index: number) => CalendarDate.CalendarDate): Oracle => {
  const oracle: Oracle = { category: undefined, status: "NONE", grade: undefined, inForce: new Map(), channels: new Set() }
  log.forEach((event, index) => {
    const day = dayOf(index)
    switch (event._tag) {
      case "ProductProposed":
        oracle.category = event.category
        oracle.status = "PROPOSED"
        break
      case "ProductSubmittedForCuration":
        expect(oracle.channels.size, "curated again while on the market").toBe(0)
        oracle.status = "IN_CURATION"
        oracle.grade = undefined
        break
      case "ProductCurated":
        // Grades are consistent with scores.
        expect(oracle.status).toBe("IN_CURATION")
        expect(event.total).toBe(Object.values(event.scores).reduce((a, b) => a + b, 0))
        expect(event.grade).toBe(event.total >= 16 ? "UNGGULAN" : event.total >= 12 ? "BERKEMBANG" : "PEMULA")
        if (event.grade !== "PEMULA") expect(certificatesMet(oracle, day), "graded market-ready without certificates").toBe(true)
        oracle.status = "CURATED"
        oracle.grade = event.grade
        break
      case "CertificateAdded":
        expect(Certificate.isValidOn(event.certificate, day)).toBe(true)
        oracle.inForce.set(`${event.certificate._tag} ${event.certificate.number}`, event.certificate)
        break
      case "CertificateRevoked":
      case "CertificateExpired":
        expect(oracle.inForce.delete(`${event.kind} ${event.number}`)).toBe(true)
        break
      case "ProductMarketed":
        // Nothing is marketed without a market-ready grade and, for food and drink, valid certificates.
        expect(oracle.status).toBe("CURATED")
        expect(oracle.grade === "BERKEMBANG" || oracle.grade === "UNGGULAN").toBe(true)
        expect(certificatesMet(oracle, day), "marketed without valid certificates").toBe(true)
        oracle.channels.add(event.channel)
        break
      case "ProductWithdrawnFromMarket":
        expect(oracle.channels.delete(event.channel)).toBe(true)
        break
    }
  })
  return oracle
}

describe("Product, for any command sequence", () => {
  it("grades follow scores, and nothing is graded market-ready or marketed without valid certificates", () => {
    fc.assert(
      fc.property(world, (w) => {
        const days = new Map<string, Array<CalendarDate.CalendarDate>>()
        runProducts(w, ({ after, at, command, error, events, log, streamName }) => {
          const day = CalendarDate.fromEpochMillis(at)
          const decidedOn = [...(days.get(streamName) ?? []), ...events.map(() => day)]
          days.set(streamName, decidedOn)
          const oracle = replay(log, (index) => decidedOn[index]!)
          // The decider's state agrees with the oracle.
          expect(Product.currentGrade(after)).toBe(oracle.status === "CURATED" ? oracle.grade : undefined)
          expect(after._tag === "Proposed" ? new Set(after.channels) : new Set()).toEqual(oracle.channels)
          // On the market: the rule holds now, unless a certificate lapsed and its expiry is not recorded yet.
          if (oracle.channels.size > 0) expect(certificatesMet(oracle, day) || hasLapsed(oracle, day)).toBe(true)
          // After a revocation, an expiry sweep or a marketing decision the rule holds strictly.
          if (events.length > 0 && ["RevokeCertificate", "ExpireCertificates", "MarketProduct"].includes(command._tag)) {
            if (oracle.channels.size > 0) expect(certificatesMet(oracle, day)).toBe(true)
          }
          if (command._tag === "ExpireCertificates" && error === undefined) expect(hasLapsed(oracle, day)).toBe(false)
        })
      })
    )
  })

  it("the sequences reach the cases that matter: food graded market-ready, marketing, refusals, withdrawals by the rule", () => {
    const seen = { marketed: 0, withdrawnByRevocation: 0, withdrawnByExpiry: 0, curatedFoodReady: 0, refusedForCertificates: 0 }
    for (const w of fc.sample(world, { numRuns: 500, seed: 20190807 })) {
      runProducts(w, ({ after, command, error, events }) => {
        const withdrawn = events.some((e) => e._tag === "ProductWithdrawnFromMarket")
        if (events.some((e) => e._tag === "ProductMarketed")) seen.marketed++
        if (withdrawn && command._tag === "RevokeCertificate") seen.withdrawnByRevocation++
        if (withdrawn && command._tag === "ExpireCertificates") seen.withdrawnByExpiry++
        if (
          events.some((e) => e._tag === "ProductCurated" && e.grade !== "PEMULA") &&
          after._tag === "Proposed" &&
          ProductCategory.isFoodOrDrink(after.category)
        )
          seen.curatedFoodReady++
        if (error?._tag === "CertificationRequired") seen.refusedForCertificates++
      })
    }
    expect(seen.marketed).toBeGreaterThan(50)
    expect(seen.withdrawnByRevocation).toBeGreaterThan(0)
    expect(seen.withdrawnByExpiry).toBeGreaterThan(0)
    expect(seen.curatedFoodReady).toBeGreaterThan(20)
    expect(seen.refusedForCertificates).toBeGreaterThan(20)
  })

  it("authorization: a product's commands succeed only for the actors the table admits", () => {
    fc.assert(
      fc.property(world, (w) => {
        runProducts(w, ({ before, command, error, events }) => {
          const owner = command._tag === "ProposeProduct" ? command.nspp : before._tag === "Proposed" ? before.nspp : undefined
          if (owner === undefined) return expect(error?._tag).toBe("ProductNotFound")
          const allowed = documentedAllows(command._tag, command.actor, owner)
          // A product the actor may not know of answers as one that does not exist (adr/0014).
          const hidden = command._tag !== "ProposeProduct" && before._tag === "Proposed" && !Product.canSee(command.actor, before)
          if (!allowed) expect(error?._tag).toBe(hidden ? "ProductNotFound" : "ActorNotAuthorized")
          if (events.length > 0) expect(allowed).toBe(true)
        })
      })
    )
  })

  it("every event decided survives the store's codec, and the stream read back folds to the state decided", () => {
    fc.assert(fc.property(world, (w) => expectStreamsSurviveTheStore(Product, runProducts, w)))
  })
})
