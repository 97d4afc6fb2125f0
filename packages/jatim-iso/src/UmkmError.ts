/**
 * The errors of JATIM ISO's UMKM aggregate (`Umkm.ts`), the union `UmkmError` of every error a
 * UMKM command may fail with, and `CertificateNotIssued` (`Commands.recordTraining`). Each names
 * the rule that refused a command and what the person can do about it; all are
 * `Schema.TaggedError`s, so they cross the HTTP boundary typed. Authorization refusals are the
 * kernel's `ActorNotAuthorized`.
 * Each class declares its category (`ErrorCategory` of `@jatim/kernel`), which hosts map.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type Actor, ErrorCategory, Identifier } from "@jatim/kernel"
import * as Integration from "@jatim/sijawara/integration"
import { ListingId } from "./Listing.js"
import { Marketplace } from "./Marketplace.js"
import { Requirement, describe } from "./Requirement.js"
import { TrainingType } from "./Training.js"

/** A registration of a NIB that is already registered. */
export class UmkmAlreadyRegistered extends Schema.TaggedError<UmkmAlreadyRegistered>()(
  "UmkmAlreadyRegistered",
  {
    nib: Identifier.Nib
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `UMKM ${this.nib} is already registered: a NIB registers once.`
  }
}

/** A command on a UMKM that has not registered. */
export class UmkmNotRegistered extends Schema.TaggedError<UmkmNotRegistered>()(
  "UmkmNotRegistered",
  {
    nib: Identifier.Nib,
    action: Schema.String
  },
  ErrorCategory.notFound
) {
  override get message(): string {
    return `UMKM ${this.nib} is not registered, and only a registered UMKM can ${this.action}: its owner registers it first.`
  }
}

/** A command on a UMKM that left the program. */
export class UmkmIsWithdrawn extends Schema.TaggedError<UmkmIsWithdrawn>()(
  "UmkmIsWithdrawn",
  {
    nib: Identifier.Nib,
    action: Schema.String
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `UMKM ${this.nib} has withdrawn from JATIM ISO, and a withdrawn UMKM cannot ${this.action}: withdrawal is final.`
  }
}

/** A legality decision on a UMKM whose legality is already verified. */
export class LegalityAlreadyVerified extends Schema.TaggedError<LegalityAlreadyVerified>()(
  "LegalityAlreadyVerified",
  {
    nib: Identifier.Nib
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `The legality of UMKM ${this.nib} is already verified: legality is verified once, and a verified UMKM ` +
      `that no longer qualifies is withdrawn instead.`
    )
  }
}

/** A rejection of a legality that is already rejected. */
export class LegalityAlreadyRejected extends Schema.TaggedError<LegalityAlreadyRejected>()(
  "LegalityAlreadyRejected",
  {
    nib: Identifier.Nib
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `The legality of UMKM ${this.nib} is already rejected: it can only be verified now, once the owner ` +
      `has fixed what the rejection said.`
    )
  }
}

/** A listing that breaks the listing rules. */
export class InvalidListing extends Schema.TaggedError<InvalidListing>()(
  "InvalidListing",
  {
    nib: Identifier.Nib,
    listingId: ListingId,
    problems: Schema.NonEmptyArray(Schema.String)
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Listing "${this.listingId}" of UMKM ${this.nib} breaks the listing rules: ${this.problems.join("; ")}. ` +
      `Fix these and submit it again.`
    )
  }
}

/** A submission of a listing that is under review or already approved. */
export class ListingAlreadySubmitted extends Schema.TaggedError<ListingAlreadySubmitted>()(
  "ListingAlreadySubmitted",
  {
    nib: Identifier.Nib,
    listingId: ListingId,
    status: Schema.Literal("SUBMITTED", "APPROVED")
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return this.status === "SUBMITTED"
      ? `Listing "${this.listingId}" of UMKM ${this.nib} is already under review: a listing is submitted again only after it is sent back.`
      : `Listing "${this.listingId}" of UMKM ${this.nib} is already approved: submit a new listing (another id) instead.`
  }
}

/** A review of a listing that was never submitted. */
export class ListingNotFound extends Schema.TaggedError<ListingNotFound>()(
  "ListingNotFound",
  {
    nib: Identifier.Nib,
    listingId: ListingId
  },
  ErrorCategory.notFound
) {
  override get message(): string {
    return `UMKM ${this.nib} has no listing "${this.listingId}": the owner submits a listing before it is reviewed.`
  }
}

/** A review of a listing that is not waiting for one. */
export class ListingNotUnderReview extends Schema.TaggedError<ListingNotUnderReview>()(
  "ListingNotUnderReview",
  {
    nib: Identifier.Nib,
    listingId: ListingId,
    status: Schema.Literal("APPROVED", "SENT_BACK")
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Listing "${this.listingId}" of UMKM ${this.nib} is not under review (it is ${this.status}): ` +
      `only a submitted listing is approved or sent back.`
    )
  }
}

/** A storefront address that is not on the marketplace named. */
export class InvalidStorefront extends Schema.TaggedError<InvalidStorefront>()(
  "InvalidStorefront",
  {
    nib: Identifier.Nib,
    marketplace: Marketplace,
    reason: Schema.String
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `The storefront of UMKM ${this.nib} on ${this.marketplace} is not valid: ${this.reason}.`
  }
}

/** A second storefront on the same marketplace. */
export class StorefrontAlreadyOpen extends Schema.TaggedError<StorefrontAlreadyOpen>()(
  "StorefrontAlreadyOpen",
  {
    nib: Identifier.Nib,
    marketplace: Marketplace
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `UMKM ${this.nib} already has a storefront on ${this.marketplace}: one storefront per marketplace.`
  }
}

/** A completion while a requirement of onboarding is missing. */
export class OnboardingIncomplete extends Schema.TaggedError<OnboardingIncomplete>()(
  "OnboardingIncomplete",
  {
    nib: Identifier.Nib,
    missing: Schema.NonEmptyArray(Requirement)
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `The onboarding of UMKM ${this.nib} cannot complete: it completes only with verified legality, both core ` +
      `trainings, an approved listing and an open storefront, and it still needs ${this.missing.map(describe).join(", ")}.`
    )
  }
}

/** A completion of an onboarding that is already complete. */
export class OnboardingAlreadyCompleted extends Schema.TaggedError<OnboardingAlreadyCompleted>()(
  "OnboardingAlreadyCompleted",
  { nib: Identifier.Nib },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `The onboarding of UMKM ${this.nib} is already complete: an onboarding completes once.`
  }
}

/** A Sijawara certificate Sijawara did not issue: no such number for that learner and course. */
export class CertificateNotIssued extends Schema.TaggedError<CertificateNotIssued>()(
  "CertificateNotIssued",
  {
    certificateNumber: Integration.CourseCompleted.fields.certificateNumber,
    learnerId: Integration.CourseCompleted.fields.learnerId,
    courseId: Integration.CourseCompleted.fields.courseId
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Sijawara issued no certificate ${this.certificateNumber} to learner ${this.learnerId} for course ` +
      `${this.courseId}: a Sijawara training is recorded only from a certificate Sijawara issued. Check the number, ` +
      `the learner and the course against the certificate (Sijawara verifies a certificate by its number).`
    )
  }
}

/** A Sijawara certificate of a course whose topic is not the training it was presented for. */
export class CertificateTopicMismatch extends Schema.TaggedError<CertificateTopicMismatch>()(
  "CertificateTopicMismatch",
  {
    certificateNumber: Integration.CourseCompleted.fields.certificateNumber,
    topic: Integration.CourseCompleted.fields.topic,
    training: TrainingType
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    const counts =
      this.topic === "KEMASAN" || this.topic === "PEMASARAN_DIGITAL"
        ? `counts as the ${this.topic} training only`
        : "counts as no JATIM ISO training (only KEMASAN and PEMASARAN_DIGITAL courses do)"
    return (
      `Certificate ${this.certificateNumber} is for a course on ${this.topic}, which ${counts}, not as the ` +
      `${this.training} training: present it for the training of its topic, or a certificate of a ${this.training} course.`
    )
  }
}

/**
 * A Sijawara certificate of a learner who was not linked to the UMKM when the course was
 * completed (linked to another UMKM, or to none).
 */
export class LearnerNotLinkedAtCompletion extends Schema.TaggedError<LearnerNotLinkedAtCompletion>()(
  "LearnerNotLinkedAtCompletion",
  {
    certificateNumber: Integration.CourseCompleted.fields.certificateNumber,
    learnerId: Integration.CourseCompleted.fields.learnerId,
    nib: Identifier.Nib,
    /** The UMKM the learner was linked to at completion, or `null`. */
    linkedNib: Schema.NullOr(Identifier.Nib)
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    const linked = this.linkedNib === null ? "to no UMKM" : `to UMKM ${this.linkedNib}`
    return (
      `Learner ${this.learnerId} completed the course of certificate ${this.certificateNumber} while linked ${linked}, ` +
      `not to UMKM ${this.nib}: a Sijawara training counts only for the UMKM the learner was linked to (both sides ` +
      `agreeing) when the course was completed. Link the learner to UMKM ${this.nib} first; courses completed from then on count for it.`
    )
  }
}

/**
 * A Sijawara training whose completion was not read from Sijawara's events by
 * `VerifiedCompletion.find` (built by hand, or a command built with its validation turned off).
 */
export class UnverifiedCompletion extends Schema.TaggedError<UnverifiedCompletion>()(
  "UnverifiedCompletion",
  {
    nib: Identifier.Nib
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `The Sijawara training presented for UMKM ${this.nib} does not stand on a completion read from Sijawara's ` +
      `events: present the certificate (number, learner, course) and let JATIM ISO look it up in Sijawara.`
    )
  }
}

/** Every error a UMKM command may fail with. */
export type UmkmError =
  | Actor.ActorNotAuthorized
  | UmkmAlreadyRegistered
  | UmkmNotRegistered
  | UmkmIsWithdrawn
  | LegalityAlreadyVerified
  | LegalityAlreadyRejected
  | InvalidListing
  | ListingAlreadySubmitted
  | ListingNotFound
  | ListingNotUnderReview
  | InvalidStorefront
  | StorefrontAlreadyOpen
  | OnboardingIncomplete
  | OnboardingAlreadyCompleted
  | UnverifiedCompletion
  | CertificateTopicMismatch
  | LearnerNotLinkedAtCompletion
