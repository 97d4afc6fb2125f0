/** OPOP's published facts in a test store: a pesantren, its Kopontren (or none), a product it proposed. */
import { Effect } from "effect"
import { TypedEventStore } from "@jatim/eventstore"
import { CalendarDate, Identifier, Rupiah } from "@jatim/kernel"
import { Pesantren, PesantrenEvent, Product, ProductEvent, ProductId } from "@jatim/opop"
import { beras, rp, seller } from "./fixtures.js"

/** The pesantren that makes `keripik`. */
export const nspp = Identifier.Nspp.make("510035170001")

/** An OPOP product: Keripik Tempe Santri. */
export const keripik = ProductId.ProductId.make("keripik-tempe")

/** A listing of `keripik` (as `beras`, by `seller` unless told): 60 at Rp240.000, at least 2 an order. */
export const keripikListing = (listingSeller: Identifier.NikKoperasi = seller) => ({
  listingId: beras,
  seller: listingSeller,
  name: "Keripik Tempe Santri",
  unitPrice: rp(240_000),
  stock: 60,
  minimumOrderQuantity: 2
})

/** OPOP's events: a pesantren (with its Kopontren `kopontren`, or none) proposed `productId`, public unless a draft. */
export const opopProduct = (
  productId: ProductId.ProductId,
  pesantren: Identifier.Nspp,
  kopontren: Identifier.NikKoperasi | null,
  visibility: "public" | "draft" = "public"
) =>
  Effect.gen(function* () {
    const pesantrenStore = yield* TypedEventStore.make(Pesantren.codec)
    const products = yield* TypedEventStore.make(Product.codec)
    yield* pesantrenStore.appendToStream(Pesantren.streamName(pesantren), [
      {
        event: new PesantrenEvent.PesantrenRegistered({
          nspp: pesantren,
          name: "Pondok Pesantren Uji",
          regionCode: "35.17",
          pengasuh: "KH. Penguji",
          santriCount: 300
        })
      },
      ...(kopontren === null ? [] : [{ event: new PesantrenEvent.KopontrenLinked({ nspp: pesantren, nik: kopontren }) }])
    ])
    yield* products.appendToStream(Product.streamName(productId), [
      {
        event: new ProductEvent.ProductProposed({
          productId,
          nspp: pesantren,
          name: "Keripik Tempe Santri",
          category: "MAKANAN",
          description: "Keripik tempe produksi santri",
          unitPrice: Rupiah.unsafeMake(15000),
          monthlyCapacity: 2000
        })
      }
    ])
    // Public: on a market channel (the OPOP catalogue shows it); a draft is its pesantren's business.
    if (visibility === "public") {
      yield* products.appendToStream(Product.streamName(productId), [
        {
          event: new ProductEvent.ProductMarketed({ productId, channel: "OPOP_MART", since: CalendarDate.CalendarDate.make("2026-01-05") })
        }
      ])
    }
  })
