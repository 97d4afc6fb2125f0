/**
 * The facts enrollment commands carry, for the tests: read by the package's readers
 * (`VerifiedProfile.read`, `VerifiedOffering.read`, `VerifiedAnswerKey.read`, `VerifiedLink.read`)
 * from a fresh in-memory store holding the given events, the way `Commands` reads them;
 * or, where a property needs facts of generated content, issued by the package-internal issuers
 * (tests only: in the package, only the readers issue facts; the public arbitraries make none).
 */
import { Effect, Either, FastCheck as fc, Option } from "effect"
import { type EventCodec, type EventStore, InMemoryEventStore, TypedEventStore } from "@jatim/eventstore"
import type { Identifier } from "@jatim/kernel"
import type { Actor } from "@jatim/kernel"
import {
  Course,
  type CourseEvent,
  CourseContent,
  EnrollmentCommand,
  Ids,
  Learner,
  LearnerEvent,
  Link,
  VerifiedAnswerKey,
  VerifiedLink,
  VerifiedOffering,
  VerifiedProfile
} from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import * as Issuers from "../src/internal/issuers.js"
import { courseId, d, drafted, learner, learnerId, nib, published } from "./fixtures.js"

/** Appends `events` to `streamName` of the store. */
export const append = <E extends { readonly _tag: string }>(
  codec: EventCodec.EventCodec<E>,
  streamName: string,
  events: ReadonlyArray<E>
): Effect.Effect<void, unknown, EventStore.EventStore> =>
  events.length === 0
    ? Effect.void
    : Effect.flatMap(TypedEventStore.make(codec), (store) =>
        store.appendToStream(
          streamName,
          events.map((event) => ({ event }))
        )
      )

/** Runs `program` on a fresh in-memory store: its result, or its failure. */
export const onStore = <A, E>(program: Effect.Effect<A, E, EventStore.EventStore>): Either.Either<A, E> =>
  Effect.runSync(Effect.either(program).pipe(Effect.provide(InMemoryEventStore.layer())))

/** Runs `read` on a fresh in-memory store holding `course` events on its stream and `learner` events on theirs. */
export const readFromEvents = <A, E>(
  streams: {
    readonly course?: ReadonlyArray<CourseEvent.CourseEvent>
    readonly learner?: ReadonlyArray<LearnerEvent.LearnerEvent>
    readonly courseId?: Ids.CourseId
    readonly learnerId?: Ids.LearnerId
  },
  read: Effect.Effect<A, E, EventStore.EventStore>
): A =>
  Either.getOrThrowWith(
    onStore(
      Effect.gen(function* () {
        yield* append(Course.codec, Course.streamName(streams.courseId ?? courseId), streams.course ?? [])
        yield* append(Learner.codec, Learner.streamName(streams.learnerId ?? learnerId), streams.learner ?? [])
        return yield* read
      })
    ),
    (error) => new Error(`the facts could not be read: ${String(error)}`)
  )

const registeredAt = d("2025-01-08T00:00:00Z")

/**
 * A learner's stream: registered (in Surabaya, as the owner of `nib` by default), and, when
 * `linkedNib` is given, linked in effect with that UMKM (the learner proposed, its owner confirmed).
 */
export const learnerEvents = (
  linkedNib: Identifier.Nib | null = nib,
  role: LearnerEvent.LearnerRegistered["role"] = { _tag: "UMKM_OWNER", nib },
  id: Ids.LearnerId = learnerId
): ReadonlyArray<LearnerEvent.LearnerEvent> => {
  const registered = new LearnerEvent.LearnerRegistered({ learnerId: id, name: "Siti Aminah", region: "35.78", role, at: registeredAt })
  if (linkedNib === null) return [registered]
  const umkm = Link.Umkm.make({ nib: linkedNib })
  return [
    registered,
    new LearnerEvent.LinkProposed({ learnerId: id, business: umkm, by: "LEARNER", at: registeredAt }),
    new LearnerEvent.LinkConfirmed({ learnerId: id, business: umkm, by: "BUSINESS", at: d("2025-01-08T01:00:00Z") })
  ]
}

/** The profile `VerifiedProfile.read` reads from `events` (by default: the learner, owner of and linked to `nib`). */
export const profileOf = (events: ReadonlyArray<LearnerEvent.LearnerEvent> = learnerEvents()): VerifiedProfile.VerifiedProfile =>
  readFromEvents({ learner: events }, VerifiedProfile.read(learnerId))

/** The offering `VerifiedOffering.read` reads from `events` (by default: the course drafted and published once). */
export const offeringOf = (events: ReadonlyArray<CourseEvent.CourseEvent> = [drafted(), published()]): VerifiedOffering.VerifiedOffering =>
  readFromEvents({ course: events }, VerifiedOffering.read(courseId))

/** The key of `moduleId` in version `version` `VerifiedAnswerKey.read` reads from `events` (null when it has none). */
export const keyFactOf = (
  moduleId: Ids.ModuleId,
  version = 1,
  events: ReadonlyArray<CourseEvent.CourseEvent> = [drafted(), published()]
): VerifiedAnswerKey.VerifiedAnswerKey | null =>
  Option.getOrNull(readFromEvents({ course: events }, VerifiedAnswerKey.read(courseId, version, moduleId)))

/** The link `VerifiedLink.read` reads for the learner whose stream holds `learnerEvents(linkedNib)`. */
export const linkOf = (linkedNib: Identifier.Nib | null = nib, id: Ids.LearnerId = learnerId): VerifiedLink.VerifiedLink =>
  readFromEvents({ learner: learnerEvents(linkedNib, { _tag: "PUBLIC" }, id), learnerId: id }, VerifiedLink.read(id))

/** Facts of given content, as the readers would issue them from a store holding such events (properties only). */
export const issued = {
  profile: (content: VerifiedProfile.Content): VerifiedProfile.VerifiedProfile => Issuers.profiles.issue(content),
  offering: (content: VerifiedOffering.Content): VerifiedOffering.VerifiedOffering => Issuers.offerings.issue(content),
  key: (content: VerifiedAnswerKey.Content): VerifiedAnswerKey.VerifiedAnswerKey => Issuers.answerKeys.issue(content),
  link: (content: VerifiedLink.Content): VerifiedLink.VerifiedLink => Issuers.links.issue(content)
}

/** The target of an enrollment's steps, with its answer keys and the link in effect as facts read from their streams. */
export const targetFor = (
  enrollment: Pick<Arbitraries.EnrollmentTarget, "learnerId" | "courseId" | "courseVersion" | "plan">,
  answerKeys: Arbitraries.AnswerKeys,
  linkedNib: Identifier.Nib | null
): Arbitraries.EnrollmentTarget => ({
  ...enrollment,
  answerKeys: new Map(
    [...answerKeys].map(([moduleId, answerKey]) => [
      moduleId,
      issued.key({
        courseId: enrollment.courseId,
        courseVersion: enrollment.courseVersion,
        moduleId: Ids.ModuleId.make(moduleId),
        answerKey
      })
    ])
  ),
  link: issued.link({ learnerId: enrollment.learnerId, linkedNib })
})

/** The learner's profile as their stream says: in Surabaya, owner of and linked to `nib`. */
export const profile: VerifiedProfile.VerifiedProfile = profileOf()

/** The course's offering as its stream says: version 1 of `content`, open. */
export const offering: VerifiedOffering.VerifiedOffering = offeringOf()

/**
 * A quiz attempt as the enrollment decides it: the answers, the module's key in version 1 and the
 * link in effect with `linkedNib`, read from the course's and the learner's streams.
 */
export const grade = (
  moduleId: Ids.ModuleId,
  answers: ReadonlyArray<number>,
  actor: Actor.Actor = learner,
  linkedNib: Identifier.Nib | null = nib
) =>
  new EnrollmentCommand.GradeAttempt({
    actor,
    learnerId,
    courseId,
    moduleId,
    answers,
    key: keyFactOf(moduleId),
    link: linkOf(linkedNib)
  })

/**
 * Generators of enrollments, whose commands carry facts: issued with generated content, standing
 * for facts read from a store holding such events (the public `Arbitraries` make no fact).
 */
export const generated = (() => {
  const {
    actorOtherThan,
    courseContent,
    courseId: anyCourseId,
    learnerActor,
    learnerId: anyLearnerId,
    learnerRole,
    nib: anyNib,
    nik,
    region,
    topic
  } = Arbitraries

  /** Profiles of registered learners, as `VerifiedProfile.read` reads them from their streams. */
  const learnerProfile: fc.Arbitrary<VerifiedProfile.VerifiedProfile> = fc
    .record({
      learnerId: anyLearnerId,
      region,
      role: learnerRole,
      linkedNib: fc.option(anyNib, { nil: null }),
      linkedNik: fc.option(nik, { nil: null })
    })
    .map(issued.profile)

  /** Offerings of open (not retired) courses, with small plans by default, as `VerifiedOffering.read` reads them. */
  const courseOffering = (size: Arbitraries.ContentSize = {}): fc.Arbitrary<VerifiedOffering.VerifiedOffering> =>
    fc
      .record({ courseId: anyCourseId, version: fc.integer({ min: 1, max: 5 }), topic, content: courseContent(size) })
      .map(({ content, courseId, topic, version }) =>
        issued.offering({
          courseId,
          version,
          title: content.title,
          topic,
          status: "OPEN",
          plan: CourseContent.planOf(content),
          cohort: null
        })
      )

  /** Enrollments of a learner, by the learner, in an open course. */
  const enroll = (size: Arbitraries.ContentSize = {}): fc.Arbitrary<EnrollmentCommand.Enroll> =>
    fc
      .tuple(learnerProfile, courseOffering(size))
      .map(([learner, course]) => new EnrollmentCommand.Enroll({ actor: learnerActor(learner.learnerId), learner, course }))

  /** Enrollments refused on a new enrollment: by another actor, or in a retired course. */
  const invalidEnroll: fc.Arbitrary<Arbitraries.Refused<EnrollmentCommand.Enroll>> = fc.oneof(
    enroll().chain((command) =>
      actorOtherThan(command.learner.learnerId).map((actor) => ({
        command: new EnrollmentCommand.Enroll({ ...command, actor }),
        expected: "ActorNotAuthorized"
      }))
    ),
    enroll().map((command) => ({
      // The same course, read after it was retired.
      command: new EnrollmentCommand.Enroll({ ...command, course: issued.offering({ ...command.course, status: "RETIRED" }) }),
      expected: "CourseIsRetired"
    }))
  )

  /** Enrollments (`enroll`) with the target their steps are taken in (answer keys and link included). */
  const enrollment = (
    size: Arbitraries.ContentSize = {}
  ): fc.Arbitrary<{ readonly command: EnrollmentCommand.Enroll; readonly target: Arbitraries.EnrollmentTarget }> =>
    enroll(size).chain((command) =>
      fc.tuple(Arbitraries.answerKeysFor(command.course.plan), fc.boolean(), anyNib).map(([answerKeys, linked, someNib]) => {
        const { courseId, plan, version: courseVersion } = command.course
        const { learnerId } = command.learner
        return { command, target: targetFor({ learnerId, courseId, courseVersion, plan }, answerKeys, linked ? someNib : null) }
      })
    )

  /** Any enrollment command the Schema accepts, facts of any content included. */
  const anyEnrollmentCommand: fc.Arbitrary<EnrollmentCommand.EnrollmentCommand> = fc.oneof(
    Arbitraries.anyEnrollmentCommand,
    enroll(),
    enrollment({ maxModules: 2, maxQuestions: 2 }).chain(({ target }) => Arbitraries.enrollmentStep(target)),
    enrollment({ maxModules: 2, maxQuestions: 2 }).chain(({ target }) =>
      fc
        .tuple(Arbitraries.learnerId, fc.array(fc.nat({ max: 3 }), { maxLength: 4 }), fc.constantFrom(...target.plan))
        .map(([someone, answers, module]) => Arbitraries.gradeAttempt(target, module.moduleId, answers, Arbitraries.learnerActor(someone)))
    )
  )

  return { learnerProfile, courseOffering, enroll, invalidEnroll, enrollment, anyEnrollmentCommand }
})()
