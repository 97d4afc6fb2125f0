/**
 * The events of a learner's stream (`learner-<learnerId>`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Identifier, Region } from "@jatim/kernel"
import { LearnerId } from "./Ids.js"
import { LearnerRole } from "./LearnerRole.js"

/** A learner registered with a kabupaten/kota and a role (a UMKM owner's NIB is linked at once). */
export class LearnerRegistered extends Schema.TaggedClass<LearnerRegistered>()("LearnerRegistered", {
  learnerId: LearnerId,
  name: Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(200)),
  region: Region.RegionCode,
  role: LearnerRole,
  at: Schema.Date
}) {}

/** The learner was linked to a UMKM (replacing an earlier link). */
export class LearnerLinkedToUmkm extends Schema.TaggedClass<LearnerLinkedToUmkm>()("LearnerLinkedToUmkm", {
  learnerId: LearnerId,
  nib: Identifier.Nib,
  at: Schema.Date
}) {}

/** The learner was linked to a cooperative (replacing an earlier link). */
export class LearnerLinkedToKoperasi extends Schema.TaggedClass<LearnerLinkedToKoperasi>()("LearnerLinkedToKoperasi", {
  learnerId: LearnerId,
  nik: Identifier.NikKoperasi,
  at: Schema.Date
}) {}

/** Schema of every learner event. */
export const LearnerEvent = Schema.Union(LearnerRegistered, LearnerLinkedToUmkm, LearnerLinkedToKoperasi)

/** An event of a learner's stream. */
export type LearnerEvent = typeof LearnerEvent.Type
