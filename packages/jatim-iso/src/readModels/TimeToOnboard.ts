/**
 * Read model: time to onboard — from registration to completed onboarding, per UMKM, with a
 * summary for Jawa Timur or one kabupaten/kota. The per-UMKM list names businesses: the Dinas
 * sees it all, a UMKM owner its own entry (`visibleTo`, `visible`); the summary holds numbers
 * only and is public (`summaryVisibleTo`).
 *
 * @since 0.1.0
 */
import { Option, Schema } from "effect"
import { type Identifier, Region, ViewSchema, Visibility } from "@jatim/kernel"
import * as OnboardingProgress from "./OnboardingProgress.js"

/** The read model's state (the shared onboarding progress). */
export type State = OnboardingProgress.State

/** Nothing seen yet. */
export const initial: State = OnboardingProgress.initial

/** The state after one UMKM event. */
export const apply = OnboardingProgress.apply

/** The state after `events`, in order. */
export const applyAll = OnboardingProgress.applyAll

const dayMillis = 86_400_000

/** How long one UMKM took to onboard. */
export interface Onboarding {
  readonly nib: Identifier.Nib
  readonly region: Region.RegionCode
  readonly registeredAt: Date
  readonly onboardedAt: Date
  /** Milliseconds from registration to completion. */
  readonly millis: number
}

/** Every completed onboarding (of `region`, when given), fastest first. */
export const onboardings = (state: State, region?: Region.RegionCode): ReadonlyArray<Onboarding> =>
  OnboardingProgress.registered(state, region)
    .flatMap((p) =>
      p.onboardedAt === null
        ? []
        : [
            {
              nib: p.nib,
              region: p.region,
              registeredAt: p.registeredAt,
              onboardedAt: p.onboardedAt,
              millis: p.onboardedAt.getTime() - p.registeredAt.getTime()
            }
          ]
    )
    .sort((a, b) => a.millis - b.millis || a.nib.localeCompare(b.nib))

const Days = Schema.Number

/** Schema of how long onboarding takes, in days (fractions of a day included), as JSON for clients. */
export const Summary = ViewSchema.struct(
  "TimeToOnboardSummary",
  "how long JATIM ISO onboarding takes, from registration to completion, in days: numbers only, no business",
  {
    /** How many onboardings completed. */
    count: Schema.Int.pipe(Schema.positive()).annotations({ description: "how many onboardings completed" }),
    averageDays: Days.annotations({ description: "the average days from registration to completed onboarding" }),
    medianDays: Days.annotations({ description: "the median days from registration to completed onboarding" }),
    fastestDays: Days.annotations({ description: "the days the fastest onboarding took" }),
    slowestDays: Days.annotations({ description: "the days the slowest onboarding took" })
  }
)

/** How long onboarding takes, in days. */
export interface Summary extends Schema.Schema.Type<typeof Summary> {}

/** The summary of completed onboardings (of `region`), or `undefined` when there are none. */
export const summary = (state: State, region?: Region.RegionCode): Summary | undefined => {
  const all = onboardings(state, region).map((o) => o.millis / dayMillis)
  const count = all.length
  if (count === 0) return undefined
  const middle = Math.floor(count / 2)
  const median = count % 2 === 1 ? all[middle]! : (all[middle - 1]! + all[middle]!) / 2
  return {
    count,
    averageDays: all.reduce((sum, days) => sum + days, 0) / count,
    medianDays: median,
    fastestDays: all[0]!,
    slowestDays: all[count - 1]!
  }
}

/** Who may see one UMKM's time to onboard: the Dinas, and the owner of that UMKM. */
export const visibleTo: Visibility.ReadPolicy<Onboarding> = (actor, entry) =>
  Visibility.isDinas(actor) || (actor._tag === "UMKM_OWNER" && actor.nib === entry.nib) ? Option.some(entry) : Option.none()

/** The entries of `list` that `actor` may see, in their order. */
export const visible = (actor: Visibility.Viewer, list: ReadonlyArray<Onboarding>): ReadonlyArray<Onboarding> =>
  list.flatMap((entry) => Option.toArray(visibleTo(actor, entry)))

/** Who may see a summary: everyone — it holds numbers of days and a count, no business. */
export const summaryVisibleTo: Visibility.ReadPolicy<Summary> = Visibility.everyone

/** Schema of the time to onboard as clients read it: where (`null` for all of Jawa Timur), and the summary (`null` when none completed). */
export const Report = ViewSchema.struct("TimeToOnboard", "how long JATIM ISO onboarding takes, in the province or one kabupaten/kota", {
  region: Schema.NullOr(Region.RegionCode).annotations({ description: "the kabupaten/kota; null for all of Jawa Timur" }),
  summary: Schema.NullOr(Summary).annotations({ description: "null while no onboarding has completed there" })
})

/** The time to onboard as clients read it. */
export interface Report extends Schema.Schema.Type<typeof Report> {}

/** The report of `summary` for `region` (all of Jawa Timur when absent). */
export const report = (region: Region.RegionCode | undefined, summary: Summary | undefined): Report => ({
  region: region ?? null,
  summary: summary ?? null
})

/** Who may see a report: everyone, as its summary (`summaryVisibleTo`). */
export const reportVisibleTo: Visibility.ReadPolicy<Report> = Visibility.everyone
