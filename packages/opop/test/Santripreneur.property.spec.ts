import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Arbitraries } from "../src/testing.js"
import { documentedAllows } from "./authorizationTable.js"
import { runSantripreneurs, steps } from "./world.js"

const world = steps(Arbitraries.santripreneurCommand(), 40)

describe("Santripreneur, for any command sequence", () => {
  it("enrolled first, a venture only after training, graduation only with a venture, nothing after it", () => {
    fc.assert(
      fc.property(world, (w) => {
        runSantripreneurs(w, ({ before, command, error, events, log }) => {
          let enrolled = false
          let trainings = 0
          let venture = false
          let graduated = false
          for (const event of log) {
            expect(graduated, "an event after graduation").toBe(false)
            switch (event._tag) {
              case "SantripreneurEnrolled":
                expect(enrolled).toBe(false)
                enrolled = true
                break
              case "SantripreneurTrained":
                expect(enrolled).toBe(true)
                trainings++
                break
              case "VentureStarted":
                expect(trainings).toBeGreaterThan(0)
                expect(venture).toBe(false)
                venture = true
                break
              case "SantripreneurGraduated":
                expect(venture).toBe(true)
                graduated = true
                break
            }
          }
          const owner = command._tag === "EnrollSantripreneur" ? command.nspp : before._tag === "Enrolled" ? before.nspp : undefined
          if (events.length > 0 && owner !== undefined) expect(documentedAllows(command._tag, command.actor, owner)).toBe(true)
          if (error?._tag === "ActorNotAuthorized" && owner !== undefined) {
            expect(documentedAllows(command._tag, command.actor, owner)).toBe(false)
          }
        })
      })
    )
  })

  it("the sequences reach graduation", () => {
    let graduations = 0
    for (const w of fc.sample(world, { numRuns: 500, seed: 20190807 })) {
      runSantripreneurs(w, ({ events }) => {
        graduations += events.filter((e) => e._tag === "SantripreneurGraduated").length
      })
    }
    expect(graduations).toBeGreaterThan(20)
  })
})
