/**
 * The UMKM decider (stream `umkm-<nib>`): a UMKM's onboarding into e-commerce.
 *
 * Registered by its owner → legality verified or rejected by a Dinas officer → trainings
 * recorded (from a Sijawara certificate or a workshop) → product listings submitted by the owner,
 * approved or sent back by a Dinas officer (a listing sent back is revised by the owner and goes
 * back under review) → storefronts opened on active marketplaces of the registry (read from its
 * events: `VerifiedMarketplace`), and closed → onboarding completed by a Dinas officer once every
 * requirement is met → withdrawn. Closing a storefront before completion makes an open storefront
 * missing again; a completed onboarding stays completed (adr/0087).
 *
 * Trainings from Sijawara certificates are facts about a NIB that arrive asynchronously from
 * another context, so they are accepted whatever the UMKM's lifecycle — before it registers
 * (registration keeps them) and after it withdraws — and a training already recorded is
 * recorded again as nothing (see adr/0031). Such a training stands on a completion read from
 * Sijawara's events (`VerifiedCompletion`), never on the caller's word: the course's topic must be
 * the training, and the learner must have been linked to this UMKM when completing it
 * (adr/0033). Everything else needs a registered UMKM that has not withdrawn.
 *
 * `summary` gives a UMKM's onboarding as its stream tells it now (`Summary`, a Schema);
 * `visibleTo` says who may see it (its owner and the Dinas).
 *
 * @since 0.1.0
 */
import { Clock, Effect, Either, Option, Schema } from "effect"
import { Aggregate, Decider, EventCodec } from "@jatim/eventstore"
import { Actor, Identifier, Region, Visibility } from "@jatim/kernel"
import {
  CertificateTopicMismatch,
  InvalidListing,
  InvalidStorefront,
  LegalityAlreadyRejected,
  LearnerNotLinkedAtCompletion,
  ListingNotSentBack,
  StorefrontNotOpen,
  LegalityAlreadyVerified,
  ListingAlreadySubmitted,
  ListingNotFound,
  ListingNotUnderReview,
  OnboardingAlreadyCompleted,
  OnboardingIncomplete,
  StorefrontAlreadyOpen,
  UmkmAlreadyRegistered,
  UmkmIsWithdrawn,
  UmkmNotRegistered,
  type UmkmError,
  UnverifiedCompletion
} from "./UmkmError.js"
import { UnverifiedMarketplace } from "./MarketplaceError.js"
import * as VerifiedMarketplace from "./VerifiedMarketplace.js"
import { type Entries, lookup, noEntries, setIn, sortedEntries, valuesOf } from "./internal/readModel.js"
import * as Listing from "./Listing.js"
import * as Marketplace from "./Marketplace.js"
import * as Requirement from "./Requirement.js"
import type { Scale } from "./Scale.js"
import type { Sector } from "./Sector.js"
import { ofTopic, type TrainingSource, TrainingType } from "./Training.js"
import type { UmkmCommand } from "./UmkmCommand.js"
import {
  LegalityRejected,
  LegalityVerified,
  ListingApproved,
  ListingRevised,
  ListingSentBack,
  ListingSubmitted,
  OnboardingCompleted,
  StorefrontClosed,
  StorefrontOpened,
  TrainingRecorded,
  UmkmEvent,
  UmkmRegistered,
  UmkmWithdrawn
} from "./UmkmEvent.js"
import * as VerifiedCompletion from "./VerifiedCompletion.js"

/** The streams of UMKM, one a UMKM: `umkm-<nib>`; a command is decided on its nib's (category `"umkm"`). */
export const { category, streamName, streamNameOf } = Aggregate.streamsById("umkm", (command: UmkmCommand) => command.nib)

/** What the owner registered. */
export interface Registration {
  readonly businessName: string
  readonly ownerName: string
  readonly region: Region.RegionCode
  readonly sector: Sector
  readonly scale: Scale
  readonly registeredAt: Date
}

/** Schema of where a UMKM's legality stands: verified or rejected by a Dinas officer, or pending. */
export const Legality = Schema.Literal("PENDING", "VERIFIED", "REJECTED").annotations({
  description: "where the UMKM's legality stands: PENDING until a Dinas officer verifies or rejects it"
})

/** Where a UMKM's legality stands. */
export type Legality = typeof Legality.Type

/** Schema of where a listing is in its review. */
export const ListingStatus = Schema.Literal("SUBMITTED", "APPROVED", "SENT_BACK").annotations({
  description: "where a listing is in its review"
})

/** Where a listing is in its review. */
export type ListingStatus = typeof ListingStatus.Type

/** The state of a UMKM stream. */
export interface State {
  /** The NIB of the stream's first event; `null` for an empty stream. */
  readonly nib: Identifier.Nib | null
  /** `null` until the owner registers (trainings from Sijawara may come first). */
  readonly registration: Registration | null
  readonly legality: Legality
  /** At most one per training (there are three), in the order recorded. */
  readonly trainings: ReadonlyMap<TrainingType, TrainingSource>
  /** Each listing submitted, by id (`listingStatus` reads one): persistent, as a UMKM may list many products. */
  readonly listings: Entries<Listing.ListingId, ListingStatus>
  /** The storefronts open now, at most one per marketplace (a closed one is gone). */
  readonly storefronts: ReadonlyMap<Marketplace.Marketplace, string>
  readonly onboardedAt: Date | null
  readonly withdrawnAt: Date | null
}

/** The state of an empty stream. */
export const initialState: State = {
  nib: null,
  registration: null,
  legality: "PENDING",
  trainings: new Map(),
  listings: noEntries(),
  storefronts: new Map(),
  onboardedAt: null,
  withdrawnAt: null
}

/** The state after one event. */
export const evolve = (state: State, event: UmkmEvent): State => {
  const current = state.nib === null ? { ...state, nib: event.nib } : state
  switch (event._tag) {
    case "UmkmRegistered":
      return {
        ...current,
        registration: {
          businessName: event.businessName,
          ownerName: event.ownerName,
          region: event.region,
          sector: event.sector,
          scale: event.scale,
          registeredAt: event.at
        }
      }
    case "LegalityVerified":
      return { ...current, legality: "VERIFIED" }
    case "LegalityRejected":
      return { ...current, legality: "REJECTED" }
    case "TrainingRecorded":
      return current.trainings.has(event.training)
        ? current
        : { ...current, trainings: new Map([...current.trainings, [event.training, event.source]]) }
    case "ListingSubmitted":
      return { ...current, listings: setIn(current.listings, event.listingId, "SUBMITTED") }
    case "ListingApproved":
      return { ...current, listings: setIn(current.listings, event.listingId, "APPROVED") }
    case "ListingSentBack":
      return { ...current, listings: setIn(current.listings, event.listingId, "SENT_BACK") }
    case "ListingRevised":
      return { ...current, listings: setIn(current.listings, event.listingId, "SUBMITTED") }
    case "StorefrontOpened":
      return { ...current, storefronts: new Map([...current.storefronts, [event.marketplace, event.url]]) }
    case "StorefrontClosed": {
      if (!current.storefronts.has(event.marketplace)) return current
      const storefronts = new Map(current.storefronts)
      storefronts.delete(event.marketplace)
      return { ...current, storefronts }
    }
    case "OnboardingCompleted":
      return { ...current, onboardedAt: event.at }
    case "UmkmWithdrawn":
      return { ...current, withdrawnAt: event.at }
  }
}

/** Where the listing `listingId` is in its review, if it was submitted. */
export const listingStatus = (state: State, listingId: Listing.ListingId): ListingStatus | undefined => lookup(state.listings, listingId)

/** What the onboarding requirements are checked against, from a state. */
export const progressOf = (state: State): Requirement.Progress => ({
  legalityVerified: state.legality === "VERIFIED",
  trainings: new Set(state.trainings.keys()),
  approvedListings: valuesOf(state.listings).filter((status) => status === "APPROVED").length,
  openStorefronts: state.storefronts.size
})

/** Every error a UMKM command may fail with (`UmkmError.ts`). */
export type { UmkmError } from "./UmkmError.js"

const isOwner = (actor: Visibility.Viewer, nib: Identifier.Nib): boolean => actor._tag === "UMKM_OWNER" && actor.nib === nib
const isOfficer = (actor: Actor.Actor): boolean => actor._tag === "DINAS_OFFICER"

const refuse = (actor: Actor.Actor, action: string, rule: string) => Either.left(new Actor.ActorNotAuthorized({ actor, action, rule }))

const actionOf = (command: UmkmCommand): string => {
  switch (command._tag) {
    case "RegisterUmkm":
      return `register UMKM ${command.nib}`
    case "VerifyLegality":
      return `verify the legality of UMKM ${command.nib}`
    case "RejectLegality":
      return `reject the legality of UMKM ${command.nib}`
    case "RecordTraining":
    case "RecordSijawaraTraining":
      return recordAction(command.nib, command.training)
    case "SubmitListing":
      return `submit listing "${command.listingId}" of UMKM ${command.nib}`
    case "ApproveListing":
      return `approve listing "${command.listingId}" of UMKM ${command.nib}`
    case "SendBackListing":
      return `send back listing "${command.listingId}" of UMKM ${command.nib}`
    case "ReviseListing":
      return `revise listing "${command.listingId}" of UMKM ${command.nib}`
    case "OpenStorefront":
      return `open a storefront on ${VerifiedMarketplace.is(command.marketplace) ? command.marketplace.code : "a marketplace"} for UMKM ${command.nib}`
    case "CloseStorefront":
      return `close the storefront on ${command.marketplace} of UMKM ${command.nib}`
    case "CompleteOnboarding":
      return `complete the onboarding of UMKM ${command.nib}`
    case "WithdrawUmkm":
      return `withdraw UMKM ${command.nib}`
  }
}

const recordAction = (nib: Identifier.Nib, training: TrainingType): string => `record the ${training} training of UMKM ${nib}`

/**
 * Who may record a training from the Sijawara certificate of `learnerId`: a Dinas officer, or
 * that learner. A domain rule the decider applies, exported so that the application checks it
 * before it looks the certificate up (authorization before anything that reveals state).
 */
export const authorizeCertificate = (
  actor: Actor.Actor,
  nib: Identifier.Nib,
  training: TrainingType,
  learnerId: string
): Either.Either<void, Actor.ActorNotAuthorized> =>
  isOfficer(actor) || (actor._tag === "LEARNER" && actor.learnerId === learnerId)
    ? Either.void
    : refuse(actor, recordAction(nib, training), "a Sijawara certificate is recorded by a Dinas officer or for the learner it names")

/**
 * Who may open a storefront of the UMKM of `nib` (on `marketplace`): its owner or a Dinas officer.
 * A domain rule the decider applies, exported so that the application checks it before it looks
 * the marketplace up.
 */
export const authorizeStorefront = (
  actor: Actor.Actor,
  nib: Identifier.Nib,
  marketplace: string
): Either.Either<void, Actor.ActorNotAuthorized> =>
  isOwner(actor, nib) || isOfficer(actor)
    ? Either.void
    : refuse(actor, `open a storefront on ${marketplace} for UMKM ${nib}`, "only the UMKM's owner or a Dinas officer may do this")

/** Who may issue what: a domain rule, so it is tested like the others. */
const authorize = (command: UmkmCommand): Either.Either<void, Actor.ActorNotAuthorized> => {
  const { actor, nib } = command
  const action = actionOf(command)
  switch (command._tag) {
    case "RegisterUmkm":
      return isOwner(actor, nib) ? Either.void : refuse(actor, action, "a UMKM is registered by its owner (the UMKM_OWNER of that NIB)")
    case "SubmitListing":
      return isOwner(actor, nib) ? Either.void : refuse(actor, action, "a listing is submitted by the UMKM's owner")
    case "ReviseListing":
      return isOwner(actor, nib) ? Either.void : refuse(actor, action, "a listing is revised by the UMKM's owner")
    case "VerifyLegality":
    case "RejectLegality":
      return isOfficer(actor) ? Either.void : refuse(actor, action, "legality is verified or rejected by a Dinas officer")
    case "ApproveListing":
    case "SendBackListing":
      return isOfficer(actor) ? Either.void : refuse(actor, action, "a listing is approved or sent back by a Dinas officer")
    case "CompleteOnboarding":
      return isOfficer(actor) ? Either.void : refuse(actor, action, "an onboarding is completed by a Dinas officer")
    case "OpenStorefront":
    case "CloseStorefront":
    case "WithdrawUmkm":
      return isOwner(actor, nib) || isOfficer(actor)
        ? Either.void
        : refuse(actor, action, "only the UMKM's owner or a Dinas officer may do this")
    case "RecordTraining":
      return isOfficer(actor) ? Either.void : refuse(actor, action, "a workshop training is recorded by a Dinas officer")
    case "RecordSijawaraTraining":
      return authorizeCertificate(actor, nib, command.training, command.completion.completed.learnerId)
  }
}

/** The events a UMKM command produces, or the rule that refuses it. */
export const decide = (command: UmkmCommand, state: State): Effect.Effect<ReadonlyArray<UmkmEvent>, UmkmError> =>
  Effect.gen(function* () {
    // A Sijawara training stands on a completion read from Sijawara's events; nothing else counts
    // (not even a command built with its validation turned off).
    if (command._tag === "RecordSijawaraTraining" && !VerifiedCompletion.is(command.completion)) {
      return yield* new UnverifiedCompletion({ nib: command.nib })
    }
    // A storefront opens on a marketplace read from the registry's events; nothing else counts.
    if (command._tag === "OpenStorefront" && !VerifiedMarketplace.is(command.marketplace)) {
      return yield* new UnverifiedMarketplace({ nib: command.nib })
    }
    yield* authorize(command)
    const { nib } = command
    const action = actionOf(command)
    const at = new Date(yield* Clock.currentTimeMillis)
    // A stream holds one NIB: a command for another is a command for a UMKM not registered here.
    if (state.nib !== null && state.nib !== nib) return yield* new UmkmNotRegistered({ nib, action })

    // Trainings from Sijawara are accepted in every lifecycle state: they are never lost.
    if (command._tag === "RecordSijawaraTraining") {
      const { completed } = command.completion
      const { certificateNumber, learnerId } = completed
      const counts = ofTopic(completed.topic)
      if (Option.isNone(counts) || counts.value !== command.training) {
        return yield* new CertificateTopicMismatch({ certificateNumber, topic: completed.topic, training: command.training })
      }
      if (completed.linkedNib !== nib) {
        return yield* new LearnerNotLinkedAtCompletion({ certificateNumber, learnerId, nib, linkedNib: completed.linkedNib })
      }
      const source: TrainingSource = { _tag: "SIJAWARA_CERTIFICATE", ...VerifiedCompletion.certificateOf(command.completion) }
      return state.trainings.has(command.training) ? [] : [new TrainingRecorded({ nib, training: command.training, source, at })]
    }
    if (state.withdrawnAt !== null) return yield* new UmkmIsWithdrawn({ nib, action })
    if (command._tag === "RegisterUmkm") {
      if (state.registration !== null) return yield* new UmkmAlreadyRegistered({ nib })
      const { businessName, ownerName, region, sector, scale } = command
      return [new UmkmRegistered({ nib, businessName, ownerName, region, sector, scale, at })]
    }
    if (state.registration === null) return yield* new UmkmNotRegistered({ nib, action })

    switch (command._tag) {
      case "VerifyLegality":
        if (state.legality === "VERIFIED") return yield* new LegalityAlreadyVerified({ nib })
        return [new LegalityVerified({ nib, at })]
      case "RejectLegality":
        if (state.legality === "VERIFIED") return yield* new LegalityAlreadyVerified({ nib })
        if (state.legality === "REJECTED") return yield* new LegalityAlreadyRejected({ nib })
        return [new LegalityRejected({ nib, reason: command.reason, at })]
      case "RecordTraining":
        return state.trainings.has(command.training)
          ? []
          : [new TrainingRecorded({ nib, training: command.training, source: command.source, at })]
      case "SubmitListing": {
        const { listingId, details } = command
        const status = listingStatus(state, listingId)
        if (status === "SUBMITTED" || status === "APPROVED") {
          return yield* new ListingAlreadySubmitted({ nib, listingId, status })
        }
        const [first, ...rest] = Listing.problems(details)
        if (first !== undefined) return yield* new InvalidListing({ nib, listingId, problems: [first, ...rest] })
        return [new ListingSubmitted({ nib, listingId, details, at })]
      }
      case "ApproveListing":
      case "SendBackListing": {
        const { listingId } = command
        const status = listingStatus(state, listingId)
        if (status === undefined) return yield* new ListingNotFound({ nib, listingId })
        if (status !== "SUBMITTED") return yield* new ListingNotUnderReview({ nib, listingId, status })
        return command._tag === "ApproveListing"
          ? [new ListingApproved({ nib, listingId, at })]
          : [new ListingSentBack({ nib, listingId, notes: command.notes, at })]
      }
      case "ReviseListing": {
        const { listingId, details } = command
        const status = listingStatus(state, listingId)
        if (status === undefined) return yield* new ListingNotFound({ nib, listingId })
        if (status !== "SENT_BACK") return yield* new ListingNotSentBack({ nib, listingId, status })
        const [first, ...rest] = Listing.problems(details)
        if (first !== undefined) return yield* new InvalidListing({ nib, listingId, problems: [first, ...rest] })
        return [new ListingRevised({ nib, listingId, details, at })]
      }
      case "OpenStorefront": {
        const { url } = command
        const { code: marketplace, domain } = command.marketplace
        const problem = Marketplace.storefrontUrlProblem(marketplace, domain, url)
        if (problem !== undefined) return yield* new InvalidStorefront({ nib, marketplace, reason: problem })
        if (state.storefronts.has(marketplace)) return yield* new StorefrontAlreadyOpen({ nib, marketplace })
        return [new StorefrontOpened({ nib, marketplace, url, at })]
      }
      case "CloseStorefront": {
        const { marketplace } = command
        if (!state.storefronts.has(marketplace)) return yield* new StorefrontNotOpen({ nib, marketplace })
        return [new StorefrontClosed({ nib, marketplace, reason: command.reason, at })]
      }
      case "CompleteOnboarding": {
        if (state.onboardedAt !== null) return yield* new OnboardingAlreadyCompleted({ nib })
        const [first, ...rest] = Requirement.missing(progressOf(state))
        if (first !== undefined) return yield* new OnboardingIncomplete({ nib, missing: [first, ...rest] })
        return [new OnboardingCompleted({ nib, at })]
      }
      case "WithdrawUmkm":
        return [new UmkmWithdrawn({ nib, reason: command.reason, at })]
    }
  })

/** The UMKM decider. */
export const decider: Decider.Decider<UmkmCommand, UmkmEvent, State, UmkmError> = Decider.make({
  initialState,
  evolve,
  decide
})

/** The codec of UMKM events. */
export const codec = EventCodec.make(UmkmEvent)

/** Schema of a UMKM's onboarding as its stream tells it now, as JSON for clients (dates as ISO 8601 strings). */
export const Summary = Schema.Struct({
  nib: Identifier.Nib,
  /** `null` until the owner registers (trainings from Sijawara may come first). */
  businessName: Schema.NullOr(UmkmRegistered.fields.businessName).annotations({
    description: "null until the owner registers (trainings from Sijawara may come first)"
  }),
  /** The kabupaten/kota; `null` until the owner registers. */
  region: Schema.NullOr(Region.RegionCode).annotations({ description: "the kabupaten/kota; null until the owner registers" }),
  legality: Legality,
  /** The trainings recorded, in the order they were. */
  trainings: Schema.Array(TrainingType).annotations({ description: "the trainings recorded, in the order they were" }),
  /** Each listing submitted, by id, with where it is in its review. */
  listings: Schema.Record({ key: Listing.ListingId, value: ListingStatus }).annotations({
    description: "each listing submitted, by id, with where it is in its review"
  }),
  /** The address of each storefront opened, by marketplace. */
  storefronts: Schema.partialWith(Schema.Record({ key: Marketplace.Marketplace, value: Schema.String }), { exact: true }).annotations({
    description: "the address of each storefront opened, by marketplace"
  }),
  /** What onboarding still needs, in order. */
  missing: Schema.Array(Requirement.Requirement).annotations({ description: "what onboarding still needs, in order" }),
  /** When the onboarding was completed; `null` until then. */
  onboardedAt: Schema.NullOr(Schema.Date).annotations({ description: "when the onboarding was completed; null until then" }),
  /** When the UMKM withdrew; `null` unless it did. */
  withdrawnAt: Schema.NullOr(Schema.Date).annotations({ description: "when the UMKM withdrew; null unless it did" })
}).annotations({
  identifier: "UmkmSummary",
  description: "a UMKM's JATIM ISO onboarding as its stream tells it now"
})

/** A UMKM's onboarding as its stream tells it now. */
export interface Summary extends Schema.Schema.Type<typeof Summary> {}

/** The summary of a UMKM's stream; none for an empty stream. */
export const summary = (state: State): Option.Option<Summary> =>
  state.nib === null
    ? Option.none()
    : Option.some({
        nib: state.nib,
        businessName: state.registration?.businessName ?? null,
        region: state.registration?.region ?? null,
        legality: state.legality,
        trainings: [...state.trainings.keys()],
        listings: Object.fromEntries(sortedEntries(state.listings)),
        storefronts: Object.fromEntries(state.storefronts),
        missing: Requirement.missing(progressOf(state)),
        onboardedAt: state.onboardedAt,
        withdrawnAt: state.withdrawnAt
      })

/**
 * Who may see a UMKM's own view (its summary): its owner and the Dinas; to anyone else it does
 * not exist (a UMKM's onboarding is about its owner, often one person).
 */
export const visibleTo: Visibility.ReadPolicy<Summary> = (actor, summary) =>
  Visibility.isDinas(actor) || isOwner(actor, summary.nib) ? Option.some(summary) : Option.none()
