/**
 * Who may see what: the shapes of the read rules every program writes next to its read models.
 *
 * - A `ReadPolicy` decides what a viewer may see of one view (a read model's answer to one
 *   query): the view itself, a trimmed copy, or nothing. Nothing means "not found" to the
 *   caller, so that a party's existence is not disclosed to those who may not see it. A viewer
 *   is an actor, or `anonymous` (someone without an account, who sees the public part only).
 * - A `FeedPolicy` decides, event by event, what the live feed sends an actor: the event's data
 *   as the actor may see it (personal fields and secrets removed), or nothing.
 *
 * Both are domain rules: pure functions of the viewer (or actor) and the data (a feed policy may read the
 * store to learn, say, who the parties of an order are), tested in the domain packages.
 *
 * @since 0.1.0
 */
import { type Effect, Option, Schema } from "effect"
import { Actor } from "./Actor.js"

/**
 * Someone reading without an account (an employer checking a certificate, a buyer browsing the
 * catalogue): sees the public views only, like a stranger of every party. Never issues a command.
 */
export const Anonymous = Schema.TaggedStruct("ANONYMOUS", {})

/** A viewer without an account. */
export type Anonymous = typeof Anonymous.Type

/** The anonymous viewer. */
export const anonymous: Anonymous = Anonymous.make({})

/** Schema of whoever reads a view: an actor, or the anonymous viewer. */
export const Viewer = Schema.Union(Actor, Anonymous)

/** Whoever reads a view: an actor (with a token), or `anonymous`. */
export type Viewer = typeof Viewer.Type

/** Whether `viewer` is the anonymous viewer. */
export const isAnonymous = (viewer: Viewer): viewer is Anonymous => viewer._tag === "ANONYMOUS"

/** What `viewer` may see of `view`: the view (perhaps trimmed to `Visible`), or none ("not found"). */
export type ReadPolicy<View, Visible = View> = (viewer: Viewer, view: View) => Option.Option<Visible>

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

/** A Dinas officer sees everything; the anonymous viewer is none. */
export const isDinas = (viewer: Viewer): boolean => viewer._tag === "DINAS_OFFICER"

/**
 * A read policy that admits every view or none, by the viewer alone (`admits`), and says so: a
 * list read for a viewer it admits nothing of (`seesNothing`) need not read the list at all.
 */
export interface ViewerPolicy<View> extends ReadPolicy<View> {
  /** Whether `viewer` sees every view of the policy (otherwise none). */
  readonly admits: (viewer: Viewer) => boolean
}

/** The policy of views that `admits` says a viewer sees all of, or none of. */
export const byViewer = <View>(admits: (viewer: Viewer) => boolean): ViewerPolicy<View> =>
  Object.assign((viewer: Viewer, view: View) => (admits(viewer) ? Option.some(view) : Option.none()), { admits })

/** Whether `policy` is known to admit nothing to `viewer`, whatever the views (a `byViewer` policy that does not admit it). */
export const seesNothing = <View, Visible>(policy: ReadPolicy<View, Visible>, viewer: Viewer): boolean => {
  const admits: unknown = "admits" in policy ? policy.admits : undefined
  return typeof admits === "function" && admits(viewer) === false
}

/** A policy for views everyone may see, the anonymous viewer included (the public catalogue, aggregate dashboards). */
export const everyone = <View>(_viewer: Viewer, view: View): Option.Option<View> => Option.some(view)

/** A policy for views only the Dinas may see. */
export const dinasOnly: <View>(viewer: Viewer, view: View) => Option.Option<View> = byViewer(isDinas)
