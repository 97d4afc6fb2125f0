import { describe, expect, it } from "vitest"
import { Option, Schema } from "effect"
import * as fc from "fast-check"
import { Identifier } from "@jatim/kernel"
import { OnboardingFunnel, OnboardingProgress, Requirement, StalledOnboardings, Umkm, UmkmCommand, type UmkmEvent } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { decide, interleave, onboardingSequence, run } from "./simulate.js"

const nib = Identifier.Nib.make("9120001234567")

/** `value` encoded with `schema`, sent as JSON text, and decoded again. */
const overJson = <A, I>(schema: Schema.Schema<A, I>, value: A): A =>
  Schema.decodeUnknownSync(schema)(JSON.parse(JSON.stringify(Schema.encodeSync(schema)(value))))

/** What the events say onboarding still needs, found without the decider's state. */
/** The marketplaces whose last storefront event opened a storefront (a closed one no longer counts). */
const openStorefronts = (events: ReadonlyArray<UmkmEvent.UmkmEvent>): ReadonlySet<string> => {
  const open = new Set<string>()
  for (const e of events) {
    if (e._tag === "StorefrontOpened") open.add(e.marketplace)
    if (e._tag === "StorefrontClosed") open.delete(e.marketplace)
  }
  return open
}

const oracle = (events: ReadonlyArray<UmkmEvent.UmkmEvent>) => {
  const has = (tag: UmkmEvent.UmkmEvent["_tag"]) => events.some((e) => e._tag === tag)
  const trained = (training: string) => events.some((e) => e._tag === "TrainingRecorded" && e.training === training)
  const missing: Array<Requirement.Requirement> = []
  if (!has("LegalityVerified")) missing.push("LEGALITY_VERIFIED")
  if (!trained("KEMASAN")) missing.push("KEMASAN_TRAINING")
  if (!trained("PEMASARAN_DIGITAL")) missing.push("PEMASARAN_DIGITAL_TRAINING")
  if (!has("ListingApproved")) missing.push("APPROVED_LISTING")
  if (openStorefronts(events).size === 0) missing.push("OPEN_STOREFRONT")
  return { missing, open: has("UmkmRegistered") && !has("UmkmWithdrawn") && !has("OnboardingCompleted") }
}

const errorTags = [
  "ActorNotAuthorized",
  "UmkmAlreadyRegistered",
  "UmkmNotRegistered",
  "UmkmIsWithdrawn",
  "LegalityAlreadyVerified",
  "LegalityAlreadyRejected",
  "InvalidListing",
  "ListingAlreadySubmitted",
  "ListingNotFound",
  "ListingNotUnderReview",
  "ListingNotSentBack",
  "InvalidStorefront",
  "StorefrontAlreadyOpen",
  "StorefrontNotOpen",
  "OnboardingIncomplete",
  "OnboardingAlreadyCompleted"
]

describe("UMKM properties", () => {
  it("onboarding completes exactly when every requirement is met, for any command sequence", () => {
    let completions = 0
    let refusedIncomplete = 0
    fc.assert(
      fc.property(onboardingSequence(nib), (commands) => {
        const { outcomes } = run(commands)
        for (const { before, command, outcome } of outcomes) {
          if (command._tag !== "CompleteOnboarding" || command.actor._tag !== "DINAS_OFFICER") continue
          const { missing, open } = oracle(before)
          if (outcome._tag === "Accepted") {
            completions++
            expect(open).toBe(true)
            expect(missing).toEqual([])
          } else if (open) {
            refusedIncomplete++
            expect(outcome.error._tag).toBe("OnboardingIncomplete")
            expect(outcome.error._tag === "OnboardingIncomplete" ? outcome.error.missing : []).toEqual(missing)
          }
        }
      })
    )
    // The property saw both sides: completions and refusals.
    expect(completions).toBeGreaterThan(0)
    expect(refusedIncomplete).toBeGreaterThan(0)
  })

  it("the funnel's counts add up to the number of registered UMKM, and each is at the decider's stage; funnels round-trip through their Schema", () => {
    const nibs = fc.uniqueArray(Arbitraries.nib, { minLength: 1, maxLength: 4 })
    fc.assert(
      fc.property(
        nibs.chain((ids) =>
          fc.tuple(fc.constant(ids), fc.tuple(...ids.map((id) => onboardingSequence(id))), fc.array(fc.nat(), { maxLength: 60 }))
        ),
        ([ids, sequences, picks]) => {
          const runs = sequences.map((commands) => run(commands))
          const state = interleave(
            runs.map((r) => r.events),
            picks
          ).reduce(OnboardingFunnel.apply, OnboardingFunnel.initial)
          const registered = runs.filter((r) => r.state.registration !== null)
          // Redelivered events change nothing.
          const twice = interleave(
            runs.map((r) => r.events.flatMap((e) => [e, e])),
            picks
          )
          expect(OnboardingFunnel.funnel(twice.reduce(OnboardingFunnel.apply, OnboardingFunnel.initial))).toEqual(
            OnboardingFunnel.funnel(state)
          )
          const funnel = OnboardingFunnel.funnel(state)
          expect(OnboardingFunnel.total(funnel)).toBe(registered.length)
          const perRegion = [...OnboardingFunnel.byRegion(state).values()].reduce((n, f) => n + OnboardingFunnel.total(f), 0)
          expect(perRegion).toBe(registered.length)
          for (const [i, r] of runs.entries()) {
            if (r.state.registration === null) continue
            const stage = Requirement.stageOf({
              ...Umkm.progressOf(r.state),
              onboarded: r.state.onboardedAt !== null,
              withdrawn: r.state.withdrawnAt !== null
            })
            expect(Option.map(OnboardingProgress.get(state, ids[i]!), OnboardingProgress.stageOf)).toEqual(Option.some(stage))
          }
          // The funnels are what their Schema describes, and come back unchanged from JSON.
          for (const f of [funnel, ...OnboardingFunnel.byRegion(state).values()]) {
            expect(overJson(OnboardingFunnel.Funnel, f)).toStrictEqual(f)
          }
        }
      )
    )
  })

  it("stalled onboardings are what their Schema describes, and come back unchanged from JSON", () => {
    const nibs = fc.uniqueArray(Arbitraries.nib, { minLength: 1, maxLength: 4 })
    let listed = 0
    fc.assert(
      fc.property(
        nibs.chain((ids) => fc.tuple(fc.tuple(...ids.map((id) => onboardingSequence(id))), fc.array(fc.nat(), { maxLength: 60 }))),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 60 }),
        fc.option(Arbitraries.region, { nil: undefined }),
        ([sequences, picks], daysLater, days, region) => {
          const runs = sequences.map((commands) => run(commands))
          const state = interleave(
            runs.map((r) => r.events),
            picks
          ).reduce(StalledOnboardings.apply, StalledOnboardings.initial)
          const longest = Math.max(0, ...sequences.map((commands) => commands.length))
          const now = new Date(Date.UTC(2025, 0, 1) + (longest + daysLater) * 86_400_000)
          const stalled = StalledOnboardings.stalled(state, { now, days, region })
          listed += stalled.length
          const schema = Schema.Array(StalledOnboardings.Stalled)
          const json: unknown = JSON.parse(JSON.stringify(Schema.encodeSync(schema)(stalled)))
          expect(Schema.decodeUnknownSync(schema)(json)).toEqual(stalled)
        }
      )
    )
    // The property saw stalled onboardings, not only empty lists.
    expect(listed).toBeGreaterThan(0)
  })

  it("a UMKM's summary is its stream's: none for an empty stream, what onboarding still needs, round-tripping through its Schema", () => {
    let registered = 0
    fc.assert(
      fc.property(onboardingSequence(nib), (commands) => {
        const { events, state } = run(commands)
        const summary = Umkm.summary(state)
        expect(Option.isNone(summary)).toBe(events.length === 0)
        if (Option.isNone(summary)) return
        const s = summary.value
        const registration = events.find((e) => e._tag === "UmkmRegistered")
        if (registration !== undefined) registered++
        expect(s.nib).toBe(nib)
        expect(s.businessName).toBe(registration?.businessName ?? null)
        expect(s.region).toBe(registration?.region ?? null)
        expect(s.legality).toBe(state.legality)
        expect(s.missing).toEqual(oracle(events).missing)
        expect([...s.trainings].sort()).toEqual(
          [...new Set(events.flatMap((e) => (e._tag === "TrainingRecorded" ? [e.training] : [])))].sort()
        )
        expect(Object.keys(s.storefronts).sort()).toEqual([...openStorefronts(events)].sort())
        expect(s.onboardedAt !== null).toBe(events.some((e) => e._tag === "OnboardingCompleted"))
        // The summary is what its Schema describes, and comes back unchanged from JSON.
        expect(overJson(Umkm.Summary, s)).toStrictEqual(s)
      })
    )
    // The property saw registered UMKM, not only trainings recorded before a registration.
    expect(registered).toBeGreaterThan(0)
  })

  it("decide never throws: any command in any state is accepted or refused with a domain error", () => {
    const state = fc.oneof(
      fc.array(Arbitraries.anyEvent, { maxLength: 8 }).map((events) => events.reduce(Umkm.evolve, Umkm.initialState)),
      onboardingSequence(nib).map((commands) => run(commands).state)
    )
    fc.assert(
      fc.property(Arbitraries.anyCommand, state, fc.integer({ min: -8.64e15, max: 8.64e15 }), (command, s, instant) => {
        const outcome = decide(command, s, instant)
        if (outcome._tag === "Refused") expect(errorTags).toContain(outcome.error._tag)
      })
    )
  })
})

describe("Arbitraries", () => {
  it("the onboarding path onboards a UMKM", () => {
    fc.assert(
      fc.property(Arbitraries.nib.chain(Arbitraries.onboardingPath), (path) => {
        const { events, outcomes } = run(path)
        expect(outcomes.filter((o) => o.outcome._tag === "Refused")).toEqual([])
        expect(events.at(-1)?._tag).toBe("OnboardingCompleted")
      })
    )
  })

  it("each invalid command is refused with the error it names, on a registered UMKM", () => {
    const refused = Arbitraries.nib.chain((id) =>
      fc.tuple(
        fc.oneof(Arbitraries.unauthorizedCommand(id), Arbitraries.invalidSubmitListing(id), Arbitraries.invalidOpenStorefront(id)),
        Arbitraries.registerUmkm(id)
      )
    )
    fc.assert(
      fc.property(refused, ([{ command, expected }, register]) => {
        const { state } = run([register])
        const outcome = decide(command, state, 0)
        expect(outcome._tag === "Refused" ? outcome.error._tag : "Accepted").toBe(expected)
      })
    )
  })

  it("commands that travel as data round-trip through their Schema (a storefront's marketplace is read, never decoded)", () => {
    fc.assert(
      fc.property(Arbitraries.nib.chain(Arbitraries.command), (command) => {
        if (command._tag === "OpenStorefront" || command._tag === "RecordSijawaraTraining") return
        expect(Schema.decodeUnknownSync(UmkmCommand.UmkmCommand)(Schema.encodeSync(UmkmCommand.UmkmCommand)(command))).toEqual(command)
      })
    )
  })
})
