/**
 * Who makes an OPOP product, as OPOP's own events say (its published lookup
 * `Integration.makerOf`): the pesantren that proposed it and that pesantren's Kopontren. A
 * listing of an OPOP product carries this fact, read by `read`, never the caller's word: the
 * listing decider lists the product only for the Kopontren it names.
 *
 * @since 0.1.0
 */
import { Effect, Option, type Schema } from "effect"
import type { EventStore, ReadError } from "@jatim/eventstore"
import type { Verified } from "@jatim/kernel"
import { Integration, type ProductId } from "@jatim/opop"
import { opopMaker, OpopMakerContent } from "./internal/issuers.js"

/** Schema of what OPOP says about a product's maker. */
export const Content = OpopMakerContent

/** What OPOP says about a product's maker. */
export interface Content extends Schema.Schema.Type<typeof Content> {}

/** The maker of an OPOP product, read from OPOP's events by `read` (no caller can write one). */
export type OpopMaker = Verified.Verified<Content, "OpopMaker">

/** Schema of an OPOP product's maker: admits only a maker `read` returned. */
export const OpopMaker: Schema.Schema<OpopMaker> = opopMaker.schema

/**
 * Whether `u` is a maker `read` made from OPOP's events (not a look-alike, a copy, a JSON round-trip or
 * another kind's fact): the deciders check it, so a forged fact is refused even when a command's
 * validation was skipped.
 */
export const is: (u: unknown) => u is OpopMaker = opopMaker.is

/** The maker of the OPOP product `productId`, read from OPOP's events; none when OPOP has no such product. */
export const read = (productId: ProductId.ProductId): Effect.Effect<Option.Option<OpopMaker>, ReadError, EventStore.EventStore> =>
  Effect.map(
    Integration.makerOf(productId),
    Option.map((maker) =>
      opopMaker.issue({ productId: maker.productId, nspp: maker.nspp, kopontren: maker.kopontren, isPublic: maker.isPublic })
    )
  )
