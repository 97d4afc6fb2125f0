import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Curation, Pesantren, type ProductId } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { documentedAllows } from "./authorizationTable.js"
import { expectStreamsSurviveTheStore, runPesantren, steps } from "./world.js"

const world = steps(Arbitraries.pesantrenCommand(), 40, () => Arbitraries.pesantrenOnboarding())

describe("Pesantren, for any command sequence", () => {
  it("One Pesantren One Product: at most one active flagship at every point of every stream", () => {
    fc.assert(
      fc.property(world, (w) => {
        runPesantren(w, ({ after, log }) => {
          // An oracle that reads the stream's events, independent of evolve.
          const active = new Set<ProductId.ProductId>()
          for (const event of log) {
            if (event._tag === "FlagshipDesignated") {
              expect(active.size, "a designation while another flagship is active").toBe(0)
              expect(Curation.isMarketReady(event.grade)).toBe(true)
              active.add(event.productId)
            } else if (event._tag === "FlagshipRetired") {
              expect(active.has(event.productId), "a retirement of a product that is not the active flagship").toBe(true)
              active.delete(event.productId)
            }
          }
          expect(active.size).toBeLessThanOrEqual(1)
          expect(Pesantren.activeFlagship(after)).toBe([...active][0])
        })
      })
    )
  })

  it("the sequences reach the cases that matter: designations, replacements and stale designations refused", () => {
    const seen = { designations: 0, replacements: 0, outdated: 0 }
    for (const w of fc.sample(world, { numRuns: 500, seed: 20190807 })) {
      runPesantren(w, ({ error, events }) => {
        if (events.some((e) => e._tag === "FlagshipDesignated")) seen.designations++
        if (events.some((e) => e._tag === "FlagshipRetired") && events.some((e) => e._tag === "FlagshipDesignated")) seen.replacements++
        if (error?._tag === "FlagshipDesignationOutdated") seen.outdated++
      })
    }
    expect(seen.designations).toBeGreaterThan(50)
    expect(seen.replacements).toBeGreaterThan(10)
    expect(seen.outdated).toBeGreaterThan(50)
  })

  it("every command that succeeds was issued by an actor the authorization table admits", () => {
    fc.assert(
      fc.property(world, (w) => {
        runPesantren(w, ({ command, error, events }) => {
          const allowed = documentedAllows(command._tag, command.actor, command.nspp)
          if (!allowed) expect(error?._tag).toBe("ActorNotAuthorized")
          if (error?._tag === "ActorNotAuthorized") expect(allowed).toBe(false)
          if (events.length > 0) expect(allowed).toBe(true)
        })
      })
    )
  })

  it("every event decided survives the store's codec, and the stream read back folds to the state decided", () => {
    fc.assert(fc.property(world, (w) => expectStreamsSurviveTheStore(Pesantren, runPesantren, w)))
  })
})
