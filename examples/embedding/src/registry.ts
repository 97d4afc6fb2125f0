/**
 * A kabupaten office's UMKM registry app, written by another team: it registers UMKM with
 * JATIM ISO's domain package and reports the onboarding funnel. It knows nothing of the store
 * behind it: whoever runs the program provides the `EventStore` layer.
 */
import { Effect, Stream } from "effect"
import { CommandHandler, EventStore } from "@jatim/eventstore"
import { OnboardingFunnel, OnboardingProgress, Umkm, UmkmCommand } from "@jatim/jatim-iso"
import { Actor, type Identifier, type Region } from "@jatim/kernel"

const umkm = CommandHandler.make({ decider: Umkm.decider, codec: Umkm.codec })

/** Our office's Dinas officer. */
export const officer: Actor.Actor = { _tag: "DINAS_OFFICER", officerId: "dinas-malang-01" }

/** A business the office registers. */
export interface Business {
  readonly nib: Identifier.Nib
  readonly businessName: string
  readonly ownerName: string
  readonly region: Region.RegionCode
}

/** The owner registers their business, then our officer verifies its legality. */
export const registerAndVerify = (business: Business) =>
  Effect.gen(function* () {
    const owner: Actor.Actor = { _tag: "UMKM_OWNER", nib: business.nib }
    const stream = Umkm.streamName(business.nib)
    yield* umkm(stream, new UmkmCommand.RegisterUmkm({ actor: owner, ...business, sector: "KULINER", scale: "MIKRO" }), {
      actor: Actor.toActorRef(owner)
    })
    yield* umkm(stream, new UmkmCommand.VerifyLegality({ actor: officer, nib: business.nib }), {
      actor: Actor.toActorRef(officer)
    })
  })

/** The onboarding funnel of a kabupaten/kota, folded from the store's UMKM events. */
export const funnelOf = (region: Region.RegionCode) =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const state = yield* store.readCategory(Umkm.category, { eventTypes: Umkm.codec.eventTypes }).pipe(
      Stream.mapEffect(Umkm.codec.decode),
      Stream.runFold(OnboardingProgress.initial, (progress, recorded) => OnboardingProgress.apply(progress, recorded.data))
    )
    return OnboardingFunnel.funnel(state, region)
  })
