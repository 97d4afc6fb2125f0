/**
 * The per-kabupaten/kota dashboard, a pure read model: for each of the 38 kabupaten/kota of
 * Jawa Timur, its pesantren (registered, verified, suspended, santri), their products (by
 * category and grade, marketed), active flagships and santripreneurs (enrolled, with a
 * venture, graduated). Feed it OPOP events in global order with `apply` (or `applyRecorded`);
 * query it with `forRegion`, `all` and `province`.
 *
 * Products and santri count in the kabupaten/kota of their pesantren, joined when queried, so
 * events of different streams may come in either order.
 *
 * Who sees what (`visibleTo`, adr/0014): everyone. The dashboards are counts, with no personal
 * data and no one pesantren's private facts beyond what the directory and catalogue show.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type Identifier, Region, StateEntries, ViewSchema, Visibility } from "@jatim/kernel"
import * as Curation from "../Curation.js"
import { type Entries, folds, lookup, noEntries, valuesOf } from "../internal/readModel.js"
import type { MarketChannel } from "../MarketChannel.js"
import type { OpopEvent } from "../OpopEvent.js"
import * as ProductCategory from "../ProductCategory.js"
import type { ProductId } from "../ProductId.js"
import type { SantriId } from "../SantriId.js"
import { withChannelEvent } from "./channels.js"

const Count = Schema.NonNegativeInt

/** Schema of the figures of one kabupaten/kota (or of the province), as JSON for clients. */
export const Dashboard = ViewSchema.struct(
  "KabupatenDashboard",
  "the OPOP figures of one kabupaten/kota of Jawa Timur, or of the province",
  {
    /** The kabupaten/kota; absent for the province's totals. */
    regionCode: Schema.UndefinedOr(Region.RegionCode).annotations({
      description: "the kabupaten/kota; absent for the province's totals"
    }),
    regionName: Schema.String,
    pesantren: Schema.Struct({
      registered: Count,
      verified: Count,
      suspended: Count,
      /** Santri of its registered pesantren. */
      santri: Count.annotations({ description: "santri of its registered pesantren" })
    }),
    products: Schema.Struct({
      total: Count,
      byCategory: Schema.Record({ key: ProductCategory.ProductCategory, value: Count }),
      /** Products by current grade; products not curated now are in none. */
      byGrade: Schema.Record({ key: Curation.Grade, value: Count }).annotations({
        description: "products by current grade; products not curated now are in none"
      }),
      /** Products on at least one channel. */
      marketed: Count.annotations({ description: "products on at least one channel" })
    }),
    /** Pesantren with an active flagship. */
    activeFlagships: Count.annotations({ description: "pesantren with an active flagship" }),
    santripreneurs: Schema.Struct({
      enrolled: Count,
      withVenture: Count,
      graduated: Count
    })
  }
)

/** The figures of one kabupaten/kota (or of the province). */
export interface Dashboard extends Schema.Schema.Type<typeof Dashboard> {}

interface PesantrenFacts {
  readonly regionCode: Region.RegionCode
  readonly santriCount: number
  readonly verified: boolean
  readonly suspended: boolean
  readonly flagship: ProductId | undefined
}

interface ProductFacts {
  readonly nspp: Identifier.Nspp
  readonly category: ProductCategory.ProductCategory
  readonly grade: Curation.Grade | undefined
  readonly channels: ReadonlyArray<MarketChannel>
}

interface SantriFacts {
  readonly nspp: Identifier.Nspp
  readonly venture: boolean
  readonly graduated: boolean
}

/** The facts the dashboard counts. */
export interface State {
  readonly pesantren: Entries<Identifier.Nspp, PesantrenFacts>
  readonly products: Entries<ProductId, ProductFacts>
  readonly santri: Entries<SantriId, SantriFacts>
}

/** No facts yet. */
export const initialState: State = { pesantren: noEntries(), products: noEntries(), santri: noEntries() }

/** The dashboard's facts after one more event. */
export const apply = (state: State, event: OpopEvent): State => {
  switch (event._tag) {
    case "PesantrenRegistered":
      return StateEntries.insertNew(state, "pesantren", event.nspp, {
        regionCode: event.regionCode,
        santriCount: event.santriCount,
        verified: false,
        suspended: false,
        flagship: undefined
      })
    case "PesantrenVerified":
      return StateEntries.update(state, "pesantren", event.nspp, (facts) => ({ ...facts, verified: true }))
    case "PesantrenSuspended":
      return StateEntries.update(state, "pesantren", event.nspp, (facts) => ({ ...facts, suspended: true }))
    case "PesantrenReinstated":
      return StateEntries.update(state, "pesantren", event.nspp, (facts) => ({ ...facts, suspended: false }))
    case "FlagshipDesignated":
      return StateEntries.update(state, "pesantren", event.nspp, (facts) => ({ ...facts, flagship: event.productId }))
    case "FlagshipRetired":
      return StateEntries.update(state, "pesantren", event.nspp, (facts) =>
        facts.flagship === event.productId ? { ...facts, flagship: undefined } : facts
      )
    case "ProductProposed":
      return StateEntries.insertNew(state, "products", event.productId, {
        nspp: event.nspp,
        category: event.category,
        grade: undefined,
        channels: []
      })
    case "ProductSubmittedForCuration":
      return StateEntries.update(state, "products", event.productId, (facts) => ({ ...facts, grade: undefined }))
    case "ProductCurated":
      return StateEntries.update(state, "products", event.productId, (facts) => ({ ...facts, grade: event.grade }))
    case "ProductMarketed":
    case "ProductWithdrawnFromMarket":
      return StateEntries.update(state, "products", event.productId, (facts) => withChannelEvent(facts, event))
    case "SantripreneurEnrolled":
      return StateEntries.insertNew(state, "santri", event.santriId, { nspp: event.nspp, venture: false, graduated: false })
    case "VentureStarted":
      return StateEntries.update(state, "santri", event.santriId, (facts) => ({ ...facts, venture: true }))
    case "SantripreneurGraduated":
      return StateEntries.update(state, "santri", event.santriId, (facts) => ({ ...facts, graduated: true }))
    default:
      return state
  }
}

/** `apply` for recorded events, and for a sequence of events. */
export const { applyAll, applyRecorded } = folds(apply)

const zeroCounts = <K extends string>(keys: ReadonlyArray<K>): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>

const count = (state: State, inRegion: (code: Region.RegionCode) => boolean) => {
  const pesantren = valuesOf(state.pesantren).filter((facts) => inRegion(facts.regionCode))
  const regionOf = (nspp: Identifier.Nspp) => lookup(state.pesantren, nspp)?.regionCode
  const counted = (nspp: Identifier.Nspp) => {
    const code = regionOf(nspp)
    return code !== undefined && inRegion(code)
  }
  const products = valuesOf(state.products).filter((facts) => counted(facts.nspp))
  const santri = valuesOf(state.santri).filter((facts) => counted(facts.nspp))
  const byCategory = zeroCounts(ProductCategory.categories)
  const byGrade = zeroCounts(Curation.grades)
  for (const facts of products) {
    byCategory[facts.category] += 1
    if (facts.grade !== undefined) byGrade[facts.grade] += 1
  }
  return {
    pesantren: {
      registered: pesantren.length,
      verified: pesantren.filter((facts) => facts.verified).length,
      suspended: pesantren.filter((facts) => facts.suspended).length,
      santri: pesantren.reduce((sum, facts) => sum + facts.santriCount, 0)
    },
    products: {
      total: products.length,
      byCategory,
      byGrade,
      marketed: products.filter((facts) => facts.channels.length > 0).length
    },
    activeFlagships: pesantren.filter((facts) => facts.flagship !== undefined).length,
    santripreneurs: {
      enrolled: santri.length,
      withVenture: santri.filter((facts) => facts.venture).length,
      graduated: santri.filter((facts) => facts.graduated).length
    }
  }
}

/**
 * The dashboard of one kabupaten/kota. Products and santri of pesantren whose registration has
 * not been seen yet count nowhere.
 */
export const forRegion = (state: State, regionCode: Region.RegionCode): Dashboard => ({
  regionCode,
  regionName: Region.displayName(regionCode),
  ...count(state, (code) => code === regionCode)
})

/** The dashboards of all 38 kabupaten/kota, in code order. */
export const all = (state: State): ReadonlyArray<Dashboard> => Region.codes.map((code) => forRegion(state, code))

/** The province's totals: the sum of every kabupaten/kota. */
export const province = (state: State): Dashboard => ({
  regionCode: undefined,
  regionName: "Provinsi Jawa Timur",
  ...count(state, () => true)
})

/** Who sees a dashboard: everyone (aggregates, without personal data). */
export const visibleTo: Visibility.ReadPolicy<Dashboard> = Visibility.everyone
