/**
 * Who makes an OPOP product, as OPOP's own events say (its published lookup
 * `Integration.makerOf`): the pesantren that proposed it and that pesantren's Kopontren. A
 * listing of an OPOP product carries this fact, read by `read`, never the caller's word: the
 * listing decider lists the product only for the Kopontren it names.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import type { EventStore, ReadError } from "@jatim/eventstore"
import { Identifier } from "@jatim/kernel"
import { Integration, ProductId } from "@jatim/opop"
import * as Verified from "./internal/verified.js"

/** Schema of what OPOP says about a product's maker. */
export const Content = Schema.Struct({
  productId: ProductId.ProductId,
  /** The pesantren that proposed the product. */
  nspp: Identifier.Nspp,
  /** The pesantren's Kopontren when it was read, or `null` when it has none linked. */
  kopontren: Schema.NullOr(Identifier.NikKoperasi)
})

/** What OPOP says about a product's maker. */
export interface Content extends Schema.Schema.Type<typeof Content> {}

/** The maker of an OPOP product, read from OPOP's events by `read` (no caller can write one). */
export type OpopMaker = Verified.Verified<Content, "OpopMaker">

/** Schema of an OPOP product's maker: admits only a maker `read` returned. */
export const OpopMaker: Schema.Schema<OpopMaker> = Verified.schema("OpopMaker", Content, {
  identifier: "OpopMaker",
  description: "who makes an OPOP product and which Kopontren sells for it, as read from OPOP's events"
})

/** The maker of the OPOP product `productId`, read from OPOP's events; none when OPOP has no such product. */
export const read = (
  productId: ProductId.ProductId
): Effect.Effect<Option.Option<OpopMaker>, ReadError, EventStore.EventStore> =>
  Effect.map(Integration.makerOf(productId), Option.map((maker) =>
    Verified.issue("OpopMaker", { productId: maker.productId, nspp: maker.nspp, kopontren: maker.kopontren })))
