import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Course, CourseCommand, CourseContent, Enrollment, Learner } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { generated } from "./facts.js"
import { decideAt } from "./simulate.js"

const at = Date.UTC(2025, 0, 15, 3)

describe("Arbitraries: valid commands pass, invalid ones are refused with the expected error", () => {
  it("course contents are valid; broken ones break the rule they name", () => {
    fc.assert(
      fc.property(Arbitraries.courseContent(), (content) => {
        expect(CourseContent.problems(content)).toEqual([])
      })
    )
    fc.assert(
      fc.property(Arbitraries.invalidCourseContent, ({ content, rule }) => {
        expect(CourseContent.problems(content).join("\n")).toContain(rule)
      })
    )
  }, 15_000)

  it("drafts", () => {
    fc.assert(
      fc.property(Arbitraries.draftCourse, (command) => {
        expect(decideAt(Course.decider, command, Course.initialState, at)._tag).toBe("Right")
      })
    )
    fc.assert(
      fc.property(Arbitraries.invalidDraftCourse, ({ command, expected }) => {
        expect(decideAt(Course.decider, command, Course.initialState, at)).toMatchObject({ _tag: "Left", left: { _tag: expected } })
      })
    )
  }, 15_000)

  it("course commands by anyone but a Dinas officer, on a draft or a published course", () => {
    const scenario = fc
      .tuple(Arbitraries.draftCourse, fc.boolean())
      .chain(([draft, publish]) => fc.tuple(fc.constant(draft), fc.constant(publish), Arbitraries.courseCommandByNonDinas(draft.courseId)))
    fc.assert(
      fc.property(scenario, ([draft, publish, command]) => {
        const setup = [draft, ...(publish ? [new CourseCommand.PublishCourse({ actor: draft.actor, courseId: draft.courseId })] : [])]
        let state = Course.initialState
        for (const step of setup) {
          const events = decideAt(Course.decider, step, state, at)
          if (events._tag === "Left") throw new Error(`the setup was refused: ${events.left.message}`)
          state = events.right.reduce(Course.evolve, state)
        }
        expect(Course.status(state)).toBe(publish ? "PUBLISHED" : "DRAFT")
        expect(decideAt(Course.decider, command, state, at)).toMatchObject({ _tag: "Left", left: { _tag: "ActorNotAuthorized" } })
      })
    )
  }, 15_000)

  it("registrations and links", () => {
    fc.assert(
      fc.property(Arbitraries.registerLearner, (command) => {
        const events = decideAt(Learner.decider, command, Learner.initialState, at)
        expect(events._tag).toBe("Right")
      })
    )
    fc.assert(
      fc.property(Arbitraries.invalidRegisterLearner, ({ command, expected }) => {
        expect(decideAt(Learner.decider, command, Learner.initialState, at)).toMatchObject({ _tag: "Left", left: { _tag: expected } })
      })
    )
    fc.assert(
      fc.property(
        Arbitraries.registerLearner.chain((r) => fc.tuple(fc.constant(r), Arbitraries.proposeLink(r.learnerId))),
        ([register, link]) => {
          const registered = decideAt(Learner.decider, register, Learner.initialState, at)
          if (registered._tag === "Left") throw new Error("a valid registration was refused")
          const state = registered.right.reduce(Learner.evolve, Learner.initialState)
          expect(decideAt(Learner.decider, link, state, at)._tag).toBe("Right")
        }
      )
    )
  }, 15_000)

  it("enrollments", () => {
    fc.assert(
      fc.property(generated.enroll(), (command) => {
        expect(decideAt(Enrollment.decider, command, Enrollment.initialState, at)._tag).toBe("Right")
      })
    )
    fc.assert(
      fc.property(generated.invalidEnroll, ({ command, expected }) => {
        expect(decideAt(Enrollment.decider, command, Enrollment.initialState, at)).toMatchObject({ _tag: "Left", left: { _tag: expected } })
      })
    )
  }, 15_000)
})
