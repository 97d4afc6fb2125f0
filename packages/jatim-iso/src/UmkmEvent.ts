/**
 * The events of a UMKM's stream (`umkm-<nib>`).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { PersonalData } from "@jatim/eventstore"
import { Identifier, Region, Text } from "@jatim/kernel"
import { ListingDetails, ListingId } from "./Listing.js"
import { Marketplace } from "./Marketplace.js"
import { Scale } from "./Scale.js"
import { Sector } from "./Sector.js"
import { TrainingSource, TrainingType } from "./Training.js"

/** A UMKM registered by its owner. */
export class UmkmRegistered extends Schema.TaggedClass<UmkmRegistered>()("UmkmRegistered", {
  nib: Identifier.Nib,
  businessName: Text.Name,
  /** The owner's name: personal data of `umkm-owner:<nib>`. */
  ownerName: PersonalData.field(Text.Name, { subject: "umkm-owner", idField: "nib" }),
  region: Region.RegionCode,
  sector: Sector,
  scale: Scale,
  at: Schema.Date
}) {}

/** A Dinas officer verified the UMKM's legality. */
export class LegalityVerified extends Schema.TaggedClass<LegalityVerified>()("LegalityVerified", {
  nib: Identifier.Nib,
  at: Schema.Date
}) {}

/** A Dinas officer rejected the UMKM's legality, with the reason. */
export class LegalityRejected extends Schema.TaggedClass<LegalityRejected>()("LegalityRejected", {
  nib: Identifier.Nib,
  reason: Schema.NonEmptyTrimmedString,
  at: Schema.Date
}) {}

/** A training was recorded (possibly before the UMKM registered, when it came from Sijawara). */
export class TrainingRecorded extends Schema.TaggedClass<TrainingRecorded>()("TrainingRecorded", {
  nib: Identifier.Nib,
  training: TrainingType,
  source: TrainingSource,
  at: Schema.Date
}) {}

/** The owner submitted a product listing for review. */
export class ListingSubmitted extends Schema.TaggedClass<ListingSubmitted>()("ListingSubmitted", {
  nib: Identifier.Nib,
  listingId: ListingId,
  details: ListingDetails,
  at: Schema.Date
}) {}

/** A Dinas officer approved a listing. */
export class ListingApproved extends Schema.TaggedClass<ListingApproved>()("ListingApproved", {
  nib: Identifier.Nib,
  listingId: ListingId,
  at: Schema.Date
}) {}

/** A Dinas officer sent a listing back with notes; the owner may submit it again. */
export class ListingSentBack extends Schema.TaggedClass<ListingSentBack>()("ListingSentBack", {
  nib: Identifier.Nib,
  listingId: ListingId,
  notes: Schema.NonEmptyTrimmedString,
  at: Schema.Date
}) {}

/** The owner revised a listing the Dinas had sent back: the corrected details go back under review. */
export class ListingRevised extends Schema.TaggedClass<ListingRevised>()("ListingRevised", {
  nib: Identifier.Nib,
  listingId: ListingId,
  details: ListingDetails,
  at: Schema.Date
}) {}

/** A storefront opened on a marketplace of the registry (old events name one of the 2019 partners). */
export class StorefrontOpened extends Schema.TaggedClass<StorefrontOpened>()("StorefrontOpened", {
  nib: Identifier.Nib,
  marketplace: Marketplace,
  url: Schema.String,
  at: Schema.Date
}) {}

/**
 * The storefront on a marketplace closed, with the reason. Before onboarding completes, an open
 * storefront is required again; a completed onboarding stays completed (adr/0087).
 */
export class StorefrontClosed extends Schema.TaggedClass<StorefrontClosed>()("StorefrontClosed", {
  nib: Identifier.Nib,
  marketplace: Marketplace,
  reason: Schema.NonEmptyTrimmedString,
  at: Schema.Date
}) {}

/** Every requirement was met and a Dinas officer completed the onboarding. */
export class OnboardingCompleted extends Schema.TaggedClass<OnboardingCompleted>()("OnboardingCompleted", {
  nib: Identifier.Nib,
  at: Schema.Date
}) {}

/** The UMKM left the program. Final. */
export class UmkmWithdrawn extends Schema.TaggedClass<UmkmWithdrawn>()("UmkmWithdrawn", {
  nib: Identifier.Nib,
  reason: Schema.NonEmptyTrimmedString,
  at: Schema.Date
}) {}

/** Schema of every UMKM event. */
export const UmkmEvent = Schema.Union(
  UmkmRegistered,
  LegalityVerified,
  LegalityRejected,
  TrainingRecorded,
  ListingSubmitted,
  ListingApproved,
  ListingSentBack,
  ListingRevised,
  StorefrontOpened,
  StorefrontClosed,
  OnboardingCompleted,
  UmkmWithdrawn
)

/** An event of a UMKM's stream. */
export type UmkmEvent = typeof UmkmEvent.Type
