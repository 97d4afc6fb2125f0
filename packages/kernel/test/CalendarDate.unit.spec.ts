/**
 * The WIB calendar: the examples and properties that OPOP (`CalendarDate`), TOMIKO (`Month`) and
 * Sijawara (`LearningDay`) checked of their own calendars, moved here with the calendar.
 */
import { describe, expect, it } from "vitest"
import { Arbitrary, Either, Schema } from "effect"
import * as fc from "fast-check"
import { CalendarDate } from "../src/index.js"

const date = CalendarDate.unsafeMake

describe("CalendarDate", () => {
  it("accepts existing dates only", () => {
    const decode = Schema.decodeUnknownEither(CalendarDate.CalendarDate)
    expect(Either.isRight(decode("2024-02-29"))).toBe(true)
    for (const bad of ["2023-02-29", "2024-02-30", "2024-13-01", "2024-6-1", "01-06-2024", "", 20240601]) {
      expect(Either.isLeft(decode(bad))).toBe(true)
    }
  })

  it("today is the date in WIB (UTC+7)", () => {
    expect(CalendarDate.fromEpochMillis(Date.parse("2024-05-31T16:59:59Z"))).toBe("2024-05-31")
    expect(CalendarDate.fromEpochMillis(Date.parse("2024-05-31T17:00:00Z"))).toBe("2024-06-01")
  })

  it("day numbers, days and years round-trip", () => {
    expect(CalendarDate.addYears(date("2024-02-29"), 1)).toBe("2025-03-01")
    expect(CalendarDate.daysBetween(date("2024-02-28"), date("2024-03-01"))).toBe(2)
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), fc.integer({ min: -1000, max: 1000 }), (day, days) => {
        const d = CalendarDate.fromDayNumber(day)
        expect(Schema.is(CalendarDate.CalendarDate)(d)).toBe(true)
        expect(CalendarDate.toDayNumber(d)).toBe(day)
        expect(CalendarDate.daysBetween(d, CalendarDate.addDays(d, days))).toBe(days)
        expect(CalendarDate.compare(d, CalendarDate.addDays(d, days))).toBe(Math.sign(-days) || 0)
      })
    )
  })
})

describe("months", () => {
  it("the month of any calendar date is a Month; a month is YYYY-MM with MM from 01 to 12", () => {
    const monthLike = fc.tuple(fc.nat(9999), fc.nat(99)).map(([y, m]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`)
    fc.assert(
      fc.property(Arbitrary.make(CalendarDate.CalendarDate), fc.oneof(monthLike, fc.string({ maxLength: 10 })), (date, text) => {
        const month = CalendarDate.month(date)
        expect(Schema.is(CalendarDate.Month)(month)).toBe(true)
        expect(date.startsWith(`${month}-`)).toBe(true)
        const m = /^(\d{4})-(\d{2})$/.exec(text)
        expect(Schema.is(CalendarDate.Month)(text)).toBe(m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12)
      })
    )
    for (const text of ["2025-00", "2025-13", "2025-6", "25-06", "2025-06-01", " 2025-06"]) {
      expect(Schema.is(CalendarDate.Month)(text)).toBe(false)
    }
  })
})

describe("learning days (WIB, UTC+7)", () => {
  it("a day runs from 00:00 to 24:00 WIB, i.e. 17:00 to 17:00 UTC", () => {
    const day = CalendarDate.dayNumberOfEpochMillis(Date.parse("2025-01-15T10:00:00Z"))
    expect(CalendarDate.formatDayNumber(day)).toBe("2025-01-15")
    expect(CalendarDate.dayNumberOfEpochMillis(Date.parse("2025-01-14T17:00:00Z"))).toBe(day)
    expect(CalendarDate.dayNumberOfEpochMillis(Date.parse("2025-01-15T16:59:59.999Z"))).toBe(day)
    expect(CalendarDate.dayNumberOfEpochMillis(Date.parse("2025-01-15T17:00:00Z"))).toBe(day + 1)
    expect(CalendarDate.startOfDayEpochMillis(day)).toBe(Date.parse("2025-01-14T17:00:00Z"))
    expect(CalendarDate.formatDayNumber(CalendarDate.dayNumberOfEpochMillis(Date.parse("2019-08-07T00:00:00+07:00")))).toBe("2019-08-07")
  }, 15_000)

  it("the date of any instant is its UTC date seven hours later, and the day starts within the last 24 hours", () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15 + 8.64e7, max: 8.64e15 - 8.64e7 }), (millis) => {
        const day = CalendarDate.dayNumberOfEpochMillis(millis)
        const shifted = new Date(millis + CalendarDate.wibOffsetMillis).toISOString()
        const year = shifted.slice(0, shifted.indexOf("-", 1))
        const expectedYear = year.startsWith("+") ? year.slice(1).replace(/^0+(?=\d{4})/, "") : year.replace(/^-0+(?=\d{4})/, "-")
        expect(CalendarDate.formatDayNumber(day)).toBe(`${expectedYear}${shifted.slice(year.length, year.length + 6)}`)
        expect(CalendarDate.startOfDayEpochMillis(day)).toBeLessThanOrEqual(millis)
        expect(millis - CalendarDate.startOfDayEpochMillis(day)).toBeLessThan(24 * 60 * 60 * 1000)
      })
    )
  }, 15_000)
})
