import { describe, expect, it } from "vitest"
import { Effect, Either } from "effect"
import * as fc from "fast-check"
import { Rupiah } from "@jatim/kernel"
import { FixedClock } from "@jatim/testing"
import { Order, OrderCommand, OrderEvent } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { buyerAdmin, now, order1, secondaryAdmin, upTo } from "./fixtures.js"

const decide = (command: OrderCommand.OrderCommand, state: Order.State) =>
  Effect.runSync(Effect.either(Order.decide(command, state)).pipe(FixedClock.at(now)))

/** The state of an invoiced tempo order of one line totalling `amount`, with a network fee of `bp` basis points. */
const invoicedOrder = (amount: number, bp: number): Order.State => {
  const total = Rupiah.unsafeMake(amount)
  return [
    new OrderEvent.OrderPlaced({
      ...upTo.placed[0],
      feeBasisPoints: Rupiah.BasisPoints.make(bp),
      lines: [{ ...upTo.placed[0].lines[0]!, quantity: 1, unitPrice: total, lineTotal: total }],
      total
    }),
    ...upTo.invoiced.slice(1)
  ].reduce(Order.evolve, Order.initialState)
}

describe("money is exact", () => {
  it("each line total is unit price × quantity, and the order total is the exact sum of the line totals", () => {
    fc.assert(
      fc.property(Arbitraries.placeOrder, (command) => {
        const result = decide(command, Order.initialState)
        if (Either.isLeft(result)) return expect.fail(result.left.message)
        const [placed] = result.right
        if (placed?._tag !== "OrderPlaced") return expect.fail("no OrderPlaced")
        let sum = 0n
        placed.lines.forEach((line, i) => {
          const request = command.lines[i]!
          expect(line.unitPrice).toBe(request.listing.unitPrice)
          expect(BigInt(line.lineTotal)).toBe(BigInt(request.listing.unitPrice) * BigInt(request.quantity))
          expect(Number.isSafeInteger(line.lineTotal)).toBe(true)
          sum += BigInt(line.lineTotal)
        })
        expect(BigInt(placed.total)).toBe(sum)
      })
    )
  })

  it("payments never add up to more than the total; once paid in full, fee + payout = total, the fee rounded half up", () => {
    const total = fc.integer({ min: 1, max: 5_000_000_000 })
    fc.assert(
      fc.property(
        total,
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 6_000_000_000 })), { maxLength: 12 }),
        (amount, bp, attempts) => {
          let state = invoicedOrder(amount, bp)
          let accepted = 0
          // The attempts, then one of exactly what is outstanding then (so most runs reach settlement).
          const payments: ReadonlyArray<number | "rest"> = [...attempts, "rest"]
          payments.forEach((planned, i) => {
            if (state._tag !== "Placed") return
            const outstanding = state.total - state.paid
            const attempt = planned === "rest" ? outstanding : planned
            const command = new OrderCommand.RecordPayment({
              actor: buyerAdmin,
              orderId: state.orderId,
              paymentId: OrderEvent.PaymentId.make(`TRF-${i}`),
              amount: Rupiah.unsafeMake(attempt)
            })
            const result = decide(command, state)
            if (attempt === 0) {
              expect(Either.isLeft(result) && result.left._tag).toBe("PaymentNotPositive")
            } else if (attempt > outstanding) {
              expect(Either.isLeft(result) && result.left._tag).toBe("PaymentExceedsOutstanding")
            } else {
              if (Either.isLeft(result)) {
                expect.fail(result.left.message)
                return
              }
              accepted += attempt
              state = result.right.reduce(Order.evolve, state)
            }
            if (state._tag === "Placed") {
              expect(state.paid).toBe(accepted)
              expect(state.paid).toBeLessThanOrEqual(state.total)
              expect(state.status === "PAID").toBe(state.paid === state.total)
            }
          })
          if (state._tag !== "Placed" || state.status !== "PAID") return
          const settled = decide(new OrderCommand.SettleOrder({ actor: secondaryAdmin, orderId: state.orderId }), state)
          if (Either.isLeft(settled)) return expect.fail(settled.left.message)
          const [event] = settled.right
          if (event?._tag !== "OrderSettled") return expect.fail("no OrderSettled")
          expect(event.fee + event.payout).toBe(amount)
          expect(event.fee).toBeGreaterThanOrEqual(0)
          expect(event.payout).toBeGreaterThanOrEqual(0)
          // Half up: fee = floor((total × bp) / 10,000 + 1/2), computed independently in integers.
          expect(BigInt(event.fee)).toBe((BigInt(amount) * BigInt(bp) * 2n + 10_000n) / 20_000n)
        }
      )
    )
  })

  it("with credit notes: they never add up to more than the total, payments never to more than what is owed, and the settlement splits what is owed (fee + payout), refunding what was paid beyond it", () => {
    type Step = { readonly _tag: "pay"; readonly amount: number } | { readonly _tag: "credit"; readonly amount: number }
    const step: fc.Arbitrary<Step> = fc.oneof(
      fc.integer({ min: 0, max: 3_000_000 }).map((amount) => ({ _tag: "pay" as const, amount })),
      fc.integer({ min: 0, max: 3_000_000 }).map((amount) => ({ _tag: "credit" as const, amount }))
    )
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(step, { maxLength: 10 }),
        (amount, bp, steps) => {
          let state = invoicedOrder(amount, bp)
          const apply = (command: OrderCommand.OrderCommand) => {
            const result = decide(command, state)
            if (Either.isRight(result)) state = result.right.reduce(Order.evolve, state)
            return result
          }
          steps.forEach((s, i) => {
            if (s._tag === "pay") {
              apply(
                new OrderCommand.RecordPayment({
                  actor: buyerAdmin,
                  orderId: order1,
                  paymentId: OrderEvent.PaymentId.make(`TRF-${i}`),
                  amount: Rupiah.unsafeMake(s.amount)
                })
              )
            } else {
              apply(new OrderCommand.DisputeOrder({ actor: buyerAdmin, orderId: order1, reason: "rusak" }))
              apply(
                new OrderCommand.ResolveDisputeWithCreditNote({
                  actor: secondaryAdmin,
                  orderId: order1,
                  amount: Rupiah.unsafeMake(s.amount),
                  resolution: "potong"
                })
              )
              // A dispute left open when the credit was refused is resolved without one.
              apply(new OrderCommand.ResolveDispute({ actor: secondaryAdmin, orderId: order1, resolution: "tanpa potongan" }))
            }
            if (state._tag !== "Placed") return
            expect(state.credited).toBeLessThanOrEqual(state.total)
            expect(state.paid).toBeLessThanOrEqual(state.total)
            expect(state.status === "PAID").toBe(state.paid >= state.total - state.credited)
          })
          if (state._tag !== "Placed") return expect.fail("no order")
          // Pay what is still owed, then settle.
          const rest = state.total - state.credited - state.paid
          if (rest > 0)
            apply(
              new OrderCommand.RecordPayment({
                actor: buyerAdmin,
                orderId: order1,
                paymentId: OrderEvent.PaymentId.make("REST"),
                amount: Rupiah.unsafeMake(rest)
              })
            )
          const settled = apply(new OrderCommand.SettleOrder({ actor: secondaryAdmin, orderId: order1 }))
          if (Either.isLeft(settled)) return expect.fail(settled.left.message)
          const [event] = settled.right
          if (event?._tag !== "OrderSettled" || state._tag !== "Placed") return expect.fail("no OrderSettled")
          expect(event.total).toBe(amount - event.credited)
          expect(event.fee + event.payout).toBe(event.total)
          expect(event.refunded).toBe(state.paid - event.total)
          expect(BigInt(event.fee)).toBe((BigInt(event.total) * BigInt(bp) * 2n + 10_000n) / 20_000n)
        }
      )
    )
  })
})
