/**
 * The commands of a learner, each with the actor who issues it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Actor, Identifier, Region } from "@jatim/kernel"
import { LearnerId } from "./Ids.js"
import { LearnerRole } from "./LearnerRole.js"

/** Register a learner: by the learner themself or by a Dinas officer. */
export class RegisterLearner extends Schema.TaggedClass<RegisterLearner>()("RegisterLearner", {
  actor: Actor.Actor,
  learnerId: LearnerId,
  name: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200)),
  region: Region.RegionCode,
  role: LearnerRole
}) {}

/** Link a learner to a UMKM: by the learner, by that UMKM's owner or by a Dinas officer. */
export class LinkLearnerToUmkm extends Schema.TaggedClass<LinkLearnerToUmkm>()("LinkLearnerToUmkm", {
  actor: Actor.Actor,
  learnerId: LearnerId,
  nib: Identifier.Nib
}) {}

/** Link a learner to a cooperative: by the learner, by that cooperative's admin or by a Dinas officer. */
export class LinkLearnerToKoperasi extends Schema.TaggedClass<LinkLearnerToKoperasi>()("LinkLearnerToKoperasi", {
  actor: Actor.Actor,
  learnerId: LearnerId,
  nik: Identifier.NikKoperasi
}) {}

/** Schema of every learner command. */
export const LearnerCommand = Schema.Union(RegisterLearner, LinkLearnerToUmkm, LinkLearnerToKoperasi)

/** A command of a learner. */
export type LearnerCommand = typeof LearnerCommand.Type
