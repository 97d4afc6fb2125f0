import { expect } from "vitest"
import type { Event } from "@jatim/eventstore"
import { runErasureSuite } from "@jatim/testing"
import {
  OnboardingFunnel,
  OnboardingProgress,
  PersonalDataFields,
  StalledOnboardings,
  TimeToOnboard,
  Umkm,
  UmkmEvent
} from "../src/index.js"
import { Arbitraries } from "../src/testing.js"

/** The onboarding read models and every UMKM's aggregate, folded from `events` in order. */
const foldAll = (events: ReadonlyArray<Event.RecordedEvent<UmkmEvent.UmkmEvent>>) => {
  const umkm = new Map<string, Umkm.State>()
  for (const { streamName, data } of events) umkm.set(streamName, Umkm.evolve(umkm.get(streamName) ?? Umkm.initialState, data))
  const progress = OnboardingProgress.applyAll(
    OnboardingProgress.initial,
    events.map((e) => e.data)
  )
  return {
    progress,
    registered: OnboardingProgress.registered(progress),
    funnel: OnboardingFunnel.funnel(progress),
    onboardings: TimeToOnboard.onboardings(progress),
    stalled: StalledOnboardings.stalled(progress, { now: new Date(Date.UTC(2031, 0, 1)), days: 30 }),
    umkm: [...umkm]
  }
}

// UMKM events drawn from their Schemas, on a pool of up to three NIBs.
runErasureSuite("JATIM ISO", {
  classification: PersonalDataFields.classification,
  codec: Umkm.codec,
  type: "UmkmRegistered",
  field: "ownerName",
  idField: "nib",
  kind: "umkm-owner",
  ids: Arbitraries.nib,
  streamName: Umkm.streamName,
  events: { holder: UmkmEvent.UmkmRegistered, any: UmkmEvent.UmkmEvent, anyPerHolder: 2 },
  property: "one owner forgotten: every event still decodes, their name reads as erased, and the read models rebuild without it",
  fold: foldAll,
  check: ({ forgottenId, forgottenNames, before, after, expected }) => {
    // The UMKM's aggregate held the owner's name (when registered first), and holds none of it now.
    const registeredFirst = before.umkm.find(([stream]) => stream === Umkm.streamName(forgottenId))?.[1]
    if (registeredFirst?.registration && forgottenNames.length > 0) {
      expect(forgottenNames).toContain(registeredFirst.registration.ownerName)
    }
    // The onboarding read models never held a name: erasing changes nothing in them.
    const { umkm: _before, ...modelsBefore } = before
    const { umkm: _after, ...modelsAfter } = after
    expect(modelsAfter).toEqual(modelsBefore)
    expect(after.umkm).toEqual(expected.umkm)
  }
})
