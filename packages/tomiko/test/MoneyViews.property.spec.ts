/**
 * The money views (issue 20): receivables ageing per seller and per network (every unpaid tempo
 * invoice in a bucket), the monthly fee statement per network, the statement per cooperative.
 * Properties: the sums add up for any events about placed orders, the network's receivables are
 * exactly its orders', a statement mirrors its counterparty's, and no read policy shows a view to
 * anyone but its cooperative's admin and the Dinas; then a story with known figures.
 */
import { describe, expect, it } from "vitest"
import { Folds } from "@jatim/testing"
import { Arbitrary, Option } from "effect"
import * as fc from "fast-check"
import { Actor, CalendarDate, type Identifier, Visibility } from "@jatim/kernel"
import { CooperativeStatement, KoperasiEvent, MonthlyTrade, Networks, OrderEvent, ReceivablesAgeing } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import {
  ageingBuckets,
  bast,
  buyer,
  date,
  delivered,
  invoiced,
  order1,
  order2,
  paymentId,
  placed,
  rp,
  secondary,
  seller,
  today,
  upTo
} from "./fixtures.js"
import { orderHistory } from "./histories.js"

const anyViewer: fc.Arbitrary<Visibility.Viewer> = fc.oneof(Arbitrary.make(Actor.Actor), fc.constant(Visibility.anonymous))
const anyDay = fc.integer({ min: 0, max: 2 * 365 }).map((days) => CalendarDate.addDays(date("2024-01-01"), days))

/** A cooperative, and a viewer that is sometimes its admin, sometimes the Dinas, sometimes anyone. */
const viewerOf = (nik: Identifier.NikKoperasi) =>
  fc.oneof(
    fc.constant(Arbitraries.adminOf(nik)),
    fc.constant<Visibility.Viewer>(Actor.DinasOfficer.make({ officerId: "dinas-01" })),
    anyViewer
  )

/** Whether `viewer` is the Dinas or the admin of `nik`: the only ones who may see `nik`'s money views. */
const owns = (viewer: Visibility.Viewer, nik: Identifier.NikKoperasi) =>
  viewer._tag === "DINAS_OFFICER" || (viewer._tag === "KOPERASI_ADMIN" && viewer.nik === nik)

describe("money views, for any events about placed orders", () => {
  it("an ageing's buckets add up to its receivables, each in the bucket its due date puts it in", () => {
    fc.assert(
      fc.property(orderHistory, anyDay, ({ events, placements }, day) => {
        const state = ReceivablesAgeing.applyAll(ReceivablesAgeing.initial, events)
        const scopes = [
          ReceivablesAgeing.unpaid(state),
          ...placements.map((p) => ReceivablesAgeing.unpaid(state, p.seller.nik)),
          ...placements.map((p) => ReceivablesAgeing.unpaidInNetwork(state, p.network.secondary))
        ]
        for (const receivables of scopes) {
          const ageing = ReceivablesAgeing.ageing(receivables, day)
          expect(ageing.asOf).toBe(day)
          expect(ageing.buckets.map((b) => b.bucket)).toEqual(ReceivablesAgeing.ageBuckets)
          expect(ageing.receivables.map((r) => r.orderId).sort()).toEqual(receivables.map((r) => r.orderId).sort())
          expect(ageing.buckets.reduce((n, b) => n + b.invoices, 0)).toBe(receivables.length)
          expect(ageing.buckets.reduce((sum, b) => sum + b.outstanding, 0)).toBe(ageing.outstanding)
          expect(ageing.receivables.reduce((sum, r) => sum + r.outstanding, 0)).toBe(ageing.outstanding)
          for (const r of ageing.receivables) {
            expect(r.outstanding).toBe(Math.max(0, r.total - r.paid))
            const late = CalendarDate.daysBetween(r.dueOn, day)
            expect(r.bucket).toBe(late <= 0 ? "NOT_DUE" : ReceivablesAgeing.bucketOf(late))
          }
        }
      })
    )
  })

  it("a network's receivables are exactly the unpaid invoices of the orders placed in it", () => {
    fc.assert(
      fc.property(orderHistory, ({ events }) => {
        const state = ReceivablesAgeing.applyAll(ReceivablesAgeing.initial, events)
        const all = ReceivablesAgeing.unpaid(state)
        for (const secondary of new Set(events.flatMap((e) => (e._tag === "OrderPlaced" ? [e.secondary] : [])))) {
          expect(ReceivablesAgeing.unpaidInNetwork(state, secondary)).toEqual(all.filter((r) => r.secondary === secondary))
        }
        // Each receivable's network is one its order was placed in.
        for (const r of all) {
          expect(events.some((e) => e._tag === "OrderPlaced" && e.orderId === r.orderId && e.secondary === r.secondary)).toBe(true)
        }
      })
    )
  })

  it("a statement's sums are its lines', each line owes what was billed less credited and paid, and mirrors its counterparty's", () => {
    fc.assert(
      fc.property(orderHistory, ({ events, placements }) => {
        const state = CooperativeStatement.applyAll(CooperativeStatement.initial, events)
        const niks = [...new Set(placements.flatMap((p) => [p.buyer.nik, p.seller.nik]))]
        for (const nik of niks) {
          const statement = CooperativeStatement.statement(state, nik)
          for (const [role, totals] of [
            ["BUYER", statement.asBuyer],
            ["SELLER", statement.asSeller]
          ] as const) {
            const lines = statement.lines.filter((l) => l.role === role)
            expect(totals.orders).toBe(lines.length)
            for (const key of ["invoiced", "credited", "paid", "outstanding"] as const)
              expect(totals[key]).toBe(lines.reduce((sum, l) => sum + l[key], 0))
          }
          for (const line of statement.lines) {
            expect(line.outstanding).toBe(Math.max(0, line.invoiced - line.credited - line.paid))
            const mirror = CooperativeStatement.statement(state, line.counterparty).lines.find((l) => l.orderId === line.orderId)
            expect(mirror).toEqual({ ...line, role: line.role === "BUYER" ? "SELLER" : "BUYER", counterparty: nik })
          }
          // Only billed orders: invoiced, or a CASH order delivered.
          for (const line of statement.lines) {
            const billedBy = events.some(
              (e) => e.orderId === line.orderId && (e._tag === "OrderInvoiced" || (line.terms === "CASH" && e._tag === "OrderDelivered"))
            )
            expect(billedBy).toBe(true)
          }
        }
      })
    )
  })

  it("a network's fee statement is its months' trade, oldest first, and their sums", () => {
    fc.assert(
      fc.property(fc.array(Arbitrary.make(OrderEvent.OrderSettled), { maxLength: 30 }), (settlements) => {
        const state = MonthlyTrade.applyAll(MonthlyTrade.initial, settlements)
        for (const secondary of new Set(settlements.map((e) => e.secondary))) {
          const months = MonthlyTrade.months(state, secondary)
          expect(months.map((m) => m.month)).toEqual(
            [...new Set(settlements.filter((e) => e.secondary === secondary).map((e) => CalendarDate.month(e.settledOn)))].sort()
          )
          for (const { month, ...trade } of months) expect(trade).toEqual(MonthlyTrade.of(state, secondary, month))
          const statement = MonthlyTrade.statement(secondary, months)
          const ofNetwork = settlements.filter((e) => e.secondary === secondary)
          expect(statement.total).toEqual({
            orders: ofNetwork.length,
            value: ofNetwork.reduce((sum, e) => sum + e.total, 0),
            fees: ofNetwork.reduce((sum, e) => sum + e.fee, 0),
            payouts: ofNetwork.reduce((sum, e) => sum + e.payout, 0)
          })
        }
      })
    )
  })
})

describe("who sees the money views: the cooperative's own admin and the Dinas, nobody else", () => {
  it("a seller's ageing, a network's ageing, a network's fee statement, a cooperative's statement", () => {
    const reached = { own: 0, other: 0 }
    fc.assert(
      fc.property(
        Arbitraries.nik.chain((nik) => fc.tuple(fc.constant(nik), viewerOf(nik))),
        anyDay,
        ([nik, viewer], day) => {
          const ageing = ReceivablesAgeing.ageing([], day)
          const shown = [
            Option.isSome(ReceivablesAgeing.sellerVisibleTo(viewer, { seller: nik, ageing })),
            Option.isSome(ReceivablesAgeing.networkVisibleTo(viewer, { secondary: nik, ageing })),
            Option.isSome(MonthlyTrade.statementVisibleTo(viewer, MonthlyTrade.statement(nik, []))),
            Option.isSome(CooperativeStatement.visibleTo(viewer, CooperativeStatement.statementOf(nik, [])))
          ]
          const may = owns(viewer, nik)
          reached[may ? "own" : "other"] += 1
          expect(shown).toEqual([may, may, may, may])
        }
      )
    )
    expect(reached.own).toBeGreaterThan(0)
    expect(reached.other).toBeGreaterThan(0)
  })

  it("the counterparty and the network's secondary do not see a cooperative's statement; a member does not see its network's ageing", () => {
    const statement = CooperativeStatement.statement(CooperativeStatement.applyAll(CooperativeStatement.initial, upTo.invoiced), buyer)
    expect(statement.lines).toHaveLength(1)
    for (const other of [seller, secondary])
      expect(CooperativeStatement.visibleTo(Arbitraries.adminOf(other), statement)).toEqual(Option.none())
    const ageing = ReceivablesAgeing.ageing([], today)
    for (const member of [buyer, seller])
      expect(ReceivablesAgeing.networkVisibleTo(Arbitraries.adminOf(member), { secondary, ageing })).toEqual(Option.none())
    expect(ReceivablesAgeing.sellerVisibleTo(Arbitraries.adminOf(buyer), { seller, ageing })).toEqual(Option.none())
  })
})

/** Histories of networks over a few cooperatives: secondaries registered, primaries joining and leaving. */
const networkHistory = fc.uniqueArray(Arbitraries.nik, { minLength: 4, maxLength: 6 }).chain((niks) =>
  fc.array(
    fc.oneof(
      fc
        .tuple(fc.constantFrom(...niks), Arbitrary.make(KoperasiEvent.SecondaryKoperasiRegistered))
        .map(([nik, event]) => new KoperasiEvent.SecondaryKoperasiRegistered({ ...event, nik })),
      fc
        .tuple(fc.constantFrom(...niks), fc.constantFrom(...niks))
        .map(([nik, secondary]) => new KoperasiEvent.NetworkJoined({ nik, secondary })),
      fc
        .tuple(fc.constantFrom(...niks), fc.constantFrom(...niks))
        .map(([nik, secondary]) => new KoperasiEvent.NetworkLeft({ nik, secondary }))
    ),
    { maxLength: 25 }
  )
)

describe("networks, for any registrations, joins and leaves", () => {
  it("each network counts the primaries in it now, each primary is in the network it last joined and has not left", () => {
    fc.assert(
      fc.property(networkHistory, (events) => {
        const all = Networks.all(Networks.applyAll(Networks.initial, events))
        const now = new Map<string, string>()
        for (const e of events) {
          if (e._tag === "NetworkJoined") now.set(e.nik, e.secondary)
          if (e._tag === "NetworkLeft" && now.get(e.nik) === e.secondary) now.delete(e.nik)
        }
        const registered = new Set(events.flatMap((e) => (e._tag === "SecondaryKoperasiRegistered" ? [e.nik] : [])))
        expect(all.map((n) => n.secondary)).toEqual([...registered].sort())
        for (const network of all) {
          expect(network.members).toBe(network.memberNiks.length)
          expect(network.memberNiks).toEqual(
            [...now]
              .filter(([, s]) => s === network.secondary)
              .map(([p]) => p)
              .sort()
          )
        }
      })
    )
  })

  it("fold as values, however the events are batched", () => {
    fc.assert(fc.property(networkHistory, fc.nat(), (events, cut) => Folds.foldsAsValues(events, cut)(Networks, Networks.all)))
  })

  it("a network is seen by its secondary's admin, its members' admins and the Dinas, without its member list; by nobody else", () => {
    const reached = { seen: 0, hidden: 0 }
    fc.assert(
      fc.property(networkHistory, anyViewer, fc.nat(), (events, anyone, pick) => {
        const all = Networks.all(Networks.applyAll(Networks.initial, events))
        const involved = all.flatMap((n) => [n.secondary, ...n.memberNiks])
        const viewer = involved.length > 0 && pick % 2 === 0 ? Arbitraries.adminOf(involved[pick % involved.length]!) : anyone
        for (const network of all) {
          const shown = Networks.visibleTo(viewer, network)
          const may =
            viewer._tag === "DINAS_OFFICER" ||
            (viewer._tag === "KOPERASI_ADMIN" && (viewer.nik === network.secondary || network.memberNiks.includes(viewer.nik)))
          reached[may ? "seen" : "hidden"] += 1
          expect(Option.isSome(shown)).toBe(may)
          if (Option.isSome(shown))
            expect(Object.keys(shown.value).sort()).toEqual(["feeBasisPoints", "members", "name", "regionCode", "secondary"])
        }
      })
    )
    expect(reached.seen).toBeGreaterThan(0)
    expect(reached.hidden).toBeGreaterThan(0)
  })
})

describe("money views, a story with known figures", () => {
  // Order 1: tempo 30, Rp1.714.000, invoiced on 3 June, due 3 July; Rp714.000 paid, a Rp100.000 credit note.
  // Order 2: CASH, Rp650.000, delivered on 5 June (billed then, no invoice), paid in full.
  const cash = new OrderEvent.OrderPlaced({
    ...placed,
    orderId: order2,
    terms: "CASH",
    lines: [{ listingId: placed.lines[0]!.listingId, quantity: 10, unitPrice: rp(65_000), lineTotal: rp(650_000) }],
    total: rp(650_000)
  })
  const events: ReadonlyArray<OrderEvent.OrderEvent> = [
    ...upTo.invoiced,
    new OrderEvent.PaymentRecorded({
      orderId: order1,
      paymentId: paymentId("TRF-1"),
      amount: rp(714_000),
      paidTotal: rp(714_000),
      paidOn: today
    }),
    new OrderEvent.OrderDisputed({ orderId: order1, reason: "Lima karung basah" }),
    new OrderEvent.CreditNoteIssued({
      orderId: order1,
      amount: rp(100_000),
      creditedTotal: rp(100_000),
      resolution: "Dipotong dari tagihan",
      issuedOn: date("2024-06-10")
    }),
    new OrderEvent.DisputeResolved({ orderId: order1, resolution: "Dipotong dari tagihan" }),
    cash,
    new OrderEvent.OrderDelivered({ orderId: order2, bastNumber: bast, deliveredOn: date("2024-06-05") }),
    new OrderEvent.PaymentRecorded({
      orderId: order2,
      paymentId: paymentId("TRF-2"),
      amount: rp(650_000),
      paidTotal: rp(650_000),
      paidOn: date("2024-06-05")
    }),
    new OrderEvent.OrderPaid({ orderId: order2, paidOn: date("2024-06-05") })
  ]

  it("receivables ageing: the tempo invoice, not due, then 1-30 and 31-60 days overdue, per seller and per network", () => {
    const state = ReceivablesAgeing.applyAll(ReceivablesAgeing.initial, events)
    const bySeller = ReceivablesAgeing.unpaid(state, seller)
    expect(ReceivablesAgeing.unpaidInNetwork(state, secondary)).toEqual(bySeller)
    const onDueDate = ReceivablesAgeing.ageing(bySeller, invoiced.dueOn)
    expect(onDueDate.receivables).toEqual([
      {
        orderId: order1,
        seller,
        buyer,
        secondary,
        terms: "TEMPO_30",
        total: 1_614_000,
        paid: 714_000,
        outstanding: 900_000,
        invoicedOn: today,
        dueOn: date("2024-07-03"),
        daysOverdue: 0,
        bucket: "NOT_DUE"
      }
    ])
    expect(onDueDate.buckets[0]).toEqual({ bucket: "NOT_DUE", invoices: 1, outstanding: 900_000 })
    expect(ReceivablesAgeing.ageing(bySeller, date("2024-07-04")).receivables[0]).toMatchObject({ daysOverdue: 1, bucket: "1-30" })
    const late = ReceivablesAgeing.ageing(bySeller, date("2024-08-10"))
    expect(late.buckets).toEqual(ageingBuckets({ "31-60": { invoices: 1, outstanding: 900_000 } }))
    expect(ReceivablesAgeing.unpaidInNetwork(state, buyer)).toEqual([])
  })

  it("the cooperative statement: the tempo order billed at its invoice, the CASH order at its delivery", () => {
    const state = CooperativeStatement.applyAll(CooperativeStatement.initial, events)
    const ofBuyer = CooperativeStatement.statement(state, buyer)
    expect(ofBuyer.lines).toEqual([
      {
        orderId: order1,
        role: "BUYER",
        counterparty: seller,
        terms: "TEMPO_30",
        billedOn: today,
        dueOn: date("2024-07-03"),
        invoiced: 1_714_000,
        credited: 100_000,
        paid: 714_000,
        outstanding: 900_000
      },
      {
        orderId: order2,
        role: "BUYER",
        counterparty: seller,
        terms: "CASH",
        billedOn: date("2024-06-05"),
        dueOn: date("2024-06-05"),
        invoiced: 650_000,
        credited: 0,
        paid: 650_000,
        outstanding: 0
      }
    ])
    expect(ofBuyer.asBuyer).toEqual({ orders: 2, invoiced: 2_364_000, credited: 100_000, paid: 1_364_000, outstanding: 900_000 })
    expect(ofBuyer.asSeller).toEqual({ orders: 0, invoiced: 0, credited: 0, paid: 0, outstanding: 0 })
    expect(CooperativeStatement.statement(state, seller).asSeller).toEqual(ofBuyer.asBuyer)
    // Not billed yet: a tempo order delivered but not invoiced is not on the statement.
    const deliveredOnly = CooperativeStatement.applyAll(CooperativeStatement.initial, upTo.delivered)
    expect(CooperativeStatement.statement(deliveredOnly, buyer).lines).toEqual([])
    expect(delivered.orderId).toBe(order1)
  })

  it("the fee statement: each month's settlements and their sums", () => {
    const settled = (orderId: typeof order1, settledOn: string, total: number, fee: number) =>
      new OrderEvent.OrderSettled({
        orderId,
        secondary,
        seller,
        total: rp(total),
        feeBasisPoints: placed.feeBasisPoints,
        fee: rp(fee),
        payout: rp(total - fee),
        settledOn: date(settledOn)
      })
    const state = MonthlyTrade.applyAll(MonthlyTrade.initial, [
      settled(order1, "2024-07-20", 1_614_000, 40_350),
      settled(order2, "2024-06-06", 650_000, 16_250)
    ])
    expect(MonthlyTrade.statement(secondary, MonthlyTrade.months(state, secondary))).toEqual({
      secondary,
      months: [
        { month: "2024-06", orders: 1, value: 650_000, fees: 16_250, payouts: 633_750 },
        { month: "2024-07", orders: 1, value: 1_614_000, fees: 40_350, payouts: 1_573_650 }
      ],
      total: { orders: 2, value: 2_264_000, fees: 56_600, payouts: 2_207_400 }
    })
    expect(MonthlyTrade.months(state, buyer)).toEqual([])
  })
})
