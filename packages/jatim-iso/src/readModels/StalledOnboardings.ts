/**
 * Read model: stalled onboardings — registered UMKM, neither onboarded nor withdrawn, with
 * nothing happening for more than N days before a given `now` (the caller's clock, so the read
 * model stays pure). Each entry names a business: the Dinas sees them all, a UMKM owner its own
 * entry, anyone else none (`visibleTo`, `visible`).
 *
 * @since 0.1.0
 */
import { Option, Schema } from "effect"
import { Identifier, Page, Region, ViewSchema, Visibility } from "@jatim/kernel"
import * as OnboardingProgress from "./OnboardingProgress.js"
import * as Requirement from "../Requirement.js"

/** The read model's state (the shared onboarding progress). */
export type State = OnboardingProgress.State

/** Nothing seen yet. */
export const initial: State = OnboardingProgress.initial

/** The state after one UMKM event. */
export const apply = OnboardingProgress.apply

/** The state after `events`, in order. */
export const applyAll = OnboardingProgress.applyAll

const dayMillis = 86_400_000

/** Schema of a stalled onboarding, as JSON for clients (`lastActivityAt` as an ISO 8601 string). */
export const Stalled = ViewSchema.struct(
  "StalledOnboarding",
  "a registered UMKM, neither onboarded nor withdrawn, idle for more than the days asked",
  {
    nib: Identifier.Nib,
    region: Region.RegionCode,
    stage: Requirement.Stage,
    /** What it still needs. */
    missing: Schema.Array(Requirement.Requirement).annotations({ description: "what it still needs, in order" }),
    lastActivityAt: Schema.Date.annotations({ description: "its last activity" }),
    /** Whole days since the last activity. */
    idleDays: Schema.Int.annotations({ description: "whole days since the last activity" })
  }
)

/** A stalled onboarding. */
export interface Stalled extends Schema.Schema.Type<typeof Stalled> {}

/** What `stalled` asks: idle for more than `days` days at `now`, in `region` (every region when absent). */
export interface StalledOptions {
  readonly now: Date
  readonly days: number
  readonly region?: Region.RegionCode | undefined
}

/** The order of `stalled`: longest idle first (by last activity), then NIB; a page starts after such a key. */
export const order = Page.byKey(
  (entry: Stalled) => [entry.lastActivityAt.getTime(), entry.nib] as const,
  Schema.Tuple(Schema.Int, Identifier.Nib)
)

/** The key of a stalled onboarding in `order`: its last activity (epoch milliseconds) and NIB. */
export type Key = ReturnType<typeof order.key>

/**
 * The onboardings with no activity for more than `days` days before `now` (of `region`, when
 * given), longest idle first.
 */
export const stalled = (state: State, options: StalledOptions): ReadonlyArray<Stalled> =>
  OnboardingProgress.registered(state, options.region)
    .filter((p) => p.onboardedAt === null && p.withdrawnAt === null)
    .filter((p) => options.now.getTime() - p.lastActivityAt.getTime() > options.days * dayMillis)
    .map((p) => ({
      nib: p.nib,
      region: p.region,
      stage: OnboardingProgress.stageOf(p),
      missing: Requirement.missing({
        legalityVerified: p.legalityVerified,
        trainings: p.trainings,
        approvedListings: p.approved.size,
        openStorefronts: p.storefronts.size
      }),
      lastActivityAt: p.lastActivityAt,
      idleDays: Math.floor((options.now.getTime() - p.lastActivityAt.getTime()) / dayMillis)
    }))
    .sort((a, b) => order.compare(order.key(a), order.key(b)))

/** One page of `stalled`. */
export const stalledPage = (state: State, options: StalledOptions, request: Page.Request<Key>): Page.Page<Stalled, Key> =>
  Page.ofSorted(order, stalled(state, options), request)

/**
 * Who may see a stalled onboarding: the Dinas (it follows UMKM up), and the owner of that UMKM.
 * Nobody else: it names a business that is behind, which is the Dinas's supervision, not public.
 */
export const visibleTo: Visibility.ReadPolicy<Stalled> = (actor, entry) =>
  Visibility.isDinas(actor) || (actor._tag === "UMKM_OWNER" && actor.nib === entry.nib) ? Option.some(entry) : Option.none()

/** The entries of `list` that `actor` may see, in their order. */
export const visible = (actor: Visibility.Viewer, list: ReadonlyArray<Stalled>): ReadonlyArray<Stalled> =>
  list.flatMap((entry) => Option.toArray(visibleTo(actor, entry)))
