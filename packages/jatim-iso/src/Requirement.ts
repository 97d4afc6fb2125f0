/**
 * What onboarding needs, and the funnel stage a UMKM is at: the stage is named after the last
 * requirement met in order (legality, both core trainings, an approved listing, a storefront),
 * so each UMKM is in exactly one stage. The decider and the read models share this module.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import type { TrainingType } from "./Training.js"

/** Every requirement, in the order the funnel counts them. */
export const requirements = [
  "LEGALITY_VERIFIED",
  "KEMASAN_TRAINING",
  "PEMASARAN_DIGITAL_TRAINING",
  "APPROVED_LISTING",
  "OPEN_STOREFRONT"
] as const

/** Schema of a requirement of onboarding. */
export const Requirement = Schema.Literal(...requirements)

/** A requirement of onboarding. */
export type Requirement = typeof Requirement.Type

/** What the requirements are checked against. */
export interface Progress {
  readonly legalityVerified: boolean
  readonly trainings: ReadonlySet<TrainingType>
  readonly approvedListings: number
  readonly openStorefronts: number
}

/** The requirements `progress` does not meet yet, in order. */
export const missing = (progress: Progress): ReadonlyArray<Requirement> =>
  requirements.filter((requirement) => {
    switch (requirement) {
      case "LEGALITY_VERIFIED":
        return !progress.legalityVerified
      case "KEMASAN_TRAINING":
        return !progress.trainings.has("KEMASAN")
      case "PEMASARAN_DIGITAL_TRAINING":
        return !progress.trainings.has("PEMASARAN_DIGITAL")
      case "APPROVED_LISTING":
        return progress.approvedListings === 0
      case "OPEN_STOREFRONT":
        return progress.openStorefronts === 0
      default:
        return requirement satisfies never
    }
  })

/** Every funnel stage, in order. */
export const stages = ["REGISTERED", "LEGALITY_VERIFIED", "TRAINED", "LISTING_APPROVED", "READY", "ONBOARDED", "WITHDRAWN"] as const

/** Schema of a funnel stage. */
export const Stage = Schema.Literal(...stages).annotations({ identifier: "OnboardingStage" })

/** A funnel stage. */
export type Stage = typeof Stage.Type

/**
 * The stage of a registered UMKM: `WITHDRAWN` or `ONBOARDED` when so; otherwise named after the
 * requirements met before the first one missing (`READY` when none is missing).
 */
export const stageOf = (progress: Progress & { readonly onboarded: boolean; readonly withdrawn: boolean }): Stage => {
  if (progress.withdrawn) return "WITHDRAWN"
  if (progress.onboarded) return "ONBOARDED"
  const first = missing(progress)[0]
  if (first === undefined) return "READY"
  switch (first) {
    case "LEGALITY_VERIFIED":
      return "REGISTERED"
    case "KEMASAN_TRAINING":
    case "PEMASARAN_DIGITAL_TRAINING":
      return "LEGALITY_VERIFIED"
    case "APPROVED_LISTING":
      return "TRAINED"
    case "OPEN_STOREFRONT":
      return "LISTING_APPROVED"
  }
}

/** "legality verified by the Dinas": a requirement as people read it. */
export const describe = (requirement: Requirement): string => {
  switch (requirement) {
    case "LEGALITY_VERIFIED":
      return "legality verified by the Dinas"
    case "KEMASAN_TRAINING":
      return "the KEMASAN (packaging) training"
    case "PEMASARAN_DIGITAL_TRAINING":
      return "the PEMASARAN_DIGITAL (digital marketing) training"
    case "APPROVED_LISTING":
      return "an approved product listing"
    case "OPEN_STOREFRONT":
      return "an open storefront on a partner marketplace"
  }
}
