/**
 * What the pesantren stream needs to know about a product before it designates it the
 * flagship: whose product it is and its current grade. The pesantren stream keeps the One
 * Pesantren One Product invariant on its own (adr/0010), so these facts travel in the
 * `DesignateFlagship` command; but they are the product's facts, never the caller's word
 * (adr/0014). A `FlagshipCandidate` is therefore a kernel `Verified` fact only `read` issues,
 * by folding the product's own stream from the `EventStore`: it is frozen, its type does not
 * compile when written by hand, and `isRead` tells a value `read` made from any look-alike (a
 * plain object of the same shape, a copy, or one decoded by a Schema).
 * `Pesantren.decide` refuses a designation whose candidate is not one.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import { Aggregate, type EventDecodeError, type EventStore, type ReadError } from "@jatim/eventstore"
import { Identifier, Verified } from "@jatim/kernel"
import { Grade } from "./Curation.js"
import * as Product from "./Product.js"
import { ProductId } from "./ProductId.js"

/** Schema of a product's flagship facts, as its stream says them. */
export const Content = Schema.Struct({
  /** The product. */
  productId: ProductId,
  /** The pesantren that proposed the product. */
  nspp: Identifier.Nspp,
  /** The product's grade; absent while it is not curated (never, or being curated again). */
  grade: Schema.UndefinedOr(Grade)
})

/** A product's flagship facts, as its stream says them. */
export interface Content extends Schema.Schema.Type<typeof Content> {}

/** A product considered for flagship, as its own stream says it is now (only `read` issues one). */
export type FlagshipCandidate = Verified.Verified<Content, "FlagshipCandidate">

/** The kind of candidates: its issuer stays in this module, with `read`. */
const candidates = Verified.make("FlagshipCandidate", Content, {
  what: "a flagship candidate",
  source: "the product's stream",
  pretty: (candidate) => `FlagshipCandidate(${candidate.productId}, ${candidate.nspp}, ${candidate.grade ?? "not curated"})`
})

/** Whether `u` is a candidate `read` made from a product's stream (and not a look-alike). */
export const isRead: (u: unknown) => u is FlagshipCandidate = candidates.is

/**
 * Schema of a candidate in a command: only a value `read` made passes, so a command that
 * carries one cannot be decoded from JSON, and constructing it with a look-alike throws.
 */
export const FlagshipCandidateSchema: Schema.Schema<FlagshipCandidate> = candidates.schema

/** The candidate a product's state makes; none when it was never proposed. */
const fromState = (state: Product.State): Option.Option<FlagshipCandidate> =>
  state._tag === "Proposed"
    ? Option.some(candidates.issue({ productId: state.productId, nspp: state.nspp, grade: Product.currentGrade(state) }))
    : Option.none()

/**
 * The product `productId` as a flagship candidate, read now from its stream: its pesantren and
 * its current grade. None when no product was proposed under that id.
 */
export const read = (
  productId: ProductId
): Effect.Effect<Option.Option<FlagshipCandidate>, ReadError | EventDecodeError, EventStore.EventStore> =>
  Effect.map(Aggregate.currentState(Product, Product.streamName(productId)), fromState)
