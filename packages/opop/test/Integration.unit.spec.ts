import { describe, expect, it } from "@effect/vitest"
import { Effect, Option } from "effect"
import { InMemoryEventStore, TypedEventStore } from "@jatim/eventstore"
import { CalendarDate } from "@jatim/kernel"
import { Integration, Pesantren, PesantrenEvent, Product, ProductId } from "../src/index.js"
import { keripik, linked, nik, nspp, otherNik, proposed, registered } from "./fixtures.js"
import { onboard } from "./scenario.js"

describe("Integration.makerOf", () => {
  it.effect("finds a product's pesantren, its Kopontren and whether it is public, from OPOP's own events", () =>
    Effect.gen(function* () {
      // Onboarded: proposed, submitted and curated, so public.
      yield* onboard([keripik])
      expect(yield* Integration.makerOf(keripik)).toEqual(Option.some({ productId: keripik, nspp, kopontren: nik, isPublic: true }))
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("answers the latest Kopontren linked, and none before one is linked", () =>
    Effect.gen(function* () {
      const pesantren = yield* TypedEventStore.make(Pesantren.codec)
      const products = yield* TypedEventStore.make(Product.codec)
      yield* products.appendToStream(Product.streamName(keripik), [{ event: proposed(keripik) }])
      yield* pesantren.appendToStream(Pesantren.streamName(nspp), [{ event: registered }])
      expect(yield* Integration.makerOf(keripik)).toEqual(Option.some({ productId: keripik, nspp, kopontren: null, isPublic: false }))
      // A register corrected over time (a stream may hold more than one link): the latest counts.
      yield* pesantren.appendToStream(Pesantren.streamName(nspp), [
        { event: linked },
        { event: new PesantrenEvent.KopontrenLinked({ nspp, nik: otherNik }) }
      ])
      expect(yield* Integration.makerOf(keripik)).toEqual(Option.some({ productId: keripik, nspp, kopontren: otherNik, isPublic: false }))
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("answers the Kopontren a Dinas decision put in place of the linked one", () =>
    Effect.gen(function* () {
      const pesantren = yield* TypedEventStore.make(Pesantren.codec)
      yield* onboard([keripik])
      yield* pesantren.appendToStream(Pesantren.streamName(nspp), [
        {
          event: new PesantrenEvent.KopontrenReplaced({
            nspp,
            previous: nik,
            nik: otherNik,
            reason: "Keputusan Dinas",
            replacedOn: CalendarDate.unsafeMake("2026-12-01")
          })
        }
      ])
      expect(yield* Integration.makerOf(keripik)).toEqual(Option.some({ productId: keripik, nspp, kopontren: otherNik, isPublic: true }))
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("answers none for a product OPOP does not have", () =>
    Effect.gen(function* () {
      yield* onboard([keripik])
      expect(yield* Integration.makerOf(ProductId.ProductId.make("tidak-ada"))).toEqual(Option.none())
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )
})
