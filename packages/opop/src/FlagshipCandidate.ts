/**
 * What the pesantren stream needs to know about a product before it designates it the
 * flagship: whose product it is and its current grade. The pesantren stream keeps the One
 * Pesantren One Product invariant on its own (adr/0010), so these facts travel in the
 * `DesignateFlagship` command; but they are the product's facts, never the caller's word
 * (adr/0014). A `FlagshipCandidate` is therefore only ever obtained by `read`, which folds the
 * product's own stream from the `EventStore`: its constructor refuses any other caller, its
 * fields are frozen, and `isRead` tells a value `read` made from any look-alike (a plain object
 * of the same shape, an object made from the class's prototype, or one decoded by a Schema).
 * `Pesantren.decide` refuses a designation whose candidate is not one.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import { type EventDecodeError, type EventStore, type ReadError, TypedEventStore } from "@jatim/eventstore"
import type { Identifier } from "@jatim/kernel"
import type { Grade } from "./Curation.js"
import * as Product from "./Product.js"
import type { ProductId } from "./ProductId.js"

/** Only `read` holds it, so only `read` constructs candidates. */
const reading: unique symbol = Symbol("FlagshipCandidate.read")

/** A product considered for flagship, as its own stream says it is now. */
export class FlagshipCandidate {
  /** The brand of candidates `read` made; a look-alike lacks it. */
  readonly #read = true
  /** The product. */
  readonly productId: ProductId
  /** The pesantren that proposed the product. */
  readonly nspp: Identifier.Nspp
  /** The product's grade; absent while it is not curated (never, or being curated again). */
  readonly grade: Grade | undefined

  /** Not for use outside this module: candidates come from `read`. */
  constructor(
    token: typeof reading,
    facts: { readonly productId: ProductId; readonly nspp: Identifier.Nspp; readonly grade: Grade | undefined }
  ) {
    if (token !== reading) {
      throw new TypeError("A FlagshipCandidate is read from the product's stream (FlagshipCandidate.read), never constructed.")
    }
    this.productId = facts.productId
    this.nspp = facts.nspp
    this.grade = facts.grade
    Object.freeze(this)
  }

  /** Whether `u` is a candidate `read` made (and not a look-alike). */
  static isRead(u: unknown): u is FlagshipCandidate {
    return typeof u === "object" && u !== null && #read in u
  }
}

/** Whether `u` is a candidate `read` made from a product's stream (and not a look-alike). */
export const isRead = (u: unknown): u is FlagshipCandidate => FlagshipCandidate.isRead(u)

/**
 * Schema of a candidate in a command: only a value `read` made passes, so a command that
 * carries one cannot be decoded from JSON, and constructing it with a look-alike throws.
 */
export const FlagshipCandidateSchema: Schema.Schema<FlagshipCandidate> = Schema.declare(isRead, {
  identifier: "FlagshipCandidate",
  description: "a product's flagship facts, read from its stream by FlagshipCandidate.read (never from a request)",
  pretty: () => (candidate) => `FlagshipCandidate(${candidate.productId}, ${candidate.nspp}, ${candidate.grade ?? "not curated"})`
})

/** The candidate a product's state makes; none when it was never proposed. */
const fromState = (state: Product.State): Option.Option<FlagshipCandidate> =>
  state._tag === "Proposed"
    ? Option.some(new FlagshipCandidate(reading, { productId: state.productId, nspp: state.nspp, grade: Product.currentGrade(state) }))
    : Option.none()

/**
 * The product `productId` as a flagship candidate, read now from its stream: its pesantren and
 * its current grade. None when no product was proposed under that id.
 */
export const read = (
  productId: ProductId
): Effect.Effect<Option.Option<FlagshipCandidate>, ReadError | EventDecodeError, EventStore.EventStore> =>
  Effect.gen(function*() {
    const products = yield* TypedEventStore.make(Product.codec)
    const { state } = yield* products.aggregateStream(Product.streamName(productId), Product.decider)
    return fromState(state)
  })
