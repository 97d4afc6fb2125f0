/**
 * A Sijawara course completion that JATIM ISO has read from Sijawara's own events, never taken
 * from a caller: the only thing a Sijawara training can be recorded from.
 *
 * `find` is the only way to get one: it asks Sijawara's published lookup
 * (`Integration.findCompletion`), which reads the learner's enrollment in that course and
 * answers the completion whose certificate has exactly the number claimed. Nothing else makes a
 * `VerifiedCompletion` (its constructor is private, it is not a Schema one could decode into),
 * and the decider checks at run time that the completion it is given was made by `find`, so a
 * forged one — built by hand, cast, or copied field by field — is refused even when the decider
 * is called directly.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import type { EventStore, ReadError } from "@jatim/eventstore"
import { Integration } from "@jatim/sijawara"

/** The completions `find` made. A forged object is never in it. */
const found = new WeakSet<object>()

/** A completion Sijawara published, as `find` read it from Sijawara's events. */
export class VerifiedCompletion {
  /** The completion, as Sijawara published it: learner, course, topic, linked NIB, certificate. */
  readonly completed: Integration.CourseCompleted

  private constructor(completed: Integration.CourseCompleted) {
    this.completed = completed
    found.add(this)
  }

  /**
   * The completion Sijawara published for `claim` (certificate number, learner, course), read
   * from Sijawara's events: none unless Sijawara issued exactly that certificate to that learner
   * for that course.
   */
  static find(
    claim: Integration.CertificateClaim
  ): Effect.Effect<Option.Option<VerifiedCompletion>, ReadError, EventStore.EventStore> {
    return Effect.map(Integration.findCompletion(claim), Option.map((completed) => new VerifiedCompletion(completed)))
  }

  /** Whether `u` was made by `find` (not built, cast or copied). */
  static is(u: unknown): u is VerifiedCompletion {
    return typeof u === "object" && u !== null && found.has(u)
  }
}

/** The completion Sijawara published for `claim`, read from Sijawara's events (see `VerifiedCompletion.find`). */
export const find = (
  claim: Integration.CertificateClaim
): Effect.Effect<Option.Option<VerifiedCompletion>, ReadError, EventStore.EventStore> => VerifiedCompletion.find(claim)

/** Whether `u` is a completion `find` made. */
export const is = (u: unknown): u is VerifiedCompletion => VerifiedCompletion.is(u)

/**
 * Schema of a verified completion, for command fields: it accepts only what `find` made, and
 * has no encoded form other than the object itself (a verified completion never travels as data).
 */
export const schema: Schema.Schema<VerifiedCompletion> = Schema.declare(is, {
  identifier: "VerifiedCompletion",
  description: "a Sijawara completion read from Sijawara's events by VerifiedCompletion.find",
  message: () => "a Sijawara completion is verified by VerifiedCompletion.find (Sijawara's events), never built by hand"
})

/** The certificate of a verified completion: its number, learner and course. */
export const certificateOf = (verified: VerifiedCompletion): Integration.CertificateClaim => ({
  certificateNumber: verified.completed.certificateNumber,
  learnerId: verified.completed.learnerId,
  courseId: verified.completed.courseId
})
