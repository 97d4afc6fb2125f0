/**
 * The role a learner registers with: a cooperative member or board member, a UMKM owner (with
 * the business's NIB), or the public.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Identifier } from "@jatim/kernel"

/** A member (anggota) of a cooperative. */
export const CooperativeMember = Schema.TaggedStruct("COOPERATIVE_MEMBER", {})
/** A board member (pengurus) of a cooperative. */
export const CooperativeBoard = Schema.TaggedStruct("COOPERATIVE_BOARD", {})
/** The owner of a UMKM, with its NIB (Nomor Induk Berusaha). */
export const UmkmOwner = Schema.TaggedStruct("UMKM_OWNER", { nib: Identifier.Nib })
/** Anyone else (masyarakat umum). */
export const Public = Schema.TaggedStruct("PUBLIC", {})

/** Schema of a learner's role. */
export const LearnerRole = Schema.Union(CooperativeMember, CooperativeBoard, UmkmOwner, Public)

/** A learner's role. */
export type LearnerRole = typeof LearnerRole.Type
