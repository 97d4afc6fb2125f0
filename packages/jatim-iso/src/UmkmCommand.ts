/**
 * The commands of a UMKM's onboarding, each with the actor who issues it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Actor, Identifier, Region, Text } from "@jatim/kernel"
import { ListingDetails, ListingId } from "./Listing.js"
import { Marketplace } from "./Marketplace.js"
import { Scale } from "./Scale.js"
import { Sector } from "./Sector.js"
import { TrainingType, Workshop } from "./Training.js"
import * as VerifiedCompletion from "./VerifiedCompletion.js"
import * as VerifiedMarketplace from "./VerifiedMarketplace.js"

/**
 * A reason or a note of a Dinas officer: 1 to 1,000 characters, longer than the kernel's `Text.Reason`
 * (500), as JATIM ISO has always accepted (ADR 0070).
 */
const Reason = Text.bounded(1000, "a reason")

/** Register a UMKM: by its owner (the `UMKM_OWNER` of that NIB). */
export class RegisterUmkm extends Schema.TaggedClass<RegisterUmkm>()("RegisterUmkm", {
  actor: Actor.Actor,
  nib: Identifier.Nib,
  businessName: Text.Name,
  ownerName: Text.Name,
  region: Region.RegionCode,
  sector: Sector,
  scale: Scale
}) {}

/** Verify the UMKM's legality (NIB and permits): by a Dinas officer. */
export class VerifyLegality extends Schema.TaggedClass<VerifyLegality>()("VerifyLegality", {
  actor: Actor.Actor,
  nib: Identifier.Nib
}) {}

/** Reject the UMKM's legality, saying why: by a Dinas officer. */
export class RejectLegality extends Schema.TaggedClass<RejectLegality>()("RejectLegality", {
  actor: Actor.Actor,
  nib: Identifier.Nib,
  reason: Reason
}) {}

/** Record a training attended at a workshop: by a Dinas officer. */
export class RecordTraining extends Schema.TaggedClass<RecordTraining>()("RecordTraining", {
  actor: Actor.Actor,
  nib: Identifier.Nib,
  training: TrainingType,
  source: Workshop
}) {}

/**
 * Record a training from a Sijawara certificate: by a Dinas officer or by the learner named on
 * it (as the process manager does). It carries the completion as Sijawara published it, read
 * by `VerifiedCompletion.find` (`Commands.recordTraining` turns a caller's claim into
 * it), never the caller's word; so it is not part of the `UmkmCommand` Schema and never
 * travels as data.
 */
export class RecordSijawaraTraining extends Schema.TaggedClass<RecordSijawaraTraining>()("RecordSijawaraTraining", {
  actor: Actor.Actor,
  nib: Identifier.Nib,
  training: TrainingType,
  completion: VerifiedCompletion.schema
}) {}

/** Submit a product listing for review: by the owner. */
export class SubmitListing extends Schema.TaggedClass<SubmitListing>()("SubmitListing", {
  actor: Actor.Actor,
  nib: Identifier.Nib,
  listingId: ListingId,
  details: ListingDetails
}) {}

/** Approve a submitted listing: by a Dinas officer. */
export class ApproveListing extends Schema.TaggedClass<ApproveListing>()("ApproveListing", {
  actor: Actor.Actor,
  nib: Identifier.Nib,
  listingId: ListingId
}) {}

/** Send a submitted listing back to the owner with notes: by a Dinas officer. */
export class SendBackListing extends Schema.TaggedClass<SendBackListing>()("SendBackListing", {
  actor: Actor.Actor,
  nib: Identifier.Nib,
  listingId: ListingId,
  notes: Reason
}) {}

/** Schema of a storefront's address (an `https` address on the marketplace's domain, which the decider checks). */
export const StorefrontUrl = Schema.String.pipe(Schema.maxLength(500))

/**
 * Open a storefront on an active marketplace of the registry: by the owner or a Dinas officer. It
 * carries the marketplace as the registry holds it, read by `VerifiedMarketplace`
 * (`Commands.openStorefront` turns a caller's code into it), never the caller's word; so it is not
 * part of the `UmkmCommand` Schema and never travels as data.
 */
export class OpenStorefront extends Schema.TaggedClass<OpenStorefront>()("OpenStorefront", {
  actor: Actor.Actor,
  nib: Identifier.Nib,
  marketplace: VerifiedMarketplace.schema,
  url: StorefrontUrl
}) {}

/** Close the UMKM's storefront on a marketplace, saying why: by the owner or a Dinas officer. */
export class CloseStorefront extends Schema.TaggedClass<CloseStorefront>()("CloseStorefront", {
  actor: Actor.Actor,
  nib: Identifier.Nib,
  marketplace: Marketplace,
  reason: Reason
}) {}

/** Revise a listing the Dinas sent back, with its corrected details: by the owner; it goes back under review. */
export class ReviseListing extends Schema.TaggedClass<ReviseListing>()("ReviseListing", {
  actor: Actor.Actor,
  nib: Identifier.Nib,
  listingId: ListingId,
  details: ListingDetails
}) {}

/** Complete the onboarding once every requirement is met: by a Dinas officer. */
export class CompleteOnboarding extends Schema.TaggedClass<CompleteOnboarding>()("CompleteOnboarding", {
  actor: Actor.Actor,
  nib: Identifier.Nib
}) {}

/** Withdraw the UMKM from the program: by the owner or a Dinas officer. */
export class WithdrawUmkm extends Schema.TaggedClass<WithdrawUmkm>()("WithdrawUmkm", {
  actor: Actor.Actor,
  nib: Identifier.Nib,
  reason: Reason
}) {}

/**
 * Schema of every UMKM command that travels as data (all but `RecordSijawaraTraining`, whose
 * completion is read from Sijawara's events, and `OpenStorefront`, whose marketplace is read from
 * the registry: never decoded).
 */
export const UmkmCommand = Schema.Union(
  RegisterUmkm,
  VerifyLegality,
  RejectLegality,
  RecordTraining,
  SubmitListing,
  ApproveListing,
  SendBackListing,
  ReviseListing,
  CloseStorefront,
  CompleteOnboarding,
  WithdrawUmkm
)

/** A command of a UMKM. */
export type UmkmCommand = typeof UmkmCommand.Type | RecordSijawaraTraining | OpenStorefront
