/**
 * The commands of a cooperative's stream. Each carries the actor who issues it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Actor, Identifier, Region, Rupiah, Text } from "@jatim/kernel"
import { KoperasiType } from "./KoperasiEvent.js"
import { KoperasiReading } from "./KoperasiReading.js"

/** Register a primary cooperative (at least 20 individual members). */
export class RegisterPrimaryKoperasi extends Schema.TaggedClass<RegisterPrimaryKoperasi>()("RegisterPrimaryKoperasi", {
  actor: Actor.Actor,
  nik: Identifier.NikKoperasi,
  name: Text.Name,
  regionCode: Region.RegionCode,
  individualMembers: Schema.Int.pipe(Schema.nonNegative())
}) {}

/**
 * Register a secondary cooperative (founded by at least 3 registered primary cooperatives), with
 * its network fee. Each founder is carried as read from its own stream (`KoperasiReading.read`,
 * done by `Commands.registerSecondaryKoperasi`).
 */
export class RegisterSecondaryKoperasi extends Schema.TaggedClass<RegisterSecondaryKoperasi>()("RegisterSecondaryKoperasi", {
  actor: Actor.Actor,
  nik: Identifier.NikKoperasi,
  name: Text.Name,
  regionCode: Region.RegionCode,
  founders: Schema.Array(KoperasiReading),
  feeBasisPoints: Rupiah.BasisPoints
}) {}

/** The secondary cooperative as the application read it, for a join. */
export const NetworkTarget = Schema.Struct({
  nik: Identifier.NikKoperasi,
  /** Its kind, or undefined when it is not registered. */
  type: Schema.UndefinedOr(KoperasiType)
})

/** What the application read about the secondary cooperative to join. */
export type NetworkTarget = typeof NetworkTarget.Type

/** A primary cooperative joins a secondary cooperative's network (its own admin). */
export class JoinNetwork extends Schema.TaggedClass<JoinNetwork>()("JoinNetwork", {
  actor: Actor.Actor,
  nik: Identifier.NikKoperasi,
  secondary: NetworkTarget
}) {}

/** A primary cooperative leaves the network it is in (its own admin). */
export class LeaveNetwork extends Schema.TaggedClass<LeaveNetwork>()("LeaveNetwork", {
  actor: Actor.Actor,
  nik: Identifier.NikKoperasi,
  secondary: Identifier.NikKoperasi
}) {}

/** Every command of a cooperative's stream. */
export const KoperasiCommand = Schema.Union(RegisterPrimaryKoperasi, RegisterSecondaryKoperasi, JoinNetwork, LeaveNetwork)

/** A command of a cooperative's stream. */
export type KoperasiCommand = typeof KoperasiCommand.Type
