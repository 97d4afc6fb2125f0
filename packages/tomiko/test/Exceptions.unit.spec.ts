/**
 * An order's exceptions (issue 20, adr/0080): the seller cancels before shipment; a shipment the
 * buyer never confirms is escalated to the network's arbiter, who confirms it for the buyer or
 * cancels; a dispute resolves with a credit note, fee and payout recomputed on what is owed.
 */
import { describe, expect, it } from "vitest"
import { Effect, Schema } from "effect"
import { DeciderSpecification, FixedClock } from "@jatim/testing"
import { InMemoryEventStore } from "@jatim/eventstore"
import {
  AcceptanceSaga,
  Commands,
  Listing,
  Order,
  OrderBook,
  OrderCommand,
  OrderError,
  OrderEvent,
  ReceivablesAgeing
} from "../src/index.js"
import {
  bast,
  beras,
  buyer,
  buyerAdmin,
  date,
  dinas,
  fee,
  invoiced,
  linesOrdered,
  now,
  order1,
  outsiderAdmin,
  paymentId,
  rp,
  secondary,
  secondaryAdmin,
  seller,
  sellerAdmin,
  today,
  upTo
} from "./fixtures.js"
import { marketplace, placeBeras, typesOf } from "./support.js"

const spec = DeciderSpecification.for(Order.decider)

describe("the seller cancels before shipment", () => {
  const cancel = (actor = sellerAdmin) => new OrderCommand.CancelOrderAsSeller({ actor, orderId: order1, reason: "gudang banjir" })

  it("an accepted order's reservations are to be released, and the reason and who cancelled are recorded", () => {
    spec
      .given(upTo.accepted)
      .when(cancel())
      .then([
        new OrderEvent.OrderCancelled({ orderId: order1, buyer, reason: "gudang banjir", release: linesOrdered, cancelledBy: "SELLER" })
      ])
    spec
      .given(upTo.placed)
      .when(cancel())
      .then([new OrderEvent.OrderCancelled({ orderId: order1, buyer, reason: "gudang banjir", release: [], cancelledBy: "SELLER" })])
  })

  it("not after shipment, not while its acceptance runs, and only by the seller's admin", () => {
    expect(spec.given(upTo.shipped).when(cancel()).thenFailsWith("OrderNotInStatus").message).toContain("only before shipment")
    spec.given(upTo.accepting).when(cancel()).thenFailsWith("OrderNotInStatus")
    for (const actor of [buyerAdmin, secondaryAdmin, dinas])
      spec.given(upTo.accepted).when(cancel(actor)).thenFailsWith("ActorNotAuthorized")
    spec.given(upTo.accepted).when(cancel(outsiderAdmin)).thenFailsWith("OrderNotFound")
  })

  it("a buyer's cancellation reads as the buyer's, also from an event written before sellers could cancel", () => {
    // As stored before: no `cancelledBy`.
    const old = Schema.decodeUnknownSync(OrderEvent.OrderEvent)({
      _tag: "OrderCancelled",
      orderId: order1,
      buyer,
      reason: "batal",
      release: []
    })
    expect(old).toMatchObject({ _tag: "OrderCancelled", cancelledBy: "BUYER" })
  })

  it("end to end: the stock process releases what the seller's cancellation lists", async () => {
    const types = await Effect.runPromise(
      Effect.gen(function* () {
        yield* marketplace([{ listingId: beras, stock: 100 }])
        yield* placeBeras(order1, 30, "TEMPO_14")
        yield* AcceptanceSaga.accept(order1, sellerAdmin)
        yield* Commands.order(cancel())
        // What the stock process does for the event (it acts for the buyer, who may release a cancelled order's stock).
        yield* Commands.releaseStock(buyerAdmin, beras, order1)
        const listing = yield* Commands.listingState(beras)
        return { types: yield* typesOf(Listing.streamName(beras)), available: listing._tag === "Listed" ? Listing.available(listing) : -1 }
      }).pipe(FixedClock.at(now), Effect.provide(InMemoryEventStore.layer()))
    )
    expect(types).toEqual({ types: ["ListingCreated", "StockReserved", "StockReleased"], available: 100 })
  })
})

describe("escalation of a shipment the buyer never confirms", () => {
  const escalate = (actor = sellerAdmin) => new OrderCommand.EscalateDelivery({ actor, orderId: order1 })
  const escalated = new OrderEvent.DeliveryEscalated({ orderId: order1, seller, shippedOn: today, escalatedOn: date("2024-06-17") })
  const confirmFor = (actor = secondaryAdmin) => new OrderCommand.ConfirmDeliveryForBuyer({ actor, orderId: order1, bastNumber: bast })
  const cancelEscalated = (actor = secondaryAdmin) =>
    new OrderCommand.CancelEscalatedOrder({ actor, orderId: order1, reason: "barang tidak pernah sampai" })
  /** 17 June, 10:00 WIB: 14 days after the shipment of 3 June. */
  const dayFourteen = "2024-06-17T03:00:00Z"

  it(`the seller escalates ${Order.escalationAfterDays} days after shipment (by the Clock, WIB), not before; once`, () => {
    spec.given(upTo.shipped).at(dayFourteen).when(escalate()).then([escalated])
    spec
      .given(upTo.shipped)
      .at("2024-06-16T16:59:59Z")
      .when(escalate())
      .then(new OrderError.EscalationTooEarly({ orderId: order1, shippedOn: today, escalableOn: "2024-06-17", days: 14 }))
    spec
      .given([...upTo.shipped, escalated])
      .at(dayFourteen)
      .when(escalate())
      .then([])
    spec.given(upTo.delivered).at(dayFourteen).when(escalate()).thenFailsWith("OrderNotInStatus")
    spec.given(upTo.shipped).at(dayFourteen).when(escalate(buyerAdmin)).thenFailsWith("ActorNotAuthorized")
  })

  it("then the network's secondary confirms the delivery for the buyer, with the BAST", () => {
    spec
      .given([...upTo.shipped, escalated])
      .at(dayFourteen)
      .when(confirmFor())
      .then([new OrderEvent.OrderDelivered({ orderId: order1, bastNumber: bast, deliveredOn: date("2024-06-17"), confirmedBy: "ARBITER" })])
    // Not before an escalation; not by anyone else.
    expect(spec.given(upTo.shipped).when(confirmFor()).thenFailsWith("DeliveryNotEscalated").message).toContain("escalates")
    for (const actor of [buyerAdmin, sellerAdmin, dinas]) {
      spec
        .given([...upTo.shipped, escalated])
        .when(confirmFor(actor))
        .thenFailsWith("ActorNotAuthorized")
    }
    // The buyer may still confirm it itself.
    spec
      .given([...upTo.shipped, escalated])
      .at(now)
      .when(new OrderCommand.ConfirmDelivery({ actor: buyerAdmin, orderId: order1, bastNumber: bast }))
      .then([new OrderEvent.OrderDelivered({ orderId: order1, bastNumber: bast, deliveredOn: today })])
  })

  it("or cancels the order: its stock left with the shipment, nothing is released", () => {
    spec
      .given([...upTo.shipped, escalated])
      .when(cancelEscalated())
      .then([
        new OrderEvent.OrderCancelled({
          orderId: order1,
          buyer,
          reason: "barang tidak pernah sampai",
          release: [],
          cancelledBy: "ARBITER"
        })
      ])
    spec.given(upTo.shipped).when(cancelEscalated()).thenFailsWith("DeliveryNotEscalated")
    spec
      .given([...upTo.shipped, escalated, upTo.delivered[4]])
      .when(cancelEscalated())
      .thenFailsWith("OrderNotInStatus")
    spec
      .given([...upTo.shipped, escalated])
      .when(cancelEscalated(sellerAdmin))
      .thenFailsWith("ActorNotAuthorized")
  })
})

describe("a dispute resolved with a credit note", () => {
  const disputed = new OrderEvent.OrderDisputed({ orderId: order1, reason: "3 karung basah" })
  const credit = (amount: number, actor = secondaryAdmin) =>
    new OrderCommand.ResolveDisputeWithCreditNote({ actor, orderId: order1, amount: rp(amount), resolution: "potong 3 karung" })
  const issued = (amount: number, creditedTotal: number) =>
    new OrderEvent.CreditNoteIssued({
      orderId: order1,
      amount: rp(amount),
      creditedTotal: rp(creditedTotal),
      resolution: "potong 3 karung",
      issuedOn: today
    })
  const resolved = new OrderEvent.DisputeResolved({ orderId: order1, resolution: "potong 3 karung" })
  const pay = (id: string, amount: number) =>
    new OrderCommand.RecordPayment({ actor: buyerAdmin, orderId: order1, paymentId: paymentId(id), amount: rp(amount) })
  const settle = new OrderCommand.SettleOrder({ actor: secondaryAdmin, orderId: order1 })
  /** The settlement today of what is owed (`total`), split at the network's fee, after `credited` and with `refunded` paid back. */
  const settledAs = (total: number, split: { readonly fee: number; readonly payout: number }, credited: number, refunded: number) =>
    new OrderEvent.OrderSettled({
      orderId: order1,
      secondary,
      seller,
      total: rp(total),
      feeBasisPoints: fee,
      fee: rp(split.fee),
      payout: rp(split.payout),
      settledOn: today,
      credited: rp(credited),
      refunded: rp(refunded)
    })

  /** The order's first credit note, of `amount`, on the disputed `history`: issued, it resolves the dispute; answers the history after it. */
  const creditedFirst = (history: ReadonlyArray<OrderEvent.OrderEvent>, amount: number) => {
    const outcome = [issued(amount, amount), resolved]
    spec.given(history).at(now).when(credit(amount)).then(outcome)
    return [...history, ...outcome]
  }
  /** Settling `history` today records `settled`. */
  const settles = (history: ReadonlyArray<OrderEvent.OrderEvent>, settled: OrderEvent.OrderSettled) =>
    spec.given(history).at(now).when(settle).then([settled])

  it("an invoiced order: the credit comes off what is owed; the rest pays it; settled on the rest, fee and payout adding up", () => {
    const credited = creditedFirst([...upTo.invoiced, disputed], 195_000)
    // Rp1.714.000 − Rp195.000 = Rp1.519.000 owed: a payment beyond it is refused, it pays the order.
    spec
      .given(credited)
      .when(pay("TRF-1", 1_519_001))
      .then(new OrderError.PaymentExceedsOutstanding({ orderId: order1, amount: 1_519_001, outstanding: 1_519_000 }))
    const paidEvents = [
      new OrderEvent.PaymentRecorded({
        orderId: order1,
        paymentId: paymentId("TRF-1"),
        amount: rp(1_519_000),
        paidTotal: rp(1_519_000),
        paidOn: today
      }),
      new OrderEvent.OrderPaid({ orderId: order1, paidOn: today })
    ]
    spec.given(credited).at(now).when(pay("TRF-1", 1_519_000)).then(paidEvents)
    // 250 bp of Rp1.519.000 = Rp37.975.
    settles([...credited, ...paidEvents], settledAs(1_519_000, { fee: 37_975, payout: 1_481_025 }, 195_000, 0))
  })

  it("a paid order: what was paid beyond the rest is refunded at settlement; a full refund leaves nothing to split", () => {
    const history = [...upTo.paid, disputed]
    settles(creditedFirst(history, 714_000), settledAs(1_000_000, { fee: 25_000, payout: 975_000 }, 714_000, 714_000))
    settles(creditedFirst(history, 1_714_000), settledAs(0, { fee: 0, payout: 0 }, 1_714_000, 1_714_000))
  })

  it("a part-paid order that the credit pays off is paid at once; a tempo order credited before its invoice is invoiced on the rest", () => {
    const part = new OrderEvent.PaymentRecorded({
      orderId: order1,
      paymentId: paymentId("TRF-1"),
      amount: rp(1_600_000),
      paidTotal: rp(1_600_000),
      paidOn: today
    })
    spec
      .given([...upTo.invoiced, part, disputed])
      .at(now)
      .when(credit(114_000))
      .then([issued(114_000, 114_000), resolved, new OrderEvent.OrderPaid({ orderId: order1, paidOn: today })])
    spec
      .given([...upTo.delivered, disputed, issued(214_000, 214_000), resolved])
      .at(now)
      .when(new OrderCommand.InvoiceOrder({ actor: sellerAdmin, orderId: order1 }))
      .then([new OrderEvent.OrderInvoiced({ ...invoiced, total: rp(1_500_000) })])
  })

  it("credit notes never add up to more than the total, are at least Rp1, need an open dispute and the arbiter", () => {
    const history = [...upTo.invoiced, disputed]
    spec
      .given(history)
      .when(credit(1_714_001))
      .then(new OrderError.CreditNoteExceedsTotal({ orderId: order1, amount: 1_714_001, creditable: 1_714_000 }))
    spec
      .given([...history, issued(1_000_000, 1_000_000), resolved, disputed])
      .when(credit(714_001))
      .then(new OrderError.CreditNoteExceedsTotal({ orderId: order1, amount: 714_001, creditable: 714_000 }))
    spec
      .given(history)
      .when(credit(0))
      .then(new OrderError.CreditNoteNotPositive({ orderId: order1 }))
    spec
      .given(upTo.invoiced)
      .when(credit(10))
      .then(new OrderError.OrderNotDisputed({ orderId: order1 }))
    for (const actor of [buyerAdmin, sellerAdmin, dinas]) spec.given(history).when(credit(10, actor)).thenFailsWith("ActorNotAuthorized")
  })

  it("the order book and the receivables follow: the receivable's total is net of the credit note", () => {
    const events = [...upTo.invoiced, disputed, issued(214_000, 214_000), resolved]
    const receivables = events.reduce(ReceivablesAgeing.applyEvent, ReceivablesAgeing.initial)
    expect(ReceivablesAgeing.unpaid(receivables).map((r) => [r.orderId, r.total, r.paid])).toEqual([[order1, 1_500_000, 0]])
    const book = events.reduce(OrderBook.applyEvent, OrderBook.initial)
    expect(OrderBook.forCooperative(book, buyer).map((e) => [e.status, e.disputed])).toEqual([["INVOICED", false]])
  })
})
