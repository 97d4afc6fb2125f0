/**
 * The UMKM whose link with a learner is in effect (both sides agreed), read from the learner's
 * stream when a quiz attempt is graded. The attempt that completes a course records it in
 * `EnrollmentCompleted.linkedNib`, hence in the published `CourseCompleted`, on which JATIM ISO
 * credits a training to that UMKM: it is the learner's fact, never the caller's word
 * (adr/0024). A `VerifiedLink` is a kernel `Verified` fact only `read` issues. It is frozen, its
 * type does not compile when written by hand, the `GradeAttempt` Schema refuses a look-alike (a
 * plain object, a copy, one decoded from JSON), and `Enrollment.decide` checks `is` at run time
 * and refuses one, or another learner's, with `LinkUnverified`.
 *
 * @since 0.1.0
 */
import { Effect, type Schema } from "effect"
import { Aggregate, type EventDecodeError, type EventStore, type ReadError } from "@jatim/eventstore"
import type { Verified } from "@jatim/kernel"
import type { LearnerId } from "./Ids.js"
import { LinkContent, links } from "./internal/issuers.js"
import * as Learner from "./Learner.js"

/** Schema of a link's content: the learner, and the UMKM linked in effect (or null). */
export const Content = LinkContent

/** A link's content. */
export interface Content extends Schema.Schema.Type<typeof Content> {}

/** The UMKM whose link with a learner is in effect, as the learner's stream says now (only `read` issues one). */
export type VerifiedLink = Verified.Verified<Content, "VerifiedLink">

/** Whether `u` is a link `read` made from a learner's stream (and not a look-alike). */
export const is: (u: unknown) => u is VerifiedLink = links.is

/**
 * Schema of a link in a command: only a value `read` made passes, so a command that carries one
 * cannot be decoded from JSON, and constructing it with a look-alike throws.
 */
export const schema: Schema.Schema<VerifiedLink> = links.schema

/**
 * The UMKM whose link with learner `learnerId` is in effect now, read from the learner's stream:
 * null when there is none, or the learner is not registered (reading never fails the attempt).
 */
export const read = (learnerId: LearnerId): Effect.Effect<VerifiedLink, ReadError | EventDecodeError, EventStore.EventStore> =>
  Effect.map(Aggregate.currentState(Learner, Learner.streamName(learnerId)), (state) =>
    links.issue({ learnerId, linkedNib: Learner.linkedNibInEffect(state, learnerId) })
  )
