import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { rssFromStatus } from "../src/host.js"
import { allCaughtUp, checkRegistrations, nsppSource, registeredOf } from "../src/hostCheck.js"

describe("nsppSource", () => {
  it("gives 12-digit NSPPs, unique, distinct between prefixes and from the demo's", () => {
    const a = nsppSource(1)
    const b = nsppSource(2)
    const all = [...Array.from({ length: 1000 }, a), ...Array.from({ length: 1000 }, b)]
    expect(new Set(all).size).toBe(2000)
    for (const nspp of all) expect(nspp).toMatch(/^9\d{11}$/)
    expect(all[0]).toBe("901000000001")
  })

  it("refuses a prefix outside 0 to 99", () => {
    expect(() => nsppSource(100)).toThrow(RangeError)
    expect(() => nsppSource(-1)).toThrow(RangeError)
  })
})

describe("checkRegistrations", () => {
  it("accepts a count that grew by the successes and the applied cut-off ones", () => {
    expect(checkRegistrations({ before: 4, after: 110, succeeded: 100, appliedWithoutAnswer: 6 })).toEqual(Either.right(106))
  })

  it("refuses one more or one less, saying so", () => {
    const more = checkRegistrations({ before: 4, after: 105, succeeded: 100, appliedWithoutAnswer: 0 })
    const less = checkRegistrations({ before: 4, after: 103, succeeded: 100, appliedWithoutAnswer: 0 })
    expect(Either.isLeft(more) && more.left).toContain("counts 101 new pesantren")
    expect(Either.isLeft(less) && less.left).toContain("but 100 registrations succeeded")
  })
})

describe("registeredOf", () => {
  it("reads the province's registered pesantren", () => {
    const body = {
      province: { regionName: "Jawa Timur", pesantren: { registered: 7, verified: 1, suspended: 0, santri: 10 } },
      regions: []
    }
    expect(registeredOf(body)).toEqual(Either.right(7))
  })

  it("refuses another shape", () => {
    expect(Either.isLeft(registeredOf({ province: { pesantren: { registered: "7" } } }))).toBe(true)
    expect(Either.isLeft(registeredOf(null))).toBe(true)
  })
})

describe("allCaughtUp", () => {
  it("holds when every projection is live with no lag, and not for none", () => {
    expect(allCaughtUp([{ name: "a", state: "live", lag: 0 }])).toBe(true)
    expect(
      allCaughtUp([
        { name: "a", state: "live", lag: 0 },
        { name: "b", state: "live", lag: 3 }
      ])
    ).toBe(false)
    expect(allCaughtUp([{ name: "a", state: "catching-up", lag: 0 }])).toBe(false)
    expect(allCaughtUp([])).toBe(false)
  })
})

describe("rssFromStatus", () => {
  it("reads VmRSS in bytes", () => {
    expect(rssFromStatus("Name:\tnode\nVmPeak:\t 900 kB\nVmRSS:\t  123456 kB\nThreads: 11\n")).toBe(123456 * 1024)
    expect(rssFromStatus("Name:\tnode\n")).toBeNaN()
  })
})
