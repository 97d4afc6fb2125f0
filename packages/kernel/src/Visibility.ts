/**
 * Who may see what: the shapes of the read rules every program writes next to its read models.
 *
 * - A `ReadPolicy` decides what an actor may see of one view (a read model's answer to one
 *   query): the view itself, a trimmed copy, or nothing. Nothing means "not found" to the
 *   caller, so that a party's existence is not disclosed to those who may not see it.
 * - A `FeedPolicy` decides, event by event, what the live feed sends an actor: the event's data
 *   as the actor may see it (personal fields and secrets removed), or nothing.
 *
 * Both are domain rules: pure functions of the actor and the data (a feed policy may read the
 * store to learn, say, who the parties of an order are), tested in the domain packages.
 *
 * @since 0.1.0
 */
import { type Effect, Option } from "effect"
import type { Actor } from "./Actor.js"

/** What `actor` may see of `view`: the view (perhaps trimmed to `Visible`), or none ("not found"). */
export type ReadPolicy<View, Visible = View> = (actor: Actor, view: View) => Option.Option<Visible>

/** An event as the store holds it, before any domain decodes it. */
export interface StoredEvent {
  readonly streamName: string
  readonly type: string
  readonly data: unknown
}

/**
 * What the live feed may send an actor of the events of some stream categories: for each
 * stored event, the data to send (encoded, as JSON), or none to leave the event out.
 */
export interface FeedPolicy<R = never> {
  /** The stream categories whose events this policy judges. */
  readonly categories: ReadonlyArray<string>
  /** The data `actor` may see of `event`, or none. Never fails: an event it cannot judge is left out. */
  readonly visible: (actor: Actor, event: StoredEvent) => Effect.Effect<Option.Option<unknown>, never, R>
}

/** A Dinas officer sees everything. */
export const isDinas = (actor: Actor): boolean => actor._tag === "DINAS_OFFICER"

/** A policy for views everyone may see (the public catalogue, aggregate dashboards). */
export const everyone = <View>(_actor: Actor, view: View): Option.Option<View> => Option.some(view)

/** A policy for views only the Dinas may see. */
export const dinasOnly = <View>(actor: Actor, view: View): Option.Option<View> =>
  isDinas(actor) ? Option.some(view) : Option.none()
