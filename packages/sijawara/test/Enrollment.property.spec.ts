import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { CalendarDate } from "@jatim/kernel"
import { Enrollment, EnrollmentCommand, type EnrollmentEvent } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { decideAt, journeyWithTarget, learnerJourney, simulate, targetOf } from "./simulate.js"
import { generated } from "./facts.js"

const everyModulePassed = (state: Enrollment.State) =>
  state._tag === "Enrollment" && state.plan.every((m) => state.passedModules.has(m.moduleId))

describe("Enrollment properties", () => {
  it("progress is monotone, never above 100 %, and 100 % exactly when the course is completed", () => {
    let completedRuns = 0
    fc.assert(
      fc.property(learnerJourney(), (steps) => {
        const { outcomes, state } = simulate(steps)
        let previous = -1
        for (const { after } of outcomes) {
          const { percent } = Enrollment.progress(after)
          expect(percent).toBeGreaterThanOrEqual(previous)
          expect(percent).toBeLessThanOrEqual(100)
          expect(percent === 100).toBe(after._tag === "Enrollment" && after.certificate !== null)
          previous = percent
        }
        if (state._tag === "Enrollment" && state.certificate !== null) completedRuns++
      })
    )
    // The property is not vacuous: a good share of the generated journeys reach the certificate.
    expect(completedRuns).toBeGreaterThan(50)
  }, 15_000)

  it("no certificate without every module passed, and never more than one", () => {
    fc.assert(
      fc.property(learnerJourney(), (steps) => {
        const { events, outcomes } = simulate(steps)
        for (const { after, result } of outcomes) {
          if (after._tag === "Enrollment" && after.certificate !== null) expect(everyModulePassed(after)).toBe(true)
          if (result._tag === "Right" && result.right.some((e) => e._tag === "EnrollmentCompleted")) {
            expect(everyModulePassed(after)).toBe(true)
          }
        }
        expect(events.filter((e) => e._tag === "EnrollmentCompleted").length).toBeLessThanOrEqual(1)
      })
    )
  }, 15_000)

  it("every event decide produces changes the state (evolve handles it)", () => {
    fc.assert(
      fc.property(learnerJourney(), (steps) => {
        for (const { before, result } of simulate(steps).outcomes) {
          if (result._tag === "Left") continue
          let state = before
          for (const event of result.right) {
            const next = Enrollment.evolve(state, event)
            expect(next).not.toBe(state)
            state = next
          }
        }
      })
    )
  }, 15_000)

  it("learners act only on their own enrollment: others' steps are refused in every state", () => {
    fc.assert(
      fc.property(
        journeyWithTarget(generated.enrollment(), 15).chain(({ steps, target }) =>
          fc.tuple(fc.constant(steps), Arbitraries.foreignEnrollmentStep(target), Arbitraries.instant)
        ),
        ([steps, refused, at]) => {
          const { state } = simulate(steps)
          const result = decideAt(Enrollment.decider, refused.command, state, at)
          expect(result).toMatchObject({ _tag: "Left", left: { _tag: refused.expected } })
        }
      )
    )
  }, 15_000)
})

/** Attempts at instants in any order (clocks may jump back), on an enrollment whose lessons are all done. */
const attemptsAtAnyInstants = generated.enroll({ maxModules: 2, maxQuestions: 2 }).chain((enroll) => {
  const { learnerId } = enroll.learner
  const { courseId, plan } = enroll.course
  const actor = Arbitraries.learnerActor(learnerId)
  const lessons = plan.flatMap((m) =>
    m.lessonIds.map((lessonId) => new EnrollmentCommand.CompleteLesson({ actor, learnerId, courseId, lessonId }))
  )
  const right = fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: 6, arbitrary: fc.constant(false) })
  const day = 24 * 60 * 60 * 1000
  return fc
    .tuple(
      Arbitraries.answerKeysFor(plan),
      Arbitraries.instant,
      // Medium-sized sequences: enough attempts on the same module and day to meet the limit often.
      fc.array(fc.tuple(fc.constantFrom(...plan), right, fc.integer({ min: -2 * day, max: 2 * day })), {
        minLength: 1,
        maxLength: 25,
        size: "medium"
      })
    )
    .map(([answerKeys, base, picks]) => {
      const target = targetOf(enroll, answerKeys)
      const attempts = picks.map(([module, isRight, offset]) => {
        const key = answerKeys.get(module.moduleId) ?? []
        return [Arbitraries.gradeAttempt(target, module.moduleId, isRight ? [...key] : key.map((a) => a + 1), actor), offset] as const
      })
      return [enroll, lessons, base, attempts] as const
    })
})

describe("The attempt limit", () => {
  it("holds for any clock sequence: at most 3 attempts per module per WIB day, and only the limit refuses", () => {
    let refusals = 0
    fc.assert(
      fc.property(attemptsAtAnyInstants, ([enroll, lessons, base, attempts]) => {
        const setup = simulate([enroll, ...lessons].map((command) => ({ command, at: base })))
        expect(setup.outcomes.every((o) => o.result._tag === "Right")).toBe(true)
        const { events, outcomes } = simulate(
          attempts.map(([command, offset]) => ({ command, at: base + offset })),
          setup.events
        )
        // A model of the rule: attempts per (module, day), and modules passed.
        const counts = new Map<string, number>()
        const passed = new Set<string>()
        for (const { result, step } of outcomes) {
          if (step.command._tag !== "GradeAttempt") throw new Error("only attempts here")
          const { moduleId } = step.command
          const key = `${moduleId}@${CalendarDate.dayNumberOfEpochMillis(step.at)}`
          const count = counts.get(key) ?? 0
          if (passed.has(moduleId)) {
            expect(result).toMatchObject({ _tag: "Left", left: { _tag: "ModuleAlreadyPassed" } })
          } else if (count >= Enrollment.maxAttemptsPerDay) {
            expect(result).toMatchObject({ _tag: "Left", left: { _tag: "AttemptLimitReached", moduleId } })
            refusals++
          } else {
            expect(result._tag).toBe("Right")
            counts.set(key, count + 1)
            if (result._tag === "Right" && result.right.some((e) => e._tag === "ModulePassed")) passed.add(moduleId)
          }
        }
        const perDay = new Map<string, number>()
        for (const event of events as ReadonlyArray<EnrollmentEvent.EnrollmentEvent>) {
          if (event._tag !== "QuizAttempted") continue
          const key = `${event.moduleId}@${CalendarDate.dayNumberOfEpochMillis(event.at.getTime())}`
          perDay.set(key, (perDay.get(key) ?? 0) + 1)
        }
        for (const n of perDay.values()) expect(n).toBeLessThanOrEqual(Enrollment.maxAttemptsPerDay)
      })
    )
    expect(refusals).toBeGreaterThan(100)
  }, 15_000)
})
