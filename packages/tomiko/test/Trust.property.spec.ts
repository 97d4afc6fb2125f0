/**
 * Trust (issue 14), for all inputs: a command by an actor who is not its party never succeeds;
 * an OPOP product is listed by nobody but its Kopontren; the read policies never show a
 * cooperative's orders, a network's trade or a statement to anyone else.
 */
import { describe, expect, it } from "vitest"
import { Arbitrary, Effect, Either, Option } from "effect"
import * as fc from "fast-check"
import { InMemoryEventStore } from "@jatim/eventstore"
import { Actor, CalendarDate, type Identifier, Rupiah, Visibility } from "@jatim/kernel"
import {
  Commands,
  Koperasi,
  KoperasiCommand,
  Listing,
  ListingCommand,
  ListingEvent,
  ListingStock,
  MonthlyTrade,
  Order,
  OrderBook,
  OrderCommand,
  OrderEvent,
  ReceivablesAgeing
} from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { generated, orderAs, reading } from "./facts.js"
import {
  bast,
  beras,
  buyer,
  joined,
  listed,
  order1,
  paymentId,
  placed,
  primaryRegistered,
  rp,
  secondary,
  seller,
  today,
  upTo
} from "./fixtures.js"
import { keripik, keripikListing, nspp, opopProduct } from "./opop.js"
import { decideOn } from "./support.js"

/** Any actor at all: Dinas officers, curators, pesantren admins, cooperative admins, UMKM owners, learners. */
const anyActor: fc.Arbitrary<Actor.Actor> = Arbitrary.make(Actor.Actor)

/** Any viewer: any actor, or anonymous (who sees what a stranger with a token sees). */
const anyViewer: fc.Arbitrary<Visibility.Viewer> = fc.oneof(anyActor, fc.constant(Visibility.anonymous))

/** Any actor who is not the admin of one of `parties` (and, unless `dinas`, not a Dinas officer). */
const stranger = (parties: ReadonlyArray<Identifier.NikKoperasi>, options: { readonly dinas: boolean }) =>
  anyActor.filter(
    (actor) => !(actor._tag === "KOPERASI_ADMIN" && parties.includes(actor.nik)) && !(options.dinas && actor._tag === "DINAS_OFFICER")
  )

const disputed = new OrderEvent.OrderDisputed({ orderId: order1, reason: "barang rusak" })
/** Shipped on 20 May, so that by `now` (3 June) its seller may escalate it. */
const shippedLongAgo = [
  ...upTo.accepted,
  new OrderEvent.OrderShipped({ ...upTo.shipped[3], shippedOn: CalendarDate.unsafeMake("2024-05-20") })
]
/** Escalated by its seller to the network. */
const escalated = [
  ...shippedLongAgo,
  new OrderEvent.DeliveryEscalated({ orderId: order1, seller, shippedOn: CalendarDate.unsafeMake("2024-05-20"), escalatedOn: today })
]

/** Every order command, the history in which its party's command succeeds, and its parties. */
const orderRows: ReadonlyArray<{
  readonly history: ReadonlyArray<OrderEvent.OrderEvent>
  readonly parties: ReadonlyArray<Identifier.NikKoperasi>
  readonly command: (actor: Actor.Actor) => OrderCommand.OrderCommand
}> = [
  { parties: [buyer], history: upTo.placed, command: (actor) => new OrderCommand.CancelOrder({ actor, orderId: order1, reason: "batal" }) },
  { parties: [seller], history: upTo.placed, command: (actor) => new OrderCommand.StartAcceptance({ actor, orderId: order1 }) },
  { parties: [seller], history: upTo.accepting, command: (actor) => new OrderCommand.CompleteAcceptance({ actor, orderId: order1 }) },
  {
    parties: [seller],
    history: upTo.accepting,
    command: (actor) => new OrderCommand.FailAcceptance({ actor, orderId: order1, reason: "stok" })
  },
  {
    parties: [seller],
    history: upTo.placed,
    command: (actor) => new OrderCommand.RejectOrder({ actor, orderId: order1, reason: "stok habis" })
  },
  { parties: [seller], history: upTo.accepted, command: (actor) => new OrderCommand.ShipOrder({ actor, orderId: order1 }) },
  {
    parties: [buyer],
    history: upTo.shipped,
    command: (actor) => new OrderCommand.ConfirmDelivery({ actor, orderId: order1, bastNumber: bast })
  },
  { parties: [seller], history: upTo.delivered, command: (actor) => new OrderCommand.InvoiceOrder({ actor, orderId: order1 }) },
  {
    parties: [buyer],
    history: upTo.invoiced,
    command: (actor) => new OrderCommand.RecordPayment({ actor, orderId: order1, paymentId: paymentId("TRF-1"), amount: rp(1) })
  },
  { parties: [secondary], history: upTo.paid, command: (actor) => new OrderCommand.SettleOrder({ actor, orderId: order1 }) },
  {
    parties: [buyer],
    history: upTo.delivered,
    command: (actor) => new OrderCommand.DisputeOrder({ actor, orderId: order1, reason: "barang rusak" })
  },
  {
    parties: [secondary],
    history: [...upTo.delivered, disputed],
    command: (actor) => new OrderCommand.ResolveDispute({ actor, orderId: order1, resolution: "diganti" })
  },
  {
    parties: [secondary],
    history: [...upTo.delivered, disputed],
    command: (actor) => new OrderCommand.ResolveDisputeWithCreditNote({ actor, orderId: order1, amount: rp(1), resolution: "potong" })
  },
  {
    parties: [seller],
    history: upTo.accepted,
    command: (actor) => new OrderCommand.CancelOrderAsSeller({ actor, orderId: order1, reason: "gudang banjir" })
  },
  { parties: [seller], history: shippedLongAgo, command: (actor) => new OrderCommand.EscalateDelivery({ actor, orderId: order1 }) },
  {
    parties: [secondary],
    history: escalated,
    command: (actor) => new OrderCommand.ConfirmDeliveryForBuyer({ actor, orderId: order1, bastNumber: bast })
  },
  {
    parties: [secondary],
    history: escalated,
    command: (actor) => new OrderCommand.CancelEscalatedOrder({ actor, orderId: order1, reason: "tidak sampai" })
  }
]

/** The arbiter's commands on a sale by the network's own secondary: only a Dinas officer's succeed (adr/0080). */
const ownSaleRows: ReadonlyArray<{
  readonly history: ReadonlyArray<OrderEvent.OrderEvent>
  readonly command: (actor: Actor.Actor) => OrderCommand.OrderCommand
}> = (() => {
  const bySecondary = (history: ReadonlyArray<OrderEvent.OrderEvent>) => [
    new OrderEvent.OrderPlaced({ ...placed, seller: secondary, feeBasisPoints: Rupiah.BasisPoints.make(0) }),
    ...history.slice(1)
  ]
  return [
    {
      history: bySecondary([...upTo.delivered, disputed]),
      command: (actor) => new OrderCommand.ResolveDispute({ actor, orderId: order1, resolution: "diganti" })
    },
    {
      history: bySecondary([...upTo.delivered, disputed]),
      command: (actor) => new OrderCommand.ResolveDisputeWithCreditNote({ actor, orderId: order1, amount: rp(1), resolution: "potong" })
    },
    {
      history: bySecondary(escalated),
      command: (actor) => new OrderCommand.ConfirmDeliveryForBuyer({ actor, orderId: order1, bastNumber: bast })
    },
    {
      history: bySecondary(escalated),
      command: (actor) => new OrderCommand.CancelEscalatedOrder({ actor, orderId: order1, reason: "tidak sampai" })
    }
  ]
})()

/** Order 1 holds 10 units of `beras`, for the buyer. */
const reservedToBuyer = new ListingEvent.StockReserved({ listingId: beras, orderId: order1, buyer, quantity: 10 })

describe("a command by an actor who is not its party never succeeds", () => {
  it("order commands, in the state where their party's command succeeds", () => {
    for (const row of orderRows) {
      expect(Either.isRight(decideOn(Order.decider, row.history, row.command(Arbitraries.adminOf(row.parties[0]!))))).toBe(true)
      fc.assert(
        fc.property(stranger(row.parties, { dinas: false }), (actor) => {
          expect(Either.isLeft(decideOn(Order.decider, row.history, row.command(actor)))).toBe(true)
        })
      )
    }
    for (const row of ownSaleRows) {
      expect(Either.isRight(decideOn(Order.decider, row.history, row.command(Actor.DinasOfficer.make({ officerId: "dinas-01" }))))).toBe(
        true
      )
      fc.assert(
        fc.property(
          anyActor.filter((actor) => actor._tag !== "DINAS_OFFICER"),
          (actor) => {
            expect(Either.isLeft(decideOn(Order.decider, row.history, row.command(actor)))).toBe(true)
          }
        )
      )
    }
    // Placing an order: only the buyer's admin, for any valid placement.
    fc.assert(
      fc.property(Arbitraries.placeOrder, anyActor, (command, actor) => {
        fc.pre(!(actor._tag === "KOPERASI_ADMIN" && actor.nik === command.buyer.nik))
        expect(Either.isLeft(decideOn(Order.decider, [], new OrderCommand.PlaceOrder({ ...command, actor })))).toBe(true)
      })
    )
  })

  it("listing commands: only the seller's admin (and, for a cancelled order's release, its buyer's)", () => {
    const history = [listed(beras), reservedToBuyer]
    const rows: ReadonlyArray<{
      readonly parties: ReadonlyArray<Identifier.NikKoperasi>
      readonly history: ReadonlyArray<Parameters<typeof Listing.evolve>[1]>
      readonly command: (actor: Actor.Actor) => ListingCommand.ListingCommand
    }> = [
      {
        parties: [seller],
        history: [],
        command: (actor) =>
          new ListingCommand.CreateListing({
            actor,
            listingId: beras,
            seller,
            name: "Beras",
            unitPrice: rp(1),
            stock: 1,
            minimumOrderQuantity: 1
          })
      },
      { parties: [seller], history, command: (actor) => new ListingCommand.Restock({ actor, listingId: beras, quantity: 1 }) },
      { parties: [seller], history, command: (actor) => new ListingCommand.Reprice({ actor, listingId: beras, unitPrice: rp(2) }) },
      { parties: [seller], history, command: (actor) => new ListingCommand.Delist({ actor, listingId: beras, reason: "habis" }) },
      {
        parties: [seller],
        history: [listed(beras)],
        command: (actor) => new ListingCommand.ReserveStock({ actor, listingId: beras, orderId: order1, buyer, quantity: 1 })
      },
      {
        parties: [seller, buyer],
        history,
        command: (actor) => new ListingCommand.ReleaseStock({ actor, listingId: beras, order: orderAs(order1, "CANCELLED") })
      },
      {
        parties: [seller],
        history,
        command: (actor) => new ListingCommand.CommitStock({ actor, listingId: beras, order: orderAs(order1, "SHIPPED") })
      }
    ]
    for (const row of rows) {
      for (const party of row.parties) {
        expect(Either.isRight(decideOn(Listing.decider, row.history, row.command(Arbitraries.adminOf(party))))).toBe(true)
      }
      fc.assert(
        fc.property(stranger(row.parties, { dinas: false }), (actor) => {
          expect(Either.isLeft(decideOn(Listing.decider, row.history, row.command(actor)))).toBe(true)
        })
      )
    }
  })

  it("a reservation is never released or committed against its order, whoever asks", () => {
    const history = [listed(beras), reservedToBuyer]
    const open = fc.constantFrom("PLACED" as const, "ACCEPTING" as const, "ACCEPTED" as const, null)
    fc.assert(
      fc.property(anyActor, open, (actor, status) => {
        const release = new ListingCommand.ReleaseStock({ actor, listingId: beras, order: orderAs(order1, status) })
        const commit = new ListingCommand.CommitStock({ actor, listingId: beras, order: orderAs(order1, status) })
        expect(Either.isLeft(decideOn(Listing.decider, history, release))).toBe(true)
        expect(Either.isLeft(decideOn(Listing.decider, history, commit))).toBe(true)
      })
    )
  })

  it("cooperative commands: only the cooperative's own admin (or, to register it, a Dinas officer)", () => {
    const join = (actor: Actor.Actor) =>
      new KoperasiCommand.JoinNetwork({ actor, nik: buyer, secondary: { nik: secondary, type: "SEKUNDER" } })
    const leave = (actor: Actor.Actor) => new KoperasiCommand.LeaveNetwork({ actor, nik: buyer, secondary })
    const primary = [primaryRegistered(buyer)]
    fc.assert(
      fc.property(stranger([buyer], { dinas: false }), (actor) => {
        expect(Either.isLeft(decideOn(Koperasi.decider, primary, join(actor)))).toBe(true)
        expect(Either.isLeft(decideOn(Koperasi.decider, [...primary, joined(buyer)], leave(actor)))).toBe(true)
      })
    )
    fc.assert(
      fc.property(generated.registerSecondary, stranger([], { dinas: true }), (command, actor) => {
        fc.pre(!(actor._tag === "KOPERASI_ADMIN" && actor.nik === command.nik))
        expect(Either.isLeft(decideOn(Koperasi.decider, [], new KoperasiCommand.RegisterSecondaryKoperasi({ ...command, actor })))).toBe(
          true
        )
      })
    )
  })

  it("a secondary cooperative whose founders are not all registered primaries is never registered", () => {
    fc.assert(
      fc.property(generated.registerSecondary, fc.nat(), fc.constantFrom("SEKUNDER" as const, null), (command, at, type) => {
        const founders = [...command.founders]
        const index = at % founders.length
        founders[index] = reading(founders[index]!.nik, type)
        const result = decideOn(Koperasi.decider, [], new KoperasiCommand.RegisterSecondaryKoperasi({ ...command, founders }))
        expect(Either.isLeft(result)).toBe(true)
      })
    )
  })
})

describe("an OPOP product is listed by nobody but its Kopontren", () => {
  it("for any maker OPOP's events could name, the decider lists it only for that Kopontren", () => {
    // The Kopontren OPOP's events name: the seller itself, another cooperative, or none; each is reached.
    const reached = { seller: 0, another: 0, none: 0 }
    const case_ = fc
      .tuple(Arbitraries.createListing, Arbitraries.nik, fc.constantFrom("seller" as const, "another" as const, "none" as const))
      .filter(([valid, other]) => other !== valid.seller)
      .chain(([valid, other, kopontren]) =>
        generated
          .maker(kopontren === "seller" ? valid.seller : kopontren === "another" ? other : null)
          .map((maker) => ({ valid, kopontren, maker }))
      )
    fc.assert(
      fc.property(case_, ({ kopontren, maker, valid }) => {
        reached[kopontren] += 1
        const command = new ListingCommand.CreateListing({ ...valid, opop: maker })
        const result = decideOn(Listing.decider, [], command)
        expect(Either.isRight(result)).toBe(kopontren === "seller")
        expect(Either.isRight(result) || result.left._tag).toBe(
          kopontren === "seller" ? true : kopontren === "another" ? "OpopProductNotOwnKopontren" : "OpopProductWithoutKopontren"
        )
      })
    )
    expect(reached.seller).toBeGreaterThan(0)
    expect(reached.another).toBeGreaterThan(0)
    expect(reached.none).toBeGreaterThan(0)
  })

  it("end to end on a store: the product's Kopontren by OPOP's events, or nothing listed", async () => {
    const pool = Arbitraries.distinctNiks(3)
    await fc.assert(
      fc.asyncProperty(
        pool,
        fc.nat(3),
        fc.nat(2),
        fc.boolean(),
        fc.boolean(),
        anyActor,
        async (niks, kopontrenAt, sellerAt, exists, asSeller, other) => {
          // The Kopontren is one of the pool, or none (index 3).
          const kopontren = niks[kopontrenAt] ?? null
          const sellerNik = niks[sellerAt]!
          const actor = asSeller ? Arbitraries.adminOf(sellerNik) : other
          const result = await Effect.runPromise(
            Effect.gen(function* () {
              if (exists) yield* opopProduct(keripik, nspp, kopontren)
              return yield* Effect.either(Commands.createListing({ actor, ...keripikListing(sellerNik), opopProductId: keripik }))
            }).pipe(Effect.provide(InMemoryEventStore.layer()))
          )
          const entitled = actor._tag === "KOPERASI_ADMIN" && actor.nik === sellerNik
          expect(Either.isRight(result)).toBe(exists && kopontren === sellerNik && entitled)
          // A client's mistake is a typed domain error, never a defect.
          if (Either.isLeft(result)) {
            expect(["ActorNotAuthorized", "OpopProductNotFound", "OpopProductNotOwnKopontren", "OpopProductWithoutKopontren"]).toContain(
              result.left._tag
            )
          }
        }
      ),
      { numRuns: 60 }
    )
  })
})

describe("read policies never show a cooperative's orders, a network's trade or a statement to anyone else", () => {
  const niks = Arbitraries.distinctNiks(4)

  it("an order book: its own admin and the Dinas; to everyone else it does not exist", () => {
    fc.assert(
      fc.property(
        niks.chain((pool) =>
          fc.tuple(
            fc.constant(pool),
            // One order per id, as one stream per order makes it.
            fc.uniqueArray(fc.tuple(fc.nat(3), fc.nat(3), Arbitraries.orderId), { maxLength: 12, selector: ([, , orderId]) => orderId }),
            fc.oneof(anyViewer, fc.constantFrom(...pool).map(Arbitraries.adminOf)),
            fc.constantFrom(...pool)
          )
        ),
        ([pool, orders, actor, nik]) => {
          const events = orders
            .filter(([b, s]) => b !== s)
            .map(([b, s, orderId]) => new OrderEvent.OrderPlaced({ ...placed, orderId, buyer: pool[b]!, seller: pool[s]! }))
          const book = events.reduce(OrderBook.applyEvent, OrderBook.initial)
          const seen = OrderBook.visibleTo(actor, { nik, entries: OrderBook.forCooperative(book, nik) })
          const maySee = actor._tag === "DINAS_OFFICER" || (actor._tag === "KOPERASI_ADMIN" && actor.nik === nik)
          expect(Option.isSome(seen)).toBe(maySee)
          if (Option.isSome(seen) && actor._tag === "KOPERASI_ADMIN") {
            // Every order shown is one the actor placed or received.
            for (const entry of seen.value.entries) expect(OrderBook.partiesOf(book, entry.orderId)).toContain(actor.nik)
          }
        }
      )
    )
  })

  it("a network's trade: its secondary's admin and the Dinas; its member primaries and others do not", () => {
    // The viewer: the secondary's own admin, another cooperative's admin, or any viewer at all; each kind is reached.
    const reached = { own: 0, dinas: 0, other: 0 }
    const case_ = fc
      .tuple(Arbitraries.nik, Arbitraries.nik)
      .filter(([nik, other]) => nik !== other)
      .chain(([nik, other]) =>
        fc.tuple(fc.constant(nik), fc.oneof(fc.constant(Arbitraries.adminOf(nik)), fc.constant(Arbitraries.adminOf(other)), anyViewer))
      )
    fc.assert(
      fc.property(case_, ([nik, actor]) => {
        const view = { secondary: nik, month: "2024-06" as const, trade: MonthlyTrade.of(MonthlyTrade.initial, nik, "2024-06") }
        const own = actor._tag === "KOPERASI_ADMIN" && actor.nik === nik
        reached[own ? "own" : actor._tag === "DINAS_OFFICER" ? "dinas" : "other"] += 1
        const maySee = actor._tag === "DINAS_OFFICER" || own
        expect(Option.isSome(MonthlyTrade.visibleTo(actor, view))).toBe(maySee)
      })
    )
    expect(reached.own).toBeGreaterThan(0)
    expect(reached.dinas).toBeGreaterThan(0)
    expect(reached.other).toBeGreaterThan(0)
    // A member primary of the network does not see its aggregate.
    expect(
      Option.isNone(
        MonthlyTrade.visibleTo(Arbitraries.adminOf(buyer), {
          secondary,
          month: "2024-06",
          trade: MonthlyTrade.of(MonthlyTrade.initial, secondary, "2024-06")
        })
      )
    ).toBe(true)
  })

  it("a statement line (receivable): its buyer, its seller and the Dinas", () => {
    fc.assert(
      fc.property(anyViewer, (actor) => {
        const receivable: ReceivablesAgeing.Receivable = {
          orderId: order1,
          seller,
          buyer,
          secondary,
          terms: "TEMPO_30",
          total: rp(10),
          paid: Rupiah.zero,
          invoicedOn: today,
          dueOn: today
        }
        const maySee = actor._tag === "DINAS_OFFICER" || (actor._tag === "KOPERASI_ADMIN" && (actor.nik === buyer || actor.nik === seller))
        expect(Option.isSome(ReceivablesAgeing.visibleTo(actor, receivable))).toBe(maySee)
      })
    )
  })

  it("listings: every cooperative's admin and the Dinas (the marketplace's offers); no one else", () => {
    fc.assert(
      fc.property(anyViewer, (actor) => {
        const stock = ListingStock.get([listed(beras)].reduce(ListingStock.applyEvent, ListingStock.initial), beras)!
        const mayTrade = actor._tag === "DINAS_OFFICER" || actor._tag === "KOPERASI_ADMIN"
        expect(Option.isSome(ListingStock.visibleTo(actor, stock))).toBe(mayTrade)
      })
    )
  })
})
