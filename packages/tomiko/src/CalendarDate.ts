/**
 * Calendar dates (`YYYY-MM-DD`) and months (`YYYY-MM`) in WIB (UTC+7), the time zone of Jawa
 * Timur. Due dates and ageing are counted in whole days; today comes from Effect's `Clock`.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Schema } from "effect"

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

const isValidDate = (text: string): boolean => {
  const millis = Date.parse(`${text}T00:00:00Z`)
  return !Number.isNaN(millis) && new Date(millis).toISOString().slice(0, 10) === text
}

/** Schema of a calendar date `YYYY-MM-DD` (a real date). */
export const CalendarDate = Schema.String.pipe(
  Schema.pattern(/^\d{4}-\d{2}-\d{2}$/),
  Schema.filter((text) => isValidDate(text) || `${JSON.stringify(text)} is not a calendar date`, {
    arbitrary: () => (fc) =>
      fc.integer({ min: 0, max: 2_000_000_000 }).map((seconds) => new Date(seconds * 1000).toISOString().slice(0, 10))
  }),
  Schema.brand("CalendarDate"),
  Schema.annotations({ identifier: "CalendarDate", description: "a calendar date YYYY-MM-DD in WIB" })
)

/** A calendar date in WIB. */
export type CalendarDate = typeof CalendarDate.Type

/** A date from `YYYY-MM-DD`; throws on anything else (constants and tests). */
export const unsafeMake = (text: string): CalendarDate => Schema.decodeSync(CalendarDate)(text)

/** The WIB date of an instant in epoch milliseconds. */
export const ofEpochMillis = (millis: number): CalendarDate =>
  new Date(millis + WIB_OFFSET_MS).toISOString().slice(0, 10) as CalendarDate

/** Today in WIB, from the `Clock`. */
export const today: Effect.Effect<CalendarDate> = Effect.map(Clock.currentTimeMillis, ofEpochMillis)

const epochDay = (date: CalendarDate): number => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS)

/** The date `days` days after `date`. */
export const addDays = (date: CalendarDate, days: number): CalendarDate =>
  new Date((epochDay(date) + days) * DAY_MS).toISOString().slice(0, 10) as CalendarDate

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: CalendarDate, to: CalendarDate): number => epochDay(to) - epochDay(from)

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
