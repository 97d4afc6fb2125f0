/**
 * TOMIKO in the workload. A network's script registers four to eight primary cooperatives, then
 * the secondary they found (each founder read from its stream), which they join, and their
 * listings. An order's script picks a ready network, a buyer and a seller in it and one or two of
 * the seller's listings (restocked first when short), places the order from the cooperatives' and
 * listings' states (as `Commands.placeOrder` reads them), and takes it through the lifecycle:
 * the acceptance saga's steps (start, reserve each line, complete, or fail and release), shipment
 * with the stock committed (the order read from its stream), delivery with a BAST, an invoice
 * for tempo orders (a CASH order is paid on delivery), payments and settlement with the network's fee; some are rejected, cancelled, disputed or
 * left unpaid (receivables).
 */
import { Either } from "effect"
import type { Identifier } from "@jatim/kernel"
import {
  Commands,
  Koperasi,
  KoperasiCommand,
  KoperasiReading,
  Listing,
  ListingCommand,
  ListingId,
  Order,
  OrderCommand,
  OrderReading,
  PaymentTerms
} from "@jatim/tomiko"
import { actor, command, decode, digits, digitsOf, officials, regions, type Script, type Steps } from "./Script.js"
import type { World } from "./World.js"

/** A network whose cooperatives and listings are registered, ready to trade. */
interface Network {
  readonly secondary: Identifier.NikKoperasi
  readonly members: ReadonlyArray<Identifier.NikKoperasi>
  /** Each seller's listings. */
  readonly listings: ReadonlyMap<Identifier.NikKoperasi, ReadonlyArray<ListingId.ListingId>>
}

const goods = [
  "Beras Premium 5 kg",
  "Minyak Goreng 2 liter",
  "Gula Pasir 1 kg",
  "Pupuk Organik 25 kg",
  "Kopi Robusta 1 kg",
  "Ikan Asin 500 g"
]
const kinds = ["Koperasi Serba Usaha", "Koperasi Tani", "Koperasi Nelayan", "Koperasi Karyawan", "Kopontren"]

/** Orders per network over the run: a network's four to eight primaries trade this much among themselves. */
const ordersPerNetwork = 40

/** TOMIKO's scripts in one world. */
export const make = (w: World) => {
  let koperasiCount = 0
  let listingCount = 0
  let orderCount = 0
  let networksStarted = 0
  let ordersStarted = 0
  const ready: Array<Network> = []

  function* network(): Steps {
    const region = w.pick(regions)
    const dinas = w.pick(officials.dinas)
    const newNik = () => decode(KoperasiCommand.RegisterPrimaryKoperasi.fields.nik, `${digitsOf(region)}01${digits(++koperasiCount, 10)}`)
    const members: Array<Identifier.NikKoperasi> = []
    const size = w.int(4, 8)
    for (let i = 0; i < size; i++) {
      const nik = newNik()
      const registered = w.koperasi.decide(
        Koperasi.streamName(nik),
        command(KoperasiCommand.RegisterPrimaryKoperasi, {
          actor: w.chance(0.5) ? dinas : actor({ _tag: "KOPERASI_ADMIN", nik }),
          nik,
          name: `${w.pick(kinds)} ${koperasiCount}`,
          regionCode: region,
          individualMembers: w.int(20, 1500)
        })
      )
      if (Either.isRight(registered)) members.push(nik)
      yield
    }
    const secondary = newNik()
    const founders = members.slice(0, 3).map((nik) => w.read(KoperasiReading.read(nik)))
    const readings = founders.flatMap((reading) => (Either.isRight(reading) ? [reading.right] : []))
    const founded = w.koperasi.decide(
      Koperasi.streamName(secondary),
      command(KoperasiCommand.RegisterSecondaryKoperasi, {
        actor: dinas,
        nik: secondary,
        name: `Pusat Koperasi ${region} ${koperasiCount}`,
        regionCode: region,
        founders: readings,
        feeBasisPoints: w.int(50, 250)
      })
    )
    if (Either.isLeft(founded)) return
    yield
    const joined: Array<Identifier.NikKoperasi> = []
    for (const nik of members) {
      const result = w.koperasi.decide(
        Koperasi.streamName(nik),
        command(KoperasiCommand.JoinNetwork, {
          actor: actor({ _tag: "KOPERASI_ADMIN", nik }),
          nik,
          secondary: { nik: secondary, type: "SEKUNDER" }
        })
      )
      if (Either.isRight(result)) joined.push(nik)
      yield
    }
    const listings = new Map<Identifier.NikKoperasi, ReadonlyArray<ListingId.ListingId>>()
    for (const seller of joined) {
      const own: Array<ListingId.ListingId> = []
      for (let i = w.int(1, 3); i > 0; i--) {
        const listingId = decode(ListingId.ListingId, `lst-${digits(++listingCount, 7)}`)
        const created = w.listing.decide(
          Listing.streamName(listingId),
          command(ListingCommand.CreateListing, {
            actor: actor({ _tag: "KOPERASI_ADMIN", nik: seller }),
            listingId,
            seller,
            name: w.pick(goods),
            unitPrice: w.int(10, 400) * 1000,
            stock: w.int(200, 3000),
            minimumOrderQuantity: w.int(1, 12)
          })
        )
        if (Either.isRight(created)) own.push(listingId)
        yield
      }
      if (own.length > 0) listings.set(seller, own)
    }
    if (joined.length >= 2 && listings.size > 0) ready.push({ secondary, members: joined, listings })
  }

  function* order(): Steps {
    while (ready.length === 0) yield
    const net = w.pick(ready)
    const sellers = [...net.listings.keys()]
    const seller = w.pick(sellers)
    const buyers = net.members.filter((nik) => nik !== seller)
    const buyer = w.pick(buyers)
    const sellerAdmin = actor({ _tag: "KOPERASI_ADMIN", nik: seller })
    const buyerAdmin = actor({ _tag: "KOPERASI_ADMIN", nik: buyer })
    const secondaryAdmin = actor({ _tag: "KOPERASI_ADMIN", nik: net.secondary })
    const own = net.listings.get(seller) ?? []
    const chosen = [...new Set([w.pick(own), ...(w.chance(0.3) ? [w.pick(own)] : [])])]
    const lines: Array<{ readonly listing: Listing.Listed; readonly quantity: number }> = []
    for (const listingId of chosen) {
      const stream = Listing.streamName(listingId)
      let listing = w.listing.state(stream)
      if (listing._tag !== "Listed") continue
      const quantity = listing.minimumOrderQuantity * w.int(1, 6)
      if (Listing.available(listing) < quantity * 3) {
        w.listing.decide(stream, command(ListingCommand.Restock, { actor: sellerAdmin, listingId, quantity: w.int(500, 3000) }))
        listing = w.listing.state(stream)
        yield
        if (listing._tag !== "Listed") continue
      }
      if (w.chance(0.02)) {
        w.listing.decide(
          stream,
          command(ListingCommand.Reprice, { actor: sellerAdmin, listingId, unitPrice: Math.round(listing.unitPrice * 1.05) })
        )
        listing = w.listing.state(stream)
        yield
        if (listing._tag !== "Listed") continue
      }
      lines.push({ listing, quantity })
    }
    if (lines.length === 0) return
    const orderId = decode(OrderCommand.PlaceOrder.fields.orderId, `PO-${digits(++orderCount, 8)}`)
    const stream = Order.streamName(orderId)
    const secondaryState = w.koperasi.state(Koperasi.streamName(net.secondary))
    const placed = w.order.decide(
      stream,
      command(OrderCommand.PlaceOrder, {
        actor: buyerAdmin,
        orderId,
        buyer: Commands.partyOf(buyer, w.koperasi.state(Koperasi.streamName(buyer))),
        seller: Commands.partyOf(seller, w.koperasi.state(Koperasi.streamName(seller))),
        network: { secondary: net.secondary, feeBasisPoints: secondaryState._tag === "Secondary" ? secondaryState.feeBasisPoints : 0 },
        terms: w.pick(["CASH", "CASH", "TEMPO_14", "TEMPO_30", "TEMPO_30"]),
        lines: lines.map(({ listing, quantity }) => ({
          listing: {
            listingId: listing.listingId,
            seller: listing.seller,
            unitPrice: listing.unitPrice,
            minimumOrderQuantity: listing.minimumOrderQuantity,
            active: listing.delisted === undefined
          },
          quantity
        }))
      })
    )
    if (Either.isLeft(placed)) return
    yield
    try {
      const onOrder = (c: OrderCommand.OrderCommand) => w.order.decide(stream, c)
      const orderFact = () => w.read(OrderReading.read(orderId))
      /** The stock step on each line's listing, with the order as its stream says it is now. */
      const onEachLine = (make: (listingId: ListingId.ListingId, order: OrderReading.OrderReading) => ListingCommand.ListingCommand) => {
        const fact = orderFact()
        if (Either.isLeft(fact)) return
        for (const { listing } of lines) w.listing.decide(Listing.streamName(listing.listingId), make(listing.listingId, fact.right))
      }
      if (w.chance(0.04)) {
        onOrder(command(OrderCommand.RejectOrder, { actor: sellerAdmin, orderId, reason: "Stok dialokasikan untuk pesanan lain" }))
        yield
        return
      }
      if (w.chance(0.03)) {
        onOrder(command(OrderCommand.CancelOrder, { actor: buyerAdmin, orderId, reason: "Salah pesan" }))
        yield
        return
      }
      // The acceptance saga's steps: start, reserve every line, then complete (or fail and release).
      onOrder(command(OrderCommand.StartAcceptance, { actor: sellerAdmin, orderId }))
      yield
      let failure: string | undefined
      for (const { listing, quantity } of lines) {
        const reserved = w.listing.decide(
          Listing.streamName(listing.listingId),
          command(ListingCommand.ReserveStock, { actor: sellerAdmin, listingId: listing.listingId, orderId, buyer, quantity })
        )
        if (Either.isLeft(reserved)) {
          failure = `line ${listing.listingId} could not be reserved: ${reserved.left.message}`
          break
        }
        yield
      }
      if (failure !== undefined) {
        onOrder(command(OrderCommand.FailAcceptance, { actor: sellerAdmin, orderId, reason: failure }))
        onEachLine((listingId, fact) => command(ListingCommand.ReleaseStock, { actor: sellerAdmin, listingId, order: fact }))
        yield
        return
      }
      onOrder(command(OrderCommand.CompleteAcceptance, { actor: sellerAdmin, orderId }))
      yield
      if (w.chance(0.03)) {
        onOrder(command(OrderCommand.CancelOrder, { actor: buyerAdmin, orderId, reason: "Anggaran dialihkan" }))
        onEachLine((listingId, fact) => command(ListingCommand.ReleaseStock, { actor: buyerAdmin, listingId, order: fact }))
        yield
        return
      }
      if (w.chance(0.05)) return
      onOrder(command(OrderCommand.ShipOrder, { actor: sellerAdmin, orderId }))
      onEachLine((listingId, fact) => command(ListingCommand.CommitStock, { actor: sellerAdmin, listingId, order: fact }))
      yield
      if (w.chance(0.04)) return
      onOrder(command(OrderCommand.ConfirmDelivery, { actor: buyerAdmin, orderId, bastNumber: `BAST/${orderId}` }))
      yield
      if (w.chance(0.03)) {
        onOrder(command(OrderCommand.DisputeOrder, { actor: buyerAdmin, orderId, reason: "Sebagian barang rusak saat pengiriman" }))
        yield
        if (w.chance(0.5)) return
        onOrder(command(OrderCommand.ResolveDispute, { actor: secondaryAdmin, orderId, resolution: "Penjual mengganti barang yang rusak" }))
        yield
      }
      // Only tempo orders are invoiced: a CASH order is paid on delivery.
      const delivered = w.order.state(stream)
      if (delivered._tag === "Placed" && PaymentTerms.isTempo(delivered.terms)) {
        onOrder(command(OrderCommand.InvoiceOrder, { actor: sellerAdmin, orderId }))
        yield
      }
      if (w.chance(0.15)) return
      const state = w.order.state(stream)
      if (state._tag !== "Placed") return
      const first = w.chance(0.3) ? Math.floor(state.total / 2) : state.total
      for (const [index, amount] of [first, state.total - first].entries()) {
        if (amount <= 0) continue
        onOrder(command(OrderCommand.RecordPayment, { actor: buyerAdmin, orderId, paymentId: `PAY-${orderId}-${index + 1}`, amount }))
        yield
        if (w.chance(0.05)) return
      }
      onOrder(command(OrderCommand.SettleOrder, { actor: secondaryAdmin, orderId }))
      yield
    } finally {
      w.order.forget(stream)
    }
  }

  return {
    /** A new network, or a new order when there are networks enough for the orders under way. */
    spawn: (): Script => {
      if (networksStarted * ordersPerNetwork <= ordersStarted) {
        networksStarted++
        return { program: "TOMIKO", steps: network() }
      }
      ordersStarted++
      return { program: "TOMIKO", steps: order() }
    }
  }
}
