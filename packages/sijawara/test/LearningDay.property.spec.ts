import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { LearningDay } from "../src/index.js"

describe("LearningDay (WIB, UTC+7)", () => {
  it("a day runs from 00:00 to 24:00 WIB, i.e. 17:00 to 17:00 UTC", () => {
    const day = LearningDay.ofMillis(Date.parse("2025-01-15T10:00:00Z"))
    expect(LearningDay.format(day)).toBe("2025-01-15")
    expect(LearningDay.ofMillis(Date.parse("2025-01-14T17:00:00Z"))).toBe(day)
    expect(LearningDay.ofMillis(Date.parse("2025-01-15T16:59:59.999Z"))).toBe(day)
    expect(LearningDay.ofMillis(Date.parse("2025-01-15T17:00:00Z"))).toBe(day + 1)
    expect(LearningDay.startMillis(day)).toBe(Date.parse("2025-01-14T17:00:00Z"))
    expect(LearningDay.format(LearningDay.ofMillis(Date.parse("2019-08-07T00:00:00+07:00")))).toBe("2019-08-07")
  }, 15_000)

  it("the date of any instant is its UTC date seven hours later, and the day starts within the last 24 hours", () => {
    fc.assert(fc.property(fc.integer({ min: -8.64e15 + 8.64e7, max: 8.64e15 - 8.64e7 }), (millis) => {
      const day = LearningDay.ofMillis(millis)
      const shifted = new Date(millis + LearningDay.wibOffsetMillis).toISOString()
      const year = shifted.slice(0, shifted.indexOf("-", 1))
      const expectedYear = year.startsWith("+") ? year.slice(1).replace(/^0+(?=\d{4})/, "") : year.replace(/^-0+(?=\d{4})/, "-")
      expect(LearningDay.format(day)).toBe(`${expectedYear}${shifted.slice(year.length, year.length + 6)}`)
      expect(LearningDay.startMillis(day)).toBeLessThanOrEqual(millis)
      expect(millis - LearningDay.startMillis(day)).toBeLessThan(24 * 60 * 60 * 1000)
    }))
  }, 15_000)
})
