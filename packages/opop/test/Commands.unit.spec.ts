import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { EventStore, InMemoryEventStore, TypedEventStore } from "@jatim/eventstore"
import { Rupiah } from "@jatim/kernel"
import { Commands, KabupatenDashboard, OpopEvent, ProductCatalogue, ProductCommand, Projections } from "../src/index.js"
import { admin, batik, curator, dinas, keripik, kopi, nspp, otherAdmin, scoresTotalling } from "./fixtures.js"
import { onboard } from "./scenario.js"

describe("Commands", () => {
  it.effect("each command goes to the stream its id names, with its actor in the events' metadata", () =>
    Effect.gen(function* () {
      yield* onboard([keripik])
      const pesantren = yield* EventStore.readStream(`pesantren-${nspp}`)
      expect(pesantren.events.map((e) => [e.type, e.metadata.actor])).toEqual([
        ["PesantrenRegistered", { role: "PESANTREN_ADMIN", id: nspp }],
        ["KopontrenLinked", { role: "PESANTREN_ADMIN", id: nspp }],
        ["PesantrenVerified", { role: "DINAS_OFFICER", id: "dinas-01" }]
      ])
      const product = yield* EventStore.readStream(`product-${keripik}`)
      expect(product.events.map((e) => e.type)).toEqual(["ProductProposed", "ProductSubmittedForCuration", "ProductCurated"])
      expect(product.events[2]!.metadata.actor).toEqual({ role: "CURATOR", id: "kurator-07" })
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("correlation and causation ids travel with the command, beside its actor", () =>
    Effect.gen(function* () {
      yield* onboard([])
      const result = yield* Commands.proposeProduct(
        {
          actor: admin,
          productId: kopi,
          nspp,
          name: "Kopi Arabika Ijen",
          category: "MINUMAN",
          description: "Kopi arabika dari lereng Ijen",
          unitPrice: Rupiah.unsafeMake(55_000),
          monthlyCapacity: 400
        },
        { correlationId: "req-7", causationId: "cmd-7" }
      ).pipe(Effect.either)
      expect(result._tag).toBe("Right")
      const { events } = yield* EventStore.readStream(`product-${kopi}`)
      expect(events[0]!.metadata).toMatchObject({
        correlationId: "req-7",
        causationId: "cmd-7",
        actor: { role: "PESANTREN_ADMIN", id: nspp }
      })
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("designateFlagship reads the product's pesantren and grade from its stream", () =>
    Effect.gen(function* () {
      yield* onboard([keripik, batik])
      const missing = yield* Effect.flip(Commands.designateFlagship({ actor: admin, nspp, productId: kopi }))
      expect(missing._tag).toBe("ProductNotFound")
      const first = yield* Commands.designateFlagship({ actor: admin, nspp, productId: keripik })
      expect(first.newEvents.map((e) => e._tag)).toEqual(["FlagshipDesignated"])
      const stale = yield* Effect.flip(Commands.designateFlagship({ actor: admin, nspp, productId: batik }))
      expect(stale._tag).toBe("FlagshipDesignationOutdated")
      const second = yield* Commands.designateFlagship({ actor: admin, nspp, productId: batik, retiring: keripik })
      expect(second.newEvents.map((e) => e._tag)).toEqual(["FlagshipRetired", "FlagshipDesignated"])
      expect(second.newState).toMatchObject({ flagship: batik, retiredFlagships: [keripik] })
      const byDinas = yield* Effect.flip(Commands.designateFlagship({ actor: dinas, nspp, productId: keripik, retiring: batik }))
      expect(byDinas._tag).toBe("ActorNotAuthorized")
      const byOther = yield* Effect.flip(Commands.designateFlagship({ actor: otherAdmin, nspp, productId: keripik, retiring: batik }))
      expect(byOther._tag).toBe("ActorNotAuthorized")
      // Authorization comes before any reading: an unknown product tells a stranger nothing either.
      const strangerUnknown = yield* Effect.flip(Commands.designateFlagship({ actor: otherAdmin, nspp, productId: kopi }))
      expect(strangerUnknown._tag).toBe("ActorNotAuthorized")
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("another pesantren's product answers as one that does not exist: a designation never tells whose an id is", () =>
    Effect.gen(function* () {
      yield* onboard([keripik])
      const otherNspp = otherAdmin._tag === "PESANTREN_ADMIN" ? otherAdmin.nspp : nspp
      const foreign = yield* Effect.flip(Commands.designateFlagship({ actor: otherAdmin, nspp: otherNspp, productId: keripik }))
      const unknown = yield* Effect.flip(Commands.designateFlagship({ actor: otherAdmin, nspp: otherNspp, productId: kopi }))
      expect(foreign).toMatchObject({ _tag: "ProductNotFound", productId: keripik })
      expect(foreign.message).toBe(unknown.message.replace(kopi, keripik))
      expect(foreign.message).not.toContain(nspp)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("a product being curated again, or graded PEMULA, is no flagship", () =>
    Effect.gen(function* () {
      yield* onboard([keripik])
      yield* Commands.product(new ProductCommand.SubmitProductForCuration({ actor: admin, productId: keripik }))
      const pending = yield* Effect.flip(Commands.designateFlagship({ actor: admin, nspp, productId: keripik }))
      expect(pending).toMatchObject({ _tag: "FlagshipCandidateIneligible" })
      yield* Commands.product(new ProductCommand.ScoreProduct({ actor: curator, productId: keripik, scores: scoresTotalling(8) }))
      const beginner = yield* Effect.flip(Commands.designateFlagship({ actor: admin, nspp, productId: keripik }))
      expect(beginner.message).toMatch(/graded PEMULA/)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("the read models fold the recorded events the store gives back through the OPOP codec", () =>
    Effect.gen(function* () {
      yield* onboard([keripik, batik])
      yield* Commands.designateFlagship({ actor: admin, nspp, productId: batik })
      yield* Commands.product(new ProductCommand.MarketProduct({ actor: admin, productId: batik, channel: "OPOP_MART" }))
      const store = yield* TypedEventStore.make(OpopEvent.codec)
      const recorded = Chunk.toArray(yield* Stream.runCollect(store.readAll()))
      expect(recorded.length).toBe(11)
      const catalogue = recorded.reduce(ProductCatalogue.applyRecorded, ProductCatalogue.initialState)
      expect(ProductCatalogue.search(catalogue, { regionCode: "35.17", marketedOnly: true }).map((e) => [e.productId, e.flagship])).toEqual(
        [[batik, true]]
      )
      const dashboard = KabupatenDashboard.forRegion(
        recorded.reduce(KabupatenDashboard.applyRecorded, KabupatenDashboard.initialState),
        "35.17"
      )
      expect(dashboard).toMatchObject({ activeFlagships: 1, products: { total: 2, marketed: 1, byGrade: { BERKEMBANG: 2 } } })
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("a read model runs as an inline projection of the in-memory store", () =>
    Effect.gen(function* () {
      const catalogue = yield* Projections.productCatalogue
      yield* Effect.gen(function* () {
        yield* onboard([keripik, batik])
        yield* Commands.product(new ProductCommand.MarketProduct({ actor: dinas, productId: keripik, channel: "EXPO" }))
      }).pipe(Effect.provide(InMemoryEventStore.layer({ inline: [catalogue] })))
      const state = yield* catalogue.get
      expect(ProductCatalogue.search(state, { marketedOnly: true }).map((e) => [e.productId, e.pesantrenName, e.grade])).toEqual([
        [keripik, "Pondok Pesantren Tebuireng", "BERKEMBANG"]
      ])
    })
  )
})
