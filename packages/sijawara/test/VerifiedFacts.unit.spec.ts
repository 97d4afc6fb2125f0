/**
 * Facts from other streams are verified, never taken from the caller (issue 14, DOMAIN.md "Trust
 * and visibility"): the learner's profile and the course's offering an `Enroll` carries, the
 * answer key and the link in effect a `GradeAttempt` carries. A look-alike — a plain object, a
 * spread copy of a real fact, a JSON round-trip, one made from a fact's prototype — is refused by
 * the command Schema (constructed or decoded) and by the decider when the Schema was bypassed.
 */
import { describe, expect, it } from "vitest"
import { Either, Schema } from "effect"
import { DeciderSpecification } from "@jatim/testing"
import {
  Enrollment,
  EnrollmentCommand,
  type EnrollmentEvent,
  VerifiedAnswerKey,
  VerifiedLink,
  VerifiedOffering,
  VerifiedProfile
} from "../src/index.js"
import { allLessonsOf1, courseId, enrolled, learner, learnerId, m1, nib, otherLearnerId, otherNib } from "./fixtures.js"
import { keyFactOf, linkOf, offering, profile } from "./facts.js"
import { decideAt } from "./simulate.js"

const spec = DeciderSpecification.for(Enrollment.decider)
const now = "2025-01-15T03:00:00Z"
const ready = [enrolled(), ...allLessonsOf1()]

/** The look-alikes of `real` a caller can make: a plain object with `changes`, a spread copy, a JSON round-trip, one from its prototype. */
const lookAlikes = <A extends object>(real: A, changes: Partial<A>): ReadonlyArray<readonly [string, unknown]> => {
  const plain: unknown = JSON.parse(JSON.stringify({ ...real, ...changes }))
  return [
    ["a plain object", plain],
    ["a frozen plain object", Object.freeze(plain)],
    ["a spread copy", { ...real, ...changes }],
    ["an unchanged spread copy", { ...real }],
    ["a JSON round-trip", JSON.parse(JSON.stringify(real))],
    ["one made from its prototype", Object.assign(Object.create(Object.getPrototypeOf(real) as object) as object, real, changes)]
  ]
}

const encodedActor = Schema.encodeSync(EnrollmentCommand.Enroll.fields.actor)(learner)

/** What a command carrying a forged fact is refused with: its Schema's message, and the decider's error. */
interface Forgery {
  /** The command carrying the forgery, validated by its Schema when `validate` is true. */
  readonly command: (validate: boolean) => EnrollmentCommand.EnrollmentCommand
  /** The command as a caller would send it encoded (the actor is added). */
  readonly encoded: object
  readonly message: RegExp
  readonly history: ReadonlyArray<EnrollmentEvent.EnrollmentEvent>
  readonly tag: "CourseOfferingUnverified" | "LearnerProfileUnverified" | "AnswerKeyUnverified" | "LinkUnverified"
}

/**
 * Checks that a command carrying the forgery `what` is refused: it does not construct, it does not
 * decode from its encoded form, and the decider refuses it when the Schema was bypassed (returned).
 */
const expectRefused = (what: string, forgery: Forgery) => {
  expect(() => forgery.command(true), what).toThrow(forgery.message)
  const decoded = Schema.decodeUnknownEither(EnrollmentCommand.EnrollmentCommand)({ ...forgery.encoded, actor: encodedActor })
  expect(Either.isLeft(decoded), what).toBe(true)
  return spec.given(forgery.history).at(now).when(forgery.command(false)).thenFailsWith(forgery.tag)
}

/** `Enroll` with `fields`, validated by its Schema unless `validate` is false. */
const enroll = (fields: { readonly learner: unknown; readonly course: unknown }, validate = true) =>
  new EnrollmentCommand.Enroll(
    {
      actor: learner,
      // The forgery under test: what TypeScript refuses (the types are branded), a caller's cast lets through.
      learner: fields.learner as VerifiedProfile.VerifiedProfile,
      course: fields.course as VerifiedOffering.VerifiedOffering
    },
    !validate
  )

describe("an enrollment's profile and offering are read from their streams", () => {
  it("the real ones, read by VerifiedProfile.read and VerifiedOffering.read, enroll", () => {
    expect(VerifiedProfile.is(profile)).toBe(true)
    expect(VerifiedOffering.is(offering)).toBe(true)
    spec
      .given([])
      .at("2025-01-10T02:00:00Z")
      .when(new EnrollmentCommand.Enroll({ actor: learner, learner: profile, course: offering }))
      .then([enrolled()])
  })

  it("a forged offering (fewer modules, another version, reopened) is refused by the Schema and by the decider", () => {
    const [first] = offering.plan
    for (const changes of [{ plan: [first] as const }, { version: 7 }, { status: "OPEN" as const, title: "Kemasan kilat" }]) {
      for (const [what, forged] of lookAlikes(offering, changes)) {
        expect(VerifiedOffering.is(forged), what).toBe(false)
        const error = expectRefused(what, {
          command: (validate) => enroll({ learner: profile, course: forged }, validate),
          encoded: { _tag: "Enroll", learner: profile, course: forged },
          message: /course offering is read from the course's stream/,
          history: [],
          tag: "CourseOfferingUnverified"
        })
        expect(error.message).toContain("Commands.enroll")
      }
    }
  })

  it("a forged profile (another region, role or link) is refused by the Schema and by the decider", () => {
    for (const changes of [{ region: "35.07" as const }, { role: { _tag: "COOPERATIVE_BOARD" as const } }, { linkedNib: otherNib }]) {
      for (const [what, forged] of lookAlikes(profile, changes)) {
        expect(VerifiedProfile.is(forged), what).toBe(false)
        expectRefused(what, {
          command: (validate) => enroll({ learner: forged, course: offering }, validate),
          encoded: { _tag: "Enroll", learner: forged, course: offering },
          message: /learner profile is read from the learner's stream/,
          history: [],
          tag: "LearnerProfileUnverified"
        })
      }
    }
  })

  it("a fact cannot be edited, nor its plan", () => {
    expect(() => Object.assign(offering, { version: 9 })).toThrow(TypeError)
    expect(() => Reflect.apply(Array.prototype.pop, offering.plan, [])).toThrow(TypeError)
    expect(() => Object.assign(offering.plan[0], { questions: 1 })).toThrow(TypeError)
    expect(() => Object.assign(profile, { region: "35.07" })).toThrow(TypeError)
    expect(offering.plan).toHaveLength(2)
    expect(profile.region).toBe("35.78")
  })
})

describe("a quiz attempt's answer key and link are read from their streams", () => {
  const key = keyFactOf(m1)
  if (key === null) throw new Error("the course has a key for m1")
  const link = linkOf(nib)
  const attempt = (fields: { readonly key: unknown; readonly link: unknown }, validate = true) =>
    new EnrollmentCommand.GradeAttempt(
      {
        actor: learner,
        learnerId,
        courseId,
        moduleId: m1,
        answers: [1, 1],
        // The forgery under test: what TypeScript refuses (the types are branded), a caller's cast lets through.
        key: fields.key as VerifiedAnswerKey.VerifiedAnswerKey,
        link: fields.link as VerifiedLink.VerifiedLink
      },
      !validate
    )

  it("the real ones grade: [1, 1] answers one question of m1 right (its key is [0, 1]), enough for its 50 % pass mark", () => {
    expect(VerifiedAnswerKey.is(key) && VerifiedLink.is(link)).toBe(true)
    const state = ready.reduce(Enrollment.evolve, Enrollment.initialState)
    expect(decideAt(Enrollment.decider, attempt({ key, link }), state, Date.parse(now))).toMatchObject({
      _tag: "Right",
      right: [{ _tag: "QuizAttempted", correct: 1, passed: true }, { _tag: "ModulePassed" }]
    })
  })

  it("a forged key matching the caller's answers is refused by the Schema and by the decider, never graded", () => {
    for (const [what, forged] of lookAlikes(key, { answerKey: [1, 1] })) {
      expect(VerifiedAnswerKey.is(forged), what).toBe(false)
      const error = expectRefused(what, {
        command: (validate) => attempt({ key: forged, link }, validate),
        encoded: { _tag: "GradeAttempt", learnerId, courseId, moduleId: m1, answers: [1, 1], key: forged, link },
        message: /answer key is read from the course's stream/,
        history: ready,
        tag: "AnswerKeyUnverified"
      })
      expect(error.message).toContain("Commands.attemptQuiz")
    }
  })

  it("a forged link naming any UMKM is refused by the Schema and by the decider; so is another learner's link", () => {
    for (const [what, forged] of lookAlikes(link, { linkedNib: otherNib })) {
      expect(VerifiedLink.is(forged), what).toBe(false)
      const error = expectRefused(what, {
        command: (validate) => attempt({ key, link: forged }, validate),
        encoded: { _tag: "GradeAttempt", learnerId, courseId, moduleId: m1, answers: [0, 1], key, link: forged },
        message: /link in effect is read from the learner's stream/,
        history: ready,
        tag: "LinkUnverified"
      })
      expect(error.message).toContain("was not read from the learner's stream")
    }
    const others = linkOf(otherNib, otherLearnerId)
    const error = spec
      .given(ready)
      .at(now)
      .when(attempt({ key, link: others }))
      .thenFailsWith("LinkUnverified")
    expect(error.message).toContain(`learner "${otherLearnerId}"'s`)
  })

  it("a key or a link cannot be edited", () => {
    expect(() => Object.assign(key, { answerKey: [1, 1] })).toThrow(TypeError)
    expect(() => Object.assign(key.answerKey, { 0: 1 })).toThrow(TypeError)
    expect(() => Object.assign(link, { linkedNib: otherNib })).toThrow(TypeError)
    expect(key.answerKey).toEqual([0, 1])
    expect(link.linkedNib).toBe(nib)
  })
})
