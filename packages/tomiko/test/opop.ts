/** OPOP's published facts in a test store: a pesantren, its Kopontren (or none), a product it proposed. */
import { Effect } from "effect"
import { TypedEventStore } from "@jatim/eventstore"
import { CalendarDate, type Identifier, Rupiah } from "@jatim/kernel"
import { Pesantren, PesantrenEvent, Product, ProductEvent, type ProductId } from "@jatim/opop"

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
