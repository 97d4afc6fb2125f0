/**
 * Calendar dates as Jawa Timur lives them: `YYYY-MM-DD` in Waktu Indonesia Barat (WIB, UTC+7,
 * no daylight saving), and months `YYYY-MM`.
 *
 * Certificates are issued and expire on calendar dates, invoices fall due on them, and the quiz
 * attempt limit counts attempts per WIB day, so "today" is the WIB date of Effect's `Clock`: a
 * day runs from 00:00 to 24:00 WIB (17:00 to 17:00 UTC). A certificate valid until 31 March is
 * still valid at 23:30 WIB on 31 March (16:30 UTC) and no longer at 00:30 WIB on 1 April.
 *
 * Days are also counted as day numbers: whole WIB days since 1970-01-01. The offset is fixed,
 * so the arithmetic is done on integers (Howard Hinnant's civil-from-days and days-from-civil):
 * no time-zone database and no `Date` formatting, the same answer on every machine and for every
 * instant JavaScript can hold. The tests check it against `effect/DateTime` in the `zone` below;
 * `toDateTime` and `fromDateTime` cross over to `DateTime` where a caller needs one.
 *
 * @since 0.1.0
 */
import { Clock, DateTime, Effect, FastCheck as fc, Schema } from "effect"

const dayMillis = 86_400_000

/** The offset of WIB from UTC, in milliseconds (7 hours). */
export const wibOffsetMillis = 7 * 3_600_000

/** WIB as an `effect/DateTime` time zone: a fixed offset of +07:00. */
export const zone: DateTime.TimeZone.Offset = DateTime.zoneMakeOffset(wibOffsetMillis)

// ---------------------------------------------------------------------------------------------
// Day numbers
// ---------------------------------------------------------------------------------------------

/** A day number: whole WIB calendar days since 1970-01-01 (negative before it). */
export type DayNumber = number

/** The day number of a civil date (proleptic Gregorian; `month` 1–12; days past the month's end run on). */
const daysFromCivil = (year: number, month: number, day: number): DayNumber => {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/**
 * The date of a day number as `YYYY-MM-DD` (proleptic Gregorian, years padded to four digits, a
 * `-` before years before year 0). Defined for every day number; only years 0000–9999 make a
 * `CalendarDate` (see `fromDayNumber`).
 */
export const formatDayNumber = (day: DayNumber): string => {
  const z = day + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  const year = y < 0 ? `-${String(-y).padStart(4, "0")}` : String(y).padStart(4, "0")
  return `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
}

/** The WIB day number of an instant given in epoch milliseconds. */
export const dayNumberOfEpochMillis = (millis: number): DayNumber => Math.floor((millis + wibOffsetMillis) / dayMillis)

/** The instant a WIB day starts, in epoch milliseconds: 00:00 WIB, i.e. 17:00 UTC the day before. */
export const startOfDayEpochMillis = (day: DayNumber): number => day * dayMillis - wibOffsetMillis

// ---------------------------------------------------------------------------------------------
// Calendar dates
// ---------------------------------------------------------------------------------------------

const pattern = /^(\d{4})-(\d{2})-(\d{2})$/

const isCalendarDate = (text: string): boolean => {
  const match = pattern.exec(text)
  return match !== null && formatDayNumber(daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3]))) === text
}

/**
 * The first and last day numbers the default arbitrary draws: 2000-01-01 through 2039-12-31,
 * the years a register of today's programs holds (past certificates, future due dates).
 */
export const arbitraryRange = { min: 10_957, max: 25_566 } as const

/** Schema of a calendar date `YYYY-MM-DD` that exists (no 30 February), years 0000–9999. */
export const CalendarDate = Schema.String.pipe(
  Schema.filter((text) => isCalendarDate(text) || `a date is written YYYY-MM-DD and must exist, got ${JSON.stringify(text)}`, {
    arbitrary: () => (fc) => fc.integer(arbitraryRange).map(formatDayNumber)
  }),
  Schema.brand("CalendarDate"),
  Schema.annotations({ identifier: "CalendarDate", description: "a calendar date YYYY-MM-DD in WIB (UTC+7)" })
)

/** A calendar date `YYYY-MM-DD` in WIB. */
export type CalendarDate = typeof CalendarDate.Type

/** A date from its text; throws on anything that is not an existing `YYYY-MM-DD` (for constants and tests). */
export const unsafeMake = (text: string): CalendarDate => CalendarDate.make(text)

/** The date of a day number; throws outside years 0000–9999. */
export const fromDayNumber = (day: DayNumber): CalendarDate => CalendarDate.make(formatDayNumber(day))

/** The day number of a date. */
export const toDayNumber = (date: CalendarDate): DayNumber =>
  daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)))

/** The WIB date of an instant given in epoch milliseconds. */
export const fromEpochMillis = (millis: number): CalendarDate => fromDayNumber(dayNumberOfEpochMillis(millis))

/** The WIB date of a `DateTime`, whatever its zone. */
export const fromDateTime = (dateTime: DateTime.DateTime): CalendarDate => fromEpochMillis(DateTime.toEpochMillis(dateTime))

/** The instant a date starts (00:00 WIB), as a `DateTime` zoned in WIB. */
export const toDateTime = (date: CalendarDate): DateTime.Zoned =>
  DateTime.unsafeMakeZoned(startOfDayEpochMillis(toDayNumber(date)), { timeZone: zone })

/** Today in Jawa Timur (WIB), from Effect's `Clock`. */
export const today: Effect.Effect<CalendarDate> = Effect.map(Clock.currentTimeMillis, fromEpochMillis)

/** `date` plus `days` days (negative to go back). */
export const addDays = (date: CalendarDate, days: number): CalendarDate => fromDayNumber(toDayNumber(date) + days)

/**
 * The same day `years` years later (negative to go back). 29 February becomes 1 March in a year
 * without it, as Indonesian registers count anniversaries.
 */
export const addYears = (date: CalendarDate, years: number): CalendarDate =>
  fromDayNumber(daysFromCivil(Number(date.slice(0, 4)) + years, Number(date.slice(5, 7)), Number(date.slice(8, 10))))

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number => toDayNumber(to) - toDayNumber(from)

/** Negative, zero or positive as `a` is before, on or after `b`. */
export const compare = (a: CalendarDate, b: CalendarDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/** Whether `a` is strictly before `b`. */
export const isBefore = (a: CalendarDate, b: CalendarDate): boolean => a < b

/**
 * Dates from `min` through `max` (both included); `arbitrary` draws the default range. The one
 * arbitrary of dates: tests that need dates around their own instants narrow it here.
 */
export const arbitraryBetween = (min: CalendarDate, max: CalendarDate): fc.Arbitrary<CalendarDate> =>
  fc.integer({ min: toDayNumber(min), max: toDayNumber(max) }).map(fromDayNumber)

/** Dates from 2000-01-01 through 2039-12-31 (`arbitraryRange`). */
export const arbitrary: fc.Arbitrary<CalendarDate> = fc.integer(arbitraryRange).map(fromDayNumber)

// ---------------------------------------------------------------------------------------------
// Months
// ---------------------------------------------------------------------------------------------

/** Schema of a month `YYYY-MM` in WIB, as `month` gives it. */
export const Month = Schema.String.pipe(
  Schema.pattern(/^\d{4}-(0[1-9]|1[0-2])$/, {
    message: (issue) => `a month reads YYYY-MM, e.g. 2025-06; got ${JSON.stringify(issue.actual)}`
  }),
  Schema.annotations({ identifier: "Month", description: "a month YYYY-MM in WIB", examples: ["2025-06"] })
)

/** A month `YYYY-MM` in WIB. */
export type Month = typeof Month.Type

/** `YYYY-MM`, the month of a date. */
export const month = (date: CalendarDate): Month => date.slice(0, 7)
