import { Effect, Either } from "effect"
import { GlobalPosition, StreamName } from "@jatim/eventstore"
import { describe, expect, it } from "vitest"
import * as Aggregates from "../src/workload/Aggregates.js"
import * as Province from "../src/workload/Province.js"

/** The events of a generation as plain data: stream, version, type and encoded data. */
const asData = (events: ReadonlyArray<Province.WorkloadEvent>) =>
  events.map((item) => {
    const encoded = Effect.runSync(Province.toNewEvent(item, `${item.streamName}@${item.version}`))
    return { streamName: item.streamName, version: item.version, type: encoded.type, data: encoded.data }
  })

/** Replays one aggregate's streams through its decider's `evolve`: whether each event changed its stream's state. */
const replayer = <C extends Aggregates.Command, E extends { readonly _tag: string }, S, Err>(
  aggregate: Aggregates.Aggregate<C, E, S, Err>
) => {
  const states = new Map<string, S>()
  return (streamName: string, event: E): boolean => {
    const before = states.get(streamName) ?? aggregate.decider.initialState
    const after = aggregate.decider.evolve(before, event)
    states.set(streamName, after)
    return after !== before
  }
}

/** A replayer for each aggregate's events. */
type Replayers = { readonly [A in Aggregates.AggregateName]: (streamName: string, event: Aggregates.EventOf<A>) => boolean }

/** Replays `item` through the replayer of its aggregate. */
const replayed = <A extends Aggregates.AggregateName>(replay: Replayers, item: Province.WorkloadEvent<A>): boolean =>
  replay[item.aggregate](item.streamName, item.event)

/** The event as the store would give it back: encoded by `toNewEvent`, stored, decoded by its codec. */
const roundTrip = <A extends Aggregates.AggregateName>(item: Province.WorkloadEvent<A>): Aggregates.EventOf<A> => {
  const encoded = Effect.runSync(Province.toNewEvent(item, "e"))
  const recorded = Effect.runSync(
    item.codec.decode({
      streamName: Either.getOrThrow(StreamName.parse(item.streamName)),
      streamVersion: item.version,
      globalPosition: GlobalPosition.make(0, item.version),
      eventId: encoded.eventId,
      type: encoded.type,
      data: encoded.data,
      metadata: { occurredAt: item.occurredAt, schemaVersion: encoded.metadata?.schemaVersion ?? 1 }
    })
  )
  return recorded.data
}

const generated = (seed: number, events: number) => Array.from(Province.generate({ seed, events }))

// Generating a few thousand events takes seconds on a busy machine: room enough, never a measure.
const timeout = 120_000

describe("the province workload", () => {
  it("is the same for the same seed and size, and another for another seed", { timeout }, () => {
    const first = asData(generated(11, 1500))
    expect(first).toHaveLength(1500)
    expect(asData(generated(11, 1500))).toEqual(first)
    expect(asData(generated(12, 1500))).not.toEqual(first)
  })

  it("puts each stream's events in version order, and each one changes the state its stream's decider folds", { timeout }, () => {
    const events = generated(5, 6000)
    const replay: Replayers = {
      pesantren: replayer(Aggregates.pesantren),
      product: replayer(Aggregates.product),
      santripreneur: replayer(Aggregates.santripreneur),
      course: replayer(Aggregates.course),
      learner: replayer(Aggregates.learner),
      enrollment: replayer(Aggregates.enrollment),
      umkm: replayer(Aggregates.umkm),
      koperasi: replayer(Aggregates.koperasi),
      listing: replayer(Aggregates.listing),
      order: replayer(Aggregates.order)
    }
    const versions = new Map<string, number>()
    const unchanged: Array<string> = []
    for (const item of events) {
      expect(item.version).toBe((versions.get(item.streamName) ?? 0) + 1)
      versions.set(item.streamName, item.version)
      const changed = replayed(replay, item)
      if (!changed) unchanged.push(`${item.streamName}@${item.version} ${item.event._tag}`)
    }
    expect(unchanged).toEqual([])
  })

  it("encodes every event with its codec and decodes it back to the same event", { timeout }, () => {
    for (const item of generated(8, 2000)) {
      const decoded = roundTrip(item)
      expect(decoded).toEqual(item.event)
    }
  })

  it("mixes the four programs in about the shares of the province, every read model's events among them", { timeout }, () => {
    const generation = Province.generate({ seed: 3, events: 12_000 })
    const types = new Set(Array.from(generation, (item) => `${item.aggregate}.${item.event._tag}`))
    const { events } = generation.stats()
    for (const program of Province.programs) {
      expect(events[program] / 12_000).toBeGreaterThan(Province.mix[program] / 2)
      expect(events[program] / 12_000).toBeLessThan(Province.mix[program] * 1.6)
    }
    for (const type of [
      "pesantren.PesantrenRegistered",
      "pesantren.PesantrenVerified",
      "pesantren.KopontrenLinked",
      "pesantren.FlagshipDesignated",
      "product.ProductProposed",
      "product.CertificateAdded",
      "product.ProductCurated",
      "product.ProductMarketed",
      "santripreneur.SantripreneurEnrolled",
      "course.CoursePublished",
      "learner.LearnerRegistered",
      "learner.LinkConfirmed",
      "enrollment.Enrolled",
      "enrollment.LessonCompleted",
      "enrollment.QuizAttempted",
      "enrollment.ModulePassed",
      "enrollment.EnrollmentCompleted",
      "umkm.UmkmRegistered",
      "umkm.LegalityVerified",
      "umkm.TrainingRecorded",
      "umkm.ListingApproved",
      "umkm.StorefrontOpened",
      "umkm.OnboardingCompleted",
      "koperasi.PrimaryKoperasiRegistered",
      "koperasi.SecondaryKoperasiRegistered",
      "koperasi.NetworkJoined",
      "listing.ListingCreated",
      "listing.StockReserved",
      "listing.StockCommitted",
      "order.OrderPlaced",
      "order.OrderAccepted",
      "order.OrderShipped",
      "order.OrderDelivered",
      "order.OrderInvoiced",
      "order.PaymentRecorded",
      "order.OrderSettled"
    ]) {
      expect(types).toContain(type)
    }
  })
})
