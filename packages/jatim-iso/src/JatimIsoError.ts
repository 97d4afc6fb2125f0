/**
 * The domain errors of JATIM ISO. Each names the rule that refused a command and what the person
 * can do about it; all are `Schema.TaggedError`s, so they cross the HTTP boundary typed.
 * Authorization refusals are the kernel's `ActorNotAuthorized`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Identifier } from "@jatim/kernel"
import { ListingId } from "./Listing.js"
import { Marketplace } from "./Marketplace.js"
import { Requirement, describe } from "./Requirement.js"

/** A registration of a NIB that is already registered. */
export class UmkmAlreadyRegistered extends Schema.TaggedError<UmkmAlreadyRegistered>()("UmkmAlreadyRegistered", {
  nib: Identifier.Nib
}) {
  override get message(): string {
    return `UMKM ${this.nib} is already registered: a NIB registers once.`
  }
}

/** A command on a UMKM that has not registered. */
export class UmkmNotRegistered extends Schema.TaggedError<UmkmNotRegistered>()("UmkmNotRegistered", {
  nib: Identifier.Nib,
  action: Schema.String
}) {
  override get message(): string {
    return `UMKM ${this.nib} is not registered, and only a registered UMKM can ${this.action}: ` +
      `its owner registers it first.`
  }
}

/** A command on a UMKM that left the program. */
export class UmkmIsWithdrawn extends Schema.TaggedError<UmkmIsWithdrawn>()("UmkmIsWithdrawn", {
  nib: Identifier.Nib,
  action: Schema.String
}) {
  override get message(): string {
    return `UMKM ${this.nib} has withdrawn from JATIM ISO, and a withdrawn UMKM cannot ${this.action}: ` +
      `withdrawal is final.`
  }
}

/** A legality decision on a UMKM whose legality is already verified. */
export class LegalityAlreadyVerified extends Schema.TaggedError<LegalityAlreadyVerified>()("LegalityAlreadyVerified", {
  nib: Identifier.Nib
}) {
  override get message(): string {
    return `The legality of UMKM ${this.nib} is already verified: legality is verified once, and a verified UMKM ` +
      `that no longer qualifies is withdrawn instead.`
  }
}

/** A rejection of a legality that is already rejected. */
export class LegalityAlreadyRejected extends Schema.TaggedError<LegalityAlreadyRejected>()("LegalityAlreadyRejected", {
  nib: Identifier.Nib
}) {
  override get message(): string {
    return `The legality of UMKM ${this.nib} is already rejected: it can only be verified now, once the owner ` +
      `has fixed what the rejection said.`
  }
}

/** A listing that breaks the listing rules. */
export class InvalidListing extends Schema.TaggedError<InvalidListing>()("InvalidListing", {
  nib: Identifier.Nib,
  listingId: ListingId,
  problems: Schema.NonEmptyArray(Schema.String)
}) {
  override get message(): string {
    return `Listing "${this.listingId}" of UMKM ${this.nib} breaks the listing rules: ${this.problems.join("; ")}. ` +
      `Fix these and submit it again.`
  }
}

/** A submission of a listing that is under review or already approved. */
export class ListingAlreadySubmitted extends Schema.TaggedError<ListingAlreadySubmitted>()("ListingAlreadySubmitted", {
  nib: Identifier.Nib,
  listingId: ListingId,
  status: Schema.Literal("SUBMITTED", "APPROVED")
}) {
  override get message(): string {
    return this.status === "SUBMITTED"
      ? `Listing "${this.listingId}" of UMKM ${this.nib} is already under review: a listing is submitted again only after it is sent back.`
      : `Listing "${this.listingId}" of UMKM ${this.nib} is already approved: submit a new listing (another id) instead.`
  }
}

/** A review of a listing that was never submitted. */
export class ListingNotFound extends Schema.TaggedError<ListingNotFound>()("ListingNotFound", {
  nib: Identifier.Nib,
  listingId: ListingId
}) {
  override get message(): string {
    return `UMKM ${this.nib} has no listing "${this.listingId}": the owner submits a listing before it is reviewed.`
  }
}

/** A review of a listing that is not waiting for one. */
export class ListingNotUnderReview extends Schema.TaggedError<ListingNotUnderReview>()("ListingNotUnderReview", {
  nib: Identifier.Nib,
  listingId: ListingId,
  status: Schema.Literal("APPROVED", "SENT_BACK")
}) {
  override get message(): string {
    return `Listing "${this.listingId}" of UMKM ${this.nib} is not under review (it is ${this.status}): ` +
      `only a submitted listing is approved or sent back.`
  }
}

/** A storefront address that is not on the marketplace named. */
export class InvalidStorefront extends Schema.TaggedError<InvalidStorefront>()("InvalidStorefront", {
  nib: Identifier.Nib,
  marketplace: Marketplace,
  reason: Schema.String
}) {
  override get message(): string {
    return `The storefront of UMKM ${this.nib} on ${this.marketplace} is not valid: ${this.reason}.`
  }
}

/** A second storefront on the same marketplace. */
export class StorefrontAlreadyOpen extends Schema.TaggedError<StorefrontAlreadyOpen>()("StorefrontAlreadyOpen", {
  nib: Identifier.Nib,
  marketplace: Marketplace
}) {
  override get message(): string {
    return `UMKM ${this.nib} already has a storefront on ${this.marketplace}: one storefront per marketplace.`
  }
}

/** A completion while a requirement of onboarding is missing. */
export class OnboardingIncomplete extends Schema.TaggedError<OnboardingIncomplete>()("OnboardingIncomplete", {
  nib: Identifier.Nib,
  missing: Schema.NonEmptyArray(Requirement)
}) {
  override get message(): string {
    return `The onboarding of UMKM ${this.nib} cannot complete: it completes only with verified legality, both core ` +
      `trainings, an approved listing and an open storefront, and it still needs ${this.missing.map(describe).join(", ")}.`
  }
}

/** A completion of an onboarding that is already complete. */
export class OnboardingAlreadyCompleted extends Schema.TaggedError<OnboardingAlreadyCompleted>()(
  "OnboardingAlreadyCompleted",
  { nib: Identifier.Nib }
) {
  override get message(): string {
    return `The onboarding of UMKM ${this.nib} is already complete: an onboarding completes once.`
  }
}
