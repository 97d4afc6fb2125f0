/**
 * What OPOP publishes for other contexts. TOMIKO (and anyone else) depends on this module only,
 * never on OPOP's deciders: who makes a product, and which cooperative is the Kopontren of the
 * pesantren that makes it, answered from OPOP's own events, never from a caller's word.
 *
 * Contract:
 * - a product is made by the pesantren that proposed it (`ProductProposed.nspp`), for ever;
 * - a pesantren's Kopontren is the cooperative of its latest `KopontrenLinked` or `KopontrenReplaced`, or none;
 * - a product is public while it is curated or on a market channel (`Product.isPublic`);
 * - fields are only ever added, never removed or renamed.
 *
 * @since 0.1.0
 */
import { Effect, Option } from "effect"
import { Aggregate, type EventStore, type ReadError, TypedEventStore } from "@jatim/eventstore"
import type { Identifier } from "@jatim/kernel"
import * as Pesantren from "./Pesantren.js"
import * as Product from "./Product.js"
import type { ProductId } from "./ProductId.js"

/** Who makes an OPOP product, and which cooperative sells for them. */
export interface ProductMaker {
  readonly productId: ProductId
  /** The pesantren that proposed the product. */
  readonly nspp: Identifier.Nspp
  /** The pesantren's Kopontren now, or `null` when it has none linked. */
  readonly kopontren: Identifier.NikKoperasi | null
  /**
   * Whether the product is public now (in the OPOP catalogue: curated, or on a market channel).
   * A product that is not is its pesantren's business: a consumer tells others nothing of it.
   */
  readonly isPublic: boolean
}

/** The categories of the streams the answers are read from. */
export const sourceCategories: ReadonlyArray<string> = [Product.category, Pesantren.category]

/**
 * The maker of product `productId`, read from the product's and its pesantren's streams: none
 * when OPOP has no such product.
 */
export const makerOf = (productId: ProductId): Effect.Effect<Option.Option<ProductMaker>, ReadError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const product = yield* Aggregate.currentState(Product, Product.streamName(productId))
    if (product._tag !== "Proposed") return Option.none()
    const nspp = product.nspp
    const pesantren = yield* TypedEventStore.make(Pesantren.codec)
    const history = (yield* pesantren.readStream(Pesantren.streamName(nspp))).events
    let kopontren: Identifier.NikKoperasi | null = null
    for (const event of history) {
      if (event.data._tag === "KopontrenLinked" || event.data._tag === "KopontrenReplaced") kopontren = event.data.nik
    }
    return Option.some({ productId, nspp, kopontren, isPublic: Product.isPublic(product) })
  })
