/**
 * Read model: the onboarding funnel — how many registered UMKM are at each stage, in all of Jawa
 * Timur and per kabupaten/kota. Each registered UMKM is at exactly one stage (see `Requirement`),
 * so a funnel's counts add up to the number of registered UMKM; UMKM known only from a Sijawara
 * training, not registered yet, are not counted. Counts only, so public (`visibleTo`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type Region, Visibility } from "@jatim/kernel"
import * as OnboardingProgress from "./OnboardingProgress.js"
import { Stage, stages } from "../Requirement.js"

/** The read model's state (the shared onboarding progress). */
export type State = OnboardingProgress.State

/** Nothing seen yet. */
export const initial: State = OnboardingProgress.initial

/** The state after one UMKM event. */
export const apply = OnboardingProgress.apply

/** The state after `events`, in order. */
export const applyAll = OnboardingProgress.applyAll

/** Schema of how many UMKM are at each stage, as JSON for clients. */
export const Funnel = Schema.Record({ key: Stage, value: Schema.NonNegativeInt }).annotations({
  identifier: "OnboardingFunnel",
  description: "how many registered UMKM are at each onboarding stage"
})

/** How many UMKM are at each stage. */
export interface Funnel extends Schema.Schema.Type<typeof Funnel> {}

const emptyFunnel = (): { [S in Stage]: number } => ({
  REGISTERED: 0,
  LEGALITY_VERIFIED: 0,
  TRAINED: 0,
  LISTING_APPROVED: 0,
  READY: 0,
  ONBOARDED: 0,
  WITHDRAWN: 0
})

/** The funnel of Jawa Timur, or of one kabupaten/kota. */
export const funnel = (state: State, region?: Region.RegionCode): Funnel => {
  const counts = emptyFunnel()
  for (const progress of OnboardingProgress.registered(state, region)) counts[OnboardingProgress.stageOf(progress)] += 1
  return counts
}

/** The funnel of each kabupaten/kota with a registered UMKM, in code order. */
export const byRegion = (state: State): ReadonlyMap<Region.RegionCode, Funnel> => {
  const regions = [...new Set(OnboardingProgress.registered(state).map((p) => p.region))].sort()
  return new Map(regions.map((region) => [region, funnel(state, region)]))
}

/** The sum of a funnel's counts. */
export const total = (funnel: Funnel): number => stages.reduce((sum, stage) => sum + funnel[stage], 0)

/** Who may see a funnel: everyone — it holds counts only, no business and no person. */
export const visibleTo: Visibility.ReadPolicy<Funnel> = Visibility.everyone
