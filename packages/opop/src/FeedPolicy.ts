/**
 * What the live feed sends each actor of OPOP's events (adr/0014), category by category:
 *
 * - `pesantren`: public (the directory), to everyone; the pengasuh's name in
 *   `PesantrenRegistered` is personal data, sent only to the pesantren's own admin and the Dinas;
 * - `product`: the events of a public product (curated, or on a market channel, now) to
 *   everyone; of a product not public yet, only to its pesantren's admin, the Dinas and, while
 *   it awaits their score, curators: whoever `Product.canSee` admits;
 * - `santripreneur`: a santri's events (their name is personal data) only to their
 *   pesantren's own admin and the Dinas.
 *
 * Whose product or santri an event concerns is read from its stream, not from the event alone.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema, Struct } from "effect"
import { Aggregate, type EventStore } from "@jatim/eventstore"
import { type Actor, Visibility } from "@jatim/kernel"
import { OpopEvent } from "./OpopEvent.js"
import * as Pesantren from "./Pesantren.js"
import { PesantrenRegistered } from "./PesantrenEvent.js"
import { actsFor } from "./readModels/PesantrenDirectory.js"
import * as Product from "./Product.js"
import { canSee } from "./Product.js"
import * as Santripreneur from "./Santripreneur.js"

const decode = Schema.decodeUnknownOption(OpopEvent)
const encode = Schema.encodeOption(OpopEvent)
const encodeRegistration = Schema.encodeOption(PesantrenRegistered)

/** The event's data as stored (encoded, without `_tag`). */
const dataOf = (event: OpopEvent): Option.Option<unknown> => Option.map(encode(event), (encoded) => Struct.omit(encoded, "_tag"))

/** A registration without the pengasuh's name (personal data). */
const withoutPengasuh = (event: PesantrenRegistered): Option.Option<unknown> =>
  Option.map(encodeRegistration(event), (encoded) => Struct.omit(encoded, "_tag", "pengasuh"))

const productVisible = (actor: Actor.Actor, streamName: string) =>
  Effect.map(Aggregate.currentState(Product, streamName), (state) => state._tag === "Proposed" && canSee(actor, state))

const santriVisible = (actor: Actor.Actor, streamName: string) =>
  Effect.map(Aggregate.currentState(Santripreneur, streamName), (state) => state._tag === "Enrolled" && actsFor(actor, state.nspp))

/** The feed policy of OPOP's three stream categories. */
export const feedPolicy: Visibility.FeedPolicy<EventStore.EventStore> = {
  categories: [Pesantren.category, Product.category, Santripreneur.category],
  visible: (actor, stored) =>
    Effect.gen(function* () {
      const data = typeof stored.data === "object" && stored.data !== null ? stored.data : {}
      const decoded = decode({ ...data, _tag: stored.type })
      if (Option.isNone(decoded)) return Option.none()
      const event = decoded.value
      const category = stored.streamName.slice(0, stored.streamName.indexOf("-"))
      if (Visibility.isDinas(actor)) return dataOf(event)
      if (category === Pesantren.category) {
        if (event._tag === "PesantrenRegistered" && !actsFor(actor, event.nspp)) return withoutPengasuh(event)
        return dataOf(event)
      }
      if (category === Product.category) {
        return (yield* productVisible(actor, stored.streamName)) ? dataOf(event) : Option.none()
      }
      if (category === Santripreneur.category) {
        return (yield* santriVisible(actor, stored.streamName)) ? dataOf(event) : Option.none()
      }
      return Option.none()
    }).pipe(Effect.catchAll(() => Effect.succeed(Option.none())))
}
