/**
 * Facts that are only ever read from a stream (`FlagshipCandidate`, `PesantrenStanding`), read
 * from a fresh in-memory store that holds the given events: how the arbitraries and the tests
 * obtain them, through the same `read` as the command layer, never by constructing them.
 */
import { Effect, Option } from "effect"
import { type EventStore, InMemoryEventStore, TypedEventStore } from "@jatim/eventstore"
import { CalendarDate, type Identifier, Rupiah } from "@jatim/kernel"
import * as Curation from "../Curation.js"
import * as FlagshipCandidate from "../FlagshipCandidate.js"
import { codec, type OpopEvent } from "../OpopEvent.js"
import * as Pesantren from "../Pesantren.js"
import { PesantrenRegistered, PesantrenSuspended } from "../PesantrenEvent.js"
import * as PesantrenStanding from "../PesantrenStanding.js"
import * as Product from "../Product.js"
import { ProductCurated, ProductProposed, ProductSubmittedForCuration } from "../ProductEvent.js"
import type { ProductId } from "../ProductId.js"

/** Runs `read` on an in-memory store holding `events` on `streamName`. */
export const readFromEvents = <A, E>(
  streamName: string,
  events: ReadonlyArray<OpopEvent>,
  read: Effect.Effect<A, E, EventStore.EventStore>
): A =>
  Effect.runSync(
    Effect.gen(function* () {
      const store = yield* TypedEventStore.make(codec)
      if (events.length > 0)
        yield* store.appendToStream(
          streamName,
          events.map((event) => ({ event }))
        )
      return yield* read
    }).pipe(Effect.provide(InMemoryEventStore.layer()), Effect.orDie)
  )

const scoresOf = (grade: Curation.Grade): Curation.Scores => {
  const score = grade === "PEMULA" ? 1 : grade === "BERKEMBANG" ? 2 : 3
  return {
    businessLegality: score,
    productLegality: score,
    qualityAndCapacity: score,
    packaging: score,
    marketNetwork: score,
    competitiveness: score
  }
}

/**
 * The candidate `FlagshipCandidate.read` reads from a stream where pesantren `nspp` proposed
 * `productId` and, when `grade` is given, a curator graded it so (a kerajinan, curated on
 * 2024-01-15).
 */
export const candidateOf = (facts: {
  readonly productId: ProductId
  readonly nspp: Identifier.Nspp
  readonly grade: Curation.Grade | undefined
}): FlagshipCandidate.FlagshipCandidate => {
  const { grade, nspp, productId } = facts
  const proposed = new ProductProposed({
    productId,
    nspp,
    name: "Produk Santri",
    category: "KERAJINAN",
    description: "Produk unggulan pesantren",
    unitPrice: Rupiah.unsafeMake(25_000),
    monthlyCapacity: 500
  })
  const curated =
    grade === undefined
      ? []
      : [
          new ProductSubmittedForCuration({ productId }),
          new ProductCurated({
            productId,
            scores: scoresOf(grade),
            total: Curation.total(scoresOf(grade)),
            grade,
            curatorId: "kurator-01",
            curatedOn: CalendarDate.unsafeMake("2024-01-15")
          })
        ]
  const candidate = readFromEvents(Product.streamName(productId), [proposed, ...curated], FlagshipCandidate.read(productId))
  return Option.getOrThrow(candidate)
}

/** The standing `PesantrenStanding.read` reads from a stream where `nspp` is registered (or not), perhaps suspended. */
export const standingOf = (facts: {
  readonly nspp: Identifier.Nspp
  readonly registered: boolean
  readonly suspension?: string | undefined
}): PesantrenStanding.PesantrenStanding => {
  const { nspp } = facts
  const events: ReadonlyArray<OpopEvent> = !facts.registered
    ? []
    : [
        new PesantrenRegistered({
          nspp,
          name: "Pondok Pesantren Santri",
          regionCode: "35.17",
          pengasuh: "KH. Abdul Hakim",
          santriCount: 100
        }),
        ...(facts.suspension === undefined ? [] : [new PesantrenSuspended({ nspp, reason: facts.suspension })])
      ]
  return readFromEvents(Pesantren.streamName(nspp), events, PesantrenStanding.read(nspp))
}
