/**
 * TOMIKO's exceptions and credit over HTTP on PostgreSQL (issue 20): a seller sets a buyer's
 * tempo credit limit and the credit line is seen by its two parties and the Dinas only; an order
 * beyond the limit fails its acceptance with the figures; the credit process releases the credit
 * of an order paid in full or cancelled; the seller cancels before shipment (stock released); a
 * shipment the buyer never confirms is escalated after 14 days to the network's arbiter, who
 * confirms it for the buyer or cancels; a dispute resolves with a credit note, and the settlement
 * still adds up. Who may do what is the domain's rule: everyone else is refused.
 */
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { EventStore } from "@jatim/eventstore"
import { Actor, Identifier } from "@jatim/kernel"
import { Commands, OrderCommand, OrderId } from "@jatim/tomiko"
import { clockAt, dinas, eventually, hostPerFile, kop, learnerToken } from "./support.js"
import { listBeras, numberedNetwork, registerNetwork } from "./tomikoNetwork.js"

const suite = hostPerFile("http_tomiko_exceptions")
const { get, post } = suite

const { secondary, seller, buyer, other } = numberedNetwork(2000)
const listingId = "beras-2001"
const day = 86_400_000

beforeAll(async () => {
  await registerNetwork(post, { secondary, name: "Pusat Koperasi Uji Kredit", feeBasisPoints: 200, primaries: [seller, buyer, other] })
  await listBeras(post, seller, listingId)
})

/** Places an order of `quantity` bags of beras (Rp50.000 each) from the buyer to the seller. */
const place = async (orderId: string, quantity: number, terms = "TEMPO_30") => {
  const placed = await post("/tomiko/orders/place", kop(buyer), { orderId, buyer, seller, terms, lines: [{ listingId, quantity }] })
  expect(placed.status).toBe(200)
}

/** Places and accepts an order: the acceptance saga's outcome. */
const placeAndAccept = async (orderId: string, quantity: number, terms = "TEMPO_30") => {
  await place(orderId, quantity, terms)
  return (await post("/tomiko/orders/accept", kop(seller), { orderId })).body
}

const creditLine = (token?: Promise<string> | string) => get(`/tomiko/credit-lines/${seller}/${buyer}`, token)

const stock = async () =>
  (await get("/tomiko/listings", kop(seller))).body.find((s: { listingId: string }) => s.listingId === listingId) as {
    readonly onHand: number
    readonly reserved: number
  }

/** Runs a command of the order's stream through the library on the host's store, with the clock at `millis`. */
const atInstant = (millis: number, command: OrderCommand.OrderCommand) =>
  Effect.runPromise(
    Commands.order(command).pipe(Effect.withClock(clockAt(millis)), Effect.provideService(EventStore.EventStore, suite.host.store))
  )

const adminActor = (nik: string) => Actor.KoperasiAdmin.make({ nik: Identifier.NikKoperasi.make(nik) })

describe("TOMIKO credit lines over HTTP", () => {
  it("a seller sets a buyer's limit; the line is its parties' and the Dinas's; an order beyond it fails with the figures; the credit process releases", async () => {
    // Before any limit, the parties see an empty line; anyone else gets 404, as for none.
    expect((await creditLine(kop(buyer))).body).toEqual({ seller, buyer, limit: null, outstanding: 0, available: null })
    for (const token of [kop(secondary), kop(other), learnerToken("L-2026-002001"), undefined]) {
      const hidden = await creditLine(token)
      expect(hidden.status).toBe(404)
      expect(hidden.body).toMatchObject({ _tag: "NotFound", rule: "CreditLineNotFound" })
    }

    // Only the seller's admin sets the limit: not the buyer, not the secondary, not the Dinas.
    for (const token of [kop(buyer), kop(secondary), dinas]) {
      const refused = await post("/tomiko/credit-lines/set-limit", token, { seller, buyer, limit: 99_000_000 })
      expect(refused.status).toBe(403)
    }
    const set = await post("/tomiko/credit-lines/set-limit", kop(seller), { seller, buyer, limit: 1_000_000 })
    expect(set.status).toBe(200)
    expect(set.body.events[0]).toMatchObject({ _tag: "CreditLimitSet", seller, buyer, limit: 1_000_000 })
    // A client's mistake is a 400, never a 5xx.
    expect((await post("/tomiko/credit-lines/set-limit", kop(seller), { seller, buyer, limit: -5 })).status).toBe(400)

    // 12 bags (Rp600.000) fit; 10 more (Rp500.000) would take the outstanding total to Rp1.100.000.
    expect(await placeAndAccept("KRD-2001", 12)).toEqual({ _tag: "Accepted", orderId: "KRD-2001" })
    for (const token of [kop(seller), kop(buyer), dinas])
      expect((await creditLine(token)).body).toEqual({ seller, buyer, limit: 1_000_000, outstanding: 600_000, available: 400_000 })
    const beyond = await placeAndAccept("KRD-2002", 10)
    expect(beyond).toMatchObject({ _tag: "Failed", orderId: "KRD-2002" })
    for (const figure of ["1000000", "600000", "500000"]) expect(beyond.reason.replaceAll(".", "")).toContain(figure)
    // CASH orders use no credit.
    expect(await placeAndAccept("KRD-2003", 10, "CASH")).toEqual({ _tag: "Accepted", orderId: "KRD-2003" })
    expect((await creditLine(kop(seller))).body).toMatchObject({ outstanding: 600_000 })

    // A tempo order the seller cancels releases its credit (the credit process), and its stock (the stock process).
    expect(await placeAndAccept("KRD-2004", 4)).toEqual({ _tag: "Accepted", orderId: "KRD-2004" })
    expect((await creditLine(kop(seller))).body).toMatchObject({ outstanding: 800_000, available: 200_000 })
    const cancelled = await post("/tomiko/orders/cancel-as-seller", kop(seller), { orderId: "KRD-2004", reason: "Gudang kebanjiran" })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.events[0]).toMatchObject({ _tag: "OrderCancelled", cancelledBy: "SELLER", reason: "Gudang kebanjiran" })
    expect(
      await eventually(
        () => creditLine(kop(seller)),
        (r) => r.body.outstanding === 600_000
      )
    ).toMatchObject({
      body: { outstanding: 600_000, available: 400_000 }
    })

    // KRD-2001 shipped, delivered, invoiced and paid in full: its credit is released.
    expect((await post("/tomiko/orders/ship", kop(seller), { orderId: "KRD-2001" })).status).toBe(200)
    expect((await post("/tomiko/orders/confirm-delivery", kop(buyer), { orderId: "KRD-2001", bastNumber: "BAST/KRD/2001" })).status).toBe(
      200
    )
    expect((await post("/tomiko/orders/invoice", kop(seller), { orderId: "KRD-2001" })).status).toBe(200)
    const paid = await post("/tomiko/orders/record-payment", kop(buyer), { orderId: "KRD-2001", paymentId: "TRF-2001", amount: 600_000 })
    expect(paid.body.events.map((e: { _tag: string }) => e._tag)).toEqual(["PaymentRecorded", "OrderPaid"])
    expect(
      await eventually(
        () => creditLine(dinas),
        (r) => r.body.outstanding === 0
      )
    ).toMatchObject({
      body: { limit: 1_000_000, outstanding: 0, available: 1_000_000 }
    })
    // Lifting the limit.
    expect((await post("/tomiko/credit-lines/set-limit", kop(seller), { seller, buyer, limit: null })).status).toBe(200)
    expect((await creditLine(kop(buyer))).body).toMatchObject({ limit: null, available: null })
    const projections = (await get("/projections")).body as ReadonlyArray<{ name: string; lastError: string | null }>
    expect(projections.find((p) => p.name === "tomiko-credit")).toMatchObject({ lastError: null })
  })
})

describe("TOMIKO exceptions over HTTP", () => {
  it("the seller cancels before shipment, with the reason; its stock is released; nobody else cancels as the seller", async () => {
    expect(await placeAndAccept("EXC-2001", 7, "CASH")).toEqual({ _tag: "Accepted", orderId: "EXC-2001" })
    const before = await stock()
    // The order's other parties and the Dinas are refused; to a stranger to the order it does not exist.
    for (const token of [kop(buyer), kop(secondary), dinas]) {
      const refused = await post("/tomiko/orders/cancel-as-seller", token, { orderId: "EXC-2001", reason: "Bukan penjual" })
      expect(refused.status).toBe(403)
    }
    const stranger = await post("/tomiko/orders/cancel-as-seller", kop(other), { orderId: "EXC-2001", reason: "Bukan penjual" })
    expect(stranger.status).toBe(404)
    expect(stranger.body).toMatchObject({ rule: "OrderNotFound" })
    const cancelled = await post("/tomiko/orders/cancel-as-seller", kop(seller), { orderId: "EXC-2001", reason: "Stok rusak" })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.events[0]).toMatchObject({ _tag: "OrderCancelled", cancelledBy: "SELLER", release: [{ listingId, quantity: 7 }] })
    expect(await eventually(stock, (s) => s.reserved === before.reserved - 7)).toMatchObject({ reserved: before.reserved - 7 })
    // After shipment it is too late.
    expect(await placeAndAccept("EXC-2002", 1, "CASH")).toMatchObject({ _tag: "Accepted" })
    expect((await post("/tomiko/orders/ship", kop(seller), { orderId: "EXC-2002" })).status).toBe(200)
    const late = await post("/tomiko/orders/cancel-as-seller", kop(seller), { orderId: "EXC-2002", reason: "Terlambat" })
    expect(late.status).toBe(422)
    // An order that does not exist is the client's mistake.
    expect((await post("/tomiko/orders/cancel-as-seller", kop(seller), { orderId: "EXC-9999", reason: "Tidak ada" })).status).toBeLessThan(
      500
    )
  })

  it("an unconfirmed shipment is escalated after 14 days; the network's secondary confirms it for the buyer or cancels it", async () => {
    for (const orderId of ["EXC-2011", "EXC-2012", "EXC-2013"]) {
      expect(await placeAndAccept(orderId, 2, "TEMPO_14")).toMatchObject({ _tag: "Accepted" })
    }
    // EXC-2011 and EXC-2012 shipped 15 days ago (through the library, the clock set back); EXC-2013 today.
    const fifteenDaysAgo = Date.now() - 15 * day
    for (const orderId of ["EXC-2011", "EXC-2012"])
      await atInstant(fifteenDaysAgo, new OrderCommand.ShipOrder({ actor: adminActor(seller), orderId: OrderId.OrderId.make(orderId) }))
    expect((await post("/tomiko/orders/ship", kop(seller), { orderId: "EXC-2013" })).status).toBe(200)

    const early = await post("/tomiko/orders/escalate", kop(seller), { orderId: "EXC-2013" })
    expect(early.status).toBe(422)
    expect(early.body).toMatchObject({ rule: "EscalationTooEarly" })
    // Only the seller escalates.
    for (const token of [kop(buyer), kop(secondary), dinas])
      expect((await post("/tomiko/orders/escalate", token, { orderId: "EXC-2011" })).status).toBe(403)
    // Before an escalation the arbiter may not confirm for the buyer.
    const notEscalated = await post("/tomiko/orders/confirm-delivery-for-buyer", kop(secondary), {
      orderId: "EXC-2011",
      bastNumber: "BAST/EXC/2011"
    })
    expect(notEscalated.status).toBe(422)
    expect(notEscalated.body).toMatchObject({ rule: "DeliveryNotEscalated" })
    for (const orderId of ["EXC-2011", "EXC-2012"]) {
      const escalated = await post("/tomiko/orders/escalate", kop(seller), { orderId })
      expect(escalated.status).toBe(200)
      expect(escalated.body.events[0]).toMatchObject({ _tag: "DeliveryEscalated", orderId, seller })
    }

    // The arbiter is the network's secondary: not the buyer, not the seller, not the Dinas (on a primary's sale); to another member the order does not exist.
    expect((await post("/tomiko/orders/cancel-escalated", kop(other), { orderId: "EXC-2012", reason: "Tidak sampai" })).status).toBe(404)
    for (const token of [kop(buyer), kop(seller), dinas]) {
      expect(
        (await post("/tomiko/orders/confirm-delivery-for-buyer", token, { orderId: "EXC-2011", bastNumber: "BAST/EXC/2011" })).status
      ).toBe(403)
      expect((await post("/tomiko/orders/cancel-escalated", token, { orderId: "EXC-2012", reason: "Tidak sampai" })).status).toBe(403)
    }
    const confirmed = await post("/tomiko/orders/confirm-delivery-for-buyer", kop(secondary), {
      orderId: "EXC-2011",
      bastNumber: "BAST/EXC/2011"
    })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.events[0]).toMatchObject({ _tag: "OrderDelivered", confirmedBy: "ARBITER", bastNumber: "BAST/EXC/2011" })
    const cancelled = await post("/tomiko/orders/cancel-escalated", kop(secondary), {
      orderId: "EXC-2012",
      reason: "Barang tidak pernah sampai"
    })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.events[0]).toMatchObject({ _tag: "OrderCancelled", cancelledBy: "ARBITER", release: [] })
    const book = (await get(`/tomiko/koperasi/${buyer}/orders?limit=100`, kop(buyer))).body as ReadonlyArray<{
      orderId: string
      status: string
    }>
    expect(book.filter((e) => e.orderId === "EXC-2011" || e.orderId === "EXC-2012").map((e) => [e.orderId, e.status])).toEqual([
      ["EXC-2011", "DELIVERED"],
      ["EXC-2012", "CANCELLED"]
    ])
  })

  it("a dispute resolves with a credit note; the settlement's fee and payout add up to the total less the credit", async () => {
    expect(await placeAndAccept("EXC-2021", 10, "CASH")).toMatchObject({ _tag: "Accepted" })
    expect((await post("/tomiko/orders/ship", kop(seller), { orderId: "EXC-2021" })).status).toBe(200)
    expect((await post("/tomiko/orders/confirm-delivery", kop(buyer), { orderId: "EXC-2021", bastNumber: "BAST/EXC/2021" })).status).toBe(
      200
    )
    expect((await post("/tomiko/orders/dispute", kop(buyer), { orderId: "EXC-2021", reason: "Dua karung basah" })).status).toBe(200)
    const note = { orderId: "EXC-2021", amount: 100_000, resolution: "Dua karung dipotong dari tagihan" }
    for (const token of [kop(buyer), kop(seller), dinas])
      expect((await post("/tomiko/orders/resolve-dispute-with-credit-note", token, note)).status).toBe(403)
    const tooMuch = await post("/tomiko/orders/resolve-dispute-with-credit-note", kop(secondary), { ...note, amount: 500_001 })
    expect(tooMuch.status).toBe(422)
    expect(tooMuch.body).toMatchObject({ rule: "CreditNoteExceedsTotal" })
    const resolved = await post("/tomiko/orders/resolve-dispute-with-credit-note", kop(secondary), note)
    expect(resolved.status).toBe(200)
    expect(resolved.body.events.map((e: { _tag: string }) => e._tag)).toEqual(["CreditNoteIssued", "DisputeResolved"])
    expect(resolved.body.events[0]).toMatchObject({ amount: 100_000, creditedTotal: 100_000 })
    // The buyer pays what it owes (Rp400.000), never more; the secondary settles.
    const over = await post("/tomiko/orders/record-payment", kop(buyer), { orderId: "EXC-2021", paymentId: "TRF-2021", amount: 400_001 })
    expect(over.status).toBe(422)
    expect(
      (await post("/tomiko/orders/record-payment", kop(buyer), { orderId: "EXC-2021", paymentId: "TRF-2021", amount: 400_000 })).status
    ).toBe(200)
    const settled = await post("/tomiko/orders/settle", kop(secondary), { orderId: "EXC-2021" })
    expect(settled.status).toBe(200)
    expect(settled.body.events[0]).toMatchObject({ _tag: "OrderSettled", total: 400_000, credited: 100_000, fee: 8_000, payout: 392_000 })
  })
})
