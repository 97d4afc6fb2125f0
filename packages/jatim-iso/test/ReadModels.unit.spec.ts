import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { Checkpoints, CommandHandler, InMemoryEventStore, LeaderElection, ProjectionRunner } from "@jatim/eventstore"
import { Identifier } from "@jatim/kernel"
import { FixedClock } from "@jatim/testing"
import { OnboardingFunnel, Projections, StalledOnboardings, TimeToOnboard, Umkm, UmkmCommand, UmkmEvent } from "../src/index.js"
import {
  approved,
  certificate,
  kemasan,
  nib,
  officer,
  owner,
  pemasaran,
  ready,
  registered,
  storefront,
  submitted,
  verified
} from "./fixtures.js"

const day = 86_400_000
const at = (days: number) => new Date(Date.UTC(2025, 2, 1) + days * day)
const fold = (events: ReadonlyArray<UmkmEvent.UmkmEvent>) => events.reduce(OnboardingFunnel.apply, OnboardingFunnel.initial)

/** The events of a UMKM of `id` in `region` that reached `stage`, each a day after the last from `start`. */
const journey = (id: string, region: "35.07" | "35.78", steps: number, start = 0, end?: "onboard" | "withdraw") => {
  const n = Identifier.Nib.make(id)
  const all: Array<UmkmEvent.UmkmEvent> = [
    new UmkmEvent.UmkmRegistered({ ...registered, nib: n, region, at: at(start) }),
    new UmkmEvent.LegalityVerified({ nib: n, at: at(start + 1) }),
    new UmkmEvent.TrainingRecorded({ ...kemasan, nib: n, at: at(start + 2) }),
    new UmkmEvent.TrainingRecorded({ ...pemasaran, nib: n, at: at(start + 3) }),
    new UmkmEvent.ListingSubmitted({ ...submitted, nib: n, at: at(start + 4) }),
    new UmkmEvent.ListingApproved({ ...approved, nib: n, at: at(start + 5) }),
    new UmkmEvent.StorefrontOpened({ ...storefront, nib: n, at: at(start + 6) })
  ]
  const events = all.slice(0, steps)
  if (end === "onboard") events.push(new UmkmEvent.OnboardingCompleted({ nib: n, at: at(start + 10) }))
  if (end === "withdraw") events.push(new UmkmEvent.UmkmWithdrawn({ nib: n, reason: "Tutup usaha", at: at(start + 10) }))
  return events
}

describe("OnboardingFunnel", () => {
  it("counts each registered UMKM at the stage of the last requirement met in order, per kabupaten/kota", () => {
    const state = fold([
      ...journey("1000000000001", "35.07", 1),
      ...journey("1000000000002", "35.07", 2),
      ...journey("1000000000003", "35.07", 3), // one core training only: still LEGALITY_VERIFIED
      ...journey("1000000000004", "35.78", 4),
      ...journey("1000000000005", "35.78", 6),
      ...journey("1000000000006", "35.78", 7),
      ...journey("1000000000007", "35.78", 7, 0, "onboard"),
      ...journey("1000000000008", "35.07", 3, 0, "withdraw")
    ])
    expect(OnboardingFunnel.funnel(state)).toEqual({
      REGISTERED: 1,
      LEGALITY_VERIFIED: 2,
      TRAINED: 1,
      LISTING_APPROVED: 1,
      READY: 1,
      ONBOARDED: 1,
      WITHDRAWN: 1
    })
    expect(OnboardingFunnel.funnel(state, "35.07")).toMatchObject({ REGISTERED: 1, LEGALITY_VERIFIED: 2, WITHDRAWN: 1, ONBOARDED: 0 })
    expect([...OnboardingFunnel.byRegion(state).keys()]).toEqual(["35.07", "35.78"])
    expect(OnboardingFunnel.total(OnboardingFunnel.byRegion(state).get("35.78")!)).toBe(4)
    expect(OnboardingFunnel.funnel(state, "35.01")).toMatchObject({ REGISTERED: 0 })
  })

  it("does not count a UMKM known only from an early Sijawara training until it registers", () => {
    const early = new UmkmEvent.TrainingRecorded({ nib, training: "KEMASAN", source: certificate, at: at(0) })
    expect(OnboardingFunnel.total(OnboardingFunnel.funnel(fold([early])))).toBe(0)
    expect(OnboardingFunnel.funnel(fold([early, registered, verified]))).toMatchObject({ LEGALITY_VERIFIED: 1 })
  })

  it("an event applied twice changes nothing", () => {
    expect(OnboardingFunnel.funnel(fold([...ready, ...ready]))).toEqual(OnboardingFunnel.funnel(fold(ready)))
  })
})

describe("TimeToOnboard", () => {
  it("measures registration to completion, fastest first, with a summary per kabupaten/kota", () => {
    const state = fold([
      ...journey("1000000000001", "35.07", 7, 0, "onboard"), // 10 days
      ...journey("1000000000002", "35.07", 7, 4, "onboard"), // 10 days
      ...journey("1000000000003", "35.78", 7, 0),
      ...journey("1000000000004", "35.78", 7, 2, "onboard"),
      new UmkmEvent.OnboardingCompleted({ nib: Identifier.Nib.make("1000000000004"), at: at(40) })
    ])
    expect(TimeToOnboard.onboardings(state).map((o) => [o.nib, o.millis / day])).toEqual([
      ["1000000000001", 10],
      ["1000000000002", 10],
      ["1000000000004", 10]
    ])
    const state2 = fold([
      ...journey("1000000000001", "35.07", 7, 0, "onboard"),
      new UmkmEvent.UmkmRegistered({ ...registered, nib: Identifier.Nib.make("1000000000009"), at: at(0) }),
      new UmkmEvent.OnboardingCompleted({ nib: Identifier.Nib.make("1000000000009"), at: at(31) })
    ])
    expect(TimeToOnboard.summary(state2)).toEqual({ count: 2, averageDays: 20.5, medianDays: 20.5, fastestDays: 10, slowestDays: 31 })
    expect(TimeToOnboard.summary(state, "35.78")).toMatchObject({ count: 1, medianDays: 10 })
    expect(TimeToOnboard.summary(state, "35.01")).toBeUndefined()
  })
})

describe("StalledOnboardings", () => {
  it("lists registered UMKM idle for more than N days before now, neither onboarded nor withdrawn, longest idle first", () => {
    const state = fold([
      ...journey("1000000000001", "35.07", 2, 0), // last activity: day 1
      ...journey("1000000000002", "35.78", 5, 0), // last activity: day 4
      ...journey("1000000000003", "35.07", 1, 20), // registered day 20
      ...journey("1000000000004", "35.07", 7, 0, "onboard"),
      ...journey("1000000000005", "35.07", 2, 0, "withdraw")
    ])
    const stalled = StalledOnboardings.stalled(state, { now: at(31), days: 14 })
    expect(stalled.map((s) => [s.nib, s.stage, s.idleDays])).toEqual([
      ["1000000000001", "LEGALITY_VERIFIED", 30],
      ["1000000000002", "TRAINED", 27]
    ])
    expect(stalled[0]?.missing).toEqual(["KEMASAN_TRAINING", "PEMASARAN_DIGITAL_TRAINING", "APPROVED_LISTING", "OPEN_STOREFRONT"])
    expect(StalledOnboardings.stalled(state, { now: at(31), days: 14, region: "35.78" }).map((s) => s.nib)).toEqual(["1000000000002"])
    // Exactly N days idle is not yet stalled.
    expect(StalledOnboardings.stalled(state, { now: at(15), days: 14 })).toEqual([])
    expect(StalledOnboardings.stalled(state, { now: new Date(at(15).getTime() + 1), days: 14 }).map((s) => s.nib)).toEqual([
      "1000000000001"
    ])
    expect(StalledOnboardings.stalled(state, { now: at(31), days: 60 })).toEqual([])
  })
})

describe("Projections", () => {
  it.live("keep the read models from stored UMKM events with the ProjectionRunner", () =>
    Effect.gen(function* () {
      const handle = CommandHandler.make({ decider: Umkm.decider, codec: Umkm.codec })
      const funnel = yield* Projections.onboardingFunnel
      const stalled = yield* Projections.stalledOnboardings
      const runner = yield* ProjectionRunner.make([funnel.projection, stalled.projection])
      const stream = Umkm.streamName(nib)
      yield* handle(stream, new UmkmCommand.RegisterUmkm({ ...registered, actor: owner })).pipe(FixedClock.at(at(0)))
      yield* handle(stream, new UmkmCommand.VerifyLegality({ actor: officer, nib })).pipe(FixedClock.at(at(2)))
      yield* runner.awaitCaughtUp(funnel.projection.name)
      yield* runner.awaitCaughtUp(stalled.projection.name)
      expect(OnboardingFunnel.funnel(yield* funnel.get, "35.07")).toMatchObject({ LEGALITY_VERIFIED: 1 })
      expect(StalledOnboardings.stalled(yield* stalled.get, { now: at(20), days: 14 }).map((s) => s.idleDays)).toEqual([18])
    }).pipe(
      Effect.scoped,
      Effect.provide(Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory))
    )
  )
})
