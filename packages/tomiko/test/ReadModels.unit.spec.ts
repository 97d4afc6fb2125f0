import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { Checkpoints, InMemoryEventStore, LeaderElection, ProjectionRunner } from "@jatim/eventstore"
import { FixedClock } from "@jatim/testing"
import {
  AcceptanceSaga,
  Commands,
  ListingEvent,
  ListingStock,
  MonthlyTrade,
  OrderBook,
  OrderCommand,
  OrderEvent,
  ReceivablesAgeing,
  StockProcess
} from "../src/index.js"
import {
  bast,
  beras,
  buyer,
  buyerAdmin,
  date,
  listed,
  minyak,
  order1,
  order2,
  paymentId,
  placed,
  rp,
  secondary,
  secondaryAdmin,
  seller,
  sellerAdmin,
  upTo
} from "./fixtures.js"
import { marketplace } from "./support.js"

const inMemory = Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory)

const handle = (command: OrderCommand.OrderCommand) => Commands.order(command)

/** Takes an order from placement to delivery and, on tempo terms, to its invoice (a CASH order is paid on delivery), at `instant`. */
const deliverAndInvoice = (orderId: typeof order1, terms: "CASH" | "TEMPO_14" | "TEMPO_30", instant: string) =>
  Effect.gen(function* () {
    yield* Commands.placeOrder({
      actor: buyerAdmin,
      orderId,
      buyer,
      seller,
      terms,
      lines: [
        { listingId: beras, quantity: 10 },
        { listingId: minyak, quantity: 4 }
      ]
    })
    yield* AcceptanceSaga.accept(orderId, sellerAdmin)
    yield* handle(new OrderCommand.ShipOrder({ actor: sellerAdmin, orderId }))
    yield* handle(new OrderCommand.ConfirmDelivery({ actor: buyerAdmin, orderId, bastNumber: bast }))
    if (terms !== "CASH") yield* handle(new OrderCommand.InvoiceOrder({ actor: sellerAdmin, orderId }))
  }).pipe(FixedClock.at(instant))

describe("read models, kept by the projection runner", () => {
  it.live("order book, receivables ageing, stock per listing and monthly trade follow the orders", () =>
    Effect.gen(function* () {
      const book = yield* OrderBook.make()
      const receivables = yield* ReceivablesAgeing.make()
      const stock = yield* ListingStock.make()
      const trade = yield* MonthlyTrade.make()
      const runner = yield* ProjectionRunner.make([
        book.projection,
        receivables.projection,
        stock.projection,
        trade.projection,
        StockProcess.processManager
      ])
      yield* marketplace([
        { listingId: beras, stock: 100 },
        { listingId: minyak, stock: 50 }
      ])
      // Order 1 on 14 days' credit, invoiced on 3 June: due on 17 June, part paid.
      yield* deliverAndInvoice(order1, "TEMPO_14", "2024-06-03T03:00:00Z")
      yield* handle(
        new OrderCommand.RecordPayment({ actor: buyerAdmin, orderId: order1, paymentId: paymentId("TRF-1"), amount: rp(100_000) })
      ).pipe(FixedClock.at("2024-06-10T03:00:00Z"))
      // Order 2 paid cash on delivery (no invoice) and settled in June.
      yield* deliverAndInvoice(order2, "CASH", "2024-06-20T03:00:00Z")
      yield* Effect.gen(function* () {
        yield* handle(
          new OrderCommand.RecordPayment({ actor: buyerAdmin, orderId: order2, paymentId: paymentId("TRF-2"), amount: rp(910_000) })
        )
        yield* handle(new OrderCommand.SettleOrder({ actor: secondaryAdmin, orderId: order2 }))
      }).pipe(FixedClock.at("2024-06-21T03:00:00Z"))
      for (const name of [
        "tomiko-order-book",
        "tomiko-receivables-ageing",
        "tomiko-listing-stock",
        "tomiko-monthly-trade",
        StockProcess.name
      ]) {
        yield* runner.awaitCaughtUp(name)
      }
      // The stock process committed both shipments (appending listing events after the order events): catch up again.
      yield* runner.awaitCaughtUp("tomiko-listing-stock")

      const buyerBook = OrderBook.forCooperative(yield* book.get, buyer)
      expect(buyerBook.map((e) => [e.orderId, e.role, e.counterparty, e.status, e.total, e.paid])).toEqual([
        [order1, "BUYER", seller, "INVOICED", 910_000, 100_000],
        [order2, "BUYER", seller, "SETTLED", 910_000, 910_000]
      ])
      expect(OrderBook.forCooperative(yield* book.get, seller).map((e) => [e.orderId, e.role, e.counterparty])).toEqual([
        [order1, "SELLER", buyer],
        [order2, "SELLER", buyer]
      ])

      const ageing = yield* receivables.get
      expect(ReceivablesAgeing.overdue(ageing, date("2024-06-17"))).toEqual([])
      const overdue = ReceivablesAgeing.overdue(ageing, date("2024-06-18"))
      expect(overdue.map((r) => [r.orderId, r.daysOverdue, r.bucket, r.outstanding])).toEqual([[order1, 1, "1-30", 810_000]])
      expect(ReceivablesAgeing.overdue(ageing, date("2024-09-20"))[0]?.bucket).toBe("90+")
      expect(ReceivablesAgeing.overdue(ageing, date("2024-09-20"), buyer)).toEqual([])

      const stockNow = yield* stock.get
      expect({ [beras]: ListingStock.get(stockNow, beras), [minyak]: ListingStock.get(stockNow, minyak) }).toMatchObject({
        [beras]: { onHand: 80, reserved: 0, available: 80, active: true },
        [minyak]: { onHand: 42, reserved: 0, available: 42 }
      })

      expect(MonthlyTrade.of(yield* trade.get, secondary, "2024-06")).toEqual({ orders: 1, value: 910_000, fees: 22_750, payouts: 887_250 })
      expect(MonthlyTrade.of(yield* trade.get, secondary, "2024-07")).toEqual({ orders: 0, value: 0, fees: 0, payouts: 0 })
    }).pipe(Effect.scoped, Effect.provide(inMemory))
  )
})

describe("read models, event by event", () => {
  it("stock per listing: reservations hold, releases free, commits take off hand", () => {
    const events = [
      listed(beras, { stock: 100 }),
      new ListingEvent.StockReserved({ listingId: beras, orderId: order1, buyer, quantity: 30 }),
      new ListingEvent.StockReserved({ listingId: beras, orderId: order2, buyer, quantity: 20 }),
      new ListingEvent.StockReleased({ listingId: beras, orderId: order2, quantity: 20 }),
      new ListingEvent.StockCommitted({ listingId: beras, orderId: order1, quantity: 30 })
    ]
    const states = events.map((_, i) =>
      ListingStock.get(events.slice(0, i + 1).reduce(ListingStock.applyEvent, ListingStock.initial), beras)
    )
    expect(states.map((s) => [s?.onHand, s?.reserved, s?.available])).toEqual([
      [100, 0, 100],
      [100, 30, 70],
      [100, 50, 50],
      [100, 30, 70],
      [70, 0, 70]
    ])
  })

  it("receivables ageing: cash invoices are not receivables; paid invoices leave; buckets by days overdue", () => {
    const cash = [
      new OrderEvent.OrderPlaced({ ...placed, terms: "CASH" }),
      new OrderEvent.OrderInvoiced({ ...upTo.invoiced[5], terms: "CASH", dueOn: date("2024-06-03") })
    ]
    expect(ReceivablesAgeing.unpaid(cash.reduce(ReceivablesAgeing.applyEvent, ReceivablesAgeing.initial))).toEqual([])
    const tempo = [...upTo.invoiced].reduce(ReceivablesAgeing.applyEvent, ReceivablesAgeing.initial)
    expect(ReceivablesAgeing.unpaid(tempo).map((r) => r.orderId)).toEqual([order1])
    expect(ReceivablesAgeing.unpaid([...upTo.paid].reduce(ReceivablesAgeing.applyEvent, ReceivablesAgeing.initial))).toEqual([])
    expect([1, 30, 31, 60, 61, 90, 91].map(ReceivablesAgeing.bucketOf)).toEqual(["1-30", "1-30", "31-60", "31-60", "61-90", "61-90", "90+"])
  })

  it("order book: disputes are flagged and cleared", () => {
    const disputed = [...upTo.delivered, new OrderEvent.OrderDisputed({ orderId: order1, reason: "basah" })]
    expect(OrderBook.forCooperative(disputed.reduce(OrderBook.applyEvent, OrderBook.initial), buyer)[0]?.disputed).toBe(true)
    const resolved = [...disputed, new OrderEvent.DisputeResolved({ orderId: order1, resolution: "diganti" })]
    expect(OrderBook.forCooperative(resolved.reduce(OrderBook.applyEvent, OrderBook.initial), seller)[0]).toMatchObject({
      disputed: false,
      status: "DELIVERED"
    })
  })
})
