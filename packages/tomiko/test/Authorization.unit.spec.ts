import { describe, expect, it } from "vitest"
import { Effect, Either } from "effect"
import type { Actor } from "@jatim/kernel"
import { FixedClock } from "@jatim/testing"
import { Order, OrderCommand, OrderEvent } from "../src/index.js"
import { bast, buyerAdmin, dinas, everyone, now, order1, paymentId, placeOrder, rp, secondaryAdmin, sellerAdmin, upTo } from "./fixtures.js"

const disputed = new OrderEvent.OrderDisputed({ orderId: order1, reason: "barang rusak" })

/** Each order command (named by its tag): the one actor who may issue it, the history in which it succeeds, and the command. */
const table: ReadonlyArray<
  readonly [who: Actor.Actor, history: ReadonlyArray<OrderEvent.OrderEvent>, command: (actor: Actor.Actor) => OrderCommand.OrderCommand]
> = [
  [buyerAdmin, [], (actor) => placeOrder({ actor })],
  [buyerAdmin, upTo.placed, (actor) => new OrderCommand.CancelOrder({ actor, orderId: order1, reason: "batal" })],
  [sellerAdmin, upTo.placed, (actor) => new OrderCommand.StartAcceptance({ actor, orderId: order1 })],
  [sellerAdmin, upTo.accepting, (actor) => new OrderCommand.CompleteAcceptance({ actor, orderId: order1 })],
  [sellerAdmin, upTo.accepting, (actor) => new OrderCommand.FailAcceptance({ actor, orderId: order1, reason: "stok" })],
  [sellerAdmin, upTo.placed, (actor) => new OrderCommand.RejectOrder({ actor, orderId: order1, reason: "stok habis" })],
  [sellerAdmin, upTo.accepted, (actor) => new OrderCommand.ShipOrder({ actor, orderId: order1 })],
  [buyerAdmin, upTo.shipped, (actor) => new OrderCommand.ConfirmDelivery({ actor, orderId: order1, bastNumber: bast })],
  [sellerAdmin, upTo.delivered, (actor) => new OrderCommand.InvoiceOrder({ actor, orderId: order1 })],
  [
    buyerAdmin,
    upTo.invoiced,
    (actor) => new OrderCommand.RecordPayment({ actor, orderId: order1, paymentId: paymentId("TRF-1"), amount: rp(1) })
  ],
  [secondaryAdmin, upTo.paid, (actor) => new OrderCommand.SettleOrder({ actor, orderId: order1 })],
  [buyerAdmin, upTo.delivered, (actor) => new OrderCommand.DisputeOrder({ actor, orderId: order1, reason: "barang rusak" })],
  [
    secondaryAdmin,
    [...upTo.delivered, disputed],
    (actor) => new OrderCommand.ResolveDispute({ actor, orderId: order1, resolution: "diganti" })
  ]
]

const decide = (history: ReadonlyArray<OrderEvent.OrderEvent>, command: OrderCommand.OrderCommand) =>
  Effect.runSync(Effect.either(Order.decide(command, history.reduce(Order.evolve, Order.initialState))).pipe(FixedClock.at(now)))

describe("Authorization: who may issue each order command", () => {
  for (const [who, history, command] of table) {
    const name = command(who)._tag
    it(`${name}: only ${who._tag} ${"nik" in who ? who.nik : ""}`, () => {
      const allowed = decide(history, command(who))
      expect(Either.isRight(allowed)).toBe(true)
      for (const actor of everyone.filter((a) => a !== who)) {
        const refused = decide(history, command(actor))
        // The order's other parties and the Dinas are told the rule; to anyone else (an outsider
        // cooperative, a curator, a pesantren) a placed order does not exist (adr/0050).
        const knowsOf = [buyerAdmin, sellerAdmin, secondaryAdmin, dinas].includes(actor) || name === "PlaceOrder"
        expect(Either.isLeft(refused) && refused.left._tag).toBe(knowsOf ? "ActorNotAuthorized" : "OrderNotFound")
      }
    })
  }

  it("the refusal names the rule", () => {
    const refused = decide(upTo.placed, new OrderCommand.StartAcceptance({ actor: buyerAdmin, orderId: order1 }))
    expect(Either.isLeft(refused) && refused.left.message).toBe(
      `KOPERASI_ADMIN ${"nik" in buyerAdmin ? buyerAdmin.nik : ""} may not accept an order: only the seller cooperative's admin ` +
        `accepts orders to it (KOPERASI_ADMIN 3507000000000003).`
    )
  })
})

describe("an order's existence is its parties' business", () => {
  it("an outsider is told what it would be told of an order that does not exist, never who the parties are", () => {
    for (const outsider of everyone.filter((a) => ![buyerAdmin, sellerAdmin, secondaryAdmin, dinas].includes(a))) {
      const existing = decide(upTo.accepted, new OrderCommand.ShipOrder({ actor: outsider, orderId: order1 }))
      const missing = decide([], new OrderCommand.ShipOrder({ actor: outsider, orderId: order1 }))
      expect(existing).toEqual(missing)
      expect(Either.isLeft(existing) && existing.left.message).not.toMatch(/350[07]000000000003|3517000000000002|3578000000000001/)
    }
  })
})
