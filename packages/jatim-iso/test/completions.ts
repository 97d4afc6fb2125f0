/**
 * Sijawara completions for the tests: stored as Sijawara stores them (an `EnrollmentCompleted` in
 * the learner's enrollment stream for that course), and read back through JATIM ISO's only way to
 * a verified completion, `VerifiedCompletion.find`.
 */
import { Effect, Option } from "effect"
import { EventStore, InMemoryEventStore } from "@jatim/eventstore"
import type { Identifier } from "@jatim/kernel"
import * as Integration from "@jatim/sijawara/integration"
import { VerifiedCompletion } from "../src/index.js"

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/** The n-th certificate number (1 ≤ n < 32 · 32): code n, with its check characters. */
export const certificateNumber = (n: number): Integration.CourseCompleted["certificateNumber"] => {
  // SJW-0000-0000-00XY-CC with code = 32·X + Y, check = code mod 997 in two base-32 characters.
  const code = n
  const check = code % 997
  const body = `${alphabet[Math.floor(code / 32)]}${alphabet[code % 32]}`
  const tail = `${alphabet[Math.floor(check / 32)]}${alphabet[check % 32]}`
  return Integration.CourseCompleted.fields.certificateNumber.make(`SJW-0000-0000-00${body}-${tail}`)
}

/** A completion as Sijawara records it. */
export interface Completion {
  readonly learnerId: string
  readonly courseId: string
  readonly topic: Integration.CourseCompleted["topic"]
  readonly linkedNib: Identifier.Nib | null
  readonly certificateNumber: string
}

/** The enrollment stream of a learner in a course, as Sijawara names it. */
export const enrollmentStream = (learnerId: string, courseId: string): string => `${Integration.sourceCategory}-${learnerId}_${courseId}`

/** Sijawara completes an enrollment: its stored `EnrollmentCompleted` event, as Sijawara writes it. */
export const store = (c: Completion) =>
  EventStore.appendToStream(enrollmentStream(c.learnerId, c.courseId), [
    {
      eventId: `completion-${c.certificateNumber}`,
      type: Integration.sourceEventType,
      data: {
        learnerId: c.learnerId,
        courseId: c.courseId,
        courseVersion: 1,
        topic: c.topic,
        region: "35.07",
        linkedNib: c.linkedNib,
        certificateNumber: c.certificateNumber,
        at: "2025-03-01T09:30:00.000Z"
      }
    }
  ])

/** The claim of a completion: its certificate number, learner and course. */
export const claimOf = (c: Completion): Integration.CertificateClaim => ({
  certificateNumber: Integration.CourseCompleted.fields.certificateNumber.make(c.certificateNumber),
  learnerId: Integration.CourseCompleted.fields.learnerId.make(c.learnerId),
  courseId: Integration.CourseCompleted.fields.courseId.make(c.courseId)
})

/** Each completion, stored in a store of its own and read back verified. */
export const verified = (completions: ReadonlyArray<Completion>): Promise<ReadonlyArray<VerifiedCompletion.VerifiedCompletion>> =>
  Effect.runPromise(
    Effect.gen(function* () {
      yield* Effect.forEach(completions, store, { discard: true })
      return yield* Effect.forEach(completions, (c) => Effect.map(VerifiedCompletion.find(claimOf(c)), Option.getOrThrow))
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )
