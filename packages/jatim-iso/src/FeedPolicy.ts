/**
 * What the live feed sends of JATIM ISO's events: an event of a UMKM's stream (`umkm-<nib>`) goes
 * to that UMKM's owner and to the Dinas, as stored; to nobody else (it names the owner, a person,
 * and follows one business's onboarding, which the public sees only as the funnel's counts). An
 * event of the marketplace registry (`marketplaces-registry`) is public reference data: it goes
 * to everyone, as stored (`registryFeedPolicy`).
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import { type Actor, Visibility } from "@jatim/kernel"
import * as MarketplaceRegistry from "./MarketplaceRegistry.js"
import { MarketplaceEvent } from "./MarketplaceEvent.js"
import * as Umkm from "./Umkm.js"
import { UmkmEvent } from "./UmkmEvent.js"

const decode = Schema.decodeUnknownOption(UmkmEvent)

/** Whether `actor` may see the events of the UMKM of `nib`: its owner and the Dinas. */
export const mayFollow = (actor: Actor.Actor, nib: string): boolean =>
  Visibility.isDinas(actor) || (actor._tag === "UMKM_OWNER" && actor.nib === nib)

/**
 * The feed policy of the `umkm` category: the event's data, as stored, for the owner of the
 * UMKM it is about and for the Dinas; none for anyone else, nor for an event that does not decode
 * or whose NIB is not its stream's.
 */
export const feedPolicy: Visibility.FeedPolicy = {
  categories: [Umkm.category],
  visible: (actor, event) =>
    Effect.succeed(
      Option.flatMap(
        decode(typeof event.data === "object" && event.data !== null ? { ...event.data, _tag: event.type } : undefined),
        (decoded) =>
          event.streamName === Umkm.streamName(decoded.nib) && mayFollow(actor, decoded.nib) ? Option.some(event.data) : Option.none()
      )
    )
}

const decodeRegistryEvent = Schema.decodeUnknownOption(MarketplaceEvent)

/**
 * The feed policy of the `marketplaces` category: an event of the registry's stream, as stored,
 * for everyone (the registry is public reference data, with no person in it); none for an event
 * that does not decode or is not on the registry's stream.
 */
export const registryFeedPolicy: Visibility.FeedPolicy = {
  categories: [MarketplaceRegistry.category],
  visible: (_actor, event) =>
    Effect.succeed(
      event.streamName === MarketplaceRegistry.registryStream &&
        Option.isSome(
          decodeRegistryEvent(typeof event.data === "object" && event.data !== null ? { ...event.data, _tag: event.type } : undefined)
        )
        ? Option.some(event.data)
        : Option.none()
    )
}
