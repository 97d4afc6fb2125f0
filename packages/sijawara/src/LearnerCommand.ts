/**
 * The commands of a learner, each with the actor who issues it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Actor, Region, Text } from "@jatim/kernel"
import { LearnerId } from "./Ids.js"
import { LearnerRole } from "./LearnerRole.js"
import { Business } from "./Link.js"

/**
 * Register a learner: by the learner themself or by a Dinas officer. A learner who registers
 * themself as the owner of a UMKM (role `UMKM_OWNER`) thereby proposes a link to it, which the
 * UMKM's owner confirms; no link is in effect by registration alone.
 */
export class RegisterLearner extends Schema.TaggedClass<RegisterLearner>()("RegisterLearner", {
  actor: Actor.Actor,
  learnerId: LearnerId,
  name: Text.Name,
  region: Region.RegionCode,
  role: LearnerRole
}) {}

/**
 * Propose a link between a learner and a business: by the learner only (a business proposing
 * would learn whether the learner exists); the business (the `UMKM_OWNER` of the NIB, the
 * `KOPERASI_ADMIN` of the NIK) confirms or declines. When the business proposed the same link
 * before only learners proposed, proposing it too confirms it.
 */
export class ProposeLink extends Schema.TaggedClass<ProposeLink>()("ProposeLink", {
  actor: Actor.Actor,
  learnerId: LearnerId,
  business: Business
}) {}

/** Confirm the link the other side proposed: by the business (or by the learner, for a business's earlier proposal). */
export class ConfirmLink extends Schema.TaggedClass<ConfirmLink>()("ConfirmLink", {
  actor: Actor.Actor,
  learnerId: LearnerId,
  business: Business
}) {}

/**
 * End a link in effect, or withdraw or decline an open proposal: by the learner, by the
 * business, or by a Dinas officer.
 */
export class EndLink extends Schema.TaggedClass<EndLink>()("EndLink", {
  actor: Actor.Actor,
  learnerId: LearnerId,
  business: Business
}) {}

/**
 * Erase the learner's personal data, at the learner's request (UU 27/2022): by a Dinas officer
 * only. Records who erased and when (`LearnerDataErased`); the learner's key is deleted with it
 * (`Commands.eraseLearnerData`), so their name reads as erased everywhere. Erasing again changes nothing.
 */
export class EraseLearnerData extends Schema.TaggedClass<EraseLearnerData>()("EraseLearnerData", {
  actor: Actor.Actor,
  learnerId: LearnerId
}) {}

/** Schema of every learner command. */
export const LearnerCommand = Schema.Union(RegisterLearner, ProposeLink, ConfirmLink, EndLink, EraseLearnerData)

/** A command of a learner. */
export type LearnerCommand = typeof LearnerCommand.Type
