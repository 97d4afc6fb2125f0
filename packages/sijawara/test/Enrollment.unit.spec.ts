import { describe, expect, it } from "vitest"
import { Effect, Either, Random } from "effect"
import * as fc from "fast-check"
import { StreamName } from "@jatim/eventstore"
import { DeciderSpecification, FixedClock } from "@jatim/testing"
import {
  type CertificateNumber,
  Course,
  CourseContent,
  CourseEvent,
  Enrollment,
  EnrollmentCommand,
  EnrollmentEvent,
  Ids,
  Learner,
  LearnerEvent,
  Link
} from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import {
  allLessonsOf1,
  content,
  attempted,
  courseId,
  curator,
  d,
  drafted,
  enrolled,
  l11,
  l12,
  l21,
  learner,
  learnerId,
  lessonCompleted,
  m1,
  m2,
  modulePassed,
  nib,
  numberDrawnWith,
  officer,
  otherLearner,
  published,
  revisedContent,
  umkmOwner
} from "./fixtures.js"
import { append, grade, learnerEvents, offering, offeringOf, onStore, profile } from "./facts.js"

const spec = DeciderSpecification.for(Enrollment.decider)
const now = "2025-01-15T03:00:00Z"

const enroll = (actor = learner, course = offering) => new EnrollmentCommand.Enroll({ actor, learner: profile, course })
const complete = (lessonId: Ids.LessonId, actor = learner) => new EnrollmentCommand.CompleteLesson({ actor, learnerId, courseId, lessonId })
const attempt = (moduleId: Ids.ModuleId, answers: ReadonlyArray<number>, actor = learner) => grade(moduleId, answers, actor)
const wrong = [1, 0]
const rightM1 = [0, 1]
const rightM2 = [1, 0]

describe("Enrollment: enrolling", () => {
  it("a learner enrolls themself in the published version, which the enrollment keeps", () => {
    spec.given([]).at("2025-01-10T02:00:00Z").when(enroll()).then([enrolled()])
  })

  it("a Dinas officer may enroll a learner; nobody else may", () => {
    spec.given([]).at("2025-01-10T02:00:00Z").when(enroll(officer)).then([enrolled()])
    for (const actor of [otherLearner, curator, umkmOwner]) {
      const error = spec.given([]).when(enroll(actor)).thenFailsWith("ActorNotAuthorized")
      expect(error.message).toContain("a learner enrolls themself, or a Dinas officer enrolls them")
    }
  })

  it("a retired course takes no new enrollments", () => {
    const retired = offeringOf([
      drafted(),
      published(),
      new CourseEvent.CourseRetired({ courseId, reason: "Kurikulum baru", at: d("2025-01-09T00:00:00Z") })
    ])
    const error = spec.given([]).when(enroll(learner, retired)).thenFailsWith("CourseIsRetired")
    expect(error.message).toContain("a retired course cannot take new enrollments")
  })

  it("a learner enrolls in a course once", () => {
    spec.given([enrolled()]).when(enroll()).thenFailsWith("AlreadyEnrolled")
  })

  it("an offering not built from a course (repeated modules) is refused", () => {
    // A store holding a published version the course decider would never have published.
    const [first] = content.modules
    const broken = offeringOf([drafted(), published(1, d("2025-01-07T01:00:00Z"), { ...content, modules: [first, first] })])
    spec.given([]).when(enroll(learner, broken)).thenFailsWith("InvalidCourseOffering")
  })

  it("enrollIn builds the command from the learner's and the course's streams", () => {
    const umkm = Link.Umkm.make({ nib })
    const learnerStream = [
      new LearnerEvent.LearnerRegistered({
        learnerId,
        name: "Siti Aminah",
        region: "35.78",
        role: { _tag: "UMKM_OWNER", nib },
        at: d("2025-01-08T00:00:00Z")
      }),
      new LearnerEvent.LinkProposed({ learnerId, business: umkm, by: "LEARNER", at: d("2025-01-08T00:00:00Z") }),
      new LearnerEvent.LinkConfirmed({ learnerId, business: umkm, by: "BUSINESS", at: d("2025-01-08T01:00:00Z") })
    ]
    const enrollIn = (learnerEventsOf: ReadonlyArray<LearnerEvent.LearnerEvent>, courseEvents: ReadonlyArray<CourseEvent.CourseEvent>) =>
      onStore(
        Effect.gen(function* () {
          yield* append(Learner.codec, Learner.streamName(learnerId), learnerEventsOf)
          yield* append(Course.codec, Course.streamName(courseId), courseEvents)
          return yield* Enrollment.enrollIn({ actor: learner, learnerId, courseId })
        })
      )
    const command = Either.getOrThrow(enrollIn(learnerStream, [drafted(), published()]))
    expect(command).toEqual(enroll())
    expect(enrollIn([], [drafted(), published()])).toMatchObject({ _tag: "Left", left: { _tag: "LearnerNotFound" } })
    expect(enrollIn(learnerStream, [drafted()])).toMatchObject({ _tag: "Left", left: { _tag: "CourseNotPublished" } })
    expect(learnerEvents()).toEqual(learnerStream)
  })

  it("stream names are enrollment-<learnerId>_<courseId>, valid for any ids", () => {
    expect(Enrollment.streamName(learnerId, courseId)).toBe("enrollment-L-2025-000123_kemasan-101")
    expect(Enrollment.streamNameOf(enroll())).toBe(Enrollment.streamNameOf(complete(l11)))
    fc.assert(
      fc.property(Arbitraries.learnerId, Arbitraries.courseId, (l, c) => {
        const name = Enrollment.streamName(l, c)
        expect(Either.isRight(StreamName.parse(name))).toBe(true)
        expect(name.slice("enrollment-".length).split("_")).toEqual([l, c])
      }),
      { numRuns: 200 }
    )
  })
})

describe("Enrollment: the enrolled version is followed to the end", () => {
  it("a lesson only a later version has is unknown to an earlier enrollment", () => {
    const error = spec
      .given([enrolled()])
      .when(complete(Ids.LessonId.make("m2.l2")))
      .thenFailsWith("UnknownLesson")
    expect(error.message).toContain('is not part of version 1 of course "kemasan-101"')
    const v2 = Either.getOrThrow(
      Course.offering(
        [
          drafted(),
          published(),
          new CourseEvent.CourseRevised({ courseId, content: revisedContent, at: d("2025-01-20T00:00:00Z") }),
          published(2, d("2025-01-21T00:00:00Z"), revisedContent)
        ].reduce(Course.evolve, Course.initialState),
        courseId
      )
    )
    const newcomer = Enrollment.decider.evolve(
      Enrollment.initialState,
      new EnrollmentEvent.Enrolled({
        ...enrolled(),
        courseVersion: v2.version,
        plan: v2.plan
      })
    )
    expect(Enrollment.progress(newcomer).total).toBe(CourseContent.stepsOf(v2.plan))
    expect(Enrollment.progress(newcomer).total).toBe(
      Enrollment.progress([enrolled()].reduce(Enrollment.evolve, Enrollment.initialState)).total + 1
    )
  })
})

describe("Enrollment: lessons", () => {
  it("completing a lesson records it once; completing it again records nothing", () => {
    spec
      .given([enrolled()])
      .at(now)
      .when(complete(l11))
      .then([lessonCompleted(l11, m1, d(now))])
    spec
      .given([enrolled(), lessonCompleted(l11, m1)])
      .at(now)
      .when(complete(l11))
      .then([])
  })

  it("learners act only on their own enrollment", () => {
    for (const actor of [otherLearner, officer, curator, umkmOwner]) {
      const error = spec.given([enrolled()]).when(complete(l11, actor)).thenFailsWith("ActorNotAuthorized")
      expect(error.message).toContain("learners act only on their own enrollment")
      spec
        .given([enrolled(), ...allLessonsOf1()])
        .when(attempt(m1, rightM1, actor))
        .thenFailsWith("ActorNotAuthorized")
    }
  })

  it("nothing happens on an enrollment that does not exist", () => {
    spec.given([]).when(complete(l11)).thenFailsWith("NotEnrolled")
    spec.given([]).when(attempt(m1, rightM1)).thenFailsWith("NotEnrolled")
    const otherCourse = new EnrollmentCommand.CompleteLesson({
      actor: learner,
      learnerId,
      courseId: Ids.CourseId.make("shu-201"),
      lessonId: l11
    })
    spec.given([enrolled()]).when(otherCourse).thenFailsWith("NotEnrolled")
  })
})

describe("Enrollment: quizzes", () => {
  it("a quiz opens only after every lesson of its module", () => {
    const error = spec
      .given([enrolled(), lessonCompleted(l11, m1)])
      .when(attempt(m1, rightM1))
      .thenFailsWith("QuizLocked")
    expect(error.message).toBe(
      `The quiz of module "m1" opens only after every lesson of the module is completed; still to complete: m1.l2.`
    )
    spec
      .given([enrolled(), ...allLessonsOf1()])
      .when(attempt(m2, rightM2))
      .thenFailsWith("QuizLocked")
  })

  it("an attempt answers every question once", () => {
    const error = spec
      .given([enrolled(), ...allLessonsOf1()])
      .when(attempt(m1, [0]))
      .thenFailsWith("InvalidQuizAnswers")
    expect(error.message).toContain("has 2 questions")
    spec
      .given([enrolled(), ...allLessonsOf1()])
      .when(attempt(Ids.ModuleId.make("m9"), rightM1))
      .thenFailsWith("UnknownModule")
  })

  it("a failing attempt is recorded; a passing one passes the module (pass mark in whole percent)", () => {
    spec
      .given([enrolled(), ...allLessonsOf1()])
      .at(now)
      .when(attempt(m1, wrong))
      .then([attempted(m1, d(now))])
    spec
      .given([enrolled(), ...allLessonsOf1()])
      .at(now)
      .when(attempt(m1, [0, 0]))
      .then([attempted(m1, d(now), true, 1), modulePassed(m1, d(now))])
  })

  it("a passed module takes no more attempts", () => {
    const history = [enrolled(), ...allLessonsOf1(), attempted(m1, d(now), true), modulePassed(m1, d(now))]
    spec.given(history).when(attempt(m1, rightM1)).thenFailsWith("ModuleAlreadyPassed")
  })
})

describe("Enrollment: at most 3 attempts per module per day (WIB)", () => {
  const ready = [enrolled(), ...allLessonsOf1()]
  // 08:00, 12:00 and 17:00 WIB on 15 January 2025.
  const threeOn15th = [
    attempted(m1, d("2025-01-15T01:00:00Z")),
    attempted(m1, d("2025-01-15T05:00:00Z")),
    attempted(m1, d("2025-01-15T10:00:00Z"))
  ]

  it("the fourth attempt of the day is refused, naming the day and when to try again", () => {
    const error = spec
      .given([...ready, ...threeOn15th])
      .at("2025-01-15T16:59:59Z")
      .when(attempt(m1, rightM1))
      .thenFailsWith("AttemptLimitReached")
    expect(error.message).toBe(
      `At most 3 quiz attempts per module per day: module "m1" already had 3 attempts on 2025-01-15 (WIB). ` +
        `Try again from 00:00 WIB on 2025-01-16.`
    )
  })

  it("the day turns at 00:00 WIB (17:00 UTC)", () => {
    spec
      .given([...ready, ...threeOn15th])
      .at("2025-01-15T17:00:00Z")
      .when(attempt(m1, wrong))
      .then([attempted(m1, d("2025-01-15T17:00:00Z"))])
  })

  it("days are WIB days, not UTC days: 01:00 WIB counts for the WIB date", () => {
    const acrossUtcMidnight = [
      attempted(m1, d("2025-01-14T18:00:00Z")), // 01:00 WIB on the 15th, still the 14th in UTC
      attempted(m1, d("2025-01-15T01:00:00Z")),
      attempted(m1, d("2025-01-15T10:00:00Z"))
    ]
    spec
      .given([...ready, ...acrossUtcMidnight])
      .at("2025-01-15T12:00:00Z")
      .when(attempt(m1, rightM1))
      .thenFailsWith("AttemptLimitReached")
    spec
      .given([...ready, attempted(m1, d("2025-01-14T16:59:00Z")), ...acrossUtcMidnight.slice(1)])
      .at("2025-01-15T12:00:00Z")
      .when(attempt(m1, wrong))
      .then([attempted(m1, d("2025-01-15T12:00:00Z"))])
  })

  it("each module has its own limit", () => {
    const m2Ready = [...ready, ...threeOn15th, lessonCompleted(l21, m2)]
    spec
      .given(m2Ready)
      .at("2025-01-15T12:00:00Z")
      .when(attempt(m2, [0, 1]))
      .then([attempted(m2, d("2025-01-15T12:00:00Z"))])
  })
})

describe("Enrollment: completion and the one certificate", () => {
  const m1Passed = [enrolled(), ...allLessonsOf1(), attempted(m1, d(now), true), modulePassed(m1, d(now)), lessonCompleted(l21, m2)]
  /** The completion of the course now, linked to `nib`, with certificate `certificateNumber`. */
  const completion = (certificateNumber: CertificateNumber.CertificateNumber) =>
    new EnrollmentEvent.EnrollmentCompleted({
      learnerId,
      courseId,
      courseVersion: 1,
      topic: "KEMASAN",
      region: "35.78",
      linkedNib: nib,
      certificateNumber,
      at: d(now)
    })

  it("passing the last module completes the course and issues its certificate, numbered from Random", () => {
    const completedWith = (seed: number) =>
      Effect.runSync(
        Effect.suspend(() => Enrollment.decide(attempt(m2, rightM2), m1Passed.reduce(Enrollment.evolve, Enrollment.initialState))).pipe(
          FixedClock.at(now),
          Effect.withRandom(Random.make(seed))
        )
      )
    // A seeded Random makes the number reproducible: the first number that seed draws.
    expect(completedWith(7)).toEqual([attempted(m2, d(now), true), modulePassed(m2, d(now)), completion(numberDrawnWith(7))])
    expect(completedWith(7)).toEqual(completedWith(7))
    expect(completedWith(8)[2]).toEqual(completion(numberDrawnWith(8)))
    expect(numberDrawnWith(8)).not.toBe(numberDrawnWith(7))
  })

  it("no certificate while a module is not passed", () => {
    spec
      .given(m1Passed)
      .at(now)
      .when(attempt(m2, [1, 1]))
      .then([attempted(m2, d(now), false, 1)])
    spec
      .given([enrolled(), ...allLessonsOf1()])
      .at(now)
      .when(attempt(m1, rightM1))
      .then([attempted(m1, d(now), true), modulePassed(m1, d(now))])
  })

  it("after completion nothing issues a second certificate", () => {
    const certificate = completion(numberDrawnWith(1))
    const done = [...m1Passed, attempted(m2, d(now), true), modulePassed(m2, d(now)), certificate]
    spec.given(done).when(attempt(m2, rightM2)).thenFailsWith("ModuleAlreadyPassed")
    spec.given(done).when(attempt(m1, rightM1)).thenFailsWith("ModuleAlreadyPassed")
    spec.given(done).when(complete(l21)).then([])
    const state = done.reduce(Enrollment.evolve, Enrollment.initialState)
    expect(Enrollment.progress(state).percent).toBe(100)
    const again = Enrollment.evolve(state, completion(numberDrawnWith(2)))
    expect(again).toBe(state)
  })

  it("progress counts lessons and passed modules of the enrolled version, rounded down", () => {
    const p = (events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent>) =>
      Enrollment.progress(events.reduce(Enrollment.evolve, Enrollment.initialState))
    expect(p([])).toEqual({ done: 0, total: 0, percent: 0 })
    expect(p([enrolled()])).toEqual({ done: 0, total: 5, percent: 0 })
    expect(p([enrolled(), lessonCompleted(l11, m1)])).toEqual({ done: 1, total: 5, percent: 20 })
    expect(p([enrolled(), lessonCompleted(l11, m1), lessonCompleted(l12, m1)])).toEqual({ done: 2, total: 5, percent: 40 })
    expect(p(m1Passed)).toEqual({ done: 4, total: 5, percent: 80 })
  })
})
