/**
 * Shared test data: a secondary network with two primaries (from `src/Fixtures.ts`, which
 * `@jatim/tomiko-sql`'s tests share), their admins, listings and event builders.
 */
import { Actor, CalendarDate, Identifier, Rupiah } from "@jatim/kernel"
import { beras, buyer, fee, founders, minyak, outsider, secondary, seller } from "../src/Fixtures.js"
import { KoperasiEvent, ListingCommand, ListingEvent, ListingId, OrderCommand, OrderEvent, OrderId } from "../src/index.js"

export { ageingBuckets, beras, buyer, fee, founders, minyak, outsider, secondary, seller } from "../src/Fixtures.js"

export const date = CalendarDate.unsafeMake
export const rp = Rupiah.unsafeMake

export const admin = (nik: Identifier.NikKoperasi): Actor.Actor => Actor.KoperasiAdmin.make({ nik })
export const buyerAdmin = admin(buyer)
export const sellerAdmin = admin(seller)
export const secondaryAdmin = admin(secondary)
export const outsiderAdmin = admin(outsider)
export const dinas: Actor.Actor = Actor.DinasOfficer.make({ officerId: "dinas-01" })
export const curator: Actor.Actor = Actor.Curator.make({ curatorId: "kurator-01" })
export const pesantrenAdmin: Actor.Actor = Actor.PesantrenAdmin.make({ nspp: Identifier.Nspp.make("510035170001") })

/** Every actor, for "only X may" tables. */
export const everyone: ReadonlyArray<Actor.Actor> = [buyerAdmin, sellerAdmin, secondaryAdmin, outsiderAdmin, dinas, curator, pesantrenAdmin]

/** 3 June 2024, 10:00 WIB. */
export const now = "2024-06-03T03:00:00Z"
export const today = date("2024-06-03")

export const secondaryRegistered = new KoperasiEvent.SecondaryKoperasiRegistered({
  nik: secondary,
  name: "Pusat Koperasi Jawa Timur",
  regionCode: "35.78",
  founders: [...founders],
  feeBasisPoints: fee
})
export const primaryRegistered = (nik: Identifier.NikKoperasi) =>
  new KoperasiEvent.PrimaryKoperasiRegistered({ nik, name: `Koperasi ${nik}`, regionCode: "35.17", individualMembers: 25 })
export const joined = (nik: Identifier.NikKoperasi, network = secondary) => new KoperasiEvent.NetworkJoined({ nik, secondary: network })

export const gula = ListingId.ListingId.make("gula-1kg")
export const order1 = OrderId.OrderId.make("PO-2024-0001")
export const order2 = OrderId.OrderId.make("PO-2024-0002")

/** How a listing is made in these tests: its stock, unit price and minimum order quantity. */
interface ListingOptions {
  readonly stock?: number
  readonly unitPrice?: number
  readonly moq?: number
}

/** The fields of a listing of `seller`'s (`Produk <listingId>`, 100 at Rp65.000, at least 10 an order by default). */
const listingFields = (listingId: ListingId.ListingId, options: ListingOptions) => ({
  listingId,
  seller,
  name: `Produk ${listingId}`,
  unitPrice: rp(options.unitPrice ?? 65_000),
  stock: options.stock ?? 100,
  minimumOrderQuantity: options.moq ?? 10
})

export const listed = (listingId: ListingId.ListingId, options: ListingOptions = {}) =>
  new ListingEvent.ListingCreated(listingFields(listingId, options))

export const createListing = (listingId: ListingId.ListingId, options: ListingOptions & { readonly actor?: Actor.Actor } = {}) =>
  new ListingCommand.CreateListing({ actor: options.actor ?? sellerAdmin, ...listingFields(listingId, options) })

/** A line of an order in these tests: a listing of `seller`'s, how many, and at what price if not the listing's own. */
interface LineOrdered {
  readonly listingId: ListingId.ListingId
  readonly quantity: number
  readonly unitPrice?: number
}

/** The lines of the default order (`placeOrder()`, `placed`), so what it reserves, ships or releases: 20 × beras and 12 × minyak. */
export const linesOrdered: ReadonlyArray<LineOrdered> = [
  { listingId: beras, quantity: 20 },
  { listingId: minyak, quantity: 12 }
]

/** What the application reads for an order from `buyer` to `seller` in `secondary`'s network. */
export const placeOrder = (
  options: {
    readonly orderId?: OrderId.OrderId
    readonly actor?: Actor.Actor
    readonly terms?: "CASH" | "TEMPO_14" | "TEMPO_30"
    readonly lines?: ReadonlyArray<LineOrdered>
  } = {}
) =>
  new OrderCommand.PlaceOrder({
    actor: options.actor ?? buyerAdmin,
    orderId: options.orderId ?? order1,
    buyer: { nik: buyer, type: "PRIMER", network: secondary },
    seller: { nik: seller, type: "PRIMER", network: secondary },
    network: { secondary, feeBasisPoints: fee },
    terms: options.terms ?? "TEMPO_30",
    lines: (options.lines ?? linesOrdered).map((line) => ({
      listing: {
        listingId: line.listingId,
        seller,
        unitPrice: rp(line.unitPrice ?? (line.listingId === beras ? 65_000 : 34_500)),
        minimumOrderQuantity: 10,
        active: true
      },
      quantity: line.quantity
    }))
  })

/** The default order: 20 × beras at Rp65.000 and 12 × minyak at Rp34.500 = Rp1.714.000, tempo 30. */
export const placed = new OrderEvent.OrderPlaced({
  orderId: order1,
  buyer,
  seller,
  secondary,
  feeBasisPoints: fee,
  terms: "TEMPO_30",
  lines: [
    { listingId: beras, quantity: 20, unitPrice: rp(65_000), lineTotal: rp(1_300_000) },
    { listingId: minyak, quantity: 12, unitPrice: rp(34_500), lineTotal: rp(414_000) }
  ],
  total: rp(1_714_000),
  placedOn: today
})
export const acceptanceStarted = new OrderEvent.AcceptanceStarted({ orderId: order1 })
export const accepted = new OrderEvent.OrderAccepted({ orderId: order1, acceptedOn: today })
export const shipped = new OrderEvent.OrderShipped({
  orderId: order1,
  seller,
  commit: linesOrdered,
  shippedOn: today
})
export const bast = OrderEvent.BastNumber.make("BAST/2024/06/001")
export const delivered = new OrderEvent.OrderDelivered({ orderId: order1, bastNumber: bast, deliveredOn: today })
export const invoiced = new OrderEvent.OrderInvoiced({
  orderId: order1,
  terms: "TEMPO_30",
  total: rp(1_714_000),
  invoicedOn: today,
  dueOn: date("2024-07-03")
})
export const paymentId = (id: string) => OrderEvent.PaymentId.make(id)
export const paidInFull = [
  new OrderEvent.PaymentRecorded({
    orderId: order1,
    paymentId: paymentId("TRF-1"),
    amount: rp(1_714_000),
    paidTotal: rp(1_714_000),
    paidOn: today
  }),
  new OrderEvent.OrderPaid({ orderId: order1, paidOn: today })
]

/** The order's history up to each status. */
export const upTo = {
  placed: [placed],
  accepting: [placed, acceptanceStarted],
  accepted: [placed, acceptanceStarted, accepted],
  shipped: [placed, acceptanceStarted, accepted, shipped],
  delivered: [placed, acceptanceStarted, accepted, shipped, delivered],
  invoiced: [placed, acceptanceStarted, accepted, shipped, delivered, invoiced],
  paid: [placed, acceptanceStarted, accepted, shipped, delivered, invoiced, ...paidInFull]
} as const
