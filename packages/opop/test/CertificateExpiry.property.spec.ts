/**
 * The certificate expiry scheduler as a property (adr/0085): over generated products, certificates
 * and schedules of clock moves, restarts, downtimes, overlapping instances, hand-issued
 * redeliveries, renewals and re-marketing, every certificate's expiry is recorded exactly once
 * once its last valid day has passed in WIB (at most once, and not missed), never before, never
 * for a halal certificate without a term, and the product is off the market exactly when the
 * market rule breaks.
 *
 * The instances run on the `TestClock` through an instrumented `Clock` (one per instance), so the
 * test knows when each instance is asleep and until when; it moves the clock only while every
 * instance sleeps, to the next wake-up at a time, so a sweep never straddles a move of the clock.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Duration, Effect, Either, Exit, FastCheck as fc, Layer, Scope, TestClock } from "effect"
import { InMemoryEventStore, LeaderElection, TypedEventStore } from "@jatim/eventstore"
import { CalendarDate, Identifier } from "@jatim/kernel"
import {
  Certificate,
  CertificateExpiry,
  Commands,
  type ExpiringCertificates,
  MarketChannel,
  Product,
  ProductCommand,
  ProductEvent,
  ProductId
} from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { admin, certified, curated, proposed, submitted } from "./fixtures.js"

const hourMillis = 3_600_000
const dayMillis = 24 * hourMillis

/** The WIB day (UTC+7, no daylight saving) of an instant, computed apart from `CalendarDate`. */
const wibDayOf = (millis: number): CalendarDate.CalendarDate =>
  CalendarDate.unsafeMake(new Date(millis + 7 * hourMillis).toISOString().slice(0, 10))

/** The instant the WIB day after the one of `millis` begins. */
const nextWibMidnight = (millis: number): number => Date.parse(`${wibDayOf(millis)}T00:00:00+07:00`) + dayMillis

// --- Generated inputs -------------------------------------------------------------------------

/** The kinds generated: every kind that expires, and a halal certificate without a term (never expires). */
type Kind = "HALAL" | "HALAL_UNDATED" | "PIRT" | "BPOM" | "TRADEMARK" | "SNI"

interface CertificateSpec {
  readonly kind: Kind
  /** Its last valid day, in days from the start day (negative: lapsed before the first start). */
  readonly lastValidDay: number
}

interface ProductSpec {
  readonly category: "MAKANAN" | "MINUMAN" | "KERAJINAN"
  readonly certificates: ReadonlyArray<CertificateSpec>
  /** The channels it is on at the start, if the market rule then holds. */
  readonly channels: ReadonlyArray<MarketChannel.MarketChannel>
}

type Step =
  /** The clock moves on, the leader sweeping at each WIB midnight. */
  | { readonly _tag: "Advance"; readonly minutes: number }
  /** Every instance stops, the clock moves on, one starts again. */
  | { readonly _tag: "Downtime"; readonly minutes: number }
  /** The instance stops and a new one starts on the same store. */
  | { readonly _tag: "Restart" }
  /**
   * A second instance runs with the first (or, `fresh`, two start at once) for `millis`, then
   * instance `stop` (0 the older) stops, and the clock moves on until the other has taken over.
   */
  | { readonly _tag: "Overlap"; readonly fresh: boolean; readonly millis: number; readonly stop: 0 | 1 }
  /**
   * The expiries of the certificates past their last valid day are issued again by hand, with
   * the scheduler's causation ids (a redelivery), `twice` at once; `atMidnight`: with those whose
   * last valid day is today as well, while the clock moves to the midnight they lapse at.
   */
  | { readonly _tag: "Reissue"; readonly atMidnight: boolean; readonly twice: boolean }
  /** Its pesantren adds a renewal of one of a product's certificates (a P-IRT's is a new number). */
  | { readonly _tag: "Renew"; readonly product: number; readonly certificate: number; readonly days: number; readonly undated: boolean }
  /** Its pesantren markets a product on a channel (again). */
  | { readonly _tag: "Remarket"; readonly product: number; readonly channel: MarketChannel.MarketChannel }

interface Scenario {
  readonly startDay: CalendarDate.CalendarDate
  readonly startMinute: number
  readonly products: ReadonlyArray<ProductSpec>
  readonly steps: ReadonlyArray<Step>
}

const kind: fc.Arbitrary<Kind> = fc.oneof(
  { weight: 3, arbitrary: fc.constant("HALAL" as const) },
  { weight: 1, arbitrary: fc.constant("HALAL_UNDATED" as const) },
  { weight: 2, arbitrary: fc.constant("PIRT" as const) },
  { weight: 2, arbitrary: fc.constant("BPOM" as const) },
  { weight: 1, arbitrary: fc.constant("TRADEMARK" as const) },
  { weight: 1, arbitrary: fc.constant("SNI" as const) }
)

const productSpec: fc.Arbitrary<ProductSpec> = fc.record({
  category: fc.constantFrom("MAKANAN", "MINUMAN", "KERAJINAN"),
  certificates: fc.array(fc.record({ kind, lastValidDay: fc.integer({ min: -3, max: 12 }) }), { minLength: 1, maxLength: 3 }),
  channels: fc.subarray([...MarketChannel.channels], { minLength: 1, maxLength: 2 })
})

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ _tag: fc.constant("Advance" as const), minutes: fc.integer({ min: 1, max: 60 * 60 }) }) },
  { weight: 1, arbitrary: fc.record({ _tag: fc.constant("Downtime" as const), minutes: fc.integer({ min: 1, max: 72 * 60 }) }) },
  { weight: 1, arbitrary: fc.constant({ _tag: "Restart" as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      _tag: fc.constant("Overlap" as const),
      fresh: fc.boolean(),
      millis: fc.integer({ min: 0, max: 300 }),
      stop: fc.constantFrom(0 as const, 1 as const)
    })
  },
  {
    weight: 2,
    arbitrary: fc.record({ _tag: fc.constant("Reissue" as const), atMidnight: fc.boolean(), twice: fc.boolean() })
  },
  {
    weight: 3,
    arbitrary: fc.record({
      _tag: fc.constant("Renew" as const),
      product: fc.nat(3),
      certificate: fc.nat(5),
      days: fc.integer({ min: 1, max: 10 }),
      undated: fc.boolean()
    })
  },
  {
    weight: 1,
    arbitrary: fc.record({
      _tag: fc.constant("Remarket" as const),
      product: fc.nat(3),
      channel: fc.constantFrom(...MarketChannel.channels)
    })
  }
)

const scenario: fc.Arbitrary<Scenario> = fc.record({
  // Across year ends and a leap day.
  startDay: CalendarDate.arbitraryBetween(CalendarDate.unsafeMake("2025-12-20"), CalendarDate.unsafeMake("2028-03-05")),
  startMinute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  products: fc.array(productSpec, { minLength: 1, maxLength: 4 }),
  // Ends with the clock moving on, so that more certificates lapse.
  steps: fc
    .tuple(fc.array(step, { minLength: 2, maxLength: 9 }), fc.integer({ min: 1, max: 10 * 24 * 60 }))
    .map(([steps, minutes]) => [...steps, { _tag: "Advance" as const, minutes }])
})

// --- The model --------------------------------------------------------------------------------

/** A certificate (one term of a number) a product was given, and when a renewal of its number replaced it. */
interface Held {
  readonly kind: Certificate.CertificateKind
  readonly number: string
  readonly issuedOn: CalendarDate.CalendarDate
  /** Its last valid day; none for a halal certificate without a term. */
  readonly validUntil: CalendarDate.CalendarDate | undefined
  supersededAt: number | undefined
}

interface ModelProduct {
  readonly id: ProductId.ProductId
  readonly food: boolean
  readonly held: Array<Held>
  readonly channels: Set<MarketChannel.MarketChannel>
}

/**
 * How many `CertificateExpired` events must name `held` at `now`: one once its last valid day has
 * passed (in WIB), unless a renewal of its number replaced it before that.
 */
const expectedExpiries = (held: Held, now: number): number =>
  held.validUntil !== undefined && held.validUntil < wibDayOf(Math.min(now, held.supersededAt ?? now)) ? 1 : 0

const validOn = (held: Held, day: CalendarDate.CalendarDate) =>
  held.supersededAt === undefined && held.issuedOn <= day && (held.validUntil === undefined || day <= held.validUntil)

/** The market rule (adr/0010): food and drink need a valid halal certificate and a valid P-IRT or BPOM registration. */
const meetsMarketRule = (product: ModelProduct, day: CalendarDate.CalendarDate): boolean =>
  !product.food ||
  (product.held.some((held) => held.kind === "HALAL" && validOn(held, day)) &&
    product.held.some((held) => (held.kind === "PIRT" || held.kind === "BPOM") && validOn(held, day)))

const certificateOf = (spec: CertificateSpec, start: CalendarDate.CalendarDate, tag: string): Certificate.Certificate => {
  const validUntil = CalendarDate.addDays(start, spec.lastValidDay)
  const issuedOn = CalendarDate.addDays(validUntil, -365)
  switch (spec.kind) {
    case "HALAL":
      return Certificate.Halal.make({ number: Identifier.HalalCertificateNumber.make(`ID351100001234${tag}`), issuedOn, validUntil })
    case "HALAL_UNDATED":
      return Certificate.Halal.make({
        number: Identifier.HalalCertificateNumber.make(`ID351100001234${tag}`),
        issuedOn: CalendarDate.addDays(start, -30)
      })
    case "PIRT": {
      // Valid 5 years from its issue: issued so that its last valid day is (about, leap days aside) the one drawn.
      const pirtIssuedOn = CalendarDate.addYears(CalendarDate.addDays(validUntil, 1), -Certificate.pirtValidityYears)
      return Certificate.Pirt.make({
        number: Arbitraries.pirtNumber(pirtIssuedOn, "3517", tag),
        issuedOn: pirtIssuedOn,
        validUntil: Certificate.pirtValidUntil(pirtIssuedOn)
      })
    }
    case "BPOM":
      return Certificate.Bpom.make({ number: Identifier.BpomNumber.make(`MD2245130012${tag}`), issuedOn, validUntil })
    case "TRADEMARK":
      return Certificate.Trademark.make({ number: Certificate.TrademarkNumber.make(`IDM0001234${tag}`), issuedOn, validUntil })
    case "SNI":
      return Certificate.Sni.make({ number: Certificate.SniCertificateNumber.make(`SPPT-SNI-${tag}/2024`), issuedOn, validUntil })
  }
}

const heldOf = (certificate: Certificate.Certificate): Held => ({
  kind: certificate._tag,
  number: certificate.number,
  issuedOn: certificate.issuedOn,
  validUntil: certificate.validUntil,
  supersededAt: undefined
})

// --- Instances on an instrumented clock -------------------------------------------------------

interface Instance {
  readonly id: number
  readonly scope: Scope.CloseableScope
  /** The instants its fibers sleep until on the `Clock`. */
  readonly asleep: Array<number>
  leading: boolean
}

interface Instances {
  readonly running: Array<Instance>
  started: number
  /** How often an instance became leader while another led. */
  doubleLeadership: number
}

/** The `Clock` of an instance: `clock`'s time, and its sleeps noted in `instance.asleep` while they last. */
const instrumented = (clock: Clock.Clock, instance: Instance): Clock.Clock => ({
  [Clock.ClockTypeId]: Clock.ClockTypeId,
  unsafeCurrentTimeMillis: () => clock.unsafeCurrentTimeMillis(),
  unsafeCurrentTimeNanos: () => clock.unsafeCurrentTimeNanos(),
  currentTimeMillis: clock.currentTimeMillis,
  currentTimeNanos: clock.currentTimeNanos,
  sleep: (duration) =>
    Effect.suspend(() => {
      const until = clock.unsafeCurrentTimeMillis() + Duration.toMillis(duration)
      instance.asleep.push(until)
      return Effect.ensuring(
        clock.sleep(duration),
        Effect.sync(() => instance.asleep.splice(instance.asleep.indexOf(until), 1))
      )
    })
})

/** The leader election of an instance: the shared one, noting when the instance leads. */
const observed = (election: LeaderElection.LeaderElection, instance: Instance, instances: Instances): LeaderElection.LeaderElection => ({
  lead: (name) =>
    Effect.tap(election.lead(name), () =>
      Effect.zipRight(
        Effect.addFinalizer(() => Effect.sync(() => (instance.leading = false))),
        Effect.sync(() => {
          if (instances.running.some((other) => other.leading)) instances.doubleLeadership++
          instance.leading = true
        })
      )
    )
})

/** Starts an instance of the scheduler in a scope of its own, on the test's store and clock. */
const start = (instances: Instances) =>
  Effect.gen(function* () {
    const instance: Instance = { id: instances.started++, scope: yield* Scope.make(), asleep: [], leading: false }
    instances.running.push(instance)
    const clock = yield* Effect.clock
    const election = yield* LeaderElection.LeaderElection
    yield* CertificateExpiry.run().pipe(
      Effect.provideService(LeaderElection.LeaderElection, observed(election, instance, instances)),
      Effect.withClock(instrumented(clock, instance)),
      Scope.extend(instance.scope)
    )
  })

const stop = (instances: Instances, instance: Instance) =>
  Effect.suspend(() => {
    instances.running.splice(instances.running.indexOf(instance), 1)
    return Scope.close(instance.scope, Exit.void)
  })

const stopAll = (instances: Instances) => Effect.forEach([...instances.running], (instance) => stop(instances, instance), { discard: true })

/** Waits (in real time) until every running instance sleeps on the clock, one fiber each, until later than now. */
const settle = (instances: Instances) =>
  Effect.gen(function* () {
    for (let polls = 0; ; polls++) {
      const now = yield* Clock.currentTimeMillis
      if (instances.running.every((instance) => instance.asleep.length === 1 && (instance.asleep[0] ?? 0) > now)) return
      if (polls > 20_000) {
        return yield* Effect.dieMessage(
          `the instances did not settle: ${JSON.stringify(instances.running.map(({ asleep, id, leading }) => ({ id, leading, asleep })))}`
        )
      }
      yield* Effect.promise(() => new Promise((resolve) => setTimeout(resolve, 0)))
    }
  })

/** Moves the clock to `target`, from wake-up to wake-up of the instances, each time once they all sleep again. */
const advanceTo = (instances: Instances, target: number) =>
  Effect.gen(function* () {
    while (true) {
      yield* settle(instances)
      const now = yield* Clock.currentTimeMillis
      const next = Math.min(...instances.running.flatMap((instance) => instance.asleep))
      if (next > target) {
        if (target > now) yield* TestClock.adjust(target - now)
        return
      }
      yield* TestClock.adjust(next - now)
    }
  })

const advanceBy = (instances: Instances, millis: number) =>
  Effect.flatMap(Clock.currentTimeMillis, (now) => advanceTo(instances, now + millis))

// --- The property -----------------------------------------------------------------------------

const layer = Layer.merge(InMemoryEventStore.layer(), LeaderElection.layerInMemory)

const certificateNumbers = (certificate: { readonly kind: string; readonly number: string; readonly validUntil?: string | undefined }) =>
  `${certificate.kind} ${certificate.number} valid until ${certificate.validUntil ?? "(no term)"}`

/** Checks the store, the instances and the model against each other after a step. */
const check = (instances: Instances, products: ReadonlyArray<ModelProduct>, label: string) =>
  Effect.gen(function* () {
    const now = yield* Clock.currentTimeMillis
    const today = wibDayOf(now)
    const at = `${label} (at ${new Date(now).toISOString()}, WIB day ${today})`
    // One leader, asleep until the next WIB midnight; the others wait to lead.
    expect(instances.doubleLeadership, `${at}: two instances led at once`).toBe(0)
    const leaders = instances.running.filter((instance) => instance.leading)
    expect(leaders.length, `${at}: leaders`).toBe(1)
    expect(leaders[0]?.asleep, `${at}: the leader sleeps until the next WIB midnight`).toEqual([nextWibMidnight(now)])
    const store = yield* TypedEventStore.make(Product.codec)
    for (const product of products) {
      // An expiry that broke the market rule took the product off every channel.
      if (!meetsMarketRule(product, today)) product.channels.clear()
      const { events } = yield* store.readStream(Product.streamName(product.id))
      const expiries = events.flatMap((recorded) =>
        recorded.data._tag === "CertificateExpired" ? [{ event: recorded.data, metadata: recorded.metadata }] : []
      )
      let expected = 0
      for (const held of product.held) {
        const count = expiries.filter(
          ({ event }) => event.kind === held.kind && event.number === held.number && event.validUntil === held.validUntil
        ).length
        expect(count, `${at}: expiries of ${product.id}'s ${certificateNumbers(held)}`).toBe(expectedExpiries(held, now))
        expected += count
      }
      expect(
        expiries.length,
        `${at}: ${product.id}'s expiries, of certificates it holds: ${expiries.map(({ event }) => certificateNumbers(event)).join(", ")}`
      ).toBe(expected)
      for (const { event, metadata } of expiries) {
        const recordedOn = wibDayOf(metadata.occurredAt.getTime())
        expect(recordedOn > event.validUntil, `${at}: ${certificateNumbers(event)} expired on ${recordedOn}`).toBe(true)
        expect(metadata.causationId?.startsWith(`${CertificateExpiry.name}:${product.id}:`), `${at}: causation`).toBe(true)
        expect(metadata.actor).toEqual({ role: "DINAS_OFFICER", id: CertificateExpiry.name })
      }
      const state = events.reduce((current, recorded) => Product.evolve(current, recorded.data), Product.initialState)
      expect(state._tag === "Proposed" ? [...state.channels].sort() : [], `${at}: ${product.id}'s channels`).toEqual(
        [...product.channels].sort()
      )
    }
  })

const entriesOf = (
  products: ReadonlyArray<ModelProduct>,
  lastValidDays: (validUntil: CalendarDate.CalendarDate) => boolean
): ReadonlyArray<ExpiringCertificates.CertificateEntry> =>
  products.flatMap((product) =>
    product.held.flatMap(({ issuedOn, kind, number, validUntil }) =>
      validUntil !== undefined && lastValidDays(validUntil) ? [{ productId: product.id, kind, number, issuedOn, validUntil }] : []
    )
  )

/** The renewal of `held` its pesantren submits on `today`, `days` after the latest last valid day of its number. */
const renewalOf = (
  product: ModelProduct,
  held: Held,
  today: CalendarDate.CalendarDate,
  days: number,
  undated: boolean
): Certificate.CertificateSubmission => {
  const latest = product.held
    .filter((other) => other.kind === held.kind && other.number === held.number && other.validUntil !== undefined)
    .reduce((last, other) => (other.validUntil !== undefined && other.validUntil > last ? other.validUntil : last), today)
  const validUntil = CalendarDate.addDays(latest, days)
  switch (held.kind) {
    case "HALAL": {
      const number = Identifier.HalalCertificateNumber.make(held.number)
      return undated ? Certificate.Halal.make({ number, issuedOn: today }) : Certificate.Halal.make({ number, issuedOn: today, validUntil })
    }
    case "PIRT":
      // A renewed P-IRT is a new number, for its issue year (digits 12–13: the same producer).
      return Certificate.PirtSubmission.make({
        _tag: "PIRT",
        number: Arbitraries.pirtNumber(today, "3517", held.number.slice(11, 13)),
        issuedOn: today
      })
    case "BPOM":
      return Certificate.Bpom.make({ number: Identifier.BpomNumber.make(held.number), issuedOn: today, validUntil })
    case "TRADEMARK":
      return Certificate.Trademark.make({ number: Certificate.TrademarkNumber.make(held.number), issuedOn: today, validUntil })
    case "SNI":
      return Certificate.Sni.make({ number: Certificate.SniCertificateNumber.make(held.number), issuedOn: today, validUntil })
  }
}

const run = ({ products: specs, startDay, startMinute, steps }: Scenario) =>
  Effect.gen(function* () {
    const startsAt = Date.parse(`${startDay}T00:00:00+07:00`) + startMinute * 60_000
    yield* TestClock.setTime(startsAt)
    const store = yield* TypedEventStore.make(Product.codec)
    const products: Array<ModelProduct> = []
    for (const [p, spec] of specs.entries()) {
      const id = ProductId.ProductId.make(`produk-${p}`)
      const certificates = spec.certificates.map((certificate, c) => certificateOf(certificate, startDay, `${p}${c}`))
      const product: ModelProduct = { id, food: spec.category !== "KERAJINAN", held: certificates.map(heldOf), channels: new Set() }
      const marketed = meetsMarketRule(product, startDay) ? spec.channels : []
      for (const channel of marketed) product.channels.add(channel)
      products.push(product)
      yield* store.appendToStream(
        Product.streamName(id),
        [
          proposed(id, spec.category),
          ...certificates.map((certificate) => certified(id, certificate)),
          submitted(id),
          curated(id, 14, startDay),
          ...marketed.map((channel) => new ProductEvent.ProductMarketed({ productId: id, channel, since: startDay }))
        ].map((event) => ({ event }))
      )
    }

    const instances: Instances = { running: [], started: 0, doubleLeadership: 0 }
    yield* start(instances)
    yield* settle(instances)
    yield* check(instances, products, "at the first start")

    for (const [index, current] of steps.entries()) {
      const label = `step ${index} ${JSON.stringify(current)}`
      const now = yield* Clock.currentTimeMillis
      const today = wibDayOf(now)
      switch (current._tag) {
        case "Advance":
          yield* advanceBy(instances, current.minutes * 60_000)
          break
        case "Downtime":
          yield* stopAll(instances)
          yield* advanceBy(instances, current.minutes * 60_000)
          yield* start(instances)
          break
        case "Restart":
          yield* stopAll(instances)
          yield* start(instances)
          break
        case "Overlap": {
          if (current.fresh) {
            yield* stopAll(instances)
            yield* start(instances)
          }
          yield* start(instances)
          yield* advanceBy(instances, current.millis)
          const stopped = instances.running[current.stop]
          if (stopped !== undefined) yield* stop(instances, stopped)
          // The other takes over at its next try (every 50 ms), if it did not lead.
          yield* advanceBy(instances, 60)
          break
        }
        case "Reissue": {
          const lapsed = entriesOf(products, (validUntil) => validUntil < today)
          if (!current.atMidnight) {
            // Everything past its day is recorded already: a redelivery records nothing.
            const recorded = yield* Effect.all(
              Array.from({ length: current.twice ? 2 : 1 }, () => CertificateExpiry.expire(lapsed)),
              { concurrency: "unbounded" }
            )
            expect(recorded, `${label}: recorded by hand`).toEqual(recorded.map(() => 0))
          } else {
            const lapsing = entriesOf(products, (validUntil) => validUntil <= today)
            yield* Effect.all(
              [
                advanceTo(instances, nextWibMidnight(now)),
                ...Array.from({ length: current.twice ? 2 : 1 }, () => CertificateExpiry.expire(lapsing))
              ],
              { concurrency: "unbounded", discard: true }
            )
          }
          break
        }
        case "Renew": {
          const product = products[current.product % products.length]
          const inForce = product?.held.filter((held) => held.supersededAt === undefined) ?? []
          const held = inForce[current.certificate % inForce.length]
          if (product === undefined || held === undefined) break
          const certificate = renewalOf(product, held, today, current.days, current.undated)
          const duplicate = inForce.some(
            (other) => other.kind === held.kind && other.number === certificate.number && other.issuedOn === today
          )
          const result = yield* Effect.either(
            Commands.product(new ProductCommand.AddCertificate({ actor: admin, productId: product.id, certificate }))
          )
          if (duplicate) {
            expect(Either.isLeft(result) && result.left._tag, `${label}: a renewal recorded already`).toBe("CertificateAlreadyRecorded")
            break
          }
          expect(Either.isRight(result), `${label}: the renewal ${JSON.stringify(result)}`).toBe(true)
          for (const other of inForce) {
            if (other.kind === held.kind && other.number === certificate.number) other.supersededAt = now
          }
          product.held.push(heldOf(Certificate.fromSubmission(certificate)))
          break
        }
        case "Remarket": {
          const product = products[current.product % products.length]
          if (product === undefined) break
          const allowed = !product.channels.has(current.channel) && meetsMarketRule(product, today)
          const result = yield* Effect.either(
            Commands.product(new ProductCommand.MarketProduct({ actor: admin, productId: product.id, channel: current.channel }))
          )
          expect(Either.isRight(result), `${label}: marketed ${JSON.stringify(result)}`).toBe(allowed)
          if (allowed) product.channels.add(current.channel)
          break
        }
      }
      yield* settle(instances)
      yield* check(instances, products, label)
    }
    yield* stopAll(instances)
  }).pipe(Effect.provide(layer))

describe("CertificateExpiry, as a property", () => {
  it.effect.prop(
    "each certificate's expiry is recorded exactly once after its last valid day (WIB), through restarts, downtimes, overlapping instances, redeliveries and renewals",
    { scenario },
    ({ scenario }) => run(scenario),
    { timeout: 60_000, fastCheck: { numRuns: 50 } }
  )
})
