/**
 * The events of a learner's stream (`learner-<learnerId>`).
 *
 * Links to a UMKM or a cooperative need both sides (see `Link`): `LinkProposed` by one side,
 * `LinkConfirmed` by the other puts the link in effect; `LinkEnded` ends it (and, with reason
 * `REPLACED`, ends the old link of the same kind just before a new one is confirmed);
 * `LinkProposalClosed` withdraws or declines a proposal, and `LinkProposalSuperseded` closes the
 * other open proposals of a kind when a link of that kind takes effect. The two events of the first version,
 * `LearnerLinkedToUmkm` and `LearnerLinkedToKoperasi`, were one-sided claims: they still decode,
 * but put no link in effect.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { PersonalData } from "@jatim/eventstore"
import { Identifier, Region, Text } from "@jatim/kernel"
import { LearnerId } from "./Ids.js"
import { LearnerRole } from "./LearnerRole.js"
import { Business, EndedBy, Side } from "./Link.js"

/** A learner registered with a kabupaten/kota and a role. The role's NIB is no link by itself. */
export class LearnerRegistered extends Schema.TaggedClass<LearnerRegistered>()("LearnerRegistered", {
  learnerId: LearnerId,
  /** The learner's name: personal data of `learner:<learnerId>`. */
  name: PersonalData.field(Text.Name, { subject: "learner", idField: "learnerId" }),
  region: Region.RegionCode,
  role: LearnerRole,
  at: Schema.Date
}) {}

/** One side proposed a link between the learner and a business; the other side confirms it. */
export class LinkProposed extends Schema.TaggedClass<LinkProposed>()("LinkProposed", {
  learnerId: LearnerId,
  business: Business,
  by: Side,
  at: Schema.Date
}) {}

/** The other side confirmed a proposed link: it is in effect from `at`. */
export class LinkConfirmed extends Schema.TaggedClass<LinkConfirmed>()("LinkConfirmed", {
  learnerId: LearnerId,
  business: Business,
  /** The side that confirmed (the other side proposed). */
  by: Side,
  at: Schema.Date
}) {}

/**
 * A link in effect ended at `at`: ended by a side or a Dinas officer (`ENDED`), or replaced by a
 * new link of the same kind that both sides agreed to (`REPLACED`, followed by `LinkConfirmed`).
 * A replacement is the learner's choice (they proposed or confirmed the new link while this one
 * was in effect), so it is recorded `by: "LEARNER"` with the business that replaced it in
 * `replacedBy`; replacements recorded before that (without `replacedBy`) name in `by` the side
 * that confirmed the new link, not a side of this one.
 */
export class LinkEnded extends Schema.TaggedClass<LinkEnded>()("LinkEnded", {
  learnerId: LearnerId,
  business: Business,
  by: EndedBy,
  reason: Schema.Literal("ENDED", "REPLACED"),
  /** With reason `REPLACED`: the business whose link replaced this one. */
  replacedBy: Schema.optional(Business),
  at: Schema.Date
}) {}

/** An open proposal was closed before it was confirmed: withdrawn, declined, or closed by a Dinas officer. */
export class LinkProposalClosed extends Schema.TaggedClass<LinkProposalClosed>()("LinkProposalClosed", {
  learnerId: LearnerId,
  business: Business,
  by: EndedBy,
  at: Schema.Date
}) {}

/**
 * An open proposal was closed because another link of its kind took effect (the `LinkConfirmed`
 * appended with it): a learner has one link of each kind, so the proposals it did not choose
 * lapse, and none can later replace the link in effect. Nobody in particular closed it.
 */
export class LinkProposalSuperseded extends Schema.TaggedClass<LinkProposalSuperseded>()("LinkProposalSuperseded", {
  learnerId: LearnerId,
  business: Business,
  at: Schema.Date
}) {}

/** First version: a one-sided claim of a link to a UMKM. Still decodes; puts no link in effect. */
export class LearnerLinkedToUmkm extends Schema.TaggedClass<LearnerLinkedToUmkm>()("LearnerLinkedToUmkm", {
  learnerId: LearnerId,
  nib: Identifier.Nib,
  at: Schema.Date
}) {}

/** First version: a one-sided claim of a link to a cooperative. Still decodes; puts no link in effect. */
export class LearnerLinkedToKoperasi extends Schema.TaggedClass<LearnerLinkedToKoperasi>()("LearnerLinkedToKoperasi", {
  learnerId: LearnerId,
  nik: Identifier.NikKoperasi,
  at: Schema.Date
}) {}

/**
 * A Dinas officer erased the learner's personal data at their request (UU 27/2022): the learner's
 * key is deleted, so their name reads as erased in every event. This event is the audit record:
 * who erased and when, and nothing of what was erased.
 */
export class LearnerDataErased extends Schema.TaggedClass<LearnerDataErased>()("LearnerDataErased", {
  learnerId: LearnerId,
  /** The officer id of the Dinas officer who erased it. */
  erasedBy: Schema.NonEmptyTrimmedString,
  at: Schema.Date
}) {}

/** Schema of every learner event. */
export const LearnerEvent = Schema.Union(
  LearnerRegistered,
  LinkProposed,
  LinkConfirmed,
  LinkEnded,
  LinkProposalClosed,
  LinkProposalSuperseded,
  LearnerLinkedToUmkm,
  LearnerLinkedToKoperasi,
  LearnerDataErased
)

/** An event of a learner's stream. */
export type LearnerEvent = typeof LearnerEvent.Type
