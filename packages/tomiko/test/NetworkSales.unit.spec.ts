/**
 * A secondary cooperative sells to the primaries of its own network (issue 20, DOMAIN.md
 * "Decided (second version)", adr/0080): no network fee on its own sales, so its payout is the
 * total; primaries still trade only within a shared network; the arbiter of the secondary's own
 * sale is the Dinas.
 */
import { describe, expect, it } from "vitest"
import { Effect, Either } from "effect"
import { InMemoryEventStore } from "@jatim/eventstore"
import { Rupiah } from "@jatim/kernel"
import { DeciderSpecification, FixedClock } from "@jatim/testing"
import { AcceptanceSaga, Commands, KoperasiCommand, ListingCommand, ListingId, Order, OrderCommand, OrderEvent } from "../src/index.js"
import {
  admin,
  bast,
  buyer,
  buyerAdmin,
  dinas,
  now,
  order1,
  outsider,
  placed,
  placeOrder,
  rp,
  secondary,
  secondaryAdmin,
  seller,
  today,
  upTo
} from "./fixtures.js"
import { marketplace } from "./support.js"

const spec = DeciderSpecification.for(Order.decider)

/** The network's secondary selling `beras` to the buyer, as the application reads it. */
const fromSecondary = (change: Partial<Pick<OrderCommand.PlaceOrder, "buyer" | "seller" | "network">> = {}) => {
  const base = placeOrder()
  return new OrderCommand.PlaceOrder({
    ...base,
    seller: { nik: secondary, type: "SEKUNDER", network: secondary },
    lines: base.lines.map((line) => ({ ...line, listing: { ...line.listing, seller: secondary } })),
    ...change
  })
}

/** The order placed by `fromSecondary()`: its fee is 0 whatever the network's fee is. */
const placedBySecondary = new OrderEvent.OrderPlaced({ ...placed, seller: secondary, feeBasisPoints: Rupiah.BasisPoints.make(0) })

describe("a secondary cooperative sells to the primaries of its own network", () => {
  it("the order is placed with no network fee", () => {
    spec.given([]).at(now).when(fromSecondary()).then([placedBySecondary])
  })

  it("only to a primary that joined its network; never as another network's secondary", () => {
    const refused = (command: OrderCommand.PlaceOrder, tag: string) =>
      spec
        .given([])
        .when(command)
        .thenFailsWith(tag as never)
    // The buyer is in no network, or in another one.
    refused(fromSecondary({ buyer: { nik: buyer, type: "PRIMER", network: undefined } }), "NotInSameNetwork")
    refused(fromSecondary({ buyer: { nik: buyer, type: "PRIMER", network: outsider } }), "NotInSameNetwork")
    // A secondary selling in a network that is not its own.
    refused(fromSecondary({ network: { secondary: outsider, feeBasisPoints: Rupiah.BasisPoints.make(100) } }), "NotInSameNetwork")
    // Another network's secondary selling to this network's member.
    refused(fromSecondary({ seller: { nik: outsider, type: "SEKUNDER", network: outsider } }), "NotInSameNetwork")
    // A secondary does not buy on TOMIKO.
    refused(fromSecondary({ buyer: { nik: buyer, type: "SEKUNDER", network: secondary } }), "PartyNotPrimary")
    // An unregistered seller.
    const error = spec
      .given([])
      .when(fromSecondary({ seller: { nik: secondary, type: undefined, network: undefined } }))
      .thenFailsWith("PartyNotPrimary")
    expect(error.message).toContain("SEKUNDER one to the primaries of its own network")
  })

  it("primaries still trade only within a shared network", () => {
    spec
      .given([])
      .when(new OrderCommand.PlaceOrder({ ...placeOrder(), seller: { nik: seller, type: "PRIMER", network: outsider } }))
      .thenFailsWith("NotInSameNetwork")
  })

  it("settled with a payout of the whole total, by the secondary that sold", () => {
    const paid = [placedBySecondary, ...upTo.paid.slice(1)]
    spec
      .given(paid)
      .at(now)
      .when(new OrderCommand.SettleOrder({ actor: secondaryAdmin, orderId: order1 }))
      .then([
        new OrderEvent.OrderSettled({
          orderId: order1,
          secondary,
          seller: secondary,
          total: rp(1_714_000),
          feeBasisPoints: Rupiah.BasisPoints.make(0),
          fee: Rupiah.zero,
          payout: rp(1_714_000),
          settledOn: today
        })
      ])
  })

  it("the secondary does not judge its own sale: a Dinas officer arbitrates its disputes and escalations", () => {
    const disputed = [placedBySecondary, ...upTo.delivered.slice(1), new OrderEvent.OrderDisputed({ orderId: order1, reason: "basah" })]
    const resolve = (actor = dinas) => new OrderCommand.ResolveDispute({ actor, orderId: order1, resolution: "diganti" })
    spec
      .given(disputed)
      .when(resolve())
      .then([new OrderEvent.DisputeResolved({ orderId: order1, resolution: "diganti" })])
    expect(spec.given(disputed).when(resolve(secondaryAdmin)).thenFailsWith("ActorNotAuthorized").message).toContain("DINAS_OFFICER")
    const escalated = [
      placedBySecondary,
      ...upTo.shipped.slice(1),
      new OrderEvent.DeliveryEscalated({ orderId: order1, seller: secondary, shippedOn: today, escalatedOn: today })
    ]
    const confirm = (actor = dinas) => new OrderCommand.ConfirmDeliveryForBuyer({ actor, orderId: order1, bastNumber: bast })
    spec
      .given(escalated)
      .at(now)
      .when(confirm())
      .then([new OrderEvent.OrderDelivered({ orderId: order1, bastNumber: bast, deliveredOn: today, confirmedBy: "ARBITER" })])
    spec.given(escalated).when(confirm(secondaryAdmin)).thenFailsWith("ActorNotAuthorized")
  })

  it("end to end on a store: the network, its secondary's listing and an order of a member read from their streams", async () => {
    const centre = ListingId.ListingId.make("beras-puskop-25kg")
    const result = await Effect.runPromise(
      Effect.gen(function* () {
        yield* marketplace([])
        yield* Commands.listing(
          new ListingCommand.CreateListing({
            actor: secondaryAdmin,
            listingId: centre,
            seller: secondary,
            name: "Beras medium 25 kg (Puskop)",
            unitPrice: rp(300_000),
            stock: 50,
            minimumOrderQuantity: 1
          })
        )
        const placedOrder = yield* Commands.placeOrder({
          actor: buyerAdmin,
          orderId: order1,
          buyer,
          seller: secondary,
          terms: "CASH",
          lines: [{ listingId: centre, quantity: 4 }]
        })
        yield* AcceptanceSaga.accept(order1, secondaryAdmin)
        yield* Commands.order(new OrderCommand.ShipOrder({ actor: secondaryAdmin, orderId: order1 }))
        yield* Commands.order(new OrderCommand.ConfirmDelivery({ actor: buyerAdmin, orderId: order1, bastNumber: bast }))
        yield* Commands.order(
          new OrderCommand.RecordPayment({
            actor: buyerAdmin,
            orderId: order1,
            paymentId: OrderEvent.PaymentId.make("TRF-1"),
            amount: rp(1_200_000)
          })
        )
        const settled = yield* Commands.order(new OrderCommand.SettleOrder({ actor: secondaryAdmin, orderId: order1 }))
        // An outsider primary of no network cannot buy from it.
        yield* Commands.koperasi(
          new KoperasiCommand.RegisterPrimaryKoperasi({
            actor: admin(outsider),
            nik: outsider,
            name: "Koperasi Luar",
            regionCode: "35.01",
            individualMembers: 25
          })
        )
        const outside = yield* Effect.either(
          Commands.placeOrder({
            actor: admin(outsider),
            orderId: OrderCommand.PlaceOrder.fields.orderId.make("PO-2024-0099"),
            buyer: outsider,
            seller: secondary,
            terms: "CASH",
            lines: [{ listingId: centre, quantity: 1 }]
          })
        )
        return { placed: placedOrder.newEvents, settled: settled.newEvents, outside }
      }).pipe(FixedClock.at(now), Effect.provide(InMemoryEventStore.layer()))
    )
    expect(result.placed[0]).toMatchObject({ _tag: "OrderPlaced", seller: secondary, secondary, feeBasisPoints: 0, total: 1_200_000 })
    expect(result.settled[0]).toMatchObject({ _tag: "OrderSettled", fee: 0, payout: 1_200_000, total: 1_200_000 })
    expect(Either.isLeft(result.outside) && result.outside.left._tag).toBe("NotInSameNetwork")
  })
})
