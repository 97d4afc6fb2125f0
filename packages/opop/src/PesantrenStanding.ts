/**
 * Where a pesantren stands, as a product proposal needs to know it: whether it is registered,
 * and whether it is suspended. A product is proposed only for a registered pesantren that is
 * not suspended (adr/0014); the product stream cannot see the pesantren's, so these facts
 * travel in the `ProposeProduct` command. They are the pesantren's facts, never the caller's
 * word: a `PesantrenStanding` is a kernel `Verified` fact only `read` issues, by folding the
 * pesantren's own stream from the `EventStore`. It is frozen, its type does not compile when
 * written by hand, and `isRead` tells a value `read` made from any look-alike. `Product.decide`
 * refuses a proposal whose standing is not one, or is another pesantren's.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import { Aggregate, type EventDecodeError, type EventStore, type ReadError } from "@jatim/eventstore"
import { Identifier, Verified } from "@jatim/kernel"
import * as Pesantren from "./Pesantren.js"

/** Schema of a pesantren's standing, as its stream says it. */
export const Content = Schema.Struct({
  /** The pesantren. */
  nspp: Identifier.Nspp,
  /** Whether it is registered in OPOP. */
  registered: Schema.Boolean,
  /** Whether the Dinas has verified it. */
  verified: Schema.Boolean,
  /** Why it is suspended, while it is. */
  suspension: Schema.UndefinedOr(Schema.String)
})

/** A pesantren's standing, as its stream says it. */
export interface Content extends Schema.Schema.Type<typeof Content> {}

/** A pesantren's standing, as its own stream says it is now (only `read` issues one). */
export type PesantrenStanding = Verified.Verified<Content, "PesantrenStanding">

/** The kind of standings: its issuer stays in this module, with `read`. */
const standings = Verified.make("PesantrenStanding", Content, {
  what: "a pesantren's standing",
  source: "the pesantren's stream",
  pretty: (standing) =>
    `PesantrenStanding(${standing.nspp}, ${standing.registered ? "registered" : "not registered"}${
      standing.suspension === undefined ? "" : ", suspended"
    })`
})

/** Whether `u` is a standing `read` made from a pesantren's stream (and not a look-alike). */
export const isRead: (u: unknown) => u is PesantrenStanding = standings.is

/**
 * Schema of a standing in a command: only a value `read` made passes, so a command that
 * carries one cannot be decoded from JSON, and constructing it with a look-alike throws.
 */
export const PesantrenStandingSchema: Schema.Schema<PesantrenStanding> = standings.schema

/** The standing of `nspp` given its stream's state. */
const fromState = (nspp: Identifier.Nspp, state: Pesantren.State): PesantrenStanding =>
  standings.issue(
    state._tag === "Registered"
      ? { nspp, registered: true, verified: state.verified, suspension: state.suspension }
      : { nspp, registered: false, verified: false, suspension: undefined }
  )

/** The standing of the pesantren `nspp`, read now from its stream (not registered when it has none). */
export const read = (nspp: Identifier.Nspp): Effect.Effect<PesantrenStanding, ReadError | EventDecodeError, EventStore.EventStore> =>
  Effect.map(Aggregate.currentState(Pesantren, Pesantren.streamName(nspp)), (state) => fromState(nspp, state))
