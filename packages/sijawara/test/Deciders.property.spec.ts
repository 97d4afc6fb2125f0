import { describe, expect, it } from "vitest"
import { Cause, Effect, Exit, Schema } from "effect"
import * as fc from "fast-check"
import type { Decider, EventCodec } from "@jatim/eventstore"
import { FixedClock } from "@jatim/testing"
import { Course, CourseCommand, CourseEvent, Enrollment, EnrollmentEvent, Ids, Learner, LearnerEvent } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { generated, targetFor } from "./facts.js"

/** Course events, mostly small (the Schema's own make contents up to 20 modules of 30 lessons). */
const courseEvents = fc.oneof({ weight: 1, arbitrary: Arbitraries.anyCourseEvent }, { weight: 9, arbitrary: Arbitraries.courseEvent() })

/** Revise, publish and retire commands on the courses `courseEvent` makes, by any actor. */
const smallCourseCommand = fc
  .tuple(Arbitraries.actor, fc.constantFrom(Ids.CourseId.make("kemasan-101"), Ids.CourseId.make("shu-201")), Arbitraries.courseContent())
  .chain(([actor, courseId, content]) =>
    fc.constantFrom<Array<CourseCommand.CourseCommand>>(
      new CourseCommand.ReviseCourse({ actor, courseId, content }),
      new CourseCommand.PublishCourse({ actor, courseId }),
      new CourseCommand.RetireCourse({ actor, courseId, reason: "Kurikulum baru" })
    )
  )

/** Any instant a `Date` can hold. */
const anyInstant = fc.integer({ min: -8.64e15, max: 8.64e15 })

const courseErrors = [
  "ActorNotAuthorized",
  "CourseAlreadyDrafted",
  "CourseNotFound",
  "CourseIsRetired",
  "InvalidCourseContent",
  "NothingToPublish"
]
const learnerErrors = ["ActorNotAuthorized", "LearnerAlreadyRegistered", "LearnerNotFound", "NoLinkProposal", "LinkAwaitsOtherSide"]
const enrollmentErrors = [
  "ActorNotAuthorized",
  "AlreadyEnrolled",
  "CourseIsRetired",
  "InvalidCourseOffering",
  "NotEnrolled",
  "UnknownLesson",
  "UnknownModule",
  "ModuleAlreadyPassed",
  "QuizLocked",
  "InvalidQuizAnswers",
  "AttemptLimitReached",
  "AnswerKeyUnavailable",
  "LearnerProfileUnverified",
  "CourseOfferingUnverified",
  "AnswerKeyUnverified",
  "LinkUnverified"
]

/** Decides with the clock at `at`: never a defect, only events or one of the known errors. */
const decidesWithoutDefect = <C, E, S, Err extends { readonly _tag: string }>(
  decider: Decider.Decider<C, E, S, Err>,
  events: ReadonlyArray<E>,
  command: C,
  at: number,
  knownErrors: ReadonlyArray<string>
) => {
  const exit = Effect.runSyncExit(
    Effect.suspend(() => decider.decide(command, events.reduce(decider.evolve, decider.initialState))).pipe(FixedClock.at(at))
  )
  if (Exit.isFailure(exit)) {
    expect(Cause.isFailType(exit.cause), Cause.pretty(exit.cause)).toBe(true)
    if (Cause.isFailType(exit.cause)) expect(knownErrors).toContain(exit.cause.error._tag)
  }
  return exit
}

describe("decide never throws, for any command in any state", () => {
  it("course", () => {
    fc.assert(
      fc.property(
        fc.array(courseEvents, { maxLength: 6 }),
        fc.oneof(
          { weight: 1, arbitrary: Arbitraries.anyCourseCommand },
          { weight: 3, arbitrary: Arbitraries.draftCourse },
          { weight: 3, arbitrary: smallCourseCommand }
        ),
        anyInstant,
        (events, command, at) => void decidesWithoutDefect(Course.decider, events, command, at, courseErrors)
      )
    )
  }, 15_000)

  it("learner", () => {
    fc.assert(
      fc.property(
        fc.array(Arbitraries.anyLearnerEvent, { maxLength: 6 }),
        fc.oneof(Arbitraries.anyLearnerCommand, Arbitraries.registerLearner),
        anyInstant,
        (events, command, at) => void decidesWithoutDefect(Learner.decider, events, command, at, learnerErrors)
      )
    )
  }, 15_000)

  it("enrollment, including steps aimed at the enrollment of arbitrary (even inconsistent) events", () => {
    const scenario = fc
      .tuple(Arbitraries.anyEnrollmentEvent, fc.array(Arbitraries.anyEnrollmentEvent, { maxLength: 8 }))
      .chain(([first, rest]) => {
        const events = [first, ...rest]
        const enrolled = events.find((e): e is EnrollmentEvent.Enrolled => e._tag === "Enrolled")
        const aimed =
          enrolled === undefined
            ? generated.anyEnrollmentCommand
            : fc.oneof(
                generated.anyEnrollmentCommand,
                Arbitraries.answerKeysFor(enrolled.plan).chain((answerKeys) =>
                  Arbitraries.enrollmentStep(
                    targetFor(
                      {
                        learnerId: enrolled.learnerId,
                        courseId: enrolled.courseId,
                        courseVersion: enrolled.courseVersion,
                        plan: enrolled.plan
                      },
                      answerKeys,
                      enrolled.linkedNib
                    )
                  )
                )
              )
        return fc.tuple(fc.constant(events), aimed)
      })
    fc.assert(
      fc.property(
        scenario,
        anyInstant,
        ([events, command], at) => void decidesWithoutDefect(Enrollment.decider, events, command, at, enrollmentErrors)
      )
    )
  }, 15_000)

  it("enrollment, on reachable states, with any clock", () => {
    fc.assert(
      fc.property(
        generated
          .enrollment()
          .chain(({ command: enroll, target }) =>
            fc.tuple(fc.constant(enroll), fc.array(fc.tuple(Arbitraries.enrollmentStep(target), anyInstant), { maxLength: 20 }))
          ),
        anyInstant,
        ([enroll, steps], start) => {
          let events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent> = []
          for (const [command, at] of [[enroll, start] as const, ...steps]) {
            const exit = decidesWithoutDefect(Enrollment.decider, events, command, at, enrollmentErrors)
            if (Exit.isSuccess(exit)) events = [...events, ...exit.value]
          }
        }
      )
    )
  }, 15_000)
})

/** Evolve folds any sequence, events survive JSON, and every event type is generated and known to the codec. */
const evolvesAndRoundTrips = <E extends { readonly _tag: string }, I, S>(
  schema: Schema.Schema<E, I>,
  codec: EventCodec.EventCodec<E>,
  evolve: (state: S, event: E) => S,
  initialState: S,
  events: fc.Arbitrary<E>
) => {
  const seen = new Set<string>()
  const encode = Schema.encodeSync(schema)
  const decode = Schema.decodeUnknownSync(schema)
  fc.assert(
    fc.property(fc.array(events, { maxLength: 8 }), (sequence) => {
      let state = initialState
      for (const event of sequence) {
        seen.add(event._tag)
        state = evolve(state, event)
        expect(state).toBeDefined()
        expect(decode(JSON.parse(JSON.stringify(encode(event))))).toEqual(event)
      }
    })
  )
  expect([...seen].sort()).toEqual([...codec.eventTypes].sort())
}

describe("evolve handles every event", () => {
  it("course", () => {
    evolvesAndRoundTrips(CourseEvent.CourseEvent, Course.codec, Course.evolve, Course.initialState, courseEvents)
  }, 15_000)

  it("learner", () => {
    evolvesAndRoundTrips(LearnerEvent.LearnerEvent, Learner.codec, Learner.evolve, Learner.initialState, Arbitraries.anyLearnerEvent)
  }, 15_000)

  it("enrollment", () => {
    evolvesAndRoundTrips(
      EnrollmentEvent.EnrollmentEvent,
      Enrollment.codec,
      Enrollment.evolve,
      Enrollment.initialState,
      Arbitraries.anyEnrollmentEvent
    )
  }, 15_000)
})
