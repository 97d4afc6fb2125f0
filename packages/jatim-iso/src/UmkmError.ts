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
import type { UnverifiedMarketplace } from "./MarketplaceError.js"
import { TrainingType } from "./Training.js"

/** A registration of a NIB that is already registered. */
export class UmkmAlreadyRegistered extends ErrorCategory.DomainError<UmkmAlreadyRegistered>()(
  "UmkmAlreadyRegistered",
  { nib: Identifier.Nib },
  ErrorCategory.ruleViolated,
  ({ nib }) => `UMKM ${nib} is already registered: a NIB registers once.`
) {}

/** A command on a UMKM that has not registered. */
export class UmkmNotRegistered extends ErrorCategory.DomainError<UmkmNotRegistered>()(
  "UmkmNotRegistered",
  { nib: Identifier.Nib, action: Schema.String },
  ErrorCategory.notFound,
  ({ nib, action }) => `UMKM ${nib} is not registered, and only a registered UMKM can ${action}: its owner registers it first.`
) {}

/** A command on a UMKM that left the program. */
export class UmkmIsWithdrawn extends ErrorCategory.DomainError<UmkmIsWithdrawn>()(
  "UmkmIsWithdrawn",
  { nib: Identifier.Nib, action: Schema.String },
  ErrorCategory.ruleViolated,
  ({ nib, action }) => `UMKM ${nib} has withdrawn from JATIM ISO, and a withdrawn UMKM cannot ${action}: withdrawal is final.`
) {}

/** A legality decision on a UMKM whose legality is already verified. */
export class LegalityAlreadyVerified extends ErrorCategory.DomainError<LegalityAlreadyVerified>()(
  "LegalityAlreadyVerified",
  { nib: Identifier.Nib },
  ErrorCategory.ruleViolated,
  ({ nib }) =>
    `The legality of UMKM ${nib} is already verified: legality is verified once, and a verified UMKM ` +
    `that no longer qualifies is withdrawn instead.`
) {}

/** A rejection of a legality that is already rejected. */
export class LegalityAlreadyRejected extends ErrorCategory.DomainError<LegalityAlreadyRejected>()(
  "LegalityAlreadyRejected",
  { nib: Identifier.Nib },
  ErrorCategory.ruleViolated,
  ({ nib }) =>
    `The legality of UMKM ${nib} is already rejected: it can only be verified now, once the owner has fixed what the rejection said.`
) {}

/** A listing that breaks the listing rules. */
export class InvalidListing extends ErrorCategory.DomainError<InvalidListing>()(
  "InvalidListing",
  { nib: Identifier.Nib, listingId: ListingId, problems: Schema.NonEmptyArray(Schema.String) },
  ErrorCategory.ruleViolated,
  ({ listingId, nib, problems }) =>
    `Listing "${listingId}" of UMKM ${nib} breaks the listing rules: ${problems.join("; ")}. Fix these and submit it again.`
) {}

/** A submission of a listing that is under review or already approved. */
export class ListingAlreadySubmitted extends ErrorCategory.DomainError<ListingAlreadySubmitted>()(
  "ListingAlreadySubmitted",
  { nib: Identifier.Nib, listingId: ListingId, status: Schema.Literal("SUBMITTED", "APPROVED") },
  ErrorCategory.ruleViolated,
  ({ status, listingId, nib }) => {
    return status === "SUBMITTED"
      ? `Listing "${listingId}" of UMKM ${nib} is already under review: a listing is submitted again only after it is sent back.`
      : `Listing "${listingId}" of UMKM ${nib} is already approved: submit a new listing (another id) instead.`
  }
) {}

/** A review of a listing that was never submitted. */
export class ListingNotFound extends ErrorCategory.DomainError<ListingNotFound>()(
  "ListingNotFound",
  { nib: Identifier.Nib, listingId: ListingId },
  ErrorCategory.notFound,
  ({ nib, listingId }) => `UMKM ${nib} has no listing "${listingId}": the owner submits a listing before it is reviewed.`
) {}

/** A review of a listing that is not waiting for one. */
export class ListingNotUnderReview extends ErrorCategory.DomainError<ListingNotUnderReview>()(
  "ListingNotUnderReview",
  { nib: Identifier.Nib, listingId: ListingId, status: Schema.Literal("APPROVED", "SENT_BACK") },
  ErrorCategory.ruleViolated,
  ({ listingId, nib, status }) =>
    `Listing "${listingId}" of UMKM ${nib} is not under review (it is ${status}): only a submitted listing is approved or sent back.`
) {}

/** A revision of a listing that was not sent back (under review, approved). */
export class ListingNotSentBack extends ErrorCategory.DomainError<ListingNotSentBack>()(
  "ListingNotSentBack",
  { nib: Identifier.Nib, listingId: ListingId, status: Schema.Literal("SUBMITTED", "APPROVED") },
  ErrorCategory.ruleViolated,
  ({ listingId, nib, status }) =>
    `Listing "${listingId}" of UMKM ${nib} is ${status === "SUBMITTED" ? "under review" : "approved"}: only a listing the Dinas ` +
    "sent back is revised."
) {}

/** A closing of a storefront the UMKM does not have open on that marketplace. */
export class StorefrontNotOpen extends ErrorCategory.DomainError<StorefrontNotOpen>()(
  "StorefrontNotOpen",
  { nib: Identifier.Nib, marketplace: Marketplace },
  ErrorCategory.notFound,
  ({ nib, marketplace }) => `UMKM ${nib} has no storefront open on ${marketplace}.`
) {}

/** A storefront address that is not on the marketplace named. */
export class InvalidStorefront extends ErrorCategory.DomainError<InvalidStorefront>()(
  "InvalidStorefront",
  { nib: Identifier.Nib, marketplace: Marketplace, reason: Schema.String },
  ErrorCategory.ruleViolated,
  ({ nib, marketplace, reason }) => `The storefront of UMKM ${nib} on ${marketplace} is not valid: ${reason}.`
) {}

/** A second storefront on the same marketplace. */
export class StorefrontAlreadyOpen extends ErrorCategory.DomainError<StorefrontAlreadyOpen>()(
  "StorefrontAlreadyOpen",
  { nib: Identifier.Nib, marketplace: Marketplace },
  ErrorCategory.ruleViolated,
  ({ nib, marketplace }) => `UMKM ${nib} already has a storefront on ${marketplace}: one storefront per marketplace.`
) {}

/** A completion while a requirement of onboarding is missing. */
export class OnboardingIncomplete extends ErrorCategory.DomainError<OnboardingIncomplete>()(
  "OnboardingIncomplete",
  { nib: Identifier.Nib, missing: Schema.NonEmptyArray(Requirement) },
  ErrorCategory.ruleViolated,
  ({ nib, missing }) =>
    `The onboarding of UMKM ${nib} cannot complete: it completes only with verified legality, both core ` +
    `trainings, an approved listing and an open storefront, and it still needs ${missing.map(describe).join(", ")}.`
) {}

/** A completion of an onboarding that is already complete. */
export class OnboardingAlreadyCompleted extends ErrorCategory.DomainError<OnboardingAlreadyCompleted>()(
  "OnboardingAlreadyCompleted",
  { nib: Identifier.Nib },
  ErrorCategory.ruleViolated,
  ({ nib }) => `The onboarding of UMKM ${nib} is already complete: an onboarding completes once.`
) {}

/** A Sijawara certificate Sijawara did not issue: no such number for that learner and course. */
export class CertificateNotIssued extends ErrorCategory.DomainError<CertificateNotIssued>()(
  "CertificateNotIssued",
  {
    certificateNumber: Integration.CourseCompleted.fields.certificateNumber,
    learnerId: Integration.CourseCompleted.fields.learnerId,
    courseId: Integration.CourseCompleted.fields.courseId
  },
  ErrorCategory.ruleViolated,
  ({ certificateNumber, learnerId, courseId }) =>
    `Sijawara issued no certificate ${certificateNumber} to learner ${learnerId} for course ` +
    `${courseId}: a Sijawara training is recorded only from a certificate Sijawara issued. Check the number, ` +
    `the learner and the course against the certificate (Sijawara verifies a certificate by its number).`
) {}

/** A Sijawara certificate of a course whose topic is not the training it was presented for. */
export class CertificateTopicMismatch extends ErrorCategory.DomainError<CertificateTopicMismatch>()(
  "CertificateTopicMismatch",
  {
    certificateNumber: Integration.CourseCompleted.fields.certificateNumber,
    topic: Integration.CourseCompleted.fields.topic,
    training: TrainingType
  },
  ErrorCategory.ruleViolated,
  ({ topic, certificateNumber, training }) => {
    const counts =
      topic === "KEMASAN" || topic === "PEMASARAN_DIGITAL"
        ? `counts as the ${topic} training only`
        : "counts as no JATIM ISO training (only KEMASAN and PEMASARAN_DIGITAL courses do)"
    return (
      `Certificate ${certificateNumber} is for a course on ${topic}, which ${counts}, not as the ` +
      `${training} training: present it for the training of its topic, or a certificate of a ${training} course.`
    )
  }
) {}

/**
 * A Sijawara certificate of a learner who was not linked to the UMKM when the course was
 * completed (linked to another UMKM, or to none).
 */
export class LearnerNotLinkedAtCompletion extends ErrorCategory.DomainError<LearnerNotLinkedAtCompletion>()(
  "LearnerNotLinkedAtCompletion",
  {
    certificateNumber: Integration.CourseCompleted.fields.certificateNumber,
    learnerId: Integration.CourseCompleted.fields.learnerId,
    nib: Identifier.Nib,
    /** The UMKM the learner was linked to at completion, or `null`. */
    linkedNib: Schema.NullOr(Identifier.Nib)
  },
  ErrorCategory.ruleViolated,
  ({ linkedNib, learnerId, certificateNumber, nib }) => {
    const linked = linkedNib === null ? "to no UMKM" : `to UMKM ${linkedNib}`
    return (
      `Learner ${learnerId} completed the course of certificate ${certificateNumber} while linked ${linked}, ` +
      `not to UMKM ${nib}: a Sijawara training counts only for the UMKM the learner was linked to (both sides ` +
      `agreeing) when the course was completed. Link the learner to UMKM ${nib} first; courses completed from then on count for it.`
    )
  }
) {}

/**
 * A Sijawara training whose completion was not read from Sijawara's events by
 * `VerifiedCompletion.find` (built by hand, or a command built with its validation turned off).
 */
export class UnverifiedCompletion extends ErrorCategory.DomainError<UnverifiedCompletion>()(
  "UnverifiedCompletion",
  { nib: Identifier.Nib },
  ErrorCategory.ruleViolated,
  ({ nib }) =>
    `The Sijawara training presented for UMKM ${nib} does not stand on a completion read from Sijawara's ` +
    `events: present the certificate (number, learner, course) and let JATIM ISO look it up in Sijawara.`
) {}

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
  | ListingNotSentBack
  | InvalidStorefront
  | StorefrontNotOpen
  | UnverifiedMarketplace
  | StorefrontAlreadyOpen
  | OnboardingIncomplete
  | OnboardingAlreadyCompleted
  | UnverifiedCompletion
  | CertificateTopicMismatch
  | LearnerNotLinkedAtCompletion
