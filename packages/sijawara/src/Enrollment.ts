/**
 * The enrollment decider: one stream per learner and course,
 * `enrollment-<learnerId>_<courseId>` (ids never contain `_`).
 *
 * Rules, each checked in `decide`:
 * - A learner enrolls themself, or a Dinas officer enrolls them; everything else on an
 *   enrollment is done by its learner only (a `LEARNER` actor with the enrollment's id).
 * - A retired course takes no new enrollments; a learner enrolls in a course once.
 * - The enrollment follows the course version it enrolled in, whatever is published later.
 * - Completing a lesson is idempotent: completing it again records nothing.
 * - A module's quiz opens only after every lesson of the module is completed.
 * - At most `maxAttemptsPerDay` (3) attempts per module per learning day (a WIB day: the kernel's
 *   `CalendarDate` day numbers).
 * - A passing attempt passes the module; a passed module takes no more attempts.
 * - When every module is passed the course is completed and exactly one certificate is issued,
 *   its number drawn from `Random` (`CertificateNumber.draw`, so nobody can compute a learner's
 *   number) and stored in `EnrollmentCompleted`; a completion retried after a conflict draws
 *   again, but decides on the reloaded stream, where the module is already passed, so only one
 *   completion is ever appended. The completion records the UMKM whose link with the learner is
 *   in effect at that moment (read from the learner's stream).
 *
 * Answer keys never enter an enrollment's events or state: an attempt is graded (`GradeAttempt`)
 * against the module's key as `Commands.attemptQuiz` reads it from the course's stream.
 *
 * Facts from other streams are verified, never taken from the caller: `Enroll` carries the
 * learner's profile and the course's offering, and `GradeAttempt` the answer key and the link in
 * effect, as kernel `Verified` facts only their readers issue (`VerifiedProfile`,
 * `VerifiedOffering`, `VerifiedAnswerKey`, `VerifiedLink`). `decide` checks at run time that
 * each is one (`LearnerProfileUnverified`, `CourseOfferingUnverified`, `AnswerKeyUnverified`,
 * `LinkUnverified`), so a look-alike is refused even when the command Schema was bypassed.
 *
 * @since 0.1.0
 */
import { Array as Arr, Clock, Effect, Either, HashMap, type Option, ParseResult, Predicate, Schema, Struct } from "effect"
import { Decider, type EventDecodeError, EventCodec, type EventStore, Lifecycle, type ReadError } from "@jatim/eventstore"
import { Actor, CalendarDate, type Region } from "@jatim/kernel"
import * as CertificateNumber from "./CertificateNumber.js"
import * as CourseContent from "./CourseContent.js"
import { CourseIsRetired, type CourseNotFound, type CourseNotPublished, EnrollmentClosed } from "./CourseError.js"
import { enrollmentOpen } from "./CourseOffering.js"
import { type CompleteLesson, Enroll, type EnrollmentCommand, type GradeAttempt } from "./EnrollmentCommand.js"
import { Enrolled, EnrollmentCompleted, EnrollmentEvent, LessonCompleted, ModulePassed, QuizAttempted } from "./EnrollmentEvent.js"
import type { CourseId, LearnerId, LessonId, ModuleId } from "./Ids.js"
import { updateOr, valueOr } from "./internal/collections.js"
import type { LearnerNotFound } from "./LearnerError.js"
import * as Progress from "./Progress.js"
import {
  AlreadyEnrolled,
  AnswerKeyUnavailable,
  AnswerKeyUnverified,
  AttemptLimitReached,
  CourseOfferingUnverified,
  type EnrollmentError,
  InvalidCourseOffering,
  InvalidQuizAnswers,
  LearnerProfileUnverified,
  LinkUnverified,
  ModuleAlreadyPassed,
  NotEnrolled,
  QuizLocked,
  UnknownLesson,
  UnknownModule
} from "./EnrollmentError.js"
import type { Topic } from "./Topic.js"
import * as VerifiedAnswerKey from "./VerifiedAnswerKey.js"
import * as VerifiedLink from "./VerifiedLink.js"
import * as VerifiedOffering from "./VerifiedOffering.js"
import * as VerifiedProfile from "./VerifiedProfile.js"

/** The most quiz attempts per module per learning day (WIB). */
export const maxAttemptsPerDay = 3

/** The category of enrollment streams. */
export const category = "enrollment"

/** The stream of the enrollment of `learnerId` in `courseId`: `enrollment-<learnerId>_<courseId>`. */
export const streamName = (learnerId: LearnerId, courseId: CourseId): string => `${category}-${learnerId}_${courseId}`

/** The stream a command is for. */
export const streamNameOf = (command: EnrollmentCommand): string =>
  command._tag === "Enroll"
    ? streamName(command.learner.learnerId, command.course.courseId)
    : streamName(command.learnerId, command.courseId)

/** The certificate of a completed enrollment. */
export interface Certificate {
  readonly number: CertificateNumber.CertificateNumber
  readonly issuedAt: Date
}

/** An enrollment of a learner in one version of a course. */
export interface Enrollment {
  readonly _tag: "Enrollment"
  readonly learnerId: LearnerId
  readonly courseId: CourseId
  readonly courseVersion: number
  readonly topic: Topic
  readonly region: Region.RegionCode
  /** The plan of the enrolled course version (no answer keys). */
  readonly plan: CourseContent.Plan
  readonly completedLessons: ReadonlySet<LessonId>
  /** How many quiz attempts each learning day saw, per module (persistent: one attempt costs O(log n)). */
  readonly attemptsPerDay: HashMap.HashMap<ModuleId, HashMap.HashMap<CalendarDate.DayNumber, number>>
  readonly passedModules: ReadonlySet<ModuleId>
  /** Set once, when every module is passed. */
  readonly certificate: Certificate | null
}

/** The state of an enrollment stream. */
export type State = { readonly _tag: "NotEnrolled" } | Enrollment

const noAttempts: HashMap.HashMap<CalendarDate.DayNumber, number> = HashMap.empty()

const moduleOfLesson = (plan: CourseContent.Plan, lessonId: LessonId): CourseContent.ModulePlan | undefined =>
  plan.find((module) => module.lessonIds.includes(lessonId))

const moduleById = (plan: CourseContent.Plan, moduleId: ModuleId): CourseContent.ModulePlan | undefined =>
  plan.find((module) => module.moduleId === moduleId)

/**
 * `initialState` is the state before enrolling (`NotEnrolled`), `evolve` the state after one event.
 * Events that do not fit (a lesson outside the plan, anything before `Enrolled`, a second
 * certificate) change nothing, so any sequence of events folds.
 */
export const { initialState, evolve } = Lifecycle.make<State, EnrollmentEvent>()({
  initial: "NotEnrolled",
  creation: "Enrolled",
  create: (event) => ({
    ...Struct.pick(event, "learnerId", "courseId", "courseVersion", "topic", "region", "plan"),
    _tag: "Enrollment",
    completedLessons: new Set(),
    attemptsPerDay: HashMap.empty(),
    passedModules: new Set(),
    certificate: null
  }),
  next: (state, event) => {
    switch (event._tag) {
      case "LessonCompleted":
        return moduleOfLesson(state.plan, event.lessonId) === undefined || state.completedLessons.has(event.lessonId)
          ? state
          : { ...state, completedLessons: new Set([...state.completedLessons, event.lessonId]) }
      case "QuizAttempted": {
        const day = CalendarDate.dayNumberOfEpochMillis(event.at.getTime())
        return {
          ...state,
          attemptsPerDay: updateOr(state.attemptsPerDay, event.moduleId, noAttempts, (days) =>
            HashMap.set(days, day, valueOr(days, day, 0) + 1)
          )
        }
      }
      case "ModulePassed":
        return moduleById(state.plan, event.moduleId) === undefined || state.passedModules.has(event.moduleId)
          ? state
          : { ...state, passedModules: new Set([...state.passedModules, event.moduleId]) }
      case "EnrollmentCompleted":
        return state.certificate === null ? { ...state, certificate: { number: event.certificateNumber, issuedAt: event.at } } : state
    }
  }
})

/** Every error of enrollment commands (`EnrollmentError.ts`). */
export type { EnrollmentError } from "./EnrollmentError.js"

/**
 * Who may enroll `learnerId`: the learner themself or a Dinas officer. Checked before anything
 * about the learner or the course is read, so nobody else learns whether they exist.
 */
export const authorizeEnroll = (
  actor: Actor.Actor,
  learnerId: LearnerId,
  courseId: CourseId
): Either.Either<void, Actor.ActorNotAuthorized> =>
  actor._tag === "DINAS_OFFICER" || (actor._tag === "LEARNER" && actor.learnerId === learnerId)
    ? Either.void
    : Either.left(
        new Actor.ActorNotAuthorized({
          actor,
          action: `enroll learner "${learnerId}" in course "${courseId}"`,
          rule: "a learner enrolls themself, or a Dinas officer enrolls them"
        })
      )

const enroll = (command: Enroll, state: State, at: Date) =>
  Effect.gen(function* () {
    // The facts first: the learner and the course they name are what everything else is about.
    const learner: unknown = command.learner
    const course: unknown = command.course
    if (!VerifiedProfile.is(learner)) return yield* new LearnerProfileUnverified()
    if (!VerifiedOffering.is(course)) return yield* new CourseOfferingUnverified()
    const { actor } = command
    yield* authorizeEnroll(actor, learner.learnerId, course.courseId)
    if (state._tag === "Enrollment") {
      return yield* new AlreadyEnrolled({
        learnerId: state.learnerId,
        courseId: state.courseId,
        courseVersion: state.courseVersion
      })
    }
    if (course.status === "RETIRED") {
      return yield* new CourseIsRetired({ courseId: course.courseId, action: "take new enrollments" })
    }
    // A cohort takes enrollments until the end of its last day (WIB), by the clock.
    if (course.cohort !== null && !enrollmentOpen(course.cohort, CalendarDate.fromEpochMillis(at.getTime()))) {
      return yield* new EnrollmentClosed({ courseId: course.courseId, endsOn: course.cohort.endsOn })
    }
    const problems = CourseContent.planProblems(course.plan)
    if (Arr.isNonEmptyReadonlyArray(problems)) {
      return yield* new InvalidCourseOffering({ courseId: course.courseId, problems })
    }
    return [
      new Enrolled({
        learnerId: learner.learnerId,
        courseId: course.courseId,
        courseVersion: course.version,
        title: course.title,
        topic: course.topic,
        plan: course.plan,
        region: learner.region,
        linkedNib: learner.linkedNib,
        at
      })
    ]
  })

const completeLesson = (command: CompleteLesson, state: Enrollment, at: Date) =>
  Effect.gen(function* () {
    const { courseId, learnerId, lessonId } = command
    const module = yield* Either.fromNullable(
      moduleOfLesson(state.plan, lessonId),
      () => new UnknownLesson({ courseId, courseVersion: state.courseVersion, lessonId })
    )
    if (state.completedLessons.has(lessonId)) return []
    return [new LessonCompleted({ learnerId, courseId, moduleId: module.moduleId, lessonId, at })]
  })

/** Refuses a `GradeAttempt` whose key or link is not a fact read from its stream, or whose link is another learner's. */
const verifyAttemptFacts = (command: GradeAttempt) =>
  Effect.gen(function* () {
    const { courseId, learnerId, moduleId } = command
    const key: unknown = command.key
    const link: unknown = command.link
    if (key !== null && !VerifiedAnswerKey.is(key)) return yield* new AnswerKeyUnverified({ courseId, moduleId })
    if (!VerifiedLink.is(link)) {
      return yield* new LinkUnverified({ learnerId, reason: "the link it carries was not read from the learner's stream" })
    }
    if (link.learnerId !== learnerId) {
      return yield* new LinkUnverified({ learnerId, reason: `the link it carries is learner "${link.learnerId}"'s` })
    }
  })

const attemptQuiz = (command: GradeAttempt, state: Enrollment, at: Date) =>
  Effect.gen(function* () {
    const { courseId, learnerId, moduleId } = command
    const module = yield* Either.fromNullable(
      moduleById(state.plan, moduleId),
      () => new UnknownModule({ courseId, courseVersion: state.courseVersion, moduleId })
    )
    if (state.passedModules.has(moduleId)) return yield* new ModuleAlreadyPassed({ moduleId })
    const missingLessons = module.lessonIds.filter((lessonId) => !state.completedLessons.has(lessonId))
    if (Arr.isNonEmptyReadonlyArray(missingLessons)) return yield* new QuizLocked({ moduleId, missingLessons })
    if (command.answers.length !== module.questions) {
      return yield* new InvalidQuizAnswers({ moduleId, expected: module.questions, actual: command.answers.length })
    }
    const day = CalendarDate.dayNumberOfEpochMillis(at.getTime())
    const attemptsToday = valueOr(valueOr(state.attemptsPerDay, moduleId, noAttempts), day, 0)
    if (attemptsToday >= maxAttemptsPerDay) {
      return yield* new AttemptLimitReached({
        moduleId,
        limit: maxAttemptsPerDay,
        day: CalendarDate.formatDayNumber(day),
        retryOn: CalendarDate.formatDayNumber(day + 1)
      })
    }
    const { key } = command
    if (
      key === null ||
      key.courseId !== courseId ||
      key.moduleId !== moduleId ||
      key.courseVersion !== state.courseVersion ||
      key.answerKey.length !== module.questions
    ) {
      return yield* new AnswerKeyUnavailable({ courseId, courseVersion: state.courseVersion, moduleId })
    }
    const grade = CourseContent.grade(module, key.answerKey, command.answers)
    const attempted = new QuizAttempted({ learnerId, courseId, moduleId, ...grade, at })
    if (!grade.passed) return [attempted]
    const passed = new ModulePassed({ learnerId, courseId, moduleId, at })
    const everyModulePassed = state.plan.every((m) => m.moduleId === moduleId || state.passedModules.has(m.moduleId))
    if (!everyModulePassed || state.certificate !== null) return [attempted, passed]
    return [
      attempted,
      passed,
      new EnrollmentCompleted({
        learnerId,
        courseId,
        courseVersion: state.courseVersion,
        topic: state.topic,
        region: state.region,
        linkedNib: command.link.linkedNib,
        certificateNumber: yield* CertificateNumber.draw,
        at
      })
    ]
  })

/** The events an enrollment command produces, or the rule that refuses it. */
export const decide = (command: EnrollmentCommand, state: State): Effect.Effect<ReadonlyArray<EnrollmentEvent>, EnrollmentError> =>
  Effect.gen(function* () {
    if (command._tag === "Enroll") return yield* enroll(command, state, new Date(yield* Clock.currentTimeMillis))
    const { actor, courseId, learnerId } = command
    if (!(actor._tag === "LEARNER" && actor.learnerId === learnerId)) {
      return yield* new Actor.ActorNotAuthorized({
        actor,
        action:
          command._tag === "CompleteLesson" ? `complete a lesson of learner "${learnerId}"` : `attempt a quiz for learner "${learnerId}"`,
        rule: "learners act only on their own enrollment"
      })
    }
    if (command._tag === "GradeAttempt") yield* verifyAttemptFacts(command)
    if (state._tag === "NotEnrolled" || state.learnerId !== learnerId || state.courseId !== courseId) {
      return yield* new NotEnrolled({ learnerId, courseId })
    }
    const at = new Date(yield* Clock.currentTimeMillis)
    return command._tag === "CompleteLesson" ? yield* completeLesson(command, state, at) : yield* attemptQuiz(command, state, at)
  })

/** The enrollment decider. */
export const decider: Decider.Decider<EnrollmentCommand, EnrollmentEvent, State, EnrollmentError> = Decider.make({
  initialState,
  evolve,
  decide
})

/** The data of an `Enrolled` of schema version 1: a plan whose modules carried their answer keys. */
const EnrolledVersion1 = Schema.Struct({ plan: Schema.Array(CourseContent.LegacyModulePlan) })

/**
 * Raises the data of an `Enrolled` of schema version 1 to version 2: each module's answer key
 * becomes its number of questions, and the key itself is dropped (no read of an old enrollment
 * shows it again).
 */
export const upcastEnrolledFromVersion1 = (data: {
  readonly [key: string]: unknown
}): Effect.Effect<{ readonly [key: string]: unknown }, string> =>
  Effect.map(
    Effect.mapError(Schema.decodeUnknown(EnrolledVersion1)(data), (error) => ParseResult.TreeFormatter.formatErrorSync(error)),
    ({ plan }) => ({
      ...data,
      plan: plan.map((m) => ({ moduleId: m.moduleId, lessonIds: m.lessonIds, passMark: m.passMark, questions: m.answerKey.length }))
    })
  )

/** The codec of enrollment events: `Enrolled` is at schema version 2, version 1 is upcast. */
export const codec = EventCodec.make(EnrollmentEvent, {
  versions: { Enrolled: 2 },
  upcasters: [{ eventType: "Enrolled", fromVersion: 1, upcast: upcastEnrolledFromVersion1 }]
})

const decodeEvent = Schema.decodeUnknown(EnrollmentEvent)

/**
 * Decodes the data of a stored enrollment event whose schema version is not at hand (the live
 * feed sees only type and data): as written now, or else as an `Enrolled` of version 1, upcast.
 */
export const decodeStored = (type: string, data: unknown): Effect.Effect<Option.Option<EnrollmentEvent>> => {
  const fields = Predicate.isRecord(data) ? data : {}
  return decodeEvent({ ...fields, _tag: type }).pipe(
    Effect.orElse(() =>
      type === "Enrolled"
        ? Effect.flatMap(upcastEnrolledFromVersion1(fields), (upcast) => decodeEvent({ ...upcast, _tag: type }))
        : Effect.fail("not an enrollment event")
    ),
    Effect.option
  )
}

/** The progress of an enrollment: lessons completed and modules passed, of the enrolled version's steps. */
export const progress = (state: State): Progress.Progress => {
  if (state._tag === "NotEnrolled") return Progress.make(0, 0)
  const lessons = state.plan.flatMap((m) => m.lessonIds).filter((id) => state.completedLessons.has(id)).length
  const modules = state.plan.filter((m) => state.passedModules.has(m.moduleId)).length
  return Progress.make(lessons + modules, CourseContent.stepsOf(state.plan))
}

/** What `enrollIn` needs: who enrolls which learner in which course. */
export interface EnrollInput {
  readonly actor: Actor.Actor
  readonly learnerId: LearnerId
  readonly courseId: CourseId
}

/**
 * Builds the `Enroll` command from the learner's and the course's streams: the learner's profile
 * (`VerifiedProfile.read`) and the course's latest published version (`VerifiedOffering.read`).
 * Who enrolls is checked first, before either stream is read, so an actor who may not enroll
 * this learner learns nothing about the learner or the course (not even that the course is
 * unpublished). The enrollment's decider then checks the rules (facts read, who enrolls,
 * retired course, enrolled once).
 */
export const enrollIn = (
  input: EnrollInput
): Effect.Effect<
  Enroll,
  Actor.ActorNotAuthorized | LearnerNotFound | CourseNotFound | CourseNotPublished | ReadError | EventDecodeError,
  EventStore.EventStore
> =>
  Effect.gen(function* () {
    yield* authorizeEnroll(input.actor, input.learnerId, input.courseId)
    const learner = yield* VerifiedProfile.read(input.learnerId)
    const course = yield* VerifiedOffering.read(input.courseId)
    return new Enroll({ actor: input.actor, learner, course })
  })
