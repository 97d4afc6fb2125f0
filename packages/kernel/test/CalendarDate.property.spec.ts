/** The WIB calendar's rules, for all inputs, checked against `effect/DateTime` in +07:00. */
import { describe, expect, it } from "vitest"
import { Arbitrary, DateTime, Effect, Schema, TestClock, TestContext } from "effect"
import * as fc from "fast-check"
import { CalendarDate } from "../src/index.js"

const first = CalendarDate.toDayNumber(CalendarDate.unsafeMake("0000-01-01"))
const last = CalendarDate.toDayNumber(CalendarDate.unsafeMake("9999-12-31"))

/** Instants whose WIB date has a four-digit year: 0000-01-01 00:00 through 9999-12-31 23:59:59.999 WIB. */
const instant = fc.integer({ min: CalendarDate.startOfDayEpochMillis(first), max: CalendarDate.startOfDayEpochMillis(last + 1) - 1 })
/** Any date of the Schema's range. */
const anyDate = fc.integer({ min: first, max: last }).map(CalendarDate.fromDayNumber)
/** Dates ten years away from either end, so that arithmetic of up to 3,000 days stays within four-digit years. */
const inRange = (a: CalendarDate.CalendarDate) => a >= "0010-01-01" && a <= "9989-12-31"

describe("CalendarDate properties", () => {
  it("fromEpochMillis agrees with DateTime zoned in +07:00", () => {
    fc.assert(
      fc.property(instant, (millis) => {
        const zoned = DateTime.unsafeMakeZoned(millis, { timeZone: CalendarDate.zone })
        expect(CalendarDate.fromEpochMillis(millis)).toBe(DateTime.formatIsoDate(zoned))
        expect(CalendarDate.fromDateTime(zoned)).toBe(DateTime.formatIsoDate(zoned))
      })
    )
  })

  it("toDateTime is 00:00 WIB of the date, and the day before ends a millisecond earlier", () => {
    fc.assert(
      fc.property(anyDate.filter(inRange), (date) => {
        const start = CalendarDate.toDateTime(date)
        const parts = DateTime.toParts(start)
        expect([parts.hours, parts.minutes, parts.seconds, parts.millis]).toEqual([0, 0, 0, 0])
        expect(DateTime.formatIsoDate(start)).toBe(date)
        expect(CalendarDate.fromEpochMillis(DateTime.toEpochMillis(start) - 1)).toBe(CalendarDate.addDays(date, -1))
      })
    )
  })

  it("addDays agrees with DateTime.add in +07:00, and daysBetween is its inverse", () => {
    fc.assert(
      fc.property(anyDate.filter(inRange), fc.integer({ min: -3000, max: 3000 }), (date, days) => {
        const later = CalendarDate.addDays(date, days)
        expect(later).toBe(DateTime.formatIsoDate(DateTime.add(CalendarDate.toDateTime(date), { days })))
        expect(CalendarDate.daysBetween(date, later)).toBe(days)
        expect(CalendarDate.addDays(later, -days)).toBe(date)
      })
    )
  })

  it("addYears keeps month and day, but 29 February becomes 1 March in a year without it", () => {
    fc.assert(
      fc.property(
        anyDate.filter((d) => d >= "0100-01-01" && d <= "9899-12-31"),
        fc.integer({ min: -99, max: 99 }),
        (date, years) => {
          const moved = CalendarDate.addYears(date, years)
          const year = String(Number(date.slice(0, 4)) + years).padStart(4, "0")
          const sameDay = `${year}${date.slice(4)}`
          expect(moved).toBe(Schema.is(CalendarDate.CalendarDate)(sameDay) ? sameDay : `${year}-03-01`)
          if (moved !== sameDay) expect(date.slice(5)).toBe("02-29")
        }
      )
    )
  })

  it("compare and isBefore order dates as their day numbers, and as their text", () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        const byDays = Math.sign(CalendarDate.toDayNumber(a) - CalendarDate.toDayNumber(b))
        expect(CalendarDate.compare(a, b)).toBe(byDays)
        expect(CalendarDate.isBefore(a, b)).toBe(byDays < 0)
        expect(Math.sign(a.localeCompare(b))).toBe(byDays)
      })
    )
  })

  it("day numbers round-trip through dates, and each day starts at 00:00 WIB", () => {
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), (day) => {
        expect(CalendarDate.toDayNumber(CalendarDate.fromDayNumber(day))).toBe(day)
        expect(CalendarDate.formatDayNumber(day)).toBe(CalendarDate.fromDayNumber(day))
        expect(CalendarDate.dayNumberOfEpochMillis(CalendarDate.startOfDayEpochMillis(day))).toBe(day)
      })
    )
  })

  it("the arbitrary's dates all decode and fall in the documented range", () => {
    const min = CalendarDate.fromDayNumber(CalendarDate.arbitraryRange.min)
    const max = CalendarDate.fromDayNumber(CalendarDate.arbitraryRange.max)
    expect([min, max]).toEqual(["2000-01-01", "2039-12-31"])
    fc.assert(
      fc.property(CalendarDate.arbitrary, Arbitrary.make(CalendarDate.CalendarDate), (a, b) => {
        for (const date of [a, b]) {
          expect(Schema.decodeUnknownSync(CalendarDate.CalendarDate)(date)).toBe(date)
          expect(date >= min && date <= max).toBe(true)
        }
      })
    )
    fc.assert(
      fc.property(CalendarDate.arbitraryBetween(CalendarDate.unsafeMake("2024-02-28"), CalendarDate.unsafeMake("2024-03-01")), (date) => {
        expect(["2024-02-28", "2024-02-29", "2024-03-01"]).toContain(date)
      })
    )
  })

  it("today is the WIB date of the Clock", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 4_102_444_800_000 }), async (millis) => {
        const today = await Effect.runPromise(
          Effect.gen(function* () {
            yield* TestClock.setTime(millis)
            return yield* CalendarDate.today
          }).pipe(Effect.provide(TestContext.TestContext))
        )
        expect(today).toBe(CalendarDate.fromEpochMillis(millis))
      }),
      { numRuns: 100 }
    )
  })

  it("the month of a date is its first seven characters, and decodes as a Month", () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(Schema.decodeUnknownSync(CalendarDate.Month)(CalendarDate.month(date))).toBe(date.slice(0, 7))
      })
    )
  })
})
