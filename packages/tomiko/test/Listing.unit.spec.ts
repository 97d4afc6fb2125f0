import { describe, expect, it } from "vitest"
import { Decider } from "@jatim/eventstore"
import { DeciderSpecification } from "@jatim/testing"
import { Listing, ListingCommand, ListingError, ListingEvent, type OrderStatus } from "../src/index.js"
import {
  beras,
  buyer,
  buyerAdmin,
  createListing,
  dinas,
  listed,
  order1,
  order2,
  outsider,
  outsiderAdmin,
  rp,
  seller,
  sellerAdmin
} from "./fixtures.js"
import { makerOf, orderAs } from "./facts.js"

const spec = DeciderSpecification.for(Listing.decider)

const reserve = (quantity: number, orderId = order1, actor = sellerAdmin) =>
  new ListingCommand.ReserveStock({ actor, listingId: beras, orderId, buyer, quantity })
/** A release as the order's own process issues it: the order, read from its stream, was cancelled. */
const release = (orderId = order1, actor = sellerAdmin, status: OrderStatus.OrderStatus | null = "CANCELLED") =>
  new ListingCommand.ReleaseStock({ actor, listingId: beras, order: orderAs(orderId, status) })
/** A commit as the stock process issues it: the order, read from its stream, shipped. */
const commit = (orderId = order1, actor = sellerAdmin, status: OrderStatus.OrderStatus | null = "SHIPPED") =>
  new ListingCommand.CommitStock({ actor, listingId: beras, order: orderAs(orderId, status) })
const reserved = (quantity: number, orderId = order1) => new ListingEvent.StockReserved({ listingId: beras, orderId, buyer, quantity })
const released = (quantity: number, orderId = order1) => new ListingEvent.StockReleased({ listingId: beras, orderId, quantity })
const committed = (quantity: number, orderId = order1) => new ListingEvent.StockCommitted({ listingId: beras, orderId, quantity })

describe("Listing: the catalogue", () => {
  it("the seller's admin lists a product with price, stock and minimum order quantity", () => {
    spec
      .given([])
      .when(createListing(beras))
      .then([listed(beras)])
  })

  it("an OPOP product is listed only by its pesantren's Kopontren, as OPOP's events name it", () => {
    const own = new ListingCommand.CreateListing({ ...createListing(beras), opop: makerOf("keripik-tempe", seller) })
    spec
      .given([])
      .when(own)
      .then([new ListingEvent.ListingCreated({ ...listed(beras), opop: { productId: "keripik-tempe", kopontren: seller } })])
    const foreign = new ListingCommand.CreateListing({ ...createListing(beras), opop: makerOf("keripik-tempe", outsider) })
    spec
      .given([])
      .when(foreign)
      .then(new ListingError.OpopProductNotOwnKopontren({ listingId: beras, productId: "keripik-tempe", seller, kopontren: outsider }))
    const orphan = new ListingCommand.CreateListing({ ...createListing(beras), opop: makerOf("keripik-tempe", null) })
    spec
      .given([])
      .when(orphan)
      .then(new ListingError.OpopProductWithoutKopontren({ listingId: beras, productId: "keripik-tempe", nspp: orphan.opop!.nspp, seller }))
  })

  it("a caller's word on an OPOP product's Kopontren is never taken: a hand-made maker does not construct a command", () => {
    const forged = { productId: "keripik-tempe", nspp: "510035170001", kopontren: seller }
    // @ts-expect-error a hand-made maker is not an `OpopMaker`
    expect(() => new ListingCommand.CreateListing({ ...createListing(beras), opop: forged })).toThrow()
    // Nor does a copy of a real one.
    const copy = { ...makerOf("keripik-tempe", outsider), kopontren: seller }
    expect(() => new ListingCommand.CreateListing({ ...createListing(beras), opop: copy })).toThrow()
  })

  it("a unit price is at least Rp1", () => {
    spec
      .given([])
      .when(createListing(beras, { unitPrice: 0 }))
      .then(new ListingError.UnitPriceNotPositive({ listingId: beras }))
    spec
      .given([listed(beras)])
      .when(new ListingCommand.Reprice({ actor: sellerAdmin, listingId: beras, unitPrice: rp(0) }))
      .thenFailsWith("UnitPriceNotPositive")
  })

  it("a listing id is used once", () => {
    spec
      .given([listed(beras)])
      .when(createListing(beras))
      .then(new ListingError.ListingAlreadyCreated({ listingId: beras }))
  })

  it("restock, reprice and delist; a delisted listing takes no stock, price or reservation", () => {
    const delisted = new ListingEvent.ListingDelisted({ listingId: beras, reason: "musim panen selesai" })
    spec
      .given([listed(beras)])
      .when(new ListingCommand.Restock({ actor: sellerAdmin, listingId: beras, quantity: 50 }))
      .then([new ListingEvent.ListingRestocked({ listingId: beras, quantity: 50 })])
    spec
      .given([listed(beras)])
      .when(new ListingCommand.Reprice({ actor: sellerAdmin, listingId: beras, unitPrice: rp(67_500) }))
      .then([new ListingEvent.ListingRepriced({ listingId: beras, unitPrice: rp(67_500) })])
    spec
      .given([listed(beras)])
      .when(new ListingCommand.Delist({ actor: sellerAdmin, listingId: beras, reason: "musim panen selesai" }))
      .then([delisted])
    spec
      .given([listed(beras), delisted])
      .when(new ListingCommand.Restock({ actor: sellerAdmin, listingId: beras, quantity: 5 }))
      .then(new ListingError.ListingIsDelisted({ listingId: beras, action: "restock it" }))
    spec
      .given([listed(beras), delisted])
      .when(reserve(10))
      .thenFailsWith("ListingIsDelisted")
  })

  it("only the seller's admin changes its listing", () => {
    for (const actor of [buyerAdmin, outsiderAdmin, dinas]) {
      spec.given([]).when(createListing(beras, { actor })).thenFailsWith("ActorNotAuthorized")
      spec
        .given([listed(beras)])
        .when(new ListingCommand.Restock({ actor, listingId: beras, quantity: 1 }))
        .thenFailsWith("ActorNotAuthorized")
      spec
        .given([listed(beras)])
        .when(reserve(10, order1, actor))
        .thenFailsWith("ActorNotAuthorized")
    }
  })

  it("a listing that does not exist cannot be restocked or reserved", () => {
    spec
      .given([])
      .when(reserve(1))
      .then(new ListingError.ListingNotFound({ listingId: beras, action: "reserve its stock" }))
  })
})

describe("Listing: reservations", () => {
  it("stock is reserved for an order when available", () => {
    spec
      .given([listed(beras, { stock: 100 })])
      .when(reserve(100))
      .then([reserved(100)])
  })

  it("stock is never reserved below zero: the available stock is on hand minus what is held", () => {
    spec
      .given([listed(beras, { stock: 100 }), reserved(60)])
      .when(reserve(41, order2))
      .then(new ListingError.InsufficientStock({ listingId: beras, orderId: order2, requested: 41, available: 40 }))
    spec
      .given([listed(beras, { stock: 100 }), reserved(60)])
      .when(reserve(40, order2))
      .then([reserved(40, order2)])
  })

  it("reserving again for the same order is a no-op, even after it was released", () => {
    spec
      .given([listed(beras), reserved(10)])
      .when(reserve(10))
      .then([])
    spec
      .given([listed(beras), reserved(10), released(10)])
      .when(reserve(10))
      .then([])
    spec
      .given([listed(beras), reserved(10)])
      .when(reserve(12))
      .then(new ListingError.ReservationConflict({ listingId: beras, orderId: order1, reserved: 10, requested: 12 }))
  })

  it.each([
    {
      title: "a reservation is released once; releasing again is a no-op; a committed one cannot be released",
      close: release,
      closed: released,
      other: committed,
      status: "COMMITTED",
      action: "release its reservation"
    },
    {
      title: "a reservation is committed once; committing again is a no-op; a released one cannot be committed",
      close: commit,
      closed: committed,
      other: released,
      status: "RELEASED",
      action: "commit its reservation"
    }
  ] as const)("$title", ({ close, closed, other, status, action }) => {
    spec
      .given([listed(beras), reserved(10)])
      .when(close())
      .then([closed(10)])
    spec
      .given([listed(beras), reserved(10), closed(10)])
      .when(close())
      .then([])
    spec
      .given([listed(beras), reserved(10), other(10)])
      .when(close())
      .then(new ListingError.ReservationClosed({ listingId: beras, orderId: order1, status, action }))
    spec
      .given([listed(beras)])
      .when(close())
      .thenFailsWith("NoReservation")
  })

  it("a committed reservation takes the units off hand", () => {
    const state = Decider.fold(Listing.decider, [listed(beras, { stock: 100 }), reserved(10), committed(10), reserved(5, order2)])
    expect(state._tag === "Listed" && [state.onHand, Listing.reserved(state), Listing.available(state)]).toEqual([90, 5, 85])
  })

  it("a delisted listing still releases and commits the reservations it holds", () => {
    const delisted = new ListingEvent.ListingDelisted({ listingId: beras, reason: "gudang tutup" })
    spec
      .given([listed(beras), reserved(10), reserved(5, order2), delisted])
      .when(release())
      .then([released(10)])
    spec
      .given([listed(beras), reserved(10), reserved(5, order2), delisted])
      .when(commit(order2))
      .then([committed(5, order2)])
  })

  it("the order's process releases for its buyer (cancellation); other cooperatives may not", () => {
    spec
      .given([listed(beras), reserved(10)])
      .when(release(order1, buyerAdmin))
      .then([released(10)])
    spec
      .given([listed(beras), reserved(10)])
      .when(release(order1, outsiderAdmin))
      .thenFailsWith("ActorNotAuthorized")
    spec
      .given([listed(beras), reserved(10)])
      .when(commit(order1, buyerAdmin))
      .thenFailsWith("ActorNotAuthorized")
  })

  it("a reservation follows its order: nobody releases an open order's stock, nor commits an unshipped one", () => {
    for (const status of ["PLACED", "ACCEPTING", "ACCEPTED", "SHIPPED", "DELIVERED", "INVOICED", "PAID", "SETTLED", null] as const) {
      for (const actor of [buyerAdmin, sellerAdmin]) {
        spec
          .given([listed(beras), reserved(10)])
          .when(release(order1, actor, status))
          .then(new ListingError.ReservationFollowsOrder({ listingId: beras, orderId: order1, status, action: "release its reservation" }))
      }
    }
    for (const status of ["PLACED", "ACCEPTING", "ACCEPTED", "CANCELLED", "ACCEPTANCE_FAILED", "REJECTED", null] as const) {
      spec
        .given([listed(beras), reserved(10)])
        .when(commit(order1, sellerAdmin, status))
        .thenFailsWith("ReservationFollowsOrder")
    }
    for (const status of ["CANCELLED", "ACCEPTANCE_FAILED", "REJECTED"] as const) {
      spec
        .given([listed(beras), reserved(10)])
        .when(release(order1, sellerAdmin, status))
        .then([released(10)])
    }
    // The reading is of the order it names: another order's cancellation releases only that order's reservation.
    spec
      .given([listed(beras), reserved(10), reserved(5, order2)])
      .when(release(order2))
      .then([released(5, order2)])
  })

  it("an order's status cannot be claimed: a hand-made reading does not construct a release", () => {
    const forged = { orderId: order1, status: "CANCELLED" as const }
    // @ts-expect-error a hand-made reading is not an `OrderReading`
    expect(() => new ListingCommand.ReleaseStock({ actor: buyerAdmin, listingId: beras, order: forged })).toThrow()
  })
})
