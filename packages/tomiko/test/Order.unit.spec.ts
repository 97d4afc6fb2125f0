import { describe, expect, it } from "vitest"
import { Rupiah } from "@jatim/kernel"
import { DeciderSpecification } from "@jatim/testing"
import { Order, OrderCommand, OrderError, OrderEvent } from "../src/index.js"
import {
  accepted,
  acceptanceStarted,
  bast,
  beras,
  buyer,
  buyerAdmin,
  date,
  delivered,
  fee,
  invoiced,
  linesOrdered,
  now,
  order1,
  outsider,
  paymentId,
  placed,
  placeOrder,
  rp,
  secondary,
  secondaryAdmin,
  seller,
  sellerAdmin,
  shipped,
  today,
  upTo
} from "./fixtures.js"

const spec = DeciderSpecification.for(Order.decider)

const base = placeOrder()
const withParties = (change: Partial<Pick<OrderCommand.PlaceOrder, "buyer" | "seller" | "network">>) =>
  new OrderCommand.PlaceOrder({ ...base, ...change })

const pay = (id: string, amount: number, actor = buyerAdmin) =>
  new OrderCommand.RecordPayment({ actor, orderId: order1, paymentId: paymentId(id), amount: rp(amount) })
/** The payment `id` of `amount` recorded today, bringing what was paid to `paidTotal`. */
const paid = (id: string, amount: number, paidTotal: number) =>
  new OrderEvent.PaymentRecorded({ orderId: order1, paymentId: paymentId(id), amount: rp(amount), paidTotal: rp(paidTotal), paidOn: today })
const settle = (actor = secondaryAdmin) => new OrderCommand.SettleOrder({ actor, orderId: order1 })

/** The settlement of the order paid in full: 250 bp of Rp1.714.000 to the secondary, the rest to the seller. */
const settledInFull = new OrderEvent.OrderSettled({
  orderId: order1,
  secondary,
  seller,
  total: rp(1_714_000),
  feeBasisPoints: fee,
  fee: rp(42_850),
  payout: rp(1_671_150),
  settledOn: today
})

describe("Order: placement", () => {
  it("the buyer's admin places an order; lines are priced when placed and the total is their sum", () => {
    spec.given([]).at(now).when(base).then([placed])
  })

  it("a cooperative never orders from itself", () => {
    const toItself = withParties({ seller: base.buyer })
    spec
      .given([])
      .when(toItself)
      .then(new OrderError.OrderToItself({ orderId: order1, nik: buyer }))
  })

  it("buyer and seller are registered primary cooperatives", () => {
    spec
      .given([])
      .when(withParties({ buyer: { ...base.buyer, type: "SEKUNDER" } }))
      .then(new OrderError.PartyNotPrimary({ orderId: order1, role: "buyer", nik: buyer }))
    spec
      .given([])
      .when(withParties({ seller: { ...base.seller, type: undefined } }))
      .then(new OrderError.PartyNotPrimary({ orderId: order1, role: "seller", nik: seller }))
  })

  it("buyer and seller are in the same secondary network, the one whose fee applies", () => {
    const error = new OrderError.NotInSameNetwork({ orderId: order1, buyer, seller })
    spec
      .given([])
      .when(withParties({ seller: { ...base.seller, network: outsider } }))
      .then(error)
    spec
      .given([])
      .when(withParties({ buyer: { ...base.buyer, network: undefined }, seller: { ...base.seller, network: undefined } }))
      .then(error)
    spec
      .given([])
      .when(withParties({ network: { secondary: outsider, feeBasisPoints: fee } }))
      .then(error)
  })

  it("every line is an active listing of the seller, once, at least its minimum order quantity", () => {
    const line = base.lines[0]!
    const lines = (changed: ReadonlyArray<OrderCommand.LineRequest>) => new OrderCommand.PlaceOrder({ ...base, lines: changed })
    spec
      .given([])
      .when(lines([]))
      .then(new OrderError.NoOrderLines({ orderId: order1 }))
    spec
      .given([])
      .when(lines([line, line]))
      .then(new OrderError.DuplicateOrderLine({ orderId: order1, listingId: beras }))
    spec
      .given([])
      .when(lines([{ ...line, listing: { ...line.listing, seller: outsider } }]))
      .then(new OrderError.LineNotFromSeller({ orderId: order1, listingId: beras, seller }))
    spec
      .given([])
      .when(lines([{ ...line, listing: { ...line.listing, active: false } }]))
      .then(new OrderError.ListingNotAvailable({ orderId: order1, listingId: beras }))
    spec
      .given([])
      .when(lines([{ ...line, quantity: 9 }]))
      .then(new OrderError.BelowMinimumOrderQuantity({ orderId: order1, listingId: beras, quantity: 9, minimumOrderQuantity: 10 }))
  })

  it("a total beyond exact whole-rupiah arithmetic is refused", () => {
    const huge = placeOrder({ lines: [{ listingId: beras, quantity: 1_000_000_000, unitPrice: Number.MAX_SAFE_INTEGER }] })
    spec
      .given([])
      .when(huge)
      .then(new OrderError.OrderTotalTooLarge({ orderId: order1 }))
  })

  it("an order id is used once", () => {
    spec
      .given([placed])
      .when(base)
      .then(new OrderError.OrderAlreadyPlaced({ orderId: order1 }))
  })
})

describe("Order: acceptance, rejection, cancellation", () => {
  const start = (actor = sellerAdmin) => new OrderCommand.StartAcceptance({ actor, orderId: order1 })
  const complete = new OrderCommand.CompleteAcceptance({ actor: sellerAdmin, orderId: order1 })
  const fail = new OrderCommand.FailAcceptance({ actor: sellerAdmin, orderId: order1, reason: "line beras-5kg could not be reserved" })
  const cancel = (actor = buyerAdmin) => new OrderCommand.CancelOrder({ actor, orderId: order1, reason: "kebutuhan berubah" })

  it("the seller's admin starts the acceptance of a placed order; starting again changes nothing", () => {
    spec.given(upTo.placed).when(start()).then([acceptanceStarted])
    spec.given(upTo.accepting).when(start()).then([])
    spec.given(upTo.accepted).when(start()).thenFailsWith("OrderNotInStatus")
  })

  it("the acceptance completes (accepted) or fails with its reason; each once", () => {
    spec.given(upTo.accepting).at(now).when(complete).then([accepted])
    spec.given(upTo.accepted).when(complete).then([])
    spec.given(upTo.placed).when(complete).thenFailsWith("OrderNotInStatus")
    const failed = new OrderEvent.OrderAcceptanceFailed({ orderId: order1, reason: fail.reason })
    spec.given(upTo.accepting).when(fail).then([failed])
    spec
      .given([...upTo.accepting, failed])
      .when(fail)
      .then([])
    spec
      .given([...upTo.accepting, failed])
      .when(cancel())
      .thenFailsWith("OrderNotInStatus")
  })

  it("the seller rejects a placed order, not an accepted one", () => {
    const reject = new OrderCommand.RejectOrder({ actor: sellerAdmin, orderId: order1, reason: "stok habis" })
    spec
      .given(upTo.placed)
      .when(reject)
      .then([new OrderEvent.OrderRejected({ orderId: order1, reason: "stok habis" })])
    spec.given(upTo.accepted).when(reject).thenFailsWith("OrderNotInStatus")
  })

  it("the buyer cancels before shipment; an accepted order's reservations are to be released", () => {
    spec
      .given(upTo.placed)
      .when(cancel())
      .then([new OrderEvent.OrderCancelled({ orderId: order1, buyer, reason: "kebutuhan berubah", release: [] })])
    spec
      .given(upTo.accepted)
      .when(cancel())
      .then([new OrderEvent.OrderCancelled({ orderId: order1, buyer, reason: "kebutuhan berubah", release: linesOrdered })])
    const error = spec.given(upTo.shipped).when(cancel()).thenFailsWith("OrderNotInStatus")
    expect(error.message).toContain("an order is cancelled only before shipment")
    spec.given(upTo.accepting).when(cancel()).thenFailsWith("OrderNotInStatus")
  })

  it("an order that does not exist is not accepted", () => {
    spec
      .given([])
      .when(start())
      .then(new OrderError.OrderNotFound({ orderId: order1, action: "accept an order" }))
  })
})

describe("Order: shipment, delivery, invoice", () => {
  it("the seller ships an accepted order, committing its lines", () => {
    spec
      .given(upTo.accepted)
      .at(now)
      .when(new OrderCommand.ShipOrder({ actor: sellerAdmin, orderId: order1 }))
      .then([shipped])
    spec
      .given(upTo.placed)
      .when(new OrderCommand.ShipOrder({ actor: sellerAdmin, orderId: order1 }))
      .thenFailsWith("OrderNotInStatus")
  })

  it("the buyer confirms the delivery of a shipped order with its BAST number", () => {
    const confirm = new OrderCommand.ConfirmDelivery({ actor: buyerAdmin, orderId: order1, bastNumber: bast })
    spec.given(upTo.shipped).at(now).when(confirm).then([delivered])
    spec.given(upTo.accepted).when(confirm).thenFailsWith("OrderNotInStatus")
    spec
      .given(upTo.shipped)
      .when(new OrderCommand.ConfirmDelivery({ ...confirm, actor: sellerAdmin }))
      .thenFailsWith("ActorNotAuthorized")
  })

  it("the invoice is due by the terms, counted from the invoice date by the Clock (WIB)", () => {
    const invoice = new OrderCommand.InvoiceOrder({ actor: sellerAdmin, orderId: order1 })
    const historyWith = (terms: "CASH" | "TEMPO_14" | "TEMPO_30") => [
      new OrderEvent.OrderPlaced({ ...placed, terms }),
      ...upTo.delivered.slice(1)
    ]
    const expected = (terms: "CASH" | "TEMPO_14" | "TEMPO_30", dueOn: string) => [
      new OrderEvent.OrderInvoiced({ orderId: order1, terms, total: placed.total, invoicedOn: date("2024-06-30"), dueOn: date(dueOn) })
    ]
    // 16:00 UTC on 30 June is 23:00 WIB, still 30 June.
    spec.given(historyWith("TEMPO_14")).at("2024-06-30T16:00:00Z").when(invoice).then(expected("TEMPO_14", "2024-07-14"))
    spec.given(historyWith("TEMPO_30")).at("2024-06-30T16:00:00Z").when(invoice).then(expected("TEMPO_30", "2024-07-30"))
    // 17:30 UTC on 30 June is 00:30 on 1 July in WIB: the invoice date is 1 July.
    spec
      .given(historyWith("TEMPO_14"))
      .at("2024-06-30T17:30:00Z")
      .when(invoice)
      .then([
        new OrderEvent.OrderInvoiced({
          orderId: order1,
          terms: "TEMPO_14",
          total: placed.total,
          invoicedOn: date("2024-07-01"),
          dueOn: date("2024-07-15")
        })
      ])
    spec.given(upTo.invoiced).when(invoice).thenFailsWith("OrderNotInStatus")
  })

  it("a CASH order is paid on delivery, without an invoice: invoicing it is refused with the rule", () => {
    const invoice = new OrderCommand.InvoiceOrder({ actor: sellerAdmin, orderId: order1 })
    const cash = [new OrderEvent.OrderPlaced({ ...placed, terms: "CASH" }), ...upTo.delivered.slice(1)]
    spec
      .given(cash)
      .when(invoice)
      .then(new OrderError.CashOrderNotInvoiced({ orderId: order1 }))
    expect(spec.given(cash).when(invoice).thenFailsWith("CashOrderNotInvoiced").message).toContain("paid on delivery")
    // Its payments are recorded once delivered; the last one pays it, and it is settled as any other.
    spec
      .given(cash)
      .at(now)
      .when(pay("TRF-1", 1_714_000))
      .then([paid("TRF-1", 1_714_000, 1_714_000), new OrderEvent.OrderPaid({ orderId: order1, paidOn: today })])
    // Not before delivery, on either terms; a tempo order not before its invoice.
    const shippedCash = [new OrderEvent.OrderPlaced({ ...placed, terms: "CASH" }), ...upTo.shipped.slice(1)]
    expect(spec.given(shippedCash).when(pay("TRF-1", 1)).thenFailsWith("OrderNotInStatus").message).toContain("paid on delivery")
    expect(spec.given(upTo.delivered).when(pay("TRF-1", 1)).thenFailsWith("OrderNotInStatus").message).toContain("once it is invoiced")
    // A CASH order invoiced before CASH orders stopped being invoiced still takes its payments.
    const invoicedCash = [...cash, new OrderEvent.OrderInvoiced({ ...invoiced, terms: "CASH", dueOn: invoiced.invoicedOn })]
    spec
      .given(invoicedCash)
      .at(now)
      .when(pay("TRF-1", 14_000))
      .then([paid("TRF-1", 14_000, 14_000)])
  })
})

describe("Order: payments and settlement", () => {
  it("payments on an invoice add up; the last one pays it in full", () => {
    spec
      .given(upTo.invoiced)
      .at(now)
      .when(pay("TRF-1", 1_000_000))
      .then([paid("TRF-1", 1_000_000, 1_000_000)])
    spec
      .given([...upTo.invoiced, paid("TRF-1", 1_000_000, 1_000_000)])
      .at(now)
      .when(pay("TRF-2", 714_000))
      .then([paid("TRF-2", 714_000, 1_714_000), new OrderEvent.OrderPaid({ orderId: order1, paidOn: today })])
  })

  it("payments never add up to more than the total", () => {
    spec
      .given([...upTo.invoiced, paid("TRF-1", 1_000_000, 1_000_000)])
      .when(pay("TRF-2", 714_001))
      .then(new OrderError.PaymentExceedsOutstanding({ orderId: order1, amount: 714_001, outstanding: 714_000 }))
    spec
      .given(upTo.paid)
      .when(pay("TRF-9", 1))
      .then(new OrderError.PaymentExceedsOutstanding({ orderId: order1, amount: 1, outstanding: 0 }))
  })

  it("a payment is at least Rp1, on an invoiced order, and a payment reference is recorded once", () => {
    spec
      .given(upTo.invoiced)
      .when(pay("TRF-1", 0))
      .then(new OrderError.PaymentNotPositive({ orderId: order1 }))
    spec.given(upTo.delivered).when(pay("TRF-1", 10)).thenFailsWith("OrderNotInStatus")
    spec.given(upTo.paid).when(pay("TRF-1", 1_714_000)).then([])
    spec
      .given(upTo.paid)
      .when(pay("TRF-1", 5))
      .then(new OrderError.PaymentIdReused({ orderId: order1, paymentId: "TRF-1" }))
  })

  it("the secondary's admin settles a paid order: fee (basis points, half up) and payout add up to the total", () => {
    spec.given(upTo.paid).at(now).when(settle()).then([settledInFull])
    // Rp200 at 25 bp is Rp0.50 of fee: rounded half up to Rp1, the payout is Rp199.
    const small = [
      new OrderEvent.OrderPlaced({
        ...placed,
        feeBasisPoints: Rupiah.BasisPoints.make(25),
        lines: [{ listingId: beras, quantity: 20, unitPrice: rp(10), lineTotal: rp(200) }],
        total: rp(200)
      }),
      ...upTo.invoiced.slice(1),
      paid("T", 200, 200),
      new OrderEvent.OrderPaid({ orderId: order1, paidOn: today })
    ]
    spec
      .given(small)
      .at(now)
      .when(settle())
      .then([
        new OrderEvent.OrderSettled({
          orderId: order1,
          secondary,
          seller,
          total: rp(200),
          feeBasisPoints: Rupiah.BasisPoints.make(25),
          fee: rp(1),
          payout: rp(199),
          settledOn: today
        })
      ])
  })

  it("only an order paid in full is settled, and only once", () => {
    spec.given(upTo.invoiced).when(settle()).thenFailsWith("OrderNotInStatus")
    const settled = [...upTo.paid, settledInFull]
    spec.given(settled).when(settle()).thenFailsWith("OrderNotInStatus")
  })
})

describe("Order: disputes", () => {
  const dispute = new OrderCommand.DisputeOrder({ actor: buyerAdmin, orderId: order1, reason: "10 karung beras basah" })
  const disputed = new OrderEvent.OrderDisputed({ orderId: order1, reason: "10 karung beras basah" })
  const resolve = new OrderCommand.ResolveDispute({ actor: secondaryAdmin, orderId: order1, resolution: "diganti 10 karung" })

  it("the buyer disputes after delivery, not before", () => {
    spec.given(upTo.delivered).when(dispute).then([disputed])
    spec.given(upTo.paid).when(dispute).then([disputed])
    spec.given(upTo.shipped).when(dispute).thenFailsWith("OrderNotInStatus")
    spec
      .given([...upTo.delivered, disputed])
      .when(dispute)
      .thenFailsWith("OrderUnderDispute")
  })

  it("a disputed order is not settled until the secondary resolves the dispute", () => {
    spec
      .given([...upTo.paid, disputed])
      .when(settle())
      .thenFailsWith("OrderUnderDispute")
    const resolved = new OrderEvent.DisputeResolved({ orderId: order1, resolution: "diganti 10 karung" })
    spec
      .given([...upTo.paid, disputed])
      .when(resolve)
      .then([resolved])
    spec
      .given([...upTo.paid, disputed, resolved])
      .at(now)
      .when(settle())
      .then([settledInFull])
    spec
      .given(upTo.paid)
      .when(resolve)
      .then(new OrderError.OrderNotDisputed({ orderId: order1 }))
  })
})

describe("Order: state", () => {
  it("folds the whole life of an order", () => {
    const state = [...upTo.paid].reduce(Order.evolve, Order.initialState)
    expect(state).toMatchObject({ _tag: "Placed", status: "PAID", paid: 1_714_000, bastNumber: bast, dueOn: invoiced.dueOn })
  })
})
