/**
 * Shared test data (as `@jatim/opop`'s own tests have it): two pesantren, their admins, the
 * Dinas, a curator, curation scores, and the facts a command carries that only a read of a
 * stream issues (`FlagshipCandidate`, `PesantrenStanding`), read here from an in-memory store
 * through the same public `read` as the command layer.
 */
import { Effect, Option } from "effect"
import { type EventStore, InMemoryEventStore, TypedEventStore } from "@jatim/eventstore"
import { Actor, CalendarDate, Identifier, Rupiah } from "@jatim/kernel"
import {
  Curation,
  FlagshipCandidate,
  OpopEvent,
  Pesantren,
  PesantrenEvent,
  PesantrenStanding,
  Product,
  ProductEvent,
  type ProductId
} from "@jatim/opop"

export const nspp = Identifier.Nspp.make("510035170001")
export const otherNspp = Identifier.Nspp.make("510035780002")
export const nik = Identifier.NikKoperasi.make("3517010000000001")
export const otherNik = Identifier.NikKoperasi.make("3578010000000002")

export const dinas: Actor.Actor = Actor.DinasOfficer.make({ officerId: "dinas-01" })
export const curator: Actor.Actor = Actor.Curator.make({ curatorId: "kurator-07" })
export const admin: Actor.Actor = Actor.PesantrenAdmin.make({ nspp })
export const otherAdmin: Actor.Actor = Actor.PesantrenAdmin.make({ nspp: otherNspp })

/** Scores with the given total (6 to 18), filled from the first criterion on. */
export const scoresTotalling = (total: number): Curation.Scores => {
  let rest = total - 6
  const score = (): Curation.Score => {
    const extra = Math.min(2, rest)
    rest -= extra
    return (1 + extra) as Curation.Score
  }
  return {
    businessLegality: score(),
    productLegality: score(),
    qualityAndCapacity: score(),
    packaging: score(),
    marketNetwork: score(),
    competitiveness: score()
  }
}

/** Runs `read` on an in-memory store holding `events` on `streamName`. */
const readFromEvents = <A, E>(
  streamName: string,
  events: ReadonlyArray<OpopEvent.OpopEvent>,
  read: Effect.Effect<A, E, EventStore.EventStore>
): A =>
  Effect.runSync(
    Effect.gen(function*() {
      const store = yield* TypedEventStore.make(OpopEvent.codec)
      if (events.length > 0) yield* store.appendToStream(streamName, events.map((event) => ({ event })))
      return yield* read
    }).pipe(Effect.provide(InMemoryEventStore.layer()), Effect.orDie)
  )

/**
 * The flagship candidate `FlagshipCandidate.read` reads from a stream where `owner` proposed
 * `productId` and a curator graded it `grade` (`null`: not curated).
 */
export const candidate = (
  productId: ProductId.ProductId,
  grade: Curation.Grade | null = "BERKEMBANG",
  owner: Identifier.Nspp = nspp
): FlagshipCandidate.FlagshipCandidate => {
  const score = grade === "PEMULA" ? 1 : grade === "BERKEMBANG" ? 2 : 3
  const scores: Curation.Scores = {
    businessLegality: score,
    productLegality: score,
    qualityAndCapacity: score,
    packaging: score,
    marketNetwork: score,
    competitiveness: score
  }
  const proposed = new ProductEvent.ProductProposed({
    productId,
    nspp: owner,
    name: "Produk Santri",
    category: "KERAJINAN",
    description: "Produk unggulan pesantren",
    unitPrice: Rupiah.unsafeMake(25_000),
    monthlyCapacity: 500
  })
  const curated = grade === null ? [] : [
    new ProductEvent.ProductSubmittedForCuration({ productId }),
    new ProductEvent.ProductCurated({
      productId,
      scores,
      total: Curation.total(scores),
      grade,
      curatorId: "kurator-01",
      curatedOn: CalendarDate.unsafeMake("2024-01-15")
    })
  ]
  return Option.getOrThrow(readFromEvents(Product.streamName(productId), [proposed, ...curated], FlagshipCandidate.read(productId)))
}

/** The standing `PesantrenStanding.read` reads for `of`: registered (the default). */
export const standing = (of: Identifier.Nspp = nspp): PesantrenStanding.PesantrenStanding =>
  readFromEvents(
    Pesantren.streamName(of),
    [new PesantrenEvent.PesantrenRegistered({ nspp: of, name: "Pondok Pesantren Santri", regionCode: "35.17", pengasuh: "KH. Abdul Hakim", santriCount: 100 })],
    PesantrenStanding.read(of)
  )
