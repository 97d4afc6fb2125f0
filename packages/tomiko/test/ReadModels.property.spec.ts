import { describe, expect, it } from "vitest"
import { Arbitrary, HashMap, Schema } from "effect"
import * as fc from "fast-check"
import { CalendarDate, Identifier, Rupiah } from "@jatim/kernel"
import { Folds } from "@jatim/testing"
import {
  AcceptanceSaga,
  CooperativeStatement,
  Listing,
  ListingCommand,
  type ListingEvent,
  ListingStock,
  MonthlyTrade,
  OrderBook,
  OrderEvent,
  type OrderId,
  ReceivablesAgeing
} from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { generated, orderAs } from "./facts.js"
import { decided, orderHistory } from "./histories.js"

/** `value` encoded with `schema`, sent as JSON text, and decoded again. */
const overJson = <A, I>(schema: Schema.Schema<A, I>, value: A): A =>
  Schema.decodeUnknownSync(schema)(JSON.parse(JSON.stringify(Schema.encodeSync(schema)(value))))

type ListingStep = (listing: ListingCommand.CreateListing, orders: ReadonlyArray<OrderId.OrderId>) => ListingCommand.ListingCommand

const quantity = fc.integer({ min: 1, max: 500_000 })
const pick = fc.nat()

const listingCommand: fc.Arbitrary<ListingStep> = fc.oneof(
  {
    weight: 2,
    arbitrary: quantity.map(
      (q): ListingStep =>
        (l) =>
          new ListingCommand.Restock({ actor: l.actor, listingId: l.listingId, quantity: q })
    )
  },
  {
    weight: 2,
    arbitrary: Arbitraries.unitPrice.map(
      (p): ListingStep =>
        (l) =>
          new ListingCommand.Reprice({ actor: l.actor, listingId: l.listingId, unitPrice: p })
    )
  },
  {
    weight: 1,
    arbitrary: fc.constant<ListingStep>((l) => new ListingCommand.Delist({ actor: l.actor, listingId: l.listingId, reason: "stok habis" }))
  },
  {
    weight: 6,
    arbitrary: fc.tuple(pick, Arbitraries.nik, quantity).map(
      ([o, buyer, q]): ListingStep =>
        (l, orders) =>
          new ListingCommand.ReserveStock({
            actor: l.actor,
            listingId: l.listingId,
            orderId: orders[o % orders.length]!,
            buyer,
            quantity: q
          })
    )
  },
  {
    weight: 4,
    arbitrary: pick.map(
      (o): ListingStep =>
        (l, orders) =>
          new ListingCommand.ReleaseStock({
            actor: l.actor,
            listingId: l.listingId,
            order: orderAs(orders[o % orders.length]!, "CANCELLED")
          })
    )
  },
  {
    weight: 4,
    arbitrary: pick.map(
      (o): ListingStep =>
        (l, orders) =>
          new ListingCommand.CommitStock({ actor: l.actor, listingId: l.listingId, order: orderAs(orders[o % orders.length]!, "SHIPPED") })
    )
  }
)

/** Listings created and then restocked, repriced, delisted, reserved, released and committed, as the decider allows. */
const listingHistory = fc
  .uniqueArray(generated.createListing, { minLength: 1, maxLength: 3, selector: (command) => command.listingId })
  .chain((creations) =>
    fc.tuple(
      fc.constant(creations),
      fc.array(fc.tuple(fc.nat(creations.length - 1), listingCommand), { maxLength: 30 }),
      fc.uniqueArray(Arbitraries.orderId, { minLength: 1, maxLength: 4 })
    )
  )
  .map(([creations, steps, orders]) => {
    const states = new Map<string, Listing.State>()
    const events: Array<ListingEvent.ListingEvent> = []
    const run = (command: ListingCommand.ListingCommand) => {
      const state = states.get(command.listingId) ?? Listing.initialState
      const produced = decided(Listing.decide(command, state))
      states.set(command.listingId, produced.reduce(Listing.evolve, state))
      events.push(...produced)
    }
    creations.forEach(run)
    for (const [i, step] of steps) run(step(creations[i]!, orders))
    return events
  })

/** Settlements in the networks of a few secondaries over a few months, fee and payout split as the decider splits them. */
const settlements = Arbitraries.distinctNiks(2).chain((networks) =>
  fc
    .array(
      fc
        .record({
          orderId: Arbitraries.orderId,
          secondary: fc.constantFrom(...networks),
          seller: Arbitraries.nik,
          total: Arbitraries.unitPrice,
          feeBasisPoints: fc.integer({ min: 0, max: 10_000 }).map((bp) => Rupiah.BasisPoints.make(bp)),
          day: fc.integer({ min: 0, max: 120 })
        })
        .map(
          ({ day, total, feeBasisPoints, ...fields }) =>
            new OrderEvent.OrderSettled({
              ...fields,
              total,
              feeBasisPoints,
              ...Rupiah.split(total, feeBasisPoints),
              settledOn: CalendarDate.addDays(CalendarDate.unsafeMake("2024-01-01"), day)
            })
        ),
      { maxLength: 30 }
    )
    .map((events) => ({ networks, events }))
)

describe("read-model views round-trip through their Schemas (encoded, as JSON, decoded)", () => {
  it("order book entries, for any events about placed orders", () => {
    fc.assert(
      fc.property(orderHistory, ({ events, placements }) => {
        const book = events.reduce(OrderBook.applyEvent, OrderBook.initial)
        for (const placement of placements) {
          for (const nik of [placement.buyer.nik, placement.seller.nik]) {
            const entries = OrderBook.forCooperative(book, nik)
            expect(entries.length).toBeGreaterThan(0)
            expect(overJson(Schema.Array(OrderBook.Entry), entries)).toEqual(entries)
          }
        }
      })
    )
  })

  it("stock per listing, for any history the listing decider allows", () => {
    fc.assert(
      fc.property(listingHistory, (events) => {
        const stock = ListingStock.all(events.reduce(ListingStock.applyEvent, ListingStock.initial))
        expect(stock.length).toBeGreaterThan(0)
        expect(overJson(Schema.Array(ListingStock.Stock), stock)).toEqual(stock)
      })
    )
  })

  it("monthly trade, for any settlements, in months that round-trip through their Schema", () => {
    fc.assert(
      fc.property(settlements, ({ events, networks }) => {
        const trade = events.reduce(MonthlyTrade.applyEvent, MonthlyTrade.initial)
        const months = ["2023-12", ...new Set(events.map((e) => CalendarDate.month(e.settledOn)))]
        for (const secondary of [...networks, Identifier.NikKoperasi.make("3500000000000000")]) {
          for (const month of months) {
            expect(overJson(CalendarDate.Month, month)).toBe(month)
            const view = MonthlyTrade.of(trade, secondary, month)
            expect(overJson(MonthlyTrade.MonthTrade, view)).toEqual(view)
          }
        }
      })
    )
  })

  it("acceptance outcomes, accepted or failed with any reason", () => {
    fc.assert(
      fc.property(Arbitrary.make(AcceptanceSaga.Outcome), (outcome) => {
        expect(overJson(AcceptanceSaga.Outcome, outcome)).toStrictEqual(outcome)
      })
    )
  })
})

describe("read models and the listing's state fold as values, however the events are batched (adr/0076)", () => {
  it("order book and receivables ageing, for any events about placed orders", () => {
    fc.assert(
      fc.property(orderHistory, fc.nat(), ({ events, placements }, cut) => {
        const niks = placements.flatMap((p) => [p.buyer.nik, p.seller.nik])
        const orders = placements.map((p) => p.orderId)
        const answersAlike = Folds.foldsAsValues(events, cut)
        answersAlike(OrderBook, (book) => ({
          books: niks.map((nik) => OrderBook.forCooperative(book, nik)),
          parties: orders.map((orderId) => OrderBook.partiesOf(book, orderId))
        }))
        answersAlike(ReceivablesAgeing, (state) => ({
          unpaid: ReceivablesAgeing.unpaid(state),
          overdue: ["2024-06-03", "2024-09-01", "2025-06-01"].map((day) => ReceivablesAgeing.overdue(state, CalendarDate.unsafeMake(day))),
          inNetwork: placements.map((p) => ReceivablesAgeing.unpaidInNetwork(state, p.network.secondary))
        }))
        answersAlike(CooperativeStatement, (state) => niks.map((nik) => CooperativeStatement.statement(state, nik)))
      })
    )
  })

  it("stock per listing and each listing's reservations, for any history the listing decider allows", () => {
    fc.assert(
      fc.property(listingHistory, fc.nat(), (events, cut) => {
        const sellers = [...new Set(events.flatMap((e) => (e._tag === "ListingCreated" ? [e.seller] : [])))]
        Folds.foldsAsValues(events, cut)(ListingStock, (state) => ({
          all: ListingStock.all(state),
          bySeller: sellers.map((seller) => ListingStock.ofSeller(state, seller))
        }))
        const listingId = events[0]!.listingId
        const ofListing = events.filter((e) => e.listingId === listingId)
        const orders = [...new Set(ofListing.flatMap((e) => ("orderId" in e ? [e.orderId] : [])))]
        Folds.foldsAsValues(ofListing, cut)(Folds.ofDecider(Listing.decider), (state) =>
          state._tag === "Listed"
            ? {
                onHand: state.onHand,
                reserved: Listing.reserved(state),
                available: Listing.available(state),
                reservations: orders.map((orderId) => Listing.reservationOf(state, orderId))
              }
            : state
        )
      })
    )
  })

  it("the units reserved are the held reservations' total, for any history the listing decider allows", () => {
    fc.assert(
      fc.property(listingHistory, (events) => {
        const listingId = events[0]!.listingId
        const state = events.filter((e) => e.listingId === listingId).reduce(Listing.evolve, Listing.initialState)
        if (state._tag !== "Listed") return expect.fail(`listing ${listingId} was not created`)
        const held = [...HashMap.values(state.reservations)].reduce((sum, r) => (r.status === "HELD" ? sum + r.quantity : sum), 0)
        expect(Listing.reserved(state)).toBe(held)
        expect(Listing.available(state)).toBe(state.onHand - held)
      })
    )
  })

  it("monthly trade, for any settlements", () => {
    fc.assert(
      fc.property(settlements, fc.nat(), ({ events, networks }, cut) => {
        const months = [...new Set(events.map((e) => CalendarDate.month(e.settledOn)))]
        Folds.foldsAsValues(events, cut)(MonthlyTrade, (trade) =>
          networks.map((secondary) => months.map((month) => MonthlyTrade.of(trade, secondary, month)))
        )
      })
    )
  })
})
