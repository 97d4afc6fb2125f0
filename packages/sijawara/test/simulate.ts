/** Runs enrollments through their decider, step by step, at generated instants. */
import { Effect, type Either } from "effect"
import * as fc from "fast-check"
import type { Decider } from "@jatim/eventstore"
import { FixedClock } from "@jatim/testing"
import type { Region } from "@jatim/kernel"
import { Enrollment, EnrollmentCommand, type EnrollmentEvent } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { generated, issued, targetFor } from "./facts.js"

/** Decides `command` in `state` with the clock stopped at `at`. */
export const decideAt = <C, E, S, Err>(
  decider: Decider.Decider<C, E, S, Err>,
  command: C,
  state: S,
  at: number
): Either.Either<ReadonlyArray<E>, Err> =>
  Effect.runSync(Effect.either(Effect.suspend(() => decider.decide(command, state))).pipe(FixedClock.at(at)))

/** A command and the instant it is decided at. */
export interface Step {
  readonly command: EnrollmentCommand.EnrollmentCommand
  readonly at: number
}

/** One decided step: the state it met, what it produced, the state after. */
export interface Outcome {
  readonly step: Step
  readonly before: Enrollment.State
  readonly result: Either.Either<ReadonlyArray<EnrollmentEvent.EnrollmentEvent>, Enrollment.EnrollmentError>
  readonly after: Enrollment.State
}

/** Decides every step in order, folding the events each produces. */
export const simulate = (steps: ReadonlyArray<Step>, initial: ReadonlyArray<EnrollmentEvent.EnrollmentEvent> = []) => {
  let state = initial.reduce(Enrollment.evolve, Enrollment.initialState)
  const outcomes: Array<Outcome> = []
  const events: Array<EnrollmentEvent.EnrollmentEvent> = [...initial]
  for (const step of steps) {
    const before = state
    const result = decideAt(Enrollment.decider, step.command, state, step.at)
    if (result._tag === "Right") {
      events.push(...result.right)
      state = result.right.reduce(Enrollment.evolve, state)
    }
    outcomes.push({ step, before, result, after: state })
  }
  return { outcomes, events, state }
}

/** An enrollment and the target its steps are taken in. */
export interface Enrolling {
  readonly command: EnrollmentCommand.Enroll
  readonly target: Arbitraries.EnrollmentTarget
}

/** The enrollment of an `Enroll` command, graded against `answerKeys`, with `linkedNib` in effect (facts, as read). */
export const targetOf = (
  command: EnrollmentCommand.Enroll,
  answerKeys: Arbitraries.AnswerKeys,
  linkedNib = command.learner.linkedNib
): Arbitraries.EnrollmentTarget =>
  targetFor(
    {
      learnerId: command.learner.learnerId,
      courseId: command.course.courseId,
      courseVersion: command.course.version,
      plan: command.course.plan
    },
    answerKeys,
    linkedNib
  )

/**
 * A learner's enrollment and their steps in it (mostly their own, some by others), at rising
 * instants; the first step is the enrollment.
 */
export const learnerJourney = (enroll: fc.Arbitrary<Enrolling> = generated.enrollment(), maxSteps = 30) =>
  journeyWithTarget(enroll, maxSteps).map(({ steps }) => steps)

/** `learnerJourney` with the enrollment it is in. */
export const journeyWithTarget = (enroll: fc.Arbitrary<Enrolling> = generated.enrollment(), maxSteps = 30) =>
  enroll.chain(({ command, target }) => {
    return fc
      .tuple(
        Arbitraries.instant,
        fc.array(
          fc.tuple(
            fc.oneof(
              { weight: 12, arbitrary: Arbitraries.enrollmentStep(target) },
              { weight: 1, arbitrary: Arbitraries.foreignEnrollmentStep(target).map((refused) => refused.command) }
            ),
            fc.integer({ min: 0, max: 10 * 60 * 60 * 1000 })
          ),
          { maxLength: maxSteps }
        )
      )
      .map(([start, rest]) => {
        let at = start
        const steps: ReadonlyArray<Step> = [
          { command, at },
          ...rest.map(([step, gap]) => {
            at += gap
            return { command: step, at }
          })
        ]
        return { target, steps }
      })
  })

/**
 * A cohort: several learners (from a few kabupaten/kota) on journeys in the same course
 * offering, and the order in which their streams' events reach a read model (each stream's
 * events stay in order; streams interleave).
 */
export const cohort = (maxLearners = 4, maxSteps = 25) =>
  generated
    .courseOffering()
    .chain((course) => fc.tuple(fc.constant(course), Arbitraries.answerKeysFor(course.plan)))
    .chain(([course, answerKeys]) =>
      fc
        .uniqueArray(fc.tuple(generated.learnerProfile, fc.constantFrom<Array<Region.RegionCode>>("35.07", "35.73", "35.78")), {
          minLength: 1,
          maxLength: maxLearners,
          selector: ([profile]) => profile.learnerId
        })
        .chain((learners) =>
          fc
            .tuple(
              fc.tuple(
                ...learners.map(([profile, region]) =>
                  learnerJourney(
                    fc
                      .constant(
                        new EnrollmentCommand.Enroll({
                          actor: Arbitraries.learnerActor(profile.learnerId),
                          // The same learner, read from a stream that registered them in `region`.
                          learner: issued.profile({ ...profile, region }),
                          course
                        })
                      )
                      .map((command) => ({ command, target: targetOf(command, answerKeys) })),
                    maxSteps
                  )
                )
              ),
              fc.array(fc.nat(), { maxLength: 400 })
            )
            .map(([journeys, picks]) => {
              const runs = journeys.map((steps) => simulate(steps))
              const streams = runs.map((run) => [...run.events])
              const ordered: Array<EnrollmentEvent.EnrollmentEvent> = []
              for (const pick of picks) {
                const open = streams.filter((s) => s.length > 0)
                if (open.length === 0) break
                ordered.push(open[pick % open.length]!.shift()!)
              }
              for (const rest of streams) ordered.push(...rest.splice(0))
              const finals = runs.map((run) => run.state)
              return { course, events: ordered, finals }
            })
        )
    )
