import { Effect, Either } from "effect"
import { type EventCodec, GlobalPosition, StreamName } from "@jatim/eventstore"
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
  return {
    apply: (streamName: string, event: E): boolean => {
      const before = states.get(streamName) ?? aggregate.decider.initialState
      const after = aggregate.decider.evolve(before, event)
      states.set(streamName, after)
      return after !== before
    }
  }
}

/** The event as the store would give it back: encoded by `toNewEvent`, stored, decoded by its codec. */
const roundTrip = <E extends { readonly _tag: string }>(
  codec: EventCodec.EventCodec<E>,
  item: Province.WorkloadEvent & { readonly event: E }
): E => {
  const encoded = Effect.runSync(Province.toNewEvent(item, "e"))
  const recorded = Effect.runSync(
    codec.decode({
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
    const replay = {
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
      const changed = (() => {
        switch (item.aggregate) {
          case "pesantren":
            return replay.pesantren.apply(item.streamName, item.event)
          case "product":
            return replay.product.apply(item.streamName, item.event)
          case "santripreneur":
            return replay.santripreneur.apply(item.streamName, item.event)
          case "course":
            return replay.course.apply(item.streamName, item.event)
          case "learner":
            return replay.learner.apply(item.streamName, item.event)
          case "enrollment":
            return replay.enrollment.apply(item.streamName, item.event)
          case "umkm":
            return replay.umkm.apply(item.streamName, item.event)
          case "koperasi":
            return replay.koperasi.apply(item.streamName, item.event)
          case "listing":
            return replay.listing.apply(item.streamName, item.event)
          case "order":
            return replay.order.apply(item.streamName, item.event)
        }
      })()
      if (!changed) unchanged.push(`${item.streamName}@${item.version} ${item.event._tag}`)
    }
    expect(unchanged).toEqual([])
  })

  it("encodes every event with its codec and decodes it back to the same event", { timeout }, () => {
    for (const item of generated(8, 2000)) {
      const decoded = (() => {
        switch (item.aggregate) {
          case "pesantren":
            return roundTrip(item.codec, item)
          case "product":
            return roundTrip(item.codec, item)
          case "santripreneur":
            return roundTrip(item.codec, item)
          case "course":
            return roundTrip(item.codec, item)
          case "learner":
            return roundTrip(item.codec, item)
          case "enrollment":
            return roundTrip(item.codec, item)
          case "umkm":
            return roundTrip(item.codec, item)
          case "koperasi":
            return roundTrip(item.codec, item)
          case "listing":
            return roundTrip(item.codec, item)
          case "order":
            return roundTrip(item.codec, item)
        }
      })()
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
