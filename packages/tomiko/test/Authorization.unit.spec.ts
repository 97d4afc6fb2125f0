import { describe, expect, it } from "vitest"
import { Effect, Either } from "effect"
import type { Actor } from "@jatim/kernel"
import { FixedClock } from "@jatim/testing"
import { Order, OrderCommand, OrderEvent } from "../src/index.js"
import { bast, buyerAdmin, dinas, everyone, now, order1, paymentId, placeOrder, rp, secondaryAdmin, sellerAdmin, upTo } from "./fixtures.js"

const disputed = new OrderEvent.OrderDisputed({ orderId: order1, reason: "barang rusak" })

/** Each order command, the history in which it succeeds, and the one actor who may issue it. */
const table: ReadonlyArray<{
  readonly name: string
  readonly who: Actor.Actor
  readonly history: ReadonlyArray<OrderEvent.OrderEvent>
  readonly command: (actor: Actor.Actor) => OrderCommand.OrderCommand
}> = [
  { name: "PlaceOrder", who: buyerAdmin, history: [], command: (actor) => placeOrder({ actor }) },
  {
    name: "CancelOrder",
    who: buyerAdmin,
    history: upTo.placed,
    command: (actor) => new OrderCommand.CancelOrder({ actor, orderId: order1, reason: "batal" })
  },
  {
    name: "StartAcceptance",
    who: sellerAdmin,
    history: upTo.placed,
    command: (actor) => new OrderCommand.StartAcceptance({ actor, orderId: order1 })
  },
  {
    name: "CompleteAcceptance",
    who: sellerAdmin,
    history: upTo.accepting,
    command: (actor) => new OrderCommand.CompleteAcceptance({ actor, orderId: order1 })
  },
  {
    name: "FailAcceptance",
    who: sellerAdmin,
    history: upTo.accepting,
    command: (actor) => new OrderCommand.FailAcceptance({ actor, orderId: order1, reason: "stok" })
  },
  {
    name: "RejectOrder",
    who: sellerAdmin,
    history: upTo.placed,
    command: (actor) => new OrderCommand.RejectOrder({ actor, orderId: order1, reason: "stok habis" })
  },
  {
    name: "ShipOrder",
    who: sellerAdmin,
    history: upTo.accepted,
    command: (actor) => new OrderCommand.ShipOrder({ actor, orderId: order1 })
  },
  {
    name: "ConfirmDelivery",
    who: buyerAdmin,
    history: upTo.shipped,
    command: (actor) => new OrderCommand.ConfirmDelivery({ actor, orderId: order1, bastNumber: bast })
  },
  {
    name: "InvoiceOrder",
    who: sellerAdmin,
    history: upTo.delivered,
    command: (actor) => new OrderCommand.InvoiceOrder({ actor, orderId: order1 })
  },
  {
    name: "RecordPayment",
    who: buyerAdmin,
    history: upTo.invoiced,
    command: (actor) => new OrderCommand.RecordPayment({ actor, orderId: order1, paymentId: paymentId("TRF-1"), amount: rp(1) })
  },
  {
    name: "SettleOrder",
    who: secondaryAdmin,
    history: upTo.paid,
    command: (actor) => new OrderCommand.SettleOrder({ actor, orderId: order1 })
  },
  {
    name: "DisputeOrder",
    who: buyerAdmin,
    history: upTo.delivered,
    command: (actor) => new OrderCommand.DisputeOrder({ actor, orderId: order1, reason: "barang rusak" })
  },
  {
    name: "ResolveDispute",
    who: secondaryAdmin,
    history: [...upTo.delivered, disputed],
    command: (actor) => new OrderCommand.ResolveDispute({ actor, orderId: order1, resolution: "diganti" })
  }
]

const decide = (history: ReadonlyArray<OrderEvent.OrderEvent>, command: OrderCommand.OrderCommand) =>
  Effect.runSync(Effect.either(Order.decide(command, history.reduce(Order.evolve, Order.initialState))).pipe(FixedClock.at(now)))

describe("Authorization: who may issue each order command", () => {
  for (const row of table) {
    it(`${row.name}: only ${row.who._tag} ${"nik" in row.who ? row.who.nik : ""}`, () => {
      const allowed = decide(row.history, row.command(row.who))
      expect(Either.isRight(allowed)).toBe(true)
      for (const actor of everyone.filter((a) => a !== row.who)) {
        const refused = decide(row.history, row.command(actor))
        // The order's other parties and the Dinas are told the rule; to anyone else (an outsider
        // cooperative, a curator, a pesantren) a placed order does not exist (adr/0050).
        const knowsOf = [buyerAdmin, sellerAdmin, secondaryAdmin, dinas].includes(actor) || row.name === "PlaceOrder"
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
