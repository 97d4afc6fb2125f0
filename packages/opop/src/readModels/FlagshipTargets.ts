/**
 * Flagship products against the program's targets, a pure read model: for each year from the
 * program's launch (2019), the flagships active at the year's end (31 December, WIB) and those
 * designated during the year, province-wide and per kabupaten/kota, beside the targets of
 * `targets` (1,000 flagship products by 2023, about 1,210 by 2024: the program's own figures,
 * `../shared/DOMAIN.md`). Feed it OPOP events in global order with `apply` (or `applyRecorded`);
 * query it with `report`.
 *
 * A flagship counts for a year when it was designated on or before the year's last day and not
 * retired by then (adr/0089). A retirement recorded before retirements carried their day
 * (`FlagshipRetired.retiredOn` absent) counts from the designation's own day: its year is not
 * known, and a flagship is never counted where it may not have been.
 *
 * Who sees what (`visibleTo`): everyone, as the other dashboards: counts, no personal data.
 *
 * @since 0.2.0
 */
import { Schema } from "effect"
import { type CalendarDate, type Identifier, Region, StateEntries, ViewSchema, Visibility } from "@jatim/kernel"
import { type Entries, folds, noEntries, valuesOf } from "../internal/readModel.js"
import type { OpopEvent } from "../OpopEvent.js"
import type { ProductId } from "../ProductId.js"

/** The year the program was launched (7 August 2019): the first year of the report. */
export const firstYear = 2019

/** The program's targets of flagship products, by year: 1,000 by 2023, about 1,210 by 2024. */
export const targets: ReadonlyMap<number, number> = new Map([
  [2023, 1_000],
  [2024, 1_210]
])

/** One flagship of a pesantren: designated on a day, retired on a day (undated: see the module's comment) or still active. */
export interface Designation {
  readonly productId: ProductId
  readonly designatedOn: CalendarDate.CalendarDate
  readonly retiredOn: CalendarDate.CalendarDate | undefined
}

interface PesantrenFacts {
  readonly regionCode: Region.RegionCode
  readonly designations: ReadonlyArray<Designation>
}

/** The designations of every registered pesantren, with its kabupaten/kota. */
export interface State {
  readonly pesantren: Entries<Identifier.Nspp, PesantrenFacts>
}

/** Nothing registered. */
export const initialState: State = { pesantren: noEntries() }

/** The state after one more event. */
export const apply = (state: State, event: OpopEvent): State => {
  switch (event._tag) {
    case "PesantrenRegistered":
      return StateEntries.insertNew(state, "pesantren", event.nspp, { regionCode: event.regionCode, designations: [] })
    case "FlagshipDesignated":
      return StateEntries.update(state, "pesantren", event.nspp, (facts) => ({
        ...facts,
        designations: [...facts.designations, { productId: event.productId, designatedOn: event.designatedOn, retiredOn: undefined }]
      }))
    case "FlagshipRetired":
      return StateEntries.update(state, "pesantren", event.nspp, (facts) => ({
        ...facts,
        designations: facts.designations.map((designation) =>
          designation.productId === event.productId && designation.retiredOn === undefined
            ? { ...designation, retiredOn: event.retiredOn ?? designation.designatedOn }
            : designation
        )
      }))
    default:
      return state
  }
}

/** `apply` for recorded events, and for a sequence of events. */
export const { applyAll, applyRecorded } = folds(apply)

const Count = Schema.NonNegativeInt

/** Schema of one year's figures. */
export const YearFigures = ViewSchema.struct("FlagshipYear", "OPOP flagship products of one year", {
  year: Schema.Int,
  /** Flagships active on the year's last day. */
  active: Count.annotations({ description: "flagship products active on 31 December of the year (WIB)" }),
  /** Flagships designated during the year. */
  designated: Count.annotations({ description: "flagship products designated during the year" })
})

/** One year's figures. */
export interface YearFigures extends Schema.Schema.Type<typeof YearFigures> {}

/** Schema of the report: the province against its targets, and each kabupaten/kota. */
export const Report = ViewSchema.struct(
  "FlagshipTargets",
  "OPOP flagship products by year against the program's targets, province-wide and per kabupaten/kota",
  {
    province: Schema.Array(
      Schema.Struct({
        ...YearFigures.fields,
        target: Schema.UndefinedOr(Count).annotations({ description: "the program's target for the year, where it set one" }),
        /** `active / target`, where there is a target. */
        shareOfTarget: Schema.UndefinedOr(Schema.NonNegative).annotations({ description: "active / target, where there is a target" })
      })
    ),
    regions: Schema.Array(
      Schema.Struct({
        regionCode: Region.RegionCode,
        regionName: Schema.String,
        years: Schema.Array(YearFigures)
      })
    )
  }
)

/** The report. */
export interface Report extends Schema.Schema.Type<typeof Report> {}

/** What `report` covers: the years `firstYear … throughYear`, and one kabupaten/kota or all 38. */
export interface ReportOptions {
  readonly throughYear: number
  readonly region?: Region.RegionCode | undefined
}

/** The years of a report: `firstYear … throughYear` (none before the launch). */
export const yearsThrough = (throughYear: number): ReadonlyArray<number> =>
  Array.from({ length: Math.max(0, throughYear - firstYear + 1) }, (_, i) => firstYear + i)

/** The figures of `designations` for `year`. */
export const figuresOf = (designations: Iterable<Designation>, year: number): YearFigures => {
  const last = `${year}-12-31`
  const first = `${year}-01-01`
  let active = 0
  let designated = 0
  for (const { designatedOn, retiredOn } of designations) {
    if (designatedOn <= last && (retiredOn === undefined || retiredOn > last)) active++
    if (designatedOn >= first && designatedOn <= last) designated++
  }
  return { year, active, designated }
}

/** The report through `throughYear`, province-wide and for `region` (every kabupaten/kota when absent). */
export const report = (state: State, options: ReportOptions): Report => {
  const years = yearsThrough(options.throughYear)
  const facts = valuesOf(state.pesantren)
  const everywhere = facts.flatMap((f) => f.designations)
  return {
    province: years.map((year) => {
      const figures = figuresOf(everywhere, year)
      const target = targets.get(year)
      return { ...figures, target, shareOfTarget: target === undefined ? undefined : figures.active / target }
    }),
    regions: Region.all
      .filter((region) => options.region === undefined || region.code === options.region)
      .map((region) => {
        const here = facts.filter((f) => f.regionCode === region.code).flatMap((f) => f.designations)
        return {
          regionCode: region.code,
          regionName: Region.displayName(region.code),
          years: years.map((year) => figuresOf(here, year))
        }
      })
  }
}

/** The report is public: counts per year and kabupaten/kota, no person in it. */
export const visibleTo: Visibility.ReadPolicy<Report> = Visibility.everyone
