/**
 * Issue 20 in JATIM ISO: revising a listing that was sent back, closing a storefront (and what it
 * does to onboarding), and the marketplace registry the Dinas keeps, which a storefront's
 * marketplace is read from (never the caller's word); old events naming the first version's
 * marketplaces still decode and fold.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, FastCheck as fc, Option, Schema } from "effect"
import { EventStore, InMemoryEventStore } from "@jatim/eventstore"
import { type Actor, Rupiah } from "@jatim/kernel"
import { DeciderSpecification } from "@jatim/testing"
import {
  Commands,
  FeedPolicy,
  MarketplaceCommand,
  MarketplaceEvent,
  MarketplaceRegistry,
  OnboardingProgress,
  Umkm,
  UmkmCommand,
  UmkmEvent,
  VerifiedMarketplace
} from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import {
  approved,
  curator,
  details,
  epoch,
  listingId,
  nib,
  officer,
  onboarded,
  otherOwner,
  owner,
  ready,
  register,
  registered,
  sentBack,
  storefront,
  submitted,
  withdrawn
} from "./fixtures.js"

const spec = DeciderSpecification.for(Umkm.decider)
const registry = DeciderSpecification.for(MarketplaceRegistry.decider)

const revise = new UmkmCommand.ReviseListing({
  actor: owner,
  nib,
  listingId,
  details: { ...details, price: Rupiah.Rupiah.make(details.price + 1000) }
})
const close = new UmkmCommand.CloseStorefront({ actor: owner, nib, marketplace: "SHOPEE", reason: "Pindah ke marketplace lain" })
const closed = new UmkmEvent.StorefrontClosed({ nib, marketplace: "SHOPEE", reason: "Pindah ke marketplace lain", at: epoch })

describe("revising a listing that was sent back", () => {
  it("the owner revises a sent-back listing: it goes back under review, and the Dinas may approve it", () => {
    spec
      .given([registered, submitted, sentBack])
      .when(revise)
      .then([new UmkmEvent.ListingRevised({ nib, listingId, details: revise.details, at: epoch })])
    const state = Umkm.decider.evolve(
      [registered, submitted, sentBack].reduce(Umkm.decider.evolve, Umkm.initialState),
      new UmkmEvent.ListingRevised({ nib, listingId, details: revise.details, at: epoch })
    )
    expect(Umkm.listingStatus(state, listingId)).toBe("SUBMITTED")
    spec
      .given([registered, submitted, sentBack, new UmkmEvent.ListingRevised({ nib, listingId, details: revise.details, at: epoch })])
      .when(new UmkmCommand.ApproveListing({ actor: officer, nib, listingId }))
      .then([new UmkmEvent.ListingApproved({ nib, listingId, at: epoch })])
  })

  it("only a sent-back listing is revised; a revision keeps the listing rules", () => {
    spec.given([registered]).when(revise).thenFailsWith("ListingNotFound")
    expect(spec.given([registered, submitted]).when(revise).thenFailsWith("ListingNotSentBack")).toMatchObject({ status: "SUBMITTED" })
    expect(spec.given([registered, submitted, approved]).when(revise).thenFailsWith("ListingNotSentBack")).toMatchObject({
      status: "APPROVED"
    })
    spec
      .given([registered, submitted, sentBack])
      .when({ ...revise, details: { ...details, photos: details.photos.slice(0, 1) } })
      .thenFailsWith("InvalidListing")
    spec.given([registered, submitted, sentBack, withdrawn]).when(revise).thenFailsWith("UmkmIsWithdrawn")
  })

  it("by the owner only: not the Dinas, not another owner, whatever the listing's state", () => {
    for (const actor of [officer, otherOwner, curator]) {
      for (const history of [[registered], [registered, submitted], [registered, submitted, sentBack]]) {
        spec
          .given(history)
          .when({ ...revise, actor })
          .thenFailsWith("ActorNotAuthorized")
      }
    }
  })
})

describe("closing a storefront", () => {
  it("the owner or the Dinas closes an open storefront; it may open again later", () => {
    spec.given([registered, storefront]).when(close).then([closed])
    spec
      .given([registered, storefront])
      .when({ ...close, actor: officer })
      .then([closed])
    spec
      .given([registered, storefront])
      .when({ ...close, actor: otherOwner })
      .thenFailsWith("ActorNotAuthorized")
    spec.given([registered]).when(close).thenFailsWith("StorefrontNotOpen")
    spec.given([registered, storefront, closed]).when(close).thenFailsWith("StorefrontNotOpen")
    spec
      .given([registered, storefront, closed])
      .when(
        new UmkmCommand.OpenStorefront({
          actor: owner,
          nib,
          marketplace: Arbitraries.foundingMarketplace("SHOPEE"),
          url: "https://shopee.co.id/keripik-bu-sri"
        })
      )
      .then([new UmkmEvent.StorefrontOpened({ nib, marketplace: "SHOPEE", url: storefront.url, at: epoch })])
  })

  it("before completion an open storefront is required again; a completed onboarding stays completed", () => {
    const complete = new UmkmCommand.CompleteOnboarding({ actor: officer, nib })
    const missing = spec
      .given([...ready, closed])
      .when(complete)
      .thenFailsWith("OnboardingIncomplete")
    expect(missing).toMatchObject({ missing: ["OPEN_STOREFRONT"] })
    const after = [...ready, onboarded, closed].reduce(Umkm.decider.evolve, Umkm.initialState)
    expect(after.onboardedAt).not.toBeNull()
    expect(Option.getOrThrow(Umkm.summary(after)).storefronts).toEqual({})
    // The read models: the stage falls back before completion, and stays ONBOARDED after it.
    const stage = (events: ReadonlyArray<UmkmEvent.UmkmEvent>) =>
      OnboardingProgress.stageOf(
        Option.getOrThrow(OnboardingProgress.get(OnboardingProgress.applyAll(OnboardingProgress.initial, events), nib))
      )
    expect(stage(ready)).toBe("READY")
    expect(stage([...ready, closed])).toBe("LISTING_APPROVED")
    expect(stage([...ready, onboarded, closed])).toBe("ONBOARDED")
  })
})

describe("the marketplace registry", () => {
  const add = new MarketplaceCommand.AddMarketplace({ actor: officer, code: "TIKTOK_SHOP", name: "TikTok Shop", domain: "tiktok.com" })
  const added = new MarketplaceEvent.MarketplaceAdded({ code: "TIKTOK_SHOP", name: "TikTok Shop", domain: "tiktok.com", at: epoch })
  const retire = new MarketplaceCommand.RetireMarketplace({ actor: officer, code: "BUKALAPAK", reason: "Tidak lagi menjual produk fisik" })
  const retired = new MarketplaceEvent.MarketplaceRetired({ code: "BUKALAPAK", reason: "Tidak lagi menjual produk fisik", at: epoch })

  it("starts with the 2019 partners, active; the Dinas adds and retires marketplaces; a code is never reused", () => {
    expect(MarketplaceRegistry.entries(MarketplaceRegistry.initialState).map((e) => [e.code, e.status])).toEqual([
      ["BUKALAPAK", "ACTIVE"],
      ["SHOPEE", "ACTIVE"],
      ["TOKOPEDIA", "ACTIVE"],
      ["BLIBLI", "ACTIVE"]
    ])
    registry.given([]).when(add).then([added])
    registry.given([]).when(retire).then([retired])
    expect(registry.given([added]).when(add).thenFailsWith("MarketplaceAlreadyRegistered")).toMatchObject({ status: "ACTIVE" })
    expect(
      registry
        .given([retired])
        .when({ ...add, code: "BUKALAPAK" })
        .thenFailsWith("MarketplaceAlreadyRegistered")
    ).toMatchObject({ status: "RETIRED" })
    registry.given([retired]).when(retire).thenFailsWith("MarketplaceAlreadyRetired")
    registry
      .given([])
      .when({ ...retire, code: "LAZADA" })
      .thenFailsWith("MarketplaceNotFound")
  })

  it("property: a registry command by anyone but a Dinas officer never succeeds, whatever the registry holds", () => {
    const notDinas = Arbitraries.actor.filter((a) => a._tag !== "DINAS_OFFICER")
    const history = fc.array(fc.constantFrom<MarketplaceEvent.MarketplaceEvent>(added, retired), { maxLength: 3 })
    const command = fc.oneof(fc.constant<MarketplaceCommand.MarketplaceCommand>(add), fc.constant(retire))
    fc.assert(
      fc.property(notDinas, history, command, (actor, events, c) => {
        registry
          .given(events)
          .when({ ...c, actor })
          .thenFailsWith("ActorNotAuthorized")
      })
    )
  })

  it("a storefront opens on an active marketplace read from the registry's events, checked against its domain", () =>
    Effect.gen(function* () {
      yield* Commands.umkm(register)
      const open = (marketplace: string, url: string, actor: Actor.Actor = owner) =>
        Effect.map(Effect.either(Commands.openStorefront({ actor, nib, marketplace, url })), (r) =>
          Either.isLeft(r) ? r.left : r.right.newEvents.map((e) => e._tag)
        )
      // An unknown marketplace, until the Dinas adds it; then on its domain only.
      expect(yield* open("TIKTOK_SHOP", "https://www.tiktok.com/@keripik")).toMatchObject({
        _tag: "MarketplaceNotActive",
        status: "UNKNOWN"
      })
      yield* Commands.marketplaces(add)
      expect(yield* open("TIKTOK_SHOP", "https://shopee.co.id/keripik")).toMatchObject({ _tag: "InvalidStorefront" })
      expect(yield* open("TIKTOK_SHOP", "https://www.tiktok.com/@keripik")).toEqual(["StorefrontOpened"])
      // A retired one takes no new storefront; one already open on it stays.
      expect(yield* open("BUKALAPAK", "https://www.bukalapak.com/u/keripik")).toEqual(["StorefrontOpened"])
      yield* Commands.marketplaces(retire)
      expect(yield* open("BUKALAPAK", "https://www.bukalapak.com/u/keripik-2")).toMatchObject({
        _tag: "MarketplaceNotActive",
        status: "RETIRED"
      })
      const state = yield* EventStore.readStream(Umkm.streamName(nib))
      expect(state.events.map((e) => e.type)).toContain("StorefrontOpened")
      // Authorization comes before the registry is read: another owner is refused as such, even on an unknown marketplace.
      expect(yield* open("NOT_LISTED", "https://example.com/x", otherOwner)).toMatchObject({ _tag: "ActorNotAuthorized" })
      // Only the Dinas keeps the registry.
      const refused = yield* Effect.either(Commands.marketplaces({ ...add, code: "LAZADA", actor: owner }))
      expect(Either.isLeft(refused) && refused.left._tag).toBe("ActorNotAuthorized")
    }).pipe(Effect.provide(InMemoryEventStore.layer()), Effect.runPromise))

  it("a storefront command whose marketplace was not read from the registry is refused, even built by hand", () => {
    const forged = new UmkmCommand.OpenStorefront({
      actor: owner,
      nib,
      marketplace: Arbitraries.foundingMarketplace("SHOPEE"),
      url: "https://shopee.co.id/x"
    })
    spec
      .given([registered])
      .when({ ...forged, marketplace: { code: "SHOPEE", name: "Shopee", domain: "shopee.co.id" } as never })
      .thenFailsWith("UnverifiedMarketplace")
    expect(VerifiedMarketplace.is({ code: "SHOPEE", name: "Shopee", domain: "shopee.co.id" })).toBe(false)
  })

  it("old events naming the first version's marketplaces still decode and fold", () => {
    for (const code of ["BUKALAPAK", "SHOPEE", "TOKOPEDIA", "BLIBLI"]) {
      const stored = { _tag: "StorefrontOpened", nib, marketplace: code, url: "https://example.org", at: "2020-01-01T00:00:00.000Z" }
      const event = Schema.decodeUnknownSync(UmkmEvent.UmkmEvent)(stored)
      expect(Umkm.decider.evolve(Umkm.decider.evolve(Umkm.initialState, registered), event).storefronts.has(code)).toBe(true)
    }
    expect(Either.isLeft(Schema.decodeUnknownEither(UmkmEvent.UmkmEvent)({ ...storefront, marketplace: "shopee" }))).toBe(true)
  })

  it("the registry's events are public in the feed; the registry's codec decodes them", () =>
    Effect.gen(function* () {
      for (const event of [added, retired]) {
        const encoded = Schema.encodeSync(MarketplaceEvent.MarketplaceEvent)(event)
        const { _tag, ...data } = encoded
        for (const actor of [owner, curator, officer] as const) {
          const shown = yield* FeedPolicy.registryFeedPolicy.visible(actor, {
            streamName: MarketplaceRegistry.registryStream,
            type: _tag,
            data
          })
          expect(Option.getOrThrow(shown)).toEqual(data)
        }
        const elsewhere = yield* FeedPolicy.registryFeedPolicy.visible(owner, { streamName: "marketplaces-other", type: _tag, data })
        expect(Option.isNone(elsewhere)).toBe(true)
      }
    }).pipe(Effect.runPromise))
})
