/**
 * The product catalogue, a pure read model: every OPOP product with its pesantren, its
 * kabupaten/kota, its current grade, its channels and whether it is its pesantren's flagship,
 * filtered by category, grade and kabupaten/kota. Feed it OPOP events in global order with
 * `apply` (or `applyRecorded`); query it with `search` and `get`.
 *
 * Products and pesantren live in different streams, so their events may come in either order;
 * the catalogue joins them when queried.
 *
 * Who sees what (`visibleTo`, adr/0014): a product is public (the OPOP catalogue) while it is
 * curated or on a market channel; before that, and while it is curated again, only its
 * pesantren's admin and the Dinas see it, and curators while it awaits their score.
 *
 * @since 0.1.0
 */
import { Option, Schema, Struct } from "effect"
import { type Identifier, Page, Region, StateEntries, Text, ViewSchema, type Visibility } from "@jatim/kernel"
import { Grade } from "../Curation.js"
import { deleteIn, type Entries, folds, lookup, noEntries, setIn, valuesOf } from "../internal/readModel.js"
import { MarketChannel } from "../MarketChannel.js"
import * as Product from "../Product.js"
import type { OpopEvent } from "../OpopEvent.js"
import type { ProductCategory } from "../ProductCategory.js"
import { MonthlyCapacity, ProductProposed } from "../ProductEvent.js"
import { ProductId } from "../ProductId.js"
import { ProductStatus } from "../ProductStatus.js"
import { withChannelEvent } from "./channels.js"

/** Schema of a product as the catalogue keeps it. */
export const CatalogueProduct = Schema.Struct({
  ...Struct.omit(ProductProposed.fields, "_tag"),
  /** Units the pesantren can make in a month. */
  monthlyCapacity: MonthlyCapacity.annotations({ description: "units the pesantren can make in a month" }),
  status: ProductStatus,
  /** The current grade; none before curation and while the product is curated again. */
  grade: Schema.UndefinedOr(Grade).annotations({
    description: "the current grade; absent before curation and while the product is curated again"
  }),
  channels: Schema.Array(MarketChannel)
})

/** A product as the catalogue keeps it. */
export interface CatalogueProduct extends Schema.Schema.Type<typeof CatalogueProduct> {}

/** Schema of a product with its pesantren, as `search` returns it, as JSON for clients. */
export const CatalogueEntry = ViewSchema.struct("CatalogueEntry", "a product of the OPOP catalogue, with its pesantren", {
  ...CatalogueProduct.fields,
  /** The pesantren's name; absent until its registration is seen. */
  pesantrenName: Schema.UndefinedOr(Text.Name).annotations({
    description: "the pesantren's name; absent until its registration is seen"
  }),
  /** The pesantren's kabupaten/kota; absent until its registration is seen. */
  regionCode: Schema.UndefinedOr(Region.RegionCode).annotations({
    description: "the pesantren's kabupaten/kota; absent until its registration is seen"
  }),
  /** Whether it is its pesantren's active flagship. */
  flagship: Schema.Boolean.annotations({ description: "whether it is its pesantren's active flagship" })
})

/** A product with its pesantren, as `search` returns it. */
export interface CatalogueEntry extends Schema.Schema.Type<typeof CatalogueEntry> {}

/** The catalogue. */
export interface State {
  readonly products: Entries<ProductId, CatalogueProduct>
  readonly pesantren: Entries<Identifier.Nspp, { readonly name: string; readonly regionCode: Region.RegionCode }>
  /** The active flagship of each pesantren that has one. */
  readonly flagships: Entries<Identifier.Nspp, ProductId>
}

/** The empty catalogue. */
export const initialState: State = { products: noEntries(), pesantren: noEntries(), flagships: noEntries() }

/** The catalogue after one more event. */
export const apply = (state: State, event: OpopEvent): State => {
  const update = (productId: ProductId, f: (product: CatalogueProduct) => CatalogueProduct): State =>
    StateEntries.update(state, "products", productId, f)
  switch (event._tag) {
    case "PesantrenRegistered":
      return StateEntries.insertNew(state, "pesantren", event.nspp, { name: event.name, regionCode: event.regionCode })
    case "FlagshipDesignated":
      return { ...state, flagships: setIn(state.flagships, event.nspp, event.productId) }
    case "FlagshipRetired":
      return lookup(state.flagships, event.nspp) === event.productId
        ? { ...state, flagships: deleteIn(state.flagships, event.nspp) }
        : state
    case "ProductProposed":
      return StateEntries.insertNew(state, "products", event.productId, {
        ...Struct.omit(event, "_tag"),
        status: "PROPOSED",
        grade: undefined,
        channels: []
      })
    case "ProductSubmittedForCuration":
      return update(event.productId, (product) => ({ ...product, status: "IN_CURATION", grade: undefined }))
    case "ProductCurated":
      return update(event.productId, (product) => ({ ...product, status: "CURATED", grade: event.grade }))
    case "ProductMarketed":
    case "ProductWithdrawnFromMarket":
      return update(event.productId, (product) => withChannelEvent(product, event))
    case "ProductRepriced":
      return update(event.productId, (product) => ({ ...product, unitPrice: event.unitPrice }))
    case "MonthlyCapacityChanged":
      return update(event.productId, (product) => ({ ...product, monthlyCapacity: event.monthlyCapacity }))
    default:
      return state
  }
}

/** `apply` for recorded events, and for a sequence of events. */
export const { applyAll, applyRecorded } = folds(apply)

const entryOf = (state: State, product: CatalogueProduct): CatalogueEntry => {
  const pesantren = lookup(state.pesantren, product.nspp)
  return {
    ...product,
    pesantrenName: pesantren?.name,
    regionCode: pesantren?.regionCode,
    flagship: lookup(state.flagships, product.nspp) === product.productId
  }
}

/** The product `productId` with its pesantren, if proposed. */
export const get = (state: State, productId: ProductId): CatalogueEntry | undefined => {
  const product = lookup(state.products, productId)
  return product === undefined ? undefined : entryOf(state, product)
}

/** Filters of `search`; each one given narrows the result. */
export interface CatalogueFilter {
  readonly category?: ProductCategory | undefined
  readonly grade?: Grade | undefined
  readonly regionCode?: Region.RegionCode | undefined
  /** Only products on at least one channel. */
  readonly marketedOnly?: boolean | undefined
  /** Only active flagships. */
  readonly flagshipsOnly?: boolean | undefined
}

/** The order of `search`: by name, then id (code-unit order); a page starts after such a key. */
export const order = Page.byKey((entry: CatalogueEntry) => [entry.name, entry.productId] as const, Schema.Tuple(Schema.String, ProductId))

/** The key of a catalogue entry in `order`: its name and product id. */
export type Key = ReturnType<typeof order.key>

/** The products that match `filter`, by name, then id. */
export const search = (state: State, filter: CatalogueFilter = {}): ReadonlyArray<CatalogueEntry> =>
  Page.sort(
    order,
    valuesOf(state.products)
      .map((product) => entryOf(state, product))
      .filter(
        (entry) =>
          (filter.category === undefined || entry.category === filter.category) &&
          (filter.grade === undefined || entry.grade === filter.grade) &&
          (filter.regionCode === undefined || entry.regionCode === filter.regionCode) &&
          (filter.marketedOnly !== true || entry.channels.length > 0) &&
          (filter.flagshipsOnly !== true || entry.flagship)
      )
  )

/** One page of `search`. */
export const searchPage = (state: State, filter: CatalogueFilter, request: Page.Request<Key>): Page.Page<CatalogueEntry, Key> =>
  Page.ofSorted(order, search(state, filter), request)

/** What `actor` sees of a catalogue entry: all of it, or nothing ("not found") while it is not public to them. */
export const visibleTo: Visibility.ReadPolicy<CatalogueEntry> = (actor, entry) =>
  Product.canSee(actor, entry) ? Option.some(entry) : Option.none()

/** The products that match `filter` and that `actor` may see, by name, then id. */
export const searchFor = (state: State, actor: Visibility.Viewer, filter: CatalogueFilter = {}): ReadonlyArray<CatalogueEntry> =>
  search(state, filter).flatMap((entry) => Option.toArray(visibleTo(actor, entry)))
