/**
 * Tempo credit limits (issue 20, adr/0083): a seller sets a limit per buyer; an order whose
 * outstanding tempo total would pass it is refused at acceptance with the figures; the total is
 * the credit line stream's fact, reserved by the acceptance saga and released by the order's
 * processes once the order is paid in full, cancelled or failed.
 */
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Clock, Effect, Either, Layer, Option } from "effect"
import * as fc from "fast-check"
import { Checkpoints, InMemoryEventStore, LeaderElection, ProjectionRunner } from "@jatim/eventstore"
import { Actor, Rupiah, Visibility } from "@jatim/kernel"
import { DeciderSpecification, FixedClock } from "@jatim/testing"
import {
  AcceptanceSaga,
  Commands,
  CreditLine,
  CreditLineCommand,
  CreditLineError,
  CreditLineEvent,
  CreditProcess,
  FeedPolicy,
  Listing,
  OrderCommand,
  OrderEvent,
  OrderId,
  type OrderReading
} from "../src/index.js"
import { valuesOf } from "../src/internal/readModel.js"
import { orderAs } from "./facts.js"
import {
  beras,
  buyer,
  buyerAdmin,
  date,
  dinas,
  now,
  order1,
  order2,
  outsiderAdmin,
  rp,
  secondaryAdmin,
  seller,
  sellerAdmin
} from "./fixtures.js"
import { decideOn, marketplace, placeBeras } from "./support.js"

const spec = DeciderSpecification.for(CreditLine.decider)

const limitSet = (limit: number | null) =>
  new CreditLineEvent.CreditLimitSet({ seller, buyer, limit: limit === null ? null : rp(limit), setOn: date("2024-06-03") })
const reserved = (orderId: OrderId.OrderId, amount: number) =>
  new CreditLineEvent.CreditReserved({ seller, buyer, orderId, amount: rp(amount) })
const reserve = (orderId: OrderId.OrderId, amount: number, actor: Actor.Actor = sellerAdmin) =>
  new CreditLineCommand.ReserveCredit({ actor, seller, buyer, orderId, amount: rp(amount) })
const release = (orderId: OrderId.OrderId, status: Parameters<typeof orderAs>[1], actor: Actor.Actor = sellerAdmin) =>
  new CreditLineCommand.ReleaseCredit({ actor, seller, buyer, order: orderAs(orderId, status) })
const order3 = OrderId.OrderId.make("PO-2024-0003")

describe("the credit line decider", () => {
  it("the seller's admin sets a limit (or lifts it); setting the same limit again changes nothing", () => {
    const set = (limit: number | null, actor: Actor.Actor = sellerAdmin) =>
      new CreditLineCommand.SetCreditLimit({ actor, seller, buyer, limit: limit === null ? null : rp(limit) })
    spec
      .given([])
      .at(now)
      .when(set(2_000_000))
      .then([limitSet(2_000_000)])
    spec
      .given([limitSet(2_000_000)])
      .when(set(2_000_000))
      .then([])
    spec
      .given([limitSet(2_000_000)])
      .at(now)
      .when(set(null))
      .then([limitSet(null)])
    for (const actor of [buyerAdmin, secondaryAdmin, dinas]) spec.given([]).when(set(1, actor)).thenFailsWith("ActorNotAuthorized")
  })

  it("a reservation beyond the limit is refused with the limit, what is outstanding and the order's total", () => {
    const history = [limitSet(2_000_000), reserved(order1, 1_300_000)]
    spec
      .given(history)
      .when(reserve(order2, 700_000))
      .then([reserved(order2, 700_000)])
    spec
      .given(history)
      .when(reserve(order2, 700_001))
      .then(
        new CreditLineError.CreditLimitExceeded({
          orderId: order2,
          seller,
          buyer,
          limit: Rupiah.unsafeMake(2_000_000),
          outstanding: Rupiah.unsafeMake(1_300_000),
          amount: Rupiah.unsafeMake(700_001)
        })
      )
    const message = spec.given(history).when(reserve(order2, 910_000)).thenFailsWith("CreditLimitExceeded").message
    expect(message).toContain("Rp910.000")
    expect(message).toContain("Rp1.300.000")
    expect(message).toContain("Rp2.000.000")
    expect(message).toContain("by Rp210.000")
    // Without a limit, every reservation is recorded (a limit set later counts them).
    spec
      .given([])
      .when(reserve(order1, 5_000_000_000))
      .then([reserved(order1, 5_000_000_000)])
  })

  it("an order reserves its total once; another amount for it is refused", () => {
    spec
      .given([reserved(order1, 10)])
      .when(reserve(order1, 10))
      .then([])
    spec
      .given([reserved(order1, 10)])
      .when(reserve(order1, 11))
      .then(new CreditLineError.CreditReservationConflict({ orderId: order1, reserved: 10, requested: 11 }))
  })

  it("released only when the order, as its stream says, is paid in full, cancelled or failed; once", () => {
    const history = [limitSet(2_000_000), reserved(order1, 1_300_000)]
    const released = new CreditLineEvent.CreditReleased({ seller, buyer, orderId: order1, amount: rp(1_300_000) })
    for (const status of ["PAID", "SETTLED", "CANCELLED", "ACCEPTANCE_FAILED"] as const)
      spec.given(history).when(release(order1, status)).then([released])
    for (const status of ["ACCEPTED", "SHIPPED", "DELIVERED", "INVOICED", null] as const) {
      spec.given(history).when(release(order1, status)).thenFailsWith("CreditFollowsOrder")
    }
    spec
      .given([...history, released])
      .when(release(order1, "PAID"))
      .then([])
    spec.given(history).when(release(order2, "PAID")).thenFailsWith("NoCreditReservation")
    // What is released is free again.
    spec
      .given([...history, released])
      .when(reserve(order2, 2_000_000))
      .then([reserved(order2, 2_000_000)])
    // An order's reading built by hand is refused.
    const lookAlike: unknown = { orderId: order1, status: "PAID" }
    const forged = new CreditLineCommand.ReleaseCredit(
      { actor: sellerAdmin, seller, buyer, order: lookAlike as OrderReading.OrderReading },
      true
    )
    spec.given(history).when(forged).thenFailsWith("FactUnverified")
  })

  it("a command by anyone but the seller's admin never succeeds", () => {
    const history = [limitSet(2_000_000), reserved(order1, 1_300_000)]
    const rows = [
      { history: [], command: (actor: Actor.Actor) => new CreditLineCommand.SetCreditLimit({ actor, seller, buyer, limit: rp(1) }) },
      { history, command: (actor: Actor.Actor) => reserve(order2, 1, actor) },
      { history, command: (actor: Actor.Actor) => release(order1, "PAID", actor) }
    ]
    for (const row of rows) {
      expect(Either.isRight(decideOn(CreditLine.decider, row.history, row.command(sellerAdmin)))).toBe(true)
      fc.assert(
        fc.property(
          Arbitrary.make(Actor.Actor).filter((actor) => !(actor._tag === "KOPERASI_ADMIN" && actor.nik === seller)),
          (actor) => {
            expect(Either.isLeft(decideOn(CreditLine.decider, row.history, row.command(actor)))).toBe(true)
          }
        )
      )
    }
  })

  it("the outstanding total is the held reservations' sum, for any history the decider allows", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom("reserve" as const, "release" as const, "limit" as const),
            fc.constantFrom(order1, order2, order3),
            fc.integer({ min: 0, max: 3_000_000 })
          ),
          { maxLength: 20 }
        ),
        (steps) => {
          let state = CreditLine.initialState
          for (const [step, orderId, amount] of steps) {
            const command =
              step === "reserve"
                ? reserve(orderId, amount)
                : step === "release"
                  ? release(orderId, "PAID")
                  : new CreditLineCommand.SetCreditLimit({ actor: sellerAdmin, seller, buyer, limit: rp(amount) })
            const result = Effect.runSync(Effect.either(CreditLine.decide(command, state)).pipe(FixedClock.at(now)))
            if (Either.isRight(result)) state = result.right.reduce(CreditLine.evolve, state)
            // A reservation never passes the limit in force when it is made.
            if (step === "reserve" && Either.isRight(result) && result.right.length > 0 && state.limit !== undefined) {
              expect(state.outstanding).toBeLessThanOrEqual(state.limit)
            }
          }
          const held = valuesOf(state.reservations).reduce((sum, r) => (r.status === "HELD" ? sum + r.amount : sum), 0)
          expect(state.outstanding).toBe(held)
          expect(CreditLine.summary(seller, buyer, state).outstanding).toBe(held)
        }
      )
    )
  })
})

const inMemory = Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory)

describe("credit limits at acceptance, on a store", () => {
  it.live("an order beyond the limit fails its acceptance with the figures and keeps no stock; payment in full frees the credit", () =>
    Effect.gen(function* () {
      // The commands run at a fixed instant; waiting for the process runs on the real clock.
      const live = Clock.make()
      const runner = yield* Effect.withClock(ProjectionRunner.make([CreditProcess.processManager]), live)
      yield* marketplace([{ listingId: beras, stock: 100 }])
      const place = (orderId: OrderId.OrderId, quantity: number, terms: "CASH" | "TEMPO_30" = "TEMPO_30") =>
        placeBeras(orderId, quantity, terms)
      yield* Commands.creditLine(new CreditLineCommand.SetCreditLimit({ actor: sellerAdmin, seller, buyer, limit: rp(2_000_000) }))
      // 20 × Rp65.000 = Rp1.300.000 on tempo: within the limit.
      yield* place(order1, 20)
      expect(yield* AcceptanceSaga.accept(order1, sellerAdmin)).toEqual({ _tag: "Accepted", orderId: order1 })
      // 14 × Rp65.000 = Rp910.000 more would owe Rp2.210.000.
      yield* place(order2, 14)
      const refused = yield* AcceptanceSaga.accept(order2, sellerAdmin)
      expect(refused._tag).toBe("Failed")
      if (refused._tag === "Failed") {
        expect(refused.reason).toContain("Rp1.300.000")
        expect(refused.reason).toContain("Rp2.000.000")
        expect(refused.reason).toContain("Rp910.000")
      }
      const listing = yield* Commands.listingState(beras)
      expect(listing._tag === "Listed" && Listing.available(listing)).toBe(80)
      // A CASH order is not on credit: accepted whatever the line holds.
      yield* place(order3, 14, "CASH")
      expect((yield* AcceptanceSaga.accept(order3, sellerAdmin))._tag).toBe("Accepted")
      expect(CreditLine.summary(seller, buyer, yield* Commands.creditLineState(seller, buyer))).toEqual({
        seller,
        buyer,
        limit: 2_000_000,
        outstanding: 1_300_000,
        available: 700_000
      })

      // Order 1 is shipped, delivered, invoiced and paid in full: the credit process releases its credit.
      yield* Commands.order(new OrderCommand.ShipOrder({ actor: sellerAdmin, orderId: order1 }))
      yield* Commands.order(
        new OrderCommand.ConfirmDelivery({ actor: buyerAdmin, orderId: order1, bastNumber: OrderEvent.BastNumber.make("BAST/1") })
      )
      yield* Commands.order(new OrderCommand.InvoiceOrder({ actor: sellerAdmin, orderId: order1 }))
      yield* Commands.order(
        new OrderCommand.RecordPayment({
          actor: buyerAdmin,
          orderId: order1,
          paymentId: OrderEvent.PaymentId.make("TRF-1"),
          amount: rp(1_300_000)
        })
      )
      yield* Effect.withClock(runner.awaitCaughtUp(CreditProcess.name), live)
      expect((yield* Commands.creditLineState(seller, buyer)).outstanding).toBe(0)
      const order4 = OrderId.OrderId.make("PO-2024-0004")
      yield* place(order4, 14)
      expect((yield* AcceptanceSaga.accept(order4, sellerAdmin))._tag).toBe("Accepted")
      // A cancelled tempo order frees its credit too.
      yield* Commands.order(new OrderCommand.CancelOrder({ actor: buyerAdmin, orderId: order4, reason: "batal" }))
      yield* Effect.withClock(runner.awaitCaughtUp(CreditProcess.name), live)
      expect((yield* Commands.creditLineState(seller, buyer)).outstanding).toBe(0)
    }).pipe(Effect.scoped, FixedClock.at(now), Effect.provide(inMemory))
  )

  it.effect("the feed shows a credit line's events to its seller, its buyer and the Dinas only", () =>
    Effect.gen(function* () {
      const event = {
        streamName: CreditLine.streamName(seller, buyer),
        type: "CreditLimitSet",
        data: { seller, buyer, limit: 10, setOn: "2024-06-03" }
      }
      for (const actor of [sellerAdmin, buyerAdmin, dinas])
        expect(Option.isSome(yield* FeedPolicy.feedPolicy.visible(actor, event))).toBe(true)
      for (const actor of [secondaryAdmin, outsiderAdmin, Actor.Curator.make({ curatorId: "kurator-01" })]) {
        expect(Option.isNone(yield* FeedPolicy.feedPolicy.visible(actor, event))).toBe(true)
      }
      // A credit line's summary: the same parties.
      const summary = CreditLine.summary(seller, buyer, CreditLine.initialState)
      expect(Option.isSome(CreditLine.visibleTo(buyerAdmin, summary))).toBe(true)
      expect(Option.isNone(CreditLine.visibleTo(secondaryAdmin, summary))).toBe(true)
      expect(Option.isNone(CreditLine.visibleTo(Visibility.anonymous, summary))).toBe(true)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )
})
