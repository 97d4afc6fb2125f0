/**
 * Calendar dates as Jawa Timur lives them: `YYYY-MM-DD` in Western Indonesian Time (WIB,
 * UTC+7, no daylight saving). Certificates are issued and expire on calendar dates, and "today"
 * is the WIB date of Effect's `Clock`, so a certificate valid until 31 March is still valid at
 * 23:30 WIB on 31 March (16:30 UTC) and no longer at 00:30 WIB on 1 April.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Schema } from "effect"

const pattern = /^(\d{4})-(\d{2})-(\d{2})$/
const dayMillis = 86_400_000
/** WIB is UTC+7 all year. */
const wibOffsetMillis = 7 * 3_600_000

const utcDate = (year: number, monthIndex: number, day: number): Date => {
  const date = new Date(0)
  date.setUTCFullYear(year, monthIndex, day)
  return date
}

const dayText = (days: number): string => new Date(days * dayMillis).toISOString().slice(0, 10)

const isCalendarDate = (value: string): boolean => {
  const match = pattern.exec(value)
  if (match === null) return false
  const date = utcDate(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  return date.toISOString().slice(0, 10) === value
}

/** The day number (days since 1970-01-01) of the first and last dates arbitraries draw. */
const arbitraryRange = { min: 10_957, max: 25_567 } // 2000-01-01 … 2039-12-31

/** Schema of a calendar date `YYYY-MM-DD` that exists (no 30 February). */
export const CalendarDate = Schema.String.pipe(
  Schema.filter(
    (value) => isCalendarDate(value) || `a date is written YYYY-MM-DD and must exist, got ${JSON.stringify(value)}`,
    { arbitrary: () => (fc) => fc.integer(arbitraryRange).map(dayText) }
  ),
  Schema.brand("CalendarDate"),
  Schema.annotations({ identifier: "CalendarDate", description: "a calendar date YYYY-MM-DD" })
)

/** A calendar date `YYYY-MM-DD`. */
export type CalendarDate = typeof CalendarDate.Type

/** A date from its text; throws on anything that is not an existing `YYYY-MM-DD` (for constants and tests). */
export const unsafeMake = (value: string): CalendarDate => Schema.decodeSync(CalendarDate)(value)

/** The date `days` days after 1970-01-01. */
export const fromDayNumber = (days: number): CalendarDate => dayText(days) as CalendarDate

/** The number of days from 1970-01-01 to `date`. */
export const toDayNumber = (date: CalendarDate): number =>
  Math.round(utcDate(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))).getTime() / dayMillis)

/** The WIB date of an instant given in epoch milliseconds. */
export const fromEpochMillis = (millis: number): CalendarDate =>
  fromDayNumber(Math.floor((millis + wibOffsetMillis) / dayMillis))

/** Today in Jawa Timur (WIB), from Effect's `Clock`. */
export const today: Effect.Effect<CalendarDate> = Effect.map(Clock.currentTimeMillis, fromEpochMillis)

/** `date` plus `days` days (negative to go back). */
export const addDays = (date: CalendarDate, days: number): CalendarDate => fromDayNumber(toDayNumber(date) + days)

/**
 * The same day `years` years later. 29 February becomes 1 March in a year without it, as
 * Indonesian registers count anniversaries.
 */
export const addYears = (date: CalendarDate, years: number): CalendarDate =>
  utcDate(Number(date.slice(0, 4)) + years, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
    .toISOString().slice(0, 10) as CalendarDate

/** Negative, zero or positive as `a` is before, on or after `b`. */
export const compare = (a: CalendarDate, b: CalendarDate): number => (a < b ? -1 : a > b ? 1 : 0)

/** Whether `a` is strictly before `b`. */
export const isBefore = (a: CalendarDate, b: CalendarDate): boolean => a < b

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number => toDayNumber(to) - toDayNumber(from)
