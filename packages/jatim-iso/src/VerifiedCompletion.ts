/**
 * A Sijawara course completion that JATIM ISO has read from Sijawara's own events, never taken
 * from a caller: the only thing a Sijawara training can be recorded from.
 *
 * `find` is the only way to get one: it asks Sijawara's published lookup
 * (`Integration.findCompletion`), which reads the learner's enrollment in that course and
 * answers the completion whose certificate has exactly the number claimed. A
 * `VerifiedCompletion` is a kernel `Verified` fact whose issuer stays in this module, with
 * `find`: nothing else makes one (a hand-written one does not compile, the Schema refuses one
 * decoded from JSON), and the decider checks at run time that the completion it is given was
 * made by `find`, so a forged one — built by hand, cast, or copied field by field — is refused
 * even when the decider is called directly.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import type { EventStore, ReadError } from "@jatim/eventstore"
import { Verified } from "@jatim/kernel"
import * as Integration from "@jatim/sijawara/integration"

/**
 * Schema of a completion as Sijawara published it: the fields of `Integration.CourseCompleted` as
 * plain data (not the class), so that the kernel issues a deep, frozen copy of them.
 */
export const Content = Schema.Struct({
  /** The completion, as Sijawara published it: learner, course, topic, linked NIB, certificate. */
  completed: Schema.Struct(Integration.CourseCompleted.fields)
})

/** A completion as Sijawara published it. */
export interface Content extends Schema.Schema.Type<typeof Content> {}

/** A completion Sijawara published, as `find` read it from Sijawara's events. */
export type VerifiedCompletion = Verified.Verified<Content, "VerifiedCompletion">

/** The kind of verified completions: its issuer stays in this module, with `find`. */
const completions = Verified.make("VerifiedCompletion", Content, {
  what: "a Sijawara completion",
  source: "Sijawara's events",
  reader: "VerifiedCompletion.find"
})

/**
 * The completion Sijawara published for `claim` (certificate number, learner, course), read
 * from Sijawara's events: none unless Sijawara issued exactly that certificate to that learner
 * for that course.
 */
export const find = (
  claim: Integration.CertificateClaim
): Effect.Effect<Option.Option<VerifiedCompletion>, ReadError, EventStore.EventStore> =>
  Effect.map(
    Integration.findCompletion(claim),
    Option.map((completed) =>
      completions.issue({
        completed: {
          _tag: completed._tag,
          learnerId: completed.learnerId,
          courseId: completed.courseId,
          courseVersion: completed.courseVersion,
          topic: completed.topic,
          linkedNib: completed.linkedNib,
          completedAt: completed.completedAt,
          certificateNumber: completed.certificateNumber
        }
      })
    )
  )

/** Whether `u` is a completion `find` made (not built, cast or copied). */
export const is: (u: unknown) => u is VerifiedCompletion = completions.is

/**
 * Schema of a verified completion, for command fields: it accepts only what `find` made, and
 * has no encoded form other than the object itself (a verified completion never travels as data).
 */
export const schema: Schema.Schema<VerifiedCompletion> = completions.schema

/** The certificate of a verified completion: its number, learner and course. */
export const certificateOf = (verified: VerifiedCompletion): Integration.CertificateClaim => ({
  certificateNumber: verified.completed.certificateNumber,
  learnerId: verified.completed.learnerId,
  courseId: verified.completed.courseId
})
