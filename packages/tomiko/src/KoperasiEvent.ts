/**
 * The events of a cooperative's stream (`koperasi-<nik>`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Identifier, Region, Rupiah, Text } from "@jatim/kernel"

/** The kind of a cooperative: primary (individual members) or secondary (founded by cooperatives). */
export const KoperasiType = Schema.Literal("PRIMER", "SEKUNDER")

/** `PRIMER` or `SEKUNDER`. */
export type KoperasiType = typeof KoperasiType.Type

/** A primary cooperative was registered with its individual members. */
export class PrimaryKoperasiRegistered extends Schema.TaggedClass<PrimaryKoperasiRegistered>()("PrimaryKoperasiRegistered", {
  nik: Identifier.NikKoperasi,
  name: Text.Name,
  regionCode: Region.RegionCode,
  individualMembers: Schema.Int
}) {}

/** A secondary cooperative was registered with its founders and its fee on trade in its network. */
export class SecondaryKoperasiRegistered extends Schema.TaggedClass<SecondaryKoperasiRegistered>()("SecondaryKoperasiRegistered", {
  nik: Identifier.NikKoperasi,
  name: Text.Name,
  regionCode: Region.RegionCode,
  founders: Schema.Array(Identifier.NikKoperasi),
  feeBasisPoints: Rupiah.BasisPoints
}) {}

/** A primary cooperative joined a secondary cooperative's network. */
export class NetworkJoined extends Schema.TaggedClass<NetworkJoined>()("NetworkJoined", {
  nik: Identifier.NikKoperasi,
  secondary: Identifier.NikKoperasi
}) {}

/** A primary cooperative left a secondary cooperative's network. */
export class NetworkLeft extends Schema.TaggedClass<NetworkLeft>()("NetworkLeft", {
  nik: Identifier.NikKoperasi,
  secondary: Identifier.NikKoperasi
}) {}

/** Every event of a cooperative's stream. */
export const KoperasiEvent = Schema.Union(PrimaryKoperasiRegistered, SecondaryKoperasiRegistered, NetworkJoined, NetworkLeft)

/** An event of a cooperative's stream. */
export type KoperasiEvent = typeof KoperasiEvent.Type
