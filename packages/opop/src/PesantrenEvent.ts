/**
 * The events of a pesantren's stream `pesantren-<nspp>`, flagship designations included: the
 * stream is where One Pesantren One Product is kept.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { PersonalData } from "@jatim/eventstore"
import { CalendarDate, Identifier, Region, Text } from "@jatim/kernel"
import { Grade } from "./Curation.js"
import { ProductId } from "./ProductId.js"

/** Schema of a santri count: a whole number from 0 to 100,000. */
export const SantriCount = Schema.Int.pipe(
  Schema.between(0, 100_000, { message: () => "a santri count is a whole number from 0 to 100000" })
)

/** A pesantren joined OPOP with its NSPP, name, kabupaten/kota, pengasuh and santri count. */
export class PesantrenRegistered extends Schema.TaggedClass<PesantrenRegistered>()("PesantrenRegistered", {
  nspp: Identifier.Nspp,
  name: Text.Name,
  regionCode: Region.RegionCode,
  /** The pengasuh (head) of the pesantren: personal data of `pengasuh:<nspp>`. */
  pengasuh: PersonalData.field(Text.Name, { subject: "pengasuh", idField: "nspp" }),
  santriCount: SantriCount
}) {}

/** The pesantren's cooperative (Kopontren) was linked by its NIK Koperasi. */
export class KopontrenLinked extends Schema.TaggedClass<KopontrenLinked>()("KopontrenLinked", {
  nspp: Identifier.Nspp,
  nik: Identifier.NikKoperasi
}) {}

/** The Dinas verified the pesantren's registration. */
export class PesantrenVerified extends Schema.TaggedClass<PesantrenVerified>()("PesantrenVerified", {
  nspp: Identifier.Nspp,
  verifiedOn: CalendarDate.CalendarDate
}) {}

/** The Dinas suspended the pesantren. */
export class PesantrenSuspended extends Schema.TaggedClass<PesantrenSuspended>()("PesantrenSuspended", {
  nspp: Identifier.Nspp,
  reason: Text.Reason
}) {}

/** The Dinas lifted the pesantren's suspension. */
export class PesantrenReinstated extends Schema.TaggedClass<PesantrenReinstated>()("PesantrenReinstated", {
  nspp: Identifier.Nspp
}) {}

/** The product became the pesantren's one active flagship. */
export class FlagshipDesignated extends Schema.TaggedClass<FlagshipDesignated>()("FlagshipDesignated", {
  nspp: Identifier.Nspp,
  productId: ProductId,
  /** The product's grade when it was designated. */
  grade: Grade,
  designatedOn: CalendarDate.CalendarDate
}) {}

/** The product is no longer the pesantren's flagship. */
export class FlagshipRetired extends Schema.TaggedClass<FlagshipRetired>()("FlagshipRetired", {
  nspp: Identifier.Nspp,
  productId: ProductId,
  reason: Text.Reason,
  /** The day (WIB) it was retired; absent on retirements recorded before retirements carried it. */
  retiredOn: Schema.optional(CalendarDate.CalendarDate)
}) {}

/** The Dinas replaced the pesantren's Kopontren by another cooperative, for the reason given. */
export class KopontrenReplaced extends Schema.TaggedClass<KopontrenReplaced>()("KopontrenReplaced", {
  nspp: Identifier.Nspp,
  /** The cooperative it replaces. */
  previous: Identifier.NikKoperasi,
  nik: Identifier.NikKoperasi,
  reason: Text.Reason,
  replacedOn: CalendarDate.CalendarDate
}) {}

/** Schema of every event of a pesantren stream. */
export const PesantrenEvent = Schema.Union(
  PesantrenRegistered,
  KopontrenLinked,
  KopontrenReplaced,
  PesantrenVerified,
  PesantrenSuspended,
  PesantrenReinstated,
  FlagshipDesignated,
  FlagshipRetired
)

/** An event of a pesantren stream. */
export type PesantrenEvent = typeof PesantrenEvent.Type
