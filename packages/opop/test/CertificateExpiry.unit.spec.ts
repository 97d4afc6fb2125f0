import { describe, expect, it } from "@effect/vitest"
import { type Duration, Effect, Exit, Layer, Scope, TestClock } from "effect"
import { EventStoreUnavailable, InMemoryEventStore, LeaderElection, TypedEventStore } from "@jatim/eventstore"
import { Certificate, CertificateExpiry, Commands, ExpiringCertificates, Product, ProductCommand, type ProductEvent } from "../src/index.js"
import { admin, bpom, certified, curated, date, halal, keripik, kopi, pirt, proposed, submitted } from "./fixtures.js"
import { ProductMarketed } from "../src/ProductEvent.js"
import { Arbitraries } from "../src/testing.js"

/** An instant of a WIB day: `hour` o'clock WIB on `day`. */
const wib = (day: string, hour = 10) => Date.parse(`${day}T00:00:00+07:00`) + hour * 3_600_000

const marketed = (productId = keripik) => new ProductMarketed({ productId, channel: "OPOP_MART", since: date("2024-06-01") })

/** A food product on OPOP Mart with the fixture halal (dated, under the old law) and P-IRT (valid through 2027-01-14). */
const onTheMarket = [
  proposed(keripik),
  certified(keripik, halal),
  certified(keripik, pirt),
  submitted(keripik),
  curated(keripik, 14),
  marketed()
]

const given = (productId: typeof keripik, events: ReadonlyArray<ProductEvent.ProductEvent>) =>
  Effect.flatMap(TypedEventStore.make(Product.codec), (store) =>
    store.appendToStream(
      Product.streamName(productId),
      events.map((event) => ({ event }))
    )
  )

/** Where most tests start: the clock at `instant`, the keripik `onTheMarket`. */
const onTheMarketAt = (instant: number) => Effect.zipRight(TestClock.setTime(instant), given(keripik, onTheMarket))

const streamOf = (productId: typeof keripik) =>
  Effect.flatMap(TypedEventStore.make(Product.codec), (store) =>
    Effect.map(store.readStream(Product.streamName(productId)), (result) => result.events)
  )

const tagsOf = (productId: typeof keripik) => Effect.map(streamOf(productId), (events) => events.map((recorded) => recorded.data._tag))

const layer = Layer.merge(InMemoryEventStore.layer(), LeaderElection.layerInMemory)

/** Waits (in real time, briefly) until `sleepers` fibers sleep on the `TestClock`: the scheduler has swept and waits for the next day. */
const untilAsleep = (sleepers: number) =>
  Effect.gen(function* () {
    for (let i = 0; i < 200 && (yield* TestClock.sleeps()).length < sleepers; i++) {
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 10)))
    }
  })

/** Moves the `TestClock` by `duration`, then lets the fibers it woke finish their work (a sweep). */
const advance = (duration: Duration.DurationInput, sleepers = 1) => Effect.zipRight(TestClock.adjust(duration), untilAsleep(sleepers))

/** Starts the scheduler in a scope of its own (an instance), returning the scope to close (a stop). */
const startInstance = (sleepers = 1) =>
  Effect.gen(function* () {
    const scope = yield* Scope.make()
    yield* CertificateExpiry.run().pipe(Scope.extend(scope))
    yield* untilAsleep(sleepers)
    return scope
  })

describe("CertificateExpiry: certificates expire by themselves", () => {
  it.effect("records the expiry at the start of the WIB day after the last valid day, and takes the product off the market", () =>
    Effect.gen(function* () {
      yield* onTheMarketAt(wib("2027-01-14"))
      const instance = yield* startInstance()
      // Still valid on its last day.
      expect(yield* tagsOf(keripik)).not.toContain("CertificateExpired")
      // Midnight WIB: 14 hours later.
      yield* advance("14 hours")
      const events = yield* streamOf(keripik)
      const added = events.slice(onTheMarket.length)
      expect(added.map((recorded) => recorded.data)).toEqual([
        expect.objectContaining({ _tag: "CertificateExpired", kind: "PIRT", number: pirt.number, validUntil: "2027-01-14" }),
        expect.objectContaining({ _tag: "ProductWithdrawnFromMarket", channel: "OPOP_MART" })
      ])
      expect(
        added.every((recorded) => recorded.metadata.causationId === `${CertificateExpiry.name}:${keripik}:PIRT:${pirt.number}:2027-01-14`)
      ).toBe(true)
      expect(added[0]?.metadata.actor).toEqual({ role: "DINAS_OFFICER", id: CertificateExpiry.name })
      // Days go by: nothing more is recorded.
      yield* advance("3 days")
      expect((yield* streamOf(keripik)).length).toBe(onTheMarket.length + 2)
      yield* Scope.close(instance, Exit.void)
    }).pipe(Effect.provide(layer))
  )

  it.effect("at most once per certificate: a restart, a second instance or the same expiry issued again records nothing more", () =>
    Effect.gen(function* () {
      yield* onTheMarketAt(wib("2027-01-15", 6))
      // Down over the midnight: the first sweep of a start records what was missed, at once.
      const first = yield* startInstance()
      const second = yield* startInstance(2)
      const after = yield* tagsOf(keripik)
      expect(after.filter((tag) => tag === "CertificateExpired")).toHaveLength(1)
      yield* Scope.close(first, Exit.void)
      yield* Scope.close(second, Exit.void)
      const restarted = yield* startInstance()
      yield* advance("2 days")
      expect(yield* tagsOf(keripik)).toEqual(after)
      // The same certificate's expiry issued again by hand (a redelivery) is skipped by its causation id.
      const entry = {
        productId: keripik,
        kind: "PIRT" as const,
        number: pirt.number,
        issuedOn: pirt.issuedOn,
        validUntil: date("2027-01-14")
      }
      expect(yield* CertificateExpiry.expire([entry, entry])).toBe(0)
      expect(yield* tagsOf(keripik)).toEqual(after)
      yield* Scope.close(restarted, Exit.void)
    }).pipe(Effect.provide(layer))
  )

  it.effect("until a valid certificate is added: the product is marketed again only with its renewal", () =>
    Effect.gen(function* () {
      yield* onTheMarketAt(wib("2027-01-15", 6))
      const scheduler = yield* CertificateExpiry.make
      expect(yield* scheduler.sweep).toMatchObject({ on: "2027-01-15", lapsed: 1, recorded: 1 })
      const market = new ProductCommand.MarketProduct({ actor: admin, productId: keripik, channel: "OPOP_MART" })
      const refused = yield* Effect.flip(Commands.product(market))
      expect(refused._tag).toBe("CertificationRequired")
      // A P-IRT's number must agree with its issue date: one issued in 2027 ends in 32 (valid until 2032).
      expect(Certificate.pirtNumberProblem(pirt.number, date("2027-01-15"))).toContain("2032")
      const renewed = Certificate.PirtSubmission.make({
        _tag: "PIRT",
        number: Arbitraries.pirtNumber(date("2027-01-15")),
        issuedOn: date("2027-01-15")
      })
      yield* Commands.product(new ProductCommand.AddCertificate({ actor: admin, productId: keripik, certificate: renewed })).pipe(
        Effect.orDie
      )
      yield* Commands.product(market).pipe(Effect.orDie)
      expect((yield* tagsOf(keripik)).at(-1)).toBe("ProductMarketed")
      // Swept again: the renewal is in force, nothing to record.
      expect(yield* scheduler.sweep).toMatchObject({ on: "2027-01-15", lapsed: 0, recorded: 0 })
    }).pipe(Effect.provide(layer))
  )

  it.effect(
    "given a read model's due list, it sweeps what the read model lists on the Clock's instant; a read model that fails fails the sweep",
    () =>
      Effect.gen(function* () {
        yield* onTheMarketAt(wib("2027-01-15", 6))
        const asked: Array<number> = []
        const readModel = ExpiringCertificates.applyAll(ExpiringCertificates.initialState, onTheMarket)
        const due = CertificateExpiry.dueFrom(
          (now: number) => Effect.sync(() => asked.push(now)).pipe(Effect.as(ExpiringCertificates.lapsed(readModel, now))),
          (error: never) => error
        )
        expect(yield* CertificateExpiry.makeWith(due).sweep).toMatchObject({ on: "2027-01-15", lapsed: 1, recorded: 1 })
        expect(asked).toEqual([wib("2027-01-15", 6)])
        expect((yield* tagsOf(keripik)).filter((tag) => tag === "CertificateExpired")).toHaveLength(1)

        const unavailable = CertificateExpiry.dueFrom(
          () => Effect.fail("the read model's database is down"),
          (reason) => new EventStoreUnavailable({ operation: "read the lapsed certificates", reason })
        )
        const error = yield* Effect.flip(CertificateExpiry.makeWith(unavailable).sweep)
        expect(error).toMatchObject({ _tag: "EventStoreUnavailable", reason: "the read model's database is down" })
      }).pipe(Effect.provide(layer))
  )

  it.effect("a halal certificate without a term never expires; one issued with a date keeps it", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(wib("2024-06-01"))
      const undated = Certificate.Halal.make({ number: halal.number, issuedOn: date("2024-05-01") })
      yield* given(kopi, [proposed(kopi, "MINUMAN"), certified(kopi, undated), certified(kopi, bpom)])
      yield* given(keripik, [proposed(keripik), certified(keripik, halal)])
      const scheduler = yield* CertificateExpiry.make
      yield* TestClock.setTime(wib("2040-01-01"))
      yield* scheduler.sweep
      const kopiEvents = yield* streamOf(kopi)
      expect(kopiEvents.map((recorded) => recorded.data).filter((event) => event._tag === "CertificateExpired")).toEqual([
        expect.objectContaining({ kind: "BPOM" })
      ])
      expect(yield* tagsOf(keripik)).toContain("CertificateExpired")
    }).pipe(Effect.provide(layer))
  )
})
