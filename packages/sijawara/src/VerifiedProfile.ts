/**
 * A learner's profile as an enrollment takes it (`LearnerProfile`: region, role, the UMKM and
 * the cooperative whose links with the learner are in effect), read from the learner's stream.
 * The `Enroll` command carries it and the enrollment keeps it (the region ranks the learner in
 * the per-kabupaten leaderboard), so it is the learner's fact, never the caller's word
 * (adr/0024): a `VerifiedProfile` is a kernel `Verified` fact only `read` issues. It is frozen,
 * its type does not compile when written by hand, the `Enroll` Schema refuses a look-alike (a
 * plain object, a copy, one decoded from JSON), and `Enrollment.decide` checks `is` at run time
 * and refuses one with `LearnerProfileUnverified`.
 *
 * @since 0.1.0
 */
import { Effect, type Schema } from "effect"
import { Aggregate, type EventDecodeError, type EventStore, type ReadError } from "@jatim/eventstore"
import type { Verified } from "@jatim/kernel"
import type { LearnerId } from "./Ids.js"
import { profiles } from "./internal/issuers.js"
import * as Learner from "./Learner.js"
import { LearnerProfile } from "./LearnerProfile.js"
import type { LearnerNotFound } from "./LearnerError.js"

/** Schema of a profile's content (`LearnerProfile`). */
export const Content = LearnerProfile

/** A profile's content. */
export type Content = LearnerProfile

/** A learner's profile, as the learner's stream says it is now (only `read` issues one). */
export type VerifiedProfile = Verified.Verified<Content, "VerifiedProfile">

/** Whether `u` is a profile `read` made from a learner's stream (and not a look-alike). */
export const is: (u: unknown) => u is VerifiedProfile = profiles.is

/**
 * Schema of a profile in a command: only a value `read` made passes, so a command that carries
 * one cannot be decoded from JSON, and constructing it with a look-alike throws.
 */
export const schema: Schema.Schema<VerifiedProfile> = profiles.schema

/**
 * The profile of learner `learnerId`, read now from the learner's stream: links in effect only,
 * never mere proposals. `LearnerNotFound` when the learner is not registered.
 */
export const read = (
  learnerId: LearnerId
): Effect.Effect<VerifiedProfile, LearnerNotFound | ReadError | EventDecodeError, EventStore.EventStore> =>
  Aggregate.currentState(Learner, Learner.streamName(learnerId)).pipe(
    Effect.flatMap((state) => Learner.profile(state, learnerId)),
    Effect.map(profiles.issue)
  )
