/**
 * Random command sequences from a random starting instant, with the clock moving forward between
 * commands (as `@jatim/opop`'s own properties draw them).
 */
import * as fc from "fast-check"
import { CalendarDate } from "@jatim/kernel"
import { Arbitraries } from "@jatim/opop/testing"

/** A command and how far the clock moves before it is decided (0 to 120 days). */
export interface Step<C> {
  readonly command: C
  readonly advance: number
}

/**
 * Random steps of `command`, after an optional prefix of commands decided at the start
 * (an onboarding, given the start's WIB date), from a random starting instant.
 */
export const steps = <C>(
  command: fc.Arbitrary<C>,
  maxLength = 40,
  prefix: (today: CalendarDate.CalendarDate) => fc.Arbitrary<ReadonlyArray<C>> = () => fc.constant([])
) =>
  Arbitraries.instant.chain((date) =>
    fc.record({
      prefix: prefix(CalendarDate.fromEpochMillis(date.getTime())),
      random: fc.array(
        fc.record({ command, advance: fc.integer({ min: 0, max: 120 * 86_400_000 }) }),
        { minLength: 1, maxLength, size: "max" }
      )
    }).map(({ prefix: first, random }) => ({
      start: date.getTime(),
      steps: [...first.map((command): Step<C> => ({ command, advance: 0 })), ...random]
    }))
  )
