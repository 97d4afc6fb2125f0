/**
 * Where a pesantren stands, as a product proposal needs to know it: whether it is registered,
 * and whether it is suspended. A product is proposed only for a registered pesantren that is
 * not suspended (adr/0014); the product stream cannot see the pesantren's, so these facts
 * travel in the `ProposeProduct` command. They are the pesantren's facts, never the caller's
 * word: a `PesantrenStanding` is only ever obtained by `read`, which folds the pesantren's own
 * stream from the `EventStore`. Its constructor refuses any other caller, its fields are frozen,
 * and `isRead` tells a value `read` made from any look-alike. `Product.decide` refuses a
 * proposal whose standing is not one, or is another pesantren's.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import { type EventDecodeError, type EventStore, type ReadError, TypedEventStore } from "@jatim/eventstore"
import type { Identifier } from "@jatim/kernel"
import * as Pesantren from "./Pesantren.js"

/** Only `read` holds it, so only `read` constructs standings. */
const reading: unique symbol = Symbol("PesantrenStanding.read")

/** A pesantren's standing, as its own stream says it is now. */
export class PesantrenStanding {
  /** The brand of standings `read` made; a look-alike lacks it. */
  readonly #read = true
  /** The pesantren. */
  readonly nspp: Identifier.Nspp
  /** Whether it is registered in OPOP. */
  readonly registered: boolean
  /** Whether the Dinas has verified it. */
  readonly verified: boolean
  /** Why it is suspended, while it is. */
  readonly suspension: string | undefined

  /** Not for use outside this module: standings come from `read`. */
  constructor(
    token: typeof reading,
    facts: {
      readonly nspp: Identifier.Nspp
      readonly registered: boolean
      readonly verified: boolean
      readonly suspension: string | undefined
    }
  ) {
    if (token !== reading) {
      throw new TypeError("A PesantrenStanding is read from the pesantren's stream (PesantrenStanding.read), never constructed.")
    }
    this.nspp = facts.nspp
    this.registered = facts.registered
    this.verified = facts.verified
    this.suspension = facts.suspension
    Object.freeze(this)
  }

  /** Whether `u` is a standing `read` made (and not a look-alike). */
  static isRead(u: unknown): u is PesantrenStanding {
    return typeof u === "object" && u !== null && #read in u
  }
}

/** Whether `u` is a standing `read` made from a pesantren's stream (and not a look-alike). */
export const isRead = (u: unknown): u is PesantrenStanding => PesantrenStanding.isRead(u)

/**
 * Schema of a standing in a command: only a value `read` made passes, so a command that
 * carries one cannot be decoded from JSON, and constructing it with a look-alike throws.
 */
export const PesantrenStandingSchema: Schema.Schema<PesantrenStanding> = Schema.declare(isRead, {
  identifier: "PesantrenStanding",
  description: "a pesantren's registration and suspension, read from its stream by PesantrenStanding.read (never from a request)",
  pretty: () => (standing) =>
    `PesantrenStanding(${standing.nspp}, ${standing.registered ? "registered" : "not registered"}${
      standing.suspension === undefined ? "" : ", suspended"
    })`
})

/** The standing of `nspp` given its stream's state. */
const fromState = (nspp: Identifier.Nspp, state: Pesantren.State): PesantrenStanding =>
  new PesantrenStanding(
    reading,
    state._tag === "Registered"
      ? { nspp, registered: true, verified: state.verified, suspension: state.suspension }
      : { nspp, registered: false, verified: false, suspension: undefined }
  )

/** The standing of the pesantren `nspp`, read now from its stream (not registered when it has none). */
export const read = (
  nspp: Identifier.Nspp
): Effect.Effect<PesantrenStanding, ReadError | EventDecodeError, EventStore.EventStore> =>
  Effect.gen(function*() {
    const pesantren = yield* TypedEventStore.make(Pesantren.codec)
    const { state } = yield* pesantren.aggregateStream(Pesantren.streamName(nspp), Pesantren.decider)
    return fromState(nspp, state)
  })
