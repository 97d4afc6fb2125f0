/**
 * TOMIKO's money views and networks over HTTP on PostgreSQL (issue 20): receivables ageing per
 * seller and per network (every unpaid tempo invoice in its bucket), a network's monthly fee
 * statement, a cooperative's statement, and the networks a viewer may see. Each is its
 * cooperative's and the Dinas's: to anyone else a view answers 404 and the list is empty.
 */
import { Effect } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { EventStore } from "@jatim/eventstore"
import { Actor, CalendarDate, Identifier } from "@jatim/kernel"
import { AcceptanceSaga, Commands, ListingId, OrderCommand, OrderEvent, OrderId } from "@jatim/tomiko"
import { Fixtures } from "@jatim/tomiko/testing"
import { clockAt, dinas, hostPerFile, kop, learnerToken } from "./support.js"
import { listBeras, numberedNetwork, registerNetwork, registerSecondary } from "./tomikoNetwork.js"

const suite = hostPerFile("http_tomiko_money")
const { get, post } = suite

const { secondary, seller, buyer, other } = numberedNetwork(3000)
// A second network, of one member.
const secondary2 = "3509020000003100"
const member2 = "3509010000003101"
const listingId = "beras-3001"
const day = 86_400_000

const nik = (n: string) => Identifier.NikKoperasi.make(n)
const admin = (n: string) => Actor.KoperasiAdmin.make({ nik: nik(n) })

/** Runs `effect` on the host's store with the clock at `millis`. */
const at = <A, E>(millis: number, effect: Effect.Effect<A, E, EventStore.EventStore>) =>
  Effect.runPromise(effect.pipe(Effect.withClock(clockAt(millis)), Effect.provideService(EventStore.EventStore, suite.host.store)))

/** Takes an order of `quantity` bags (Rp50.000 each) from placement to delivery at `millis`, and invoices a tempo one. */
const delivered = (orderId: string, quantity: number, terms: "CASH" | "TEMPO_14" | "TEMPO_30", millis: number) =>
  at(
    millis,
    Effect.gen(function* () {
      const id = OrderId.OrderId.make(orderId)
      yield* Commands.placeOrder({
        actor: admin(buyer),
        orderId: id,
        buyer: nik(buyer),
        seller: nik(seller),
        terms,
        lines: [{ listingId: ListingId.ListingId.make(listingId), quantity }]
      })
      yield* AcceptanceSaga.accept(id, admin(seller))
      yield* Commands.order(new OrderCommand.ShipOrder({ actor: admin(seller), orderId: id }))
      yield* Commands.order(
        new OrderCommand.ConfirmDelivery({ actor: admin(buyer), orderId: id, bastNumber: OrderEvent.BastNumber.make(`BAST/${orderId}`) })
      )
      if (terms !== "CASH") yield* Commands.order(new OrderCommand.InvoiceOrder({ actor: admin(seller), orderId: id }))
    })
  )

const now = Date.now()
const today = CalendarDate.fromEpochMillis(now)

beforeAll(async () => {
  await registerNetwork(post, { secondary, name: "Pusat Koperasi Uji Uang", feeBasisPoints: 250, primaries: [seller, buyer, other] })
  // A second network, of one member (founded by the first's primaries).
  expect(
    (await post("/tomiko/koperasi/register-primary", dinas, { nik: member2, name: "KUD Uji", regionCode: "35.09", individualMembers: 40 }))
      .status
  ).toBe(200)
  await registerSecondary(post, secondary2, "Puskop Jember Uji", 250, [seller, buyer, other])
  expect((await post("/tomiko/koperasi/join-network", kop(member2), { nik: member2, secondary: secondary2 })).status).toBe(200)
  await listBeras(post, seller, listingId)
  // MNY-1: tempo 14, invoiced 40 days ago (26 days overdue), Rp200.000 of Rp1.000.000 paid.
  await delivered("MNY-1", 20, "TEMPO_14", now - 40 * day)
  expect((await post("/tomiko/orders/record-payment", kop(buyer), { orderId: "MNY-1", paymentId: "TRF-1", amount: 200_000 })).status).toBe(
    200
  )
  // MNY-2: tempo 30, invoiced today (not due), disputed and credited Rp50.000 of Rp500.000.
  await delivered("MNY-2", 10, "TEMPO_30", now)
  expect((await post("/tomiko/orders/dispute", kop(buyer), { orderId: "MNY-2", reason: "Satu karung sobek" })).status).toBe(200)
  expect(
    (
      await post("/tomiko/orders/resolve-dispute-with-credit-note", kop(secondary), {
        orderId: "MNY-2",
        amount: 50_000,
        resolution: "Satu karung dipotong"
      })
    ).status
  ).toBe(200)
  // MNY-3: CASH, delivered today, paid and settled: on the statement and in the fee statement, never in the ageing.
  await delivered("MNY-3", 4, "CASH", now)
  expect((await post("/tomiko/orders/record-payment", kop(buyer), { orderId: "MNY-3", paymentId: "TRF-3", amount: 200_000 })).status).toBe(
    200
  )
  expect((await post("/tomiko/orders/settle", kop(secondary), { orderId: "MNY-3" })).status).toBe(200)
})

/** Every reader that is not the view's cooperative nor the Dinas: 404 to each, as for one that does not exist. */
const notFoundTo = async (path: string, tokens: ReadonlyArray<Promise<string> | undefined>, rule: string) => {
  for (const token of tokens) {
    const hidden = await get(path, token)
    expect(hidden.status, `${path} ${token === undefined ? "anonymous" : ""}`).toBe(404)
    expect(hidden.body).toMatchObject({ _tag: "NotFound", rule })
  }
}

describe("TOMIKO money views over HTTP", () => {
  it("a seller's receivables ageing: every unpaid tempo invoice in its bucket, the sums adding up; the seller's and the Dinas's only", async () => {
    const path = `/tomiko/koperasi/${seller}/receivables-ageing`
    for (const token of [kop(seller), dinas]) {
      const { status, body } = await get(path, token)
      expect(status).toBe(200)
      expect(body.asOf).toBe(today)
      expect(body.outstanding).toBe(800_000 + 450_000)
      expect(body.buckets).toEqual(
        Fixtures.ageingBuckets({ NOT_DUE: { invoices: 1, outstanding: 450_000 }, "1-30": { invoices: 1, outstanding: 800_000 } })
      )
      expect(
        body.receivables.map((r: { orderId: string; daysOverdue: number; secondary: string }) => [r.orderId, r.daysOverdue, r.secondary])
      ).toEqual([
        ["MNY-1", 26, secondary],
        ["MNY-2", 0, secondary]
      ])
    }
    await notFoundTo(path, [kop(buyer), kop(secondary), kop(other), learnerToken("L-2026-003001"), undefined], "ReceivablesNotFound")
  })

  it("a network's receivables ageing: its secondary's and the Dinas's; its members get 404", async () => {
    const path = `/tomiko/networks/${secondary}/receivables-ageing`
    for (const token of [kop(secondary), dinas]) {
      const { status, body } = await get(path, token)
      expect(status).toBe(200)
      expect(body.outstanding).toBe(1_250_000)
      expect(body.receivables.map((r: { orderId: string }) => r.orderId)).toEqual(["MNY-1", "MNY-2"])
    }
    expect((await get(`/tomiko/networks/${secondary2}/receivables-ageing`, kop(secondary2))).body).toMatchObject({
      outstanding: 0,
      receivables: []
    })
    await notFoundTo(path, [kop(seller), kop(buyer), kop(secondary2), undefined], "NetworkReceivablesNotFound")
  })

  it("a network's fee statement: what its secondary earned this month; its secondary's and the Dinas's", async () => {
    const path = `/tomiko/networks/${secondary}/fee-statement`
    const month = CalendarDate.month(today)
    const expected = {
      secondary,
      months: [{ month, orders: 1, value: 200_000, fees: 5_000, payouts: 195_000 }],
      total: { orders: 1, value: 200_000, fees: 5_000, payouts: 195_000 }
    }
    for (const token of [kop(secondary), dinas]) expect((await get(path, token)).body).toEqual(expected)
    // It agrees with the network's monthly trade.
    expect((await get(`/tomiko/networks/${secondary}/trade/${month}`, dinas)).body).toEqual(expected.total)
    await notFoundTo(path, [kop(seller), kop(buyer), kop(secondary2), undefined], "FeeStatementNotFound")
  })

  it("a cooperative's statement: its billed orders as buyer and seller, with the sums; the cooperative's and the Dinas's only", async () => {
    const ofBuyer = await get(`/tomiko/koperasi/${buyer}/statement`, kop(buyer))
    expect(ofBuyer.status).toBe(200)
    expect(
      ofBuyer.body.lines.map(
        (l: { orderId: string; role: string; invoiced: number; credited: number; paid: number; outstanding: number }) => [
          l.orderId,
          l.role,
          l.invoiced,
          l.credited,
          l.paid,
          l.outstanding
        ]
      )
    ).toEqual([
      ["MNY-1", "BUYER", 1_000_000, 0, 200_000, 800_000],
      ["MNY-2", "BUYER", 500_000, 50_000, 0, 450_000],
      ["MNY-3", "BUYER", 200_000, 0, 200_000, 0]
    ])
    expect(ofBuyer.body.asBuyer).toEqual({ orders: 3, invoiced: 1_700_000, credited: 50_000, paid: 400_000, outstanding: 1_250_000 })
    expect(ofBuyer.body.asSeller).toEqual({ orders: 0, invoiced: 0, credited: 0, paid: 0, outstanding: 0 })
    const ofSeller = await get(`/tomiko/koperasi/${seller}/statement`, dinas)
    expect(ofSeller.body.asSeller).toEqual(ofBuyer.body.asBuyer)
    // Its counterparty and its network's secondary do not see it.
    await notFoundTo(`/tomiko/koperasi/${buyer}/statement`, [kop(seller), kop(secondary), kop(other), undefined], "StatementNotFound")
  })

  it("the networks: the Dinas sees all, a secondary its own, a primary the one it is in, anyone else none", async () => {
    const names = async (token?: Promise<string> | string) => {
      const reply = await get("/tomiko/networks", token)
      expect(reply.status).toBe(200)
      return (reply.body as ReadonlyArray<{ secondary: string; members: number }>).map((n) => [n.secondary, n.members])
    }
    expect(await names(dinas)).toEqual([
      [secondary2, 1],
      [secondary, 3]
    ])
    expect(await names(kop(secondary))).toEqual([[secondary, 3]])
    expect(await names(kop(buyer))).toEqual([[secondary, 3]])
    expect(await names(kop(member2))).toEqual([[secondary2, 1]])
    expect(await names(learnerToken("L-2026-003001"))).toEqual([])
    expect(await names(undefined)).toEqual([])
    const [network] = (await get("/tomiko/networks", kop(secondary))).body
    expect(network).toEqual({ secondary, name: "Pusat Koperasi Uji Uang", regionCode: "35.78", feeBasisPoints: 250, members: 3 })
    // A primary that leaves sees it no more.
    expect((await post("/tomiko/koperasi/leave-network", kop(other), { nik: other, secondary })).status).toBe(200)
    expect(await names(kop(other))).toEqual([])
    expect(await names(kop(secondary))).toEqual([[secondary, 2]])
  })
})
