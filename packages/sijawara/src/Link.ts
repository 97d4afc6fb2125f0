/**
 * Links between a learner and a business: a UMKM (by its NIB) or a cooperative (by its NIK
 * Koperasi). A link needs both sides: the learner proposes, the business confirms (or declines);
 * either side may end it. The learner's side is the `LEARNER` actor of that learner; the business's side is the
 * `UMKM_OWNER` of that NIB or the `KOPERASI_ADMIN` of that NIK. Nobody acts for a side that is
 * not theirs. A Dinas officer neither proposes nor confirms (consent is the parties' own) but may
 * end a link or close a proposal, as an administrative correction.
 *
 * @since 0.1.0
 */
import { Option, Schema } from "effect"
import { type Actor, Identifier } from "@jatim/kernel"
import type { LearnerId } from "./Ids.js"

/** Schema of a UMKM as the business side of a link. */
export const Umkm = Schema.TaggedStruct("UMKM", { nib: Identifier.Nib })
/** Schema of a cooperative as the business side of a link. */
export const Koperasi = Schema.TaggedStruct("KOPERASI", { nik: Identifier.NikKoperasi })

/** Schema of the business a learner is linked to: a UMKM or a cooperative. */
export const Business = Schema.Union(Umkm, Koperasi).annotations({
  identifier: "LinkedBusiness",
  description: "a UMKM by its NIB, or a cooperative by its NIK Koperasi"
})

/** The business a learner is linked to. */
export type Business = typeof Business.Type

/** The kind of a business: a learner has at most one link in effect of each kind. */
export type Kind = Business["_tag"]

/** Schema of the side of a link that proposes or confirms it. */
export const Side = Schema.Literal("LEARNER", "BUSINESS").annotations({
  description: "the learner, or the business (the UMKM_OWNER of the NIB, the KOPERASI_ADMIN of the NIK)"
})

/** The side of a link that proposes or confirms it. */
export type Side = typeof Side.Type

/** Schema of who ended a link or closed a proposal: either side, or a Dinas officer. */
export const EndedBy = Schema.Literal("LEARNER", "BUSINESS", "DINAS")

/** Who ended a link or closed a proposal. */
export type EndedBy = typeof EndedBy.Type

/** Whether two businesses are the same one. */
export const same = (a: Business, b: Business): boolean =>
  a._tag === "UMKM" ? b._tag === "UMKM" && a.nib === b.nib : b._tag === "KOPERASI" && a.nik === b.nik

/** "UMKM 9120001234567", "cooperative 3578010000000001": a business in messages. */
export const describe = (business: Business): string => (business._tag === "UMKM" ? `UMKM ${business.nib}` : `cooperative ${business.nik}`)

/** Whether `actor` acts for `business`: its UMKM_OWNER, or its KOPERASI_ADMIN. */
export const actsFor = (actor: Actor.Actor, business: Business): boolean =>
  business._tag === "UMKM"
    ? actor._tag === "UMKM_OWNER" && actor.nib === business.nib
    : actor._tag === "KOPERASI_ADMIN" && actor.nik === business.nik

/** The side `actor` acts for in a link of `learnerId` with `business`, if any. */
export const sideOf = (actor: Actor.Actor, learnerId: LearnerId, business: Business): Option.Option<Side> =>
  actor._tag === "LEARNER" && actor.learnerId === learnerId
    ? Option.some("LEARNER")
    : actsFor(actor, business)
      ? Option.some("BUSINESS")
      : Option.none()

/** The other side of a link. */
export const otherSide = (side: Side): Side => (side === "LEARNER" ? "BUSINESS" : "LEARNER")

/** "the learner", "the UMKM's owner", "the cooperative's admin": a side of a link with `business`, in messages. */
export const describeSide = (side: Side, business: Business): string =>
  side === "LEARNER"
    ? "the learner"
    : business._tag === "UMKM"
      ? `the owner of ${describe(business)}`
      : `the admin of ${describe(business)}`
