/**
 * JATIM ISO's read models as in-memory projections over UMKM events, ready for a
 * `ProjectionRunner` (or an in-memory store's inline read models).
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"
import { InMemoryReadModel } from "@jatim/eventstore"
import * as OnboardingProgress from "./OnboardingProgress.js"
import * as Umkm from "../Umkm.js"

const over = (name: string): Effect.Effect<InMemoryReadModel.InMemoryReadModel<OnboardingProgress.State>> =>
  InMemoryReadModel.typed({
    name,
    codec: Umkm.codec,
    categories: [Umkm.category],
    initial: OnboardingProgress.initial,
    apply: (state, recorded) => OnboardingProgress.apply(state, recorded.data)
  })

/** The onboarding funnel per stage and kabupaten/kota; query it with `OnboardingFunnel`. */
export const onboardingFunnel = over("jatim-iso-onboarding-funnel")
/** Time to onboard; query it with `TimeToOnboard`. */
export const timeToOnboard = over("jatim-iso-time-to-onboard")
/** Stalled onboardings; query it with `StalledOnboardings`. */
export const stalledOnboardings = over("jatim-iso-stalled-onboardings")
