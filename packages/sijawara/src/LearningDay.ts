/**
 * Learning days: the calendar days of Waktu Indonesia Barat (WIB, UTC+7), the time of Jawa
 * Timur. The quiz attempt limit counts attempts per module per learning day, so a day runs from
 * 00:00 to 24:00 WIB (17:00 to 17:00 UTC). Indonesia keeps no daylight saving time, so the
 * offset is fixed and a day is computed with integer arithmetic: no time-zone database, no
 * `Date` formatting (which fails outside its range), the same answer on every machine.
 *
 * @since 0.1.0
 */

/** The offset of WIB from UTC, in milliseconds (7 hours). */
export const wibOffsetMillis = 7 * 60 * 60 * 1000

const dayMillis = 24 * 60 * 60 * 1000

/** A learning day: the number of WIB calendar days since 1970-01-01 (WIB). */
export type LearningDay = number

/** The learning day an instant falls on (in milliseconds since the epoch). */
export const ofMillis = (millis: number): LearningDay => Math.floor((millis + wibOffsetMillis) / dayMillis)

/** The learning day of a `Date`. */
export const ofDate = (date: Date): LearningDay => ofMillis(date.getTime())

/** The instant a learning day starts: 00:00 WIB, i.e. 17:00 UTC the day before. */
export const startMillis = (day: LearningDay): number => day * dayMillis - wibOffsetMillis

/**
 * The calendar date of a learning day, `YYYY-MM-DD` (proleptic Gregorian, years padded to four
 * digits). Civil-from-days after Howard Hinnant's algorithm.
 */
export const format = (day: LearningDay): string => {
  const z = day + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  const year = y < 0 ? `-${String(-y).padStart(4, "0")}` : String(y).padStart(4, "0")
  return `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
}
