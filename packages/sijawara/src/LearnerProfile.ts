/**
 * What an enrollment keeps of its learner: the region (for the per-kabupaten leaderboard), the
 * role, and the UMKM (NIB) and cooperative (NIK Koperasi) whose links with the learner are in
 * effect (both sides agreed) when enrolling.
 * `Learner.profile` reads it from a learner's state; the `Enroll` command carries it as a fact
 * read from the learner's stream (`VerifiedProfile`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Identifier, Region } from "@jatim/kernel"
import { LearnerId } from "./Ids.js"
import { LearnerRole } from "./LearnerRole.js"

/** Schema of a learner's profile as an enrollment keeps it. */
export const LearnerProfile = Schema.Struct({
  learnerId: LearnerId,
  region: Region.RegionCode,
  role: LearnerRole,
  linkedNib: Schema.NullOr(Identifier.Nib),
  linkedNik: Schema.NullOr(Identifier.NikKoperasi)
}).annotations({ identifier: "LearnerProfile" })

/** A learner's profile as an enrollment keeps it. */
export type LearnerProfile = typeof LearnerProfile.Type
