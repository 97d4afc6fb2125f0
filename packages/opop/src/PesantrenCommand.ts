/**
 * The commands of a pesantren's stream. Each carries the actor who issues it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Actor, Identifier, Region, Text } from "@jatim/kernel"
import { FlagshipCandidateSchema } from "./FlagshipCandidate.js"
import { SantriCount } from "./PesantrenEvent.js"
import { ProductId } from "./ProductId.js"

/** Register a pesantren in OPOP (its own admin, or a Dinas officer). */
export class RegisterPesantren extends Schema.TaggedClass<RegisterPesantren>()("RegisterPesantren", {
  actor: Actor.Actor,
  nspp: Identifier.Nspp,
  name: Text.Name,
  regionCode: Region.RegionCode,
  pengasuh: Text.Name,
  santriCount: SantriCount
}) {}

/** Link the pesantren's Kopontren by its NIK Koperasi (its own admin, or a Dinas officer). */
export class LinkKopontren extends Schema.TaggedClass<LinkKopontren>()("LinkKopontren", {
  actor: Actor.Actor,
  nspp: Identifier.Nspp,
  nik: Identifier.NikKoperasi
}) {}

/**
 * Replace the pesantren's Kopontren by another cooperative, by a Dinas decision (a Dinas officer):
 * the reason is recorded; the same cooperative changes nothing.
 */
export class ReplaceKopontren extends Schema.TaggedClass<ReplaceKopontren>()("ReplaceKopontren", {
  actor: Actor.Actor,
  nspp: Identifier.Nspp,
  nik: Identifier.NikKoperasi,
  reason: Text.Reason
}) {}

/** Verify the pesantren's registration (a Dinas officer). */
export class VerifyPesantren extends Schema.TaggedClass<VerifyPesantren>()("VerifyPesantren", {
  actor: Actor.Actor,
  nspp: Identifier.Nspp
}) {}

/** Suspend the pesantren (a Dinas officer). */
export class SuspendPesantren extends Schema.TaggedClass<SuspendPesantren>()("SuspendPesantren", {
  actor: Actor.Actor,
  nspp: Identifier.Nspp,
  reason: Text.Reason
}) {}

/** Lift the pesantren's suspension (a Dinas officer). */
export class ReinstatePesantren extends Schema.TaggedClass<ReinstatePesantren>()("ReinstatePesantren", {
  actor: Actor.Actor,
  nspp: Identifier.Nspp
}) {}

/**
 * Designate a product the pesantren's flagship (its own admin). `candidate` is the product as
 * `FlagshipCandidate.read` read it from its stream (`Commands.designateFlagship` reads it),
 * never the caller's word. `retiring` names the active flagship this designation retires
 * (absent when there is none): One Pesantren One Product refuses a designation whose
 * `retiring` is not the active flagship when it is decided.
 */
export class DesignateFlagship extends Schema.TaggedClass<DesignateFlagship>()("DesignateFlagship", {
  actor: Actor.Actor,
  nspp: Identifier.Nspp,
  candidate: FlagshipCandidateSchema,
  retiring: Schema.optional(ProductId)
}) {}

/** Retire the active flagship without a successor (its own admin, or a Dinas officer). */
export class RetireFlagship extends Schema.TaggedClass<RetireFlagship>()("RetireFlagship", {
  actor: Actor.Actor,
  nspp: Identifier.Nspp,
  productId: ProductId,
  reason: Text.Reason
}) {}

/** Schema of every command of a pesantren stream. */
export const PesantrenCommand = Schema.Union(
  RegisterPesantren,
  LinkKopontren,
  ReplaceKopontren,
  VerifyPesantren,
  SuspendPesantren,
  ReinstatePesantren,
  DesignateFlagship,
  RetireFlagship
)

/** A command of a pesantren stream. */
export type PesantrenCommand = typeof PesantrenCommand.Type
