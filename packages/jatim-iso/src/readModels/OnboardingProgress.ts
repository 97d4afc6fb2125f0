/**
 * The fold the onboarding read models share: where each UMKM (by NIB) is in its onboarding, from
 * its events. Pure; applying an event twice changes nothing (progress is kept as sets and first
 * instants, and the last activity only moves forward; a closed storefront leaves the set of the
 * open ones, which the next opening fills again). The UMKM are kept in a persistent map: an
 * event costs O(log n) and leaves the state it was applied to as it was (adr/0076). A UMKM's own
 * sets stay small (three trainings, a few marketplaces, its own listings).
 *
 * @since 0.1.0
 */
import { Option } from "effect"
import type { Identifier, Region } from "@jatim/kernel"
import { applyEach, type Entries, lookup, noEntries, setIn, valuesOf } from "../internal/readModel.js"
import type { ListingId } from "../Listing.js"
import type { Marketplace } from "../Marketplace.js"
import * as Requirement from "../Requirement.js"
import type { TrainingType } from "../Training.js"
import type { UmkmEvent } from "../UmkmEvent.js"

/** One UMKM's onboarding so far. */
export interface UmkmProgress {
  readonly nib: Identifier.Nib
  /** `null` until the UMKM registers (a Sijawara training may come first). */
  readonly region: Region.RegionCode | null
  readonly registeredAt: Date | null
  readonly legalityVerified: boolean
  readonly trainings: ReadonlySet<TrainingType>
  readonly approved: ReadonlySet<ListingId>
  /** The marketplaces with a storefront open now. */
  readonly storefronts: ReadonlySet<Marketplace>
  readonly onboardedAt: Date | null
  readonly withdrawnAt: Date | null
  /** When anything last happened to the UMKM. */
  readonly lastActivityAt: Date
}

/** The read models' state: every UMKM seen, by NIB (a persistent map, so each `apply` is cheap). */
export interface State {
  readonly byNib: Entries<Identifier.Nib, UmkmProgress>
}

/** Nothing seen yet. */
export const initial: State = { byNib: noEntries() }

const add = <A>(set: ReadonlySet<A>, value: A): ReadonlySet<A> => (set.has(value) ? set : new Set([...set, value]))

const remove = <A>(set: ReadonlySet<A>, value: A): ReadonlySet<A> => {
  if (!set.has(value)) return set
  const rest = new Set(set)
  rest.delete(value)
  return rest
}

const later = (a: Date, b: Date): Date => (b.getTime() > a.getTime() ? b : a)

const step = (progress: UmkmProgress, event: UmkmEvent): UmkmProgress => {
  switch (event._tag) {
    case "UmkmRegistered":
      return progress.registeredAt !== null ? progress : { ...progress, region: event.region, registeredAt: event.at }
    case "LegalityVerified":
      return { ...progress, legalityVerified: true }
    case "LegalityRejected":
      return progress
    case "TrainingRecorded":
      return { ...progress, trainings: add(progress.trainings, event.training) }
    case "ListingSubmitted":
    case "ListingSentBack":
    case "ListingRevised":
      return progress
    case "ListingApproved":
      return { ...progress, approved: add(progress.approved, event.listingId) }
    case "StorefrontOpened":
      return { ...progress, storefronts: add(progress.storefronts, event.marketplace) }
    case "StorefrontClosed":
      return { ...progress, storefronts: remove(progress.storefronts, event.marketplace) }
    case "OnboardingCompleted":
      return progress.onboardedAt !== null ? progress : { ...progress, onboardedAt: event.at }
    case "UmkmWithdrawn":
      return progress.withdrawnAt !== null ? progress : { ...progress, withdrawnAt: event.at }
  }
}

/** The state after one UMKM event. */
export const apply = (state: State, event: UmkmEvent): State => {
  const before: UmkmProgress = lookup(state.byNib, event.nib) ?? {
    nib: event.nib,
    region: null,
    registeredAt: null,
    legalityVerified: false,
    trainings: new Set(),
    approved: new Set(),
    storefronts: new Set(),
    onboardedAt: null,
    withdrawnAt: null,
    lastActivityAt: event.at
  }
  const after = step(before, event)
  return { byNib: setIn(state.byNib, event.nib, { ...after, lastActivityAt: later(after.lastActivityAt, event.at) }) }
}

/** The state after `events`, in order. */
export const applyAll = (state: State, events: Iterable<UmkmEvent>): State => applyEach(apply, state, events)

/** A registered UMKM's progress with its region known. */
export interface Registered extends UmkmProgress {
  readonly region: Region.RegionCode
  readonly registeredAt: Date
}

/** Whether the UMKM has registered. */
export const isRegistered = (progress: UmkmProgress): progress is Registered => progress.region !== null && progress.registeredAt !== null

/** One UMKM's progress, if it was seen. */
export const get = (state: State, nib: Identifier.Nib): Option.Option<UmkmProgress> => Option.fromNullable(lookup(state.byNib, nib))

/** Every registered UMKM (of `region`, when given), in NIB order. */
export const registered = (state: State, region?: Region.RegionCode): ReadonlyArray<Registered> =>
  valuesOf(state.byNib)
    .filter(isRegistered)
    .filter((p) => region === undefined || p.region === region)
    .sort((a, b) => a.nib.localeCompare(b.nib))

/** The funnel stage of a registered UMKM. */
export const stageOf = (progress: UmkmProgress): Requirement.Stage =>
  Requirement.stageOf({
    legalityVerified: progress.legalityVerified,
    trainings: progress.trainings,
    approvedListings: progress.approved.size,
    openStorefronts: progress.storefronts.size,
    onboarded: progress.onboardedAt !== null,
    withdrawn: progress.withdrawnAt !== null
  })
