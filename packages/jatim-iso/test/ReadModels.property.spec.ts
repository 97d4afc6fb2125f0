import { describe, it } from "vitest"
import * as fc from "fast-check"
import type { Identifier } from "@jatim/kernel"
import { Folds } from "@jatim/testing"
import { OnboardingFunnel, OnboardingProgress, StalledOnboardings, TimeToOnboard, Umkm } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { interleave, onboardingSequence, run } from "./simulate.js"

/** The events of a few UMKM, their streams interleaved. */
const histories = fc
  .uniqueArray(Arbitraries.nib, { minLength: 1, maxLength: 4 })
  .chain((ids) => fc.tuple(fc.constant(ids), fc.tuple(...ids.map((id) => onboardingSequence(id))), fc.array(fc.nat(), { maxLength: 60 })))
  .map(([ids, sequences, picks]) => {
    const runs = sequences.map((commands) => run(commands))
    return {
      ids,
      runs,
      events: interleave(
        runs.map((r) => r.events),
        picks
      )
    }
  })

/** Later than every event of `histories` (a day per command from 2025-01-01). */
const now = new Date(Date.UTC(2026, 0, 1))

/** What a caller can ask of the onboarding read models, as plain values. */
const answers = (state: OnboardingProgress.State, ids: ReadonlyArray<Identifier.Nib>) => ({
  progress: ids.map((nib) => OnboardingProgress.get(state, nib)),
  registered: OnboardingProgress.registered(state),
  funnel: OnboardingFunnel.funnel(state),
  byRegion: [...OnboardingFunnel.byRegion(state)],
  stalled: StalledOnboardings.stalled(state, { now, days: 0 }),
  onboardings: TimeToOnboard.onboardings(state),
  summary: TimeToOnboard.summary(state)
})

describe("the onboarding read models and the UMKM's state fold as values, however the events are batched (adr/0076)", () => {
  it("onboarding progress, funnel, stalled onboardings and time to onboard, for any UMKM histories", () => {
    fc.assert(
      fc.property(histories, fc.nat(), ({ events, ids }, cut) => {
        Folds.foldsAsValues(events, cut)(OnboardingProgress, (state) => answers(state, ids))
      })
    )
  })

  it("a UMKM's state: its summary and each listing's status", () => {
    fc.assert(
      fc.property(histories, fc.nat(), ({ runs }, cut) => {
        const { events } = runs[0]!
        const listings = [...new Set(events.flatMap((e) => ("listingId" in e ? [e.listingId] : [])))]
        Folds.foldsAsValues(events, cut)(Folds.ofDecider(Umkm.decider), (state) => ({
          summary: Umkm.summary(state),
          statuses: listings.map((listingId) => Umkm.listingStatus(state, listingId)),
          progress: Umkm.progressOf(state)
        }))
      })
    )
  })
})
