/** Properties of issue 14 in Sijawara: over generated actors, links, courses and states. */
import { describe, expect, it } from "vitest"
import { Arbitrary, Chunk, Effect, Either, HashMap, Option, Schema, Stream } from "effect"
import * as fc from "fast-check"
import { EventStore, InMemoryEventStore } from "@jatim/eventstore"
import { type Identifier, Visibility } from "@jatim/kernel"
import {
  Course,
  CertificateRegistry,
  CourseCommand,
  Enrollment,
  EnrollmentCommand,
  EnrollmentEvent,
  FeedPolicy,
  Ids,
  Integration,
  KabupatenLeaderboard,
  Learner,
  LearnerCommand,
  LearnerEvent,
  LearnerProgress,
  Link,
  Commands,
  type VerifiedLink
} from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { append, generated, onStore } from "./facts.js"
import { hasAnswers, numberDrawnWith } from "./fixtures.js"
import { cohort, decideAt, journeyWithTarget, simulate } from "./simulate.js"

const at = Date.UTC(2025, 0, 9, 1)

/** A registered learner, then link commands by the link's two sides, each applied when accepted. */
const linkHistory = fc
  .tuple(Arbitraries.registerLearner, fc.uniqueArray(Arbitraries.business, { minLength: 1, maxLength: 3 }))
  .chain(([register, pool]) =>
    fc.tuple(
      fc.constant(register),
      fc.array(Arbitraries.linkCommandBySide(register.learnerId, fc.constantFrom(...pool)), { maxLength: 12 })
    )
  )
  .map(([register, commands]) => {
    let events: ReadonlyArray<LearnerEvent.LearnerEvent> = []
    const outcomes: Array<{ readonly before: Learner.State; readonly produced: ReadonlyArray<LearnerEvent.LearnerEvent> }> = []
    for (const command of [register, ...commands]) {
      const before = events.reduce(Learner.evolve, Learner.initialState)
      const result = decideAt(Learner.decider, command, before, at)
      if (Either.isRight(result)) {
        outcomes.push({ before, produced: result.right })
        events = [...events, ...result.right]
      }
    }
    return { learnerId: register.learnerId, events, outcomes, state: events.reduce(Learner.evolve, Learner.initialState) }
  })

/** What a side of a link does: proposes it, confirms it, or ends it. */
type LinkVerb = "propose" | "confirm" | "end"

/** Any link verb. */
const linkVerb = fc.constantFrom<LinkVerb>("propose", "confirm", "end")

/** The learner command of `verb` on the link `fields` name. */
const linkCommand = (verb: LinkVerb, fields: ConstructorParameters<typeof LearnerCommand.ProposeLink>[0]) =>
  verb === "propose"
    ? new LearnerCommand.ProposeLink(fields)
    : verb === "confirm"
      ? new LearnerCommand.ConfirmLink(fields)
      : new LearnerCommand.EndLink(fields)

describe("links need both sides", () => {
  it("nobody but the two sides proposes or confirms, and only they or the Dinas end: in every reachable state", () => {
    fc.assert(
      fc.property(
        linkHistory.chain((history) =>
          fc
            .tuple(fc.constant(history), Arbitraries.business)
            .chain(([history, business]) =>
              fc.tuple(fc.constant(history), fc.constant(business), Arbitraries.actorOutsideLink(history.learnerId, business), linkVerb)
            )
        ),
        ([history, business, actor, verb]) => {
          const fields = { actor, learnerId: history.learnerId, business }
          const command = linkCommand(verb, fields)
          const result = decideAt(Learner.decider, command, history.state, at)
          if (verb === "end" && Visibility.isDinas(actor)) {
            expect(result._tag).toBe("Right")
          } else {
            expect(result).toMatchObject({ _tag: "Left", left: { _tag: "ActorNotAuthorized" } })
          }
        }
      )
    )
  }, 30_000)

  it("every link in effect was proposed by one side and confirmed by the other; a replaced link ends first", () => {
    let confirmations = 0
    fc.assert(
      fc.property(linkHistory, ({ outcomes, state }) => {
        for (const { before, produced } of outcomes) {
          if (before._tag !== "Learner") continue
          for (const [i, event] of produced.entries()) {
            if (event._tag !== "LinkConfirmed") continue
            confirmations++
            const proposal = before.proposals.find((p) => Link.same(p.business, event.business))
            expect(proposal).toBeDefined()
            expect(proposal?.by).not.toBe(event.by)
            const old = Learner.linkInEffect(before, event.business._tag)
            if (Option.isSome(old)) {
              // The replacement is the learner's choice, and names what replaced the old link.
              expect(produced[i - 1]).toMatchObject({
                _tag: "LinkEnded",
                reason: "REPLACED",
                business: old.value,
                by: "LEARNER",
                replacedBy: event.business
              })
            }
            // Every other open proposal of its kind is closed with it: none can later replace it.
            const after = produced.reduce(Learner.evolve, before)
            expect(after._tag === "Learner" && after.proposals.filter((p) => p.business._tag === event.business._tag)).toEqual([])
            const superseded = produced.filter((e) => e._tag === "LinkProposalSuperseded").map((e) => e.business)
            expect(superseded).toEqual(
              before.proposals
                .filter((p) => p.business._tag === event.business._tag && !Link.same(p.business, event.business))
                .map((p) => p.business)
            )
          }
          // Only the learner proposes.
          for (const event of produced) if (event._tag === "LinkProposed") expect(event.by).toBe("LEARNER")
        }
        // Registration alone never puts a link in effect.
        if (state._tag === "Learner" && outcomes.length === 1) expect([state.linkedNib, state.linkedNik]).toEqual([null, null])
      })
    )
    expect(confirmations).toBeGreaterThan(50)
  }, 30_000)

  it("a business learns nothing of a learner it has no link or proposal with: the answer is the one for an unknown learner", () => {
    let registeredCases = 0
    fc.assert(
      fc.property(
        fc.boolean().chain((known) => linkHistory.map((history) => ({ known, history }))),
        Arbitraries.business,
        linkVerb,
        ({ history, known }, business, verb) => {
          const state = known ? history.state : Learner.initialState
          fc.pre(
            !(
              state._tag === "Learner" &&
              (state.proposals.some((p) => Link.same(p.business, business)) ||
                Option.exists(Learner.linkInEffect(state, business._tag), (current) => Link.same(current, business)))
            )
          )
          if (state._tag === "Learner") registeredCases++
          const fields = { actor: Arbitraries.businessActor(business), learnerId: history.learnerId, business }
          const command = linkCommand(verb, fields)
          const answer = (s: Learner.State) => {
            const result = decideAt(Learner.decider, command, s, at)
            return Either.isLeft(result) ? { error: { ...result.left, message: result.left.message } } : { events: result.right }
          }
          const told = answer(state)
          expect(told).toEqual(answer(Learner.initialState))
          expect(told).toMatchObject({ error: { _tag: verb === "propose" ? "ActorNotAuthorized" : "NoLinkProposal" } })
        }
      )
    )
    expect(registeredCases).toBeGreaterThan(20)
  }, 30_000)
})

describe("authorization before state", () => {
  it("enrolling a learner by anyone but the learner and the Dinas is refused as such, whatever the learner's and course's states", () => {
    fc.assert(
      fc.property(
        Arbitraries.learnerId,
        fc.constantFrom(Ids.CourseId.make("kemasan-101"), Ids.CourseId.make("shu-201")),
        fc.array(Arbitraries.courseEvent(), { maxLength: 4 }),
        fc.option(Arbitraries.registerLearner, { nil: undefined }),
        Arbitraries.actor,
        (learnerId, courseId, courseEvents, register, actor) => {
          fc.pre(!Visibility.isDinas(actor) && !(actor._tag === "LEARNER" && actor.learnerId === learnerId))
          const learnerStream =
            register === undefined
              ? []
              : Either.getOrElse(
                  decideAt(Learner.decider, new LearnerCommand.RegisterLearner({ ...register, learnerId }), Learner.initialState, at),
                  () => []
                )
          // The learner's and the course's streams hold these events; enrollIn never gets to read them.
          const enrolling = onStore(
            Effect.gen(function* () {
              yield* append(Learner.codec, Learner.streamName(learnerId), learnerStream)
              yield* append(Course.codec, Course.streamName(courseId), courseEvents)
              return yield* Enrollment.enrollIn({ actor, learnerId, courseId })
            })
          )
          expect(enrolling).toMatchObject({
            _tag: "Left",
            left: { _tag: "ActorNotAuthorized" }
          })
        }
      )
    )
  }, 30_000)
})

/** Every viewer: any actor, or anonymous (who sees what a stranger with a token sees). */
const anyViewer: fc.Arbitrary<Visibility.Viewer> = fc.oneof(Arbitraries.actor, fc.constant(Visibility.anonymous))

/** The kinds of viewer of a learner's data, each drawn as often as the others. */
type ViewerKind = "self" | "otherLearner" | "dinas" | "others" | "anonymous"

/** A viewer of learner `learnerId`'s data, with its kind: the learner, another learner, the Dinas, anyone else, or anonymous. */
const viewerOf = (learnerId: Ids.LearnerId): fc.Arbitrary<readonly [ViewerKind, Visibility.Viewer]> =>
  fc.oneof(
    fc.constant(["self", Arbitraries.learnerActor(learnerId)] as const),
    Arbitraries.learnerId.filter((id) => id !== learnerId).map((id) => ["otherLearner", Arbitraries.learnerActor(id)] as const),
    Arbitraries.dinasOfficer.map((a) => ["dinas", a] as const),
    Arbitraries.actor.filter((a) => a._tag !== "LEARNER" && !Visibility.isDinas(a)).map((a) => ["others", a] as const),
    fc.constant(["anonymous", Visibility.anonymous] as const)
  )

describe("read policies never show another learner's data", () => {
  it("a learner's progress and certificates only to the learner and the Dinas, never anonymously", () => {
    const cases = { self: 0, otherLearner: 0, dinas: 0, others: 0, anonymous: 0 }
    fc.assert(
      fc.property(
        Arbitraries.learnerId.chain((learnerId) => fc.tuple(fc.constant(learnerId), viewerOf(learnerId))),
        ([learnerId, [kind, viewer]]) => {
          cases[kind]++
          const mayRead = kind === "self" || kind === "dinas"
          expect(Option.isSome(LearnerProgress.visibleTo(viewer, { learnerId, courses: [] }))).toBe(mayRead)
          expect(Option.isSome(CertificateRegistry.certificatesVisibleTo(viewer, { learnerId, certificates: [] }))).toBe(mayRead)
        }
      ),
      { numRuns: 500 }
    )
    // Every branch of the policies is reached, the learner's own case included.
    for (const count of Object.values(cases)) expect(count).toBeGreaterThan(50)
  })

  it("a region's learner ranking: the Dinas all of it, a learner its own row, anyone else (anonymous included) nothing", () => {
    const rows = fc.array(Arbitrary.make(KabupatenLeaderboard.LearnerStanding), { maxLength: 6 })
    fc.assert(
      fc.property(anyViewer, rows, (viewer, view) => {
        const shown = KabupatenLeaderboard.learnersVisibleTo(viewer, view)
        if (Visibility.isDinas(viewer)) expect(shown).toEqual(Option.some(view))
        else if (viewer._tag === "LEARNER") expect(shown).toEqual(Option.some(view.filter((row) => row.learnerId === viewer.learnerId)))
        else expect(shown).toEqual(Option.none())
      })
    )
  })

  it("public views (the leaderboard, certificate verification) to every viewer, anonymous included", () => {
    fc.assert(
      fc.property(anyViewer, fc.string(), (viewer, number) => {
        expect(KabupatenLeaderboard.regionsVisibleTo(viewer, [])).toEqual(Option.some([]))
        const report = CertificateRegistry.report(CertificateRegistry.verify(CertificateRegistry.initial, number))
        expect(CertificateRegistry.verificationVisibleTo(viewer, report)).toEqual(Option.some(report))
      })
    )
  })
})

describe("certificate numbers tell nothing about who completed what", () => {
  it("a number not issued gets the same public answer, NotIssued, whoever completed whichever course", () => {
    let withCertificates = 0
    fc.assert(
      fc.property(cohort(), anyViewer, fc.integer(), ({ events }, viewer, seed) => {
        const registry = events.reduce(CertificateRegistry.apply, CertificateRegistry.initial)
        const number = numberDrawnWith(seed)
        fc.pre(Option.isNone(HashMap.get(registry.certificates, number)))
        if (HashMap.size(registry.certificates) > 0) withCertificates++
        const answerFrom = (state: CertificateRegistry.State) =>
          CertificateRegistry.verificationVisibleTo(viewer, CertificateRegistry.report(CertificateRegistry.verify(state, number)))
        expect(answerFrom(registry)).toEqual(Option.some({ _tag: "NotIssued", number }))
        // Exactly as from a registry where nobody completed anything.
        expect(answerFrom(registry)).toEqual(answerFrom(CertificateRegistry.initial))
      })
    )
    expect(withCertificates).toBeGreaterThan(10)
  }, 60_000)

  it("numbers are unique across completions, and each verifies as its own enrollment's", () => {
    let completions = 0
    fc.assert(
      fc.property(cohort(6), ({ events, finals }) => {
        const issued = events.flatMap((e) => (e._tag === "EnrollmentCompleted" ? [e] : []))
        completions += issued.length
        expect(new Set(issued.map((e) => e.certificateNumber)).size).toBe(issued.length)
        const registry = events.reduce(CertificateRegistry.apply, CertificateRegistry.initial)
        expect(registry.collisions).toEqual([])
        for (const final of finals) {
          if (final._tag !== "Enrollment" || final.certificate === null) continue
          expect(CertificateRegistry.verify(registry, final.certificate.number)).toMatchObject({
            _tag: "Valid",
            certificate: { learnerId: final.learnerId, courseId: final.courseId }
          })
        }
      })
    )
    expect(completions).toBeGreaterThan(20)
  }, 60_000)
})

describe("no event or view returned to a learner contains an answer key", () => {
  it("over generated courses: command results, the course view and the live feed, searched as JSON", async () => {
    await fc.assert(
      fc.asyncProperty(
        Arbitraries.courseId,
        Arbitraries.learnerId,
        Arbitraries.topic,
        Arbitraries.courseContent(),
        fc.array(fc.nat({ max: 3 }), { maxLength: 6 }),
        async (courseId, learnerId, topic, content, guesses) => {
          const officer = { _tag: "DINAS_OFFICER", officerId: "dinas-01" } as const
          const learner = Arbitraries.learnerActor(learnerId)
          const program = Effect.gen(function* () {
            const outputs: Array<unknown> = []
            const keep = (events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent>) =>
              outputs.push(Schema.encodeSync(Schema.Array(EnrollmentEvent.EnrollmentEvent))(events))
            yield* Commands.course(new CourseCommand.DraftCourse({ actor: officer, courseId, topic, content }))
            yield* Commands.course(new CourseCommand.PublishCourse({ actor: officer, courseId }))
            const registered = yield* Commands.learner(
              new LearnerCommand.RegisterLearner({
                actor: learner,
                learnerId,
                name: "Dewi Lestari",
                region: "35.09",
                role: { _tag: "PUBLIC" }
              })
            )
            outputs.push(Schema.encodeSync(Schema.Array(LearnerEvent.LearnerEvent))(registered.newEvents))
            keep((yield* Commands.enroll({ actor: learner, learnerId, courseId })).newEvents)
            for (const module of content.modules) {
              for (const lesson of module.lessons) {
                keep(
                  (yield* Commands.enrollment(
                    new EnrollmentCommand.CompleteLesson({ actor: learner, learnerId, courseId, lessonId: lesson.lessonId })
                  )).newEvents
                )
              }
              const wrong = module.quiz.questions.map((q, i) => (guesses[i] ?? q.answer + 1) % q.choices.length)
              const right = module.quiz.questions.map((q) => q.answer)
              for (const answers of [wrong, right]) {
                const attempt = Commands.attemptQuiz(
                  new EnrollmentCommand.AttemptQuiz({ actor: learner, learnerId, courseId, moduleId: module.moduleId, answers })
                )
                const result = yield* Effect.either(attempt)
                if (Either.isRight(result)) keep(result.right.newEvents)
              }
            }
            const course = yield* (yield* EventStore.EventStore).readStream(Course.streamName(courseId))
            const state = (yield* Effect.forEach(course.events, Course.codec.decode))
              .map((e) => e.data)
              .reduce(Course.evolve, Course.initialState)
            const view = Option.getOrThrow(Course.summary(state))
            outputs.push(Schema.encodeSync(Course.Summary)(Option.getOrThrow(Course.visibleTo(learner, view))))
            const all = Chunk.toReadonlyArray(yield* Stream.runCollect(EventStore.readAll()))
            for (const event of all) outputs.push(Option.getOrNull(yield* FeedPolicy.feedPolicy.visible(learner, event)))
            const dinasView = Schema.encodeSync(Course.Summary)(Option.getOrThrow(Course.visibleTo(officer, view)))
            return { outputs, dinasView, completed: all.some((e) => e.type === "EnrollmentCompleted") }
          })
          const { completed, dinasView, outputs } = await Effect.runPromise(program.pipe(Effect.provide(InMemoryEventStore.layer())))
          expect(completed).toBe(true)
          expect(hasAnswers(outputs)).toBe(false)
          // The search is not blind: the Dinas's view of the same course does carry the answers.
          expect(hasAnswers(dinasView)).toBe(true)
        }
      )
    )
  }, 120_000)
})

/** A link a caller makes up from the real one, naming `nib`: a plain object, a frozen one, a spread copy, a JSON round-trip. */
const forgeLink = (real: VerifiedLink.VerifiedLink, nib: Identifier.Nib, how: number): unknown => {
  const plain = { learnerId: real.learnerId, linkedNib: nib }
  return [plain, Object.freeze({ ...plain }), { ...real, linkedNib: nib }, JSON.parse(JSON.stringify({ ...real, linkedNib: nib }))][how % 4]
}

describe("a forged link never reaches a CourseCompleted", () => {
  it("whatever the journey: attempts carrying a forged link are refused, and every completion records the link read", () => {
    let completions = 0
    let forgedAttempts = 0
    fc.assert(
      fc.property(
        journeyWithTarget(generated.enrollment({ maxModules: 2, maxQuestions: 2 }), 30).chain(({ steps, target }) =>
          fc.tuple(
            fc.constant(steps),
            fc.constant(target),
            fc.array(fc.tuple(fc.boolean(), Arbitraries.nib, fc.nat({ max: 3 })), { minLength: steps.length, maxLength: steps.length })
          )
        ),
        ([steps, target, forgeries]) => {
          const forgedSteps = steps.map((step, i) => {
            const [forge, nib, how] = forgeries[i] ?? [false, undefined, 0]
            if (!forge || nib === undefined || step.command._tag !== "GradeAttempt") return { step, forged: false }
            // The forgery under test: what TypeScript refuses (the type is branded), a caller's cast lets through,
            // bypassing the command Schema (which refuses it) to reach decide itself.
            const command = new EnrollmentCommand.GradeAttempt(
              { ...step.command, link: forgeLink(target.link, nib, how) as VerifiedLink.VerifiedLink },
              true
            )
            return { step: { ...step, command }, forged: true }
          })
          const { events, outcomes } = simulate(forgedSteps.map(({ step }) => step))
          for (const [i, { result, step }] of outcomes.entries()) {
            if (!forgedSteps[i]?.forged) continue
            forgedAttempts++
            expect(result._tag).toBe("Left")
            const byLearner = step.command.actor._tag === "LEARNER" && step.command.actor.learnerId === target.learnerId
            if (byLearner) expect(result).toMatchObject({ _tag: "Left", left: { _tag: "LinkUnverified" } })
          }
          for (const event of events) {
            if (event._tag !== "EnrollmentCompleted") continue
            completions++
            const published = Integration.fromEnrollmentCompleted(event)
            expect(published.linkedNib).toBe(target.link.linkedNib)
          }
        }
      )
    )
    // Not vacuous: many attempts were forged, and journeys still completed on the link read.
    expect(forgedAttempts).toBeGreaterThan(500)
    expect(completions).toBeGreaterThan(20)
  }, 60_000)
})
