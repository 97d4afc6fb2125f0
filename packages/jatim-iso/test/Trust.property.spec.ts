/**
 * Trust properties: a Sijawara training only from a certificate Sijawara issued, for its topic,
 * to a learner linked to the UMKM at completion; no command by another party succeeds; no read
 * policy or feed entry shows a UMKM to anyone but its owner and the Dinas.
 */
import { beforeAll, describe, expect, it } from "vitest"
import { Arbitrary, Effect, Either, Option, Schema } from "effect"
import * as fc from "fast-check"
import { EventStore, InMemoryEventStore } from "@jatim/eventstore"
import { Actor, type Identifier, Visibility } from "@jatim/kernel"
import {
  FeedPolicy,
  Commands,
  OnboardingFunnel,
  StalledOnboardings,
  TimeToOnboard,
  Training,
  Umkm,
  UmkmCommand,
  UmkmEvent,
  type VerifiedCompletion
} from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { certificateNumber, claimOf, type Completion, store, verified } from "./completions.js"
import { nib, otherNib, register } from "./fixtures.js"
import { decide, onboardingSequence, run } from "./simulate.js"

const learners = ["L-2025-000001", "L-2025-000002", "L-2025-000003"] as const
const courses = ["kemasan-101", "pemasaran-201", "koperasi-301"] as const
const topics = ["KEMASAN", "PEMASARAN_DIGITAL", "PERKOPERASIAN", "MANAJEMEN_KOPERASI", "AKUNTANSI_SHU"] as const

/** What Sijawara completed: one completion per learner and course at most, each with its own certificate. */
const completions: fc.Arbitrary<ReadonlyArray<Completion>> = fc
  .uniqueArray(
    fc.record({
      learnerId: fc.constantFrom(...learners),
      courseId: fc.constantFrom(...courses),
      topic: fc.constantFrom(...topics),
      linkedNib: fc.constantFrom(nib, otherNib, null)
    }),
    { selector: (c) => `${c.learnerId}/${c.courseId}`, maxLength: 6 }
  )
  .map((list) => list.map((c, i) => ({ ...c, certificateNumber: certificateNumber(i + 1) })))

/** A claim: a completion's own, or one with its number, learner or course changed, or made up. */
const claim = (done: ReadonlyArray<Completion>): fc.Arbitrary<Training.SijawaraCertificate> => {
  const madeUp = fc
    .record({
      learnerId: fc.constantFrom(...learners),
      courseId: fc.constantFrom(...courses),
      n: fc.integer({ min: 1, max: 40 })
    })
    .map(({ courseId, learnerId, n }) => ({ learnerId, courseId, certificateNumber: certificateNumber(n) }))
  const changed =
    done.length === 0
      ? madeUp
      : fc
          .tuple(fc.constantFrom(...done), fc.constantFrom("as issued", "as issued", "number", "learner", "course"), madeUp)
          .map(([c, change, other]) => ({
            learnerId: change === "learner" ? other.learnerId : c.learnerId,
            courseId: change === "course" ? other.courseId : c.courseId,
            certificateNumber: change === "number" ? other.certificateNumber : c.certificateNumber
          }))
  return changed.map((c) => ({ _tag: "SIJAWARA_CERTIFICATE" as const, ...claimOf({ ...c, topic: "KEMASAN", linkedNib: null }) }))
}

/** Actors of another party than the UMKM of `nib`: anyone but a Dinas officer and its owner. */
const outsider = (id: Identifier.Nib): fc.Arbitrary<Actor.Actor> =>
  fc
    .oneof(
      Arbitraries.actor,
      Arbitraries.nib.map(Arbitraries.owner),
      fc.constantFrom(...learners).map((learnerId): Actor.Actor => ({ _tag: "LEARNER", learnerId }))
    )
    .filter((a) => a._tag !== "DINAS_OFFICER" && !(a._tag === "UMKM_OWNER" && a.nib === id))

describe("trust: trainings from Sijawara", () => {
  it("a Sijawara training is recorded exactly when Sijawara issued the certificate, for that topic, to a learner linked to the UMKM at completion", async () => {
    const seen = { recorded: 0, notIssued: 0, topic: 0, link: 0 }
    await fc.assert(
      fc.asyncProperty(
        completions.chain((done) => fc.tuple(fc.constant(done), claim(done), Arbitraries.trainingType, fc.boolean(), fc.boolean())),
        ([done, source, training, byOfficer, registered]) =>
          Effect.gen(function* () {
            if (registered) yield* Commands.umkm(register)
            yield* Effect.forEach(done, store, { discard: true })
            const actor: Actor.Actor = byOfficer
              ? { _tag: "DINAS_OFFICER", officerId: "dinas-1" }
              : { _tag: "LEARNER", learnerId: source.learnerId }
            const outcome = yield* Effect.either(Commands.recordTraining({ actor, nib, training, source }))
            // The oracle: what Sijawara published, not what was claimed.
            const issued = done.find(
              (c) => c.learnerId === source.learnerId && c.courseId === source.courseId && c.certificateNumber === source.certificateNumber
            )
            const expected =
              issued === undefined
                ? "CertificateNotIssued"
                : Option.getOrUndefined(Training.ofTopic(issued.topic)) !== training
                  ? "CertificateTopicMismatch"
                  : issued.linkedNib !== nib
                    ? "LearnerNotLinkedAtCompletion"
                    : "recorded"
            expect(Either.isLeft(outcome) ? outcome.left._tag : "recorded").toBe(expected)
            const { events } = yield* EventStore.readStream(Umkm.streamName(nib))
            const recorded = events.filter((e) => e.type === "TrainingRecorded")
            expect(recorded.length).toBe(expected === "recorded" ? 1 : 0)
            if (expected === "recorded") seen.recorded++
            if (expected === "CertificateNotIssued") seen.notIssued++
            if (expected === "CertificateTopicMismatch") seen.topic++
            if (expected === "LearnerNotLinkedAtCompletion") seen.link++
          }).pipe(Effect.provide(InMemoryEventStore.layer()), Effect.runPromise)
      ),
      { numRuns: 300 }
    )
    // Every case was met, genuine ones included.
    expect(Object.values(seen).every((n) => n > 0)).toBe(true)
  })
})

describe("trust: who may command a UMKM", () => {
  /** Verified completions of every topic, linked to `nib`, of the learners above. */
  let pool: ReadonlyArray<VerifiedCompletion.VerifiedCompletion> = []
  beforeAll(async () => {
    pool = await verified(
      topics.map((topic, i) => ({
        learnerId: learners[i % learners.length]!,
        courseId: `course-${i}`,
        topic,
        linkedNib: nib,
        certificateNumber: certificateNumber(i + 1)
      }))
    )
  })

  it("a command by an actor of another party (another UMKM's owner, a learner, a pesantren, a cooperative, a curator) never succeeds, in any state", () => {
    let refusals = 0
    fc.assert(
      fc.property(
        onboardingSequence(nib, { noise: 8, picks: 20 }),
        outsider(nib),
        fc.oneof(
          Arbitraries.command(nib).map((c): UmkmCommand.UmkmCommand => c),
          fc.tuple(fc.nat(), Arbitraries.trainingType).map(
            ([i, training]) =>
              new UmkmCommand.RecordSijawaraTraining({
                actor: { _tag: "DINAS_OFFICER", officerId: "x" },
                nib,
                training,
                completion: pool[i % pool.length]!
              })
          )
        ),
        (commands, actor, command) => {
          // The learner a certificate names may present it: that is its own party, not another's.
          if (
            command._tag === "RecordSijawaraTraining" &&
            actor._tag === "LEARNER" &&
            actor.learnerId === command.completion.completed.learnerId
          )
            return
          const { state } = run(commands)
          const forged =
            command._tag === "RecordSijawaraTraining"
              ? new UmkmCommand.RecordSijawaraTraining({ ...command, actor })
              : command._tag === "OpenStorefront"
                ? new UmkmCommand.OpenStorefront({ ...command, actor })
                : Schema.decodeUnknownSync(UmkmCommand.UmkmCommand)({
                    ...Schema.encodeSync(UmkmCommand.UmkmCommand)(command),
                    actor: Schema.encodeSync(Actor.Actor)(actor)
                  })
          const outcome = decide(forged, state, 0)
          // Refused, and for who it is, whatever the state (authorization comes first).
          expect(outcome._tag === "Refused" ? outcome.error._tag : "Accepted").toBe("ActorNotAuthorized")
          refusals++
        }
      )
    )
    expect(refusals).toBeGreaterThan(0)
  })

  it("a training request by another party is refused before the certificate is looked up", async () => {
    await fc.assert(
      fc.asyncProperty(
        outsider(nib),
        Arbitraries.trainingType,
        fc.oneof(Arbitraries.sijawaraCertificate, Arbitraries.workshop),
        (actor, training, source) =>
          Effect.gen(function* () {
            if (source._tag === "SIJAWARA_CERTIFICATE" && actor._tag === "LEARNER" && actor.learnerId === source.learnerId) return
            const outcome = yield* Effect.either(Commands.recordTraining({ actor, nib, training, source }))
            expect(Either.isLeft(outcome) ? outcome.left._tag : "accepted").toBe("ActorNotAuthorized")
          }).pipe(Effect.provide(InMemoryEventStore.layer()), Effect.runPromise)
      ),
      { numRuns: 100 }
    )
  })
})

describe("trust: who sees a UMKM", () => {
  const nibs = fc.constantFrom(nib, otherNib)
  const anyone = fc.oneof(Arbitraries.actor, nibs.map(Arbitraries.owner))
  /** Every viewer: any actor, or anonymous (who sees what a stranger with a token sees). */
  const anyViewer = fc.oneof(anyone, fc.constant<Visibility.Viewer>(Visibility.anonymous))
  const mayFollow = (actor: Visibility.Viewer, id: string) =>
    actor._tag === "DINAS_OFFICER" || (actor._tag === "UMKM_OWNER" && actor.nib === id)

  it("a UMKM's summary is shown to its owner and the Dinas only, never to another UMKM's owner nor anonymously", () => {
    const summary = fc.tuple(Arbitrary.make(Umkm.Summary), nibs).map(([s, id]) => ({ ...s, nib: id }))
    fc.assert(
      fc.property(anyViewer, summary, (actor, s) => {
        const shown = Umkm.visibleTo(actor, s)
        expect(Option.isSome(shown)).toBe(mayFollow(actor, s.nib))
        if (Option.isSome(shown)) expect(shown.value).toBe(s)
      })
    )
  })

  it("stalled onboardings and times to onboard: the Dinas sees every entry, an owner its own, anyone else none", () => {
    const stalled = fc.array(
      fc.tuple(Arbitrary.make(StalledOnboardings.Stalled), nibs).map(([s, id]) => ({ ...s, nib: id })),
      { maxLength: 6 }
    )
    const onboardings = fc.array(
      fc.record({
        nib: nibs,
        region: Arbitraries.region,
        registeredAt: fc.date({ noInvalidDate: true }),
        onboardedAt: fc.date({ noInvalidDate: true }),
        millis: fc.nat()
      }),
      { maxLength: 6 }
    )
    fc.assert(
      fc.property(anyViewer, stalled, onboardings, (actor, list, times) => {
        const expected = <A extends { readonly nib: string }>(all: ReadonlyArray<A>) => all.filter((e) => mayFollow(actor, e.nib))
        expect(StalledOnboardings.visible(actor, list)).toEqual(expected(list))
        expect(TimeToOnboard.visible(actor, times)).toEqual(expected(times))
        if (actor._tag === "UMKM_OWNER") {
          for (const e of [...StalledOnboardings.visible(actor, list), ...TimeToOnboard.visible(actor, times)])
            expect(e.nib).toBe(actor.nib)
        }
      })
    )
  })

  it("the onboarding funnel (counts only) is shown to every viewer, anonymous included", () => {
    fc.assert(
      fc.property(anyViewer, Arbitrary.make(OnboardingFunnel.Funnel), (viewer, funnel) => {
        expect(OnboardingFunnel.visibleTo(viewer, funnel)).toEqual(Option.some(funnel))
      })
    )
  })

  it("the live feed sends a UMKM's events, as stored, to its owner and the Dinas only", async () => {
    const schema = UmkmEvent.UmkmEvent
    const event = fc
      .tuple(Arbitraries.anyEvent, nibs)
      .map(([e, id]) => Schema.decodeUnknownSync(schema)({ ...Schema.encodeSync(schema)(e), nib: id }))
    await fc.assert(
      fc.asyncProperty(anyone, event, fc.boolean(), (actor, decoded, ownStream) =>
        Effect.gen(function* () {
          const stored = yield* Umkm.codec.encode({ event: decoded, eventId: "e-1" })
          const streamName = Umkm.streamName(ownStream ? decoded.nib : decoded.nib === nib ? otherNib : nib)
          const shown = yield* FeedPolicy.feedPolicy.visible(actor, { streamName, type: stored.type, data: stored.data })
          expect(Option.isSome(shown)).toBe(ownStream && mayFollow(actor, decoded.nib))
          if (Option.isSome(shown)) expect(shown.value).toEqual(stored.data)
        }).pipe(Effect.runPromise)
      ),
      { numRuns: 200 }
    )
  })
})
