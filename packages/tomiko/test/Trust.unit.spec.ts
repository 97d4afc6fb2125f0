/**
 * Trust (issue 14) through the command handlers on the in-memory store: an OPOP product is
 * listed only by the Kopontren OPOP's events name (hole 4); no party's release takes an accepted
 * order's stock, and the stock process keeps running whatever a party did (hole 7); a secondary
 * cooperative's founders are registered primaries, as their own streams say (hole 8); the feed
 * shows an order's events only to its parties and the Dinas.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer, Option } from "effect"
import { Checkpoints, InMemoryEventStore, LeaderElection, ProjectionRunner, TypedEventStore } from "@jatim/eventstore"
import { Actor, Identifier, Rupiah } from "@jatim/kernel"
import { ProductId } from "@jatim/opop"
import {
  AcceptanceSaga,
  Commands,
  FeedPolicy,
  KoperasiCommand,
  KoperasiReading,
  Listing,
  ListingCommand,
  ListingEvent,
  Order,
  OrderCommand,
  OrderReading,
  StockProcess
} from "../src/index.js"
import {
  beras,
  buyer,
  buyerAdmin,
  curator,
  dinas,
  founders,
  order1,
  order2,
  outsider,
  outsiderAdmin,
  secondary,
  secondaryAdmin,
  seller,
  sellerAdmin
} from "./fixtures.js"
import { keripik, keripikListing, nspp, opopProduct } from "./opop.js"
import { marketplace, placeBeras } from "./support.js"

const inMemory = Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory)

const listOpop = (actor: Actor.Actor, sellerNik: Identifier.NikKoperasi, productId: ProductId.ProductId = keripik) =>
  Effect.either(Commands.createListing({ actor, ...keripikListing(sellerNik), opopProductId: productId }))

const tagOf = <A, E extends { readonly _tag: string }>(result: Either.Either<A, E>) => (Either.isLeft(result) ? result.left._tag : "Right")

describe("hole 4: an OPOP product is listed only by the Kopontren OPOP's events name", () => {
  it.effect("the caller names only the product; its Kopontren lists it, any other cooperative is refused", () =>
    Effect.gen(function* () {
      yield* opopProduct(keripik, nspp, seller)
      expect(tagOf(yield* listOpop(outsiderAdmin, outsider))).toBe("OpopProductNotOwnKopontren")
      expect(tagOf(yield* listOpop(buyerAdmin, buyer))).toBe("OpopProductNotOwnKopontren")
      // Authorization comes first: an actor listing for another cooperative is refused as such.
      expect(tagOf(yield* listOpop(buyerAdmin, seller))).toBe("ActorNotAuthorized")
      const listed = yield* listOpop(sellerAdmin, seller)
      expect(Either.isRight(listed) && listed.right.newEvents).toEqual([
        new ListingEvent.ListingCreated({ ...keripikListing(), opop: { productId: keripik, kopontren: seller } })
      ])
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("an unknown product is a typed error; a product whose pesantren has no Kopontren is listed by nobody", () =>
    Effect.gen(function* () {
      const unknown = yield* listOpop(sellerAdmin, seller, ProductId.ProductId.make("tidak-ada"))
      expect(Either.isLeft(unknown) && unknown.left).toMatchObject({ _tag: "OpopProductNotFound", productId: "tidak-ada" })
      const orphan = ProductId.ProductId.make("madu-hutan")
      yield* opopProduct(orphan, Identifier.Nspp.make("510035170009"), null)
      expect(tagOf(yield* listOpop(sellerAdmin, seller, orphan))).toBe("OpopProductWithoutKopontren")
      expect(tagOf(yield* listOpop(outsiderAdmin, outsider, orphan))).toBe("OpopProductWithoutKopontren")
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("a draft OPOP product is, to any cooperative but its Kopontren, a product OPOP does not have", () =>
    Effect.gen(function* () {
      const draft = ProductId.ProductId.make("sambal-draft")
      yield* opopProduct(draft, Identifier.Nspp.make("510035170008"), seller, "draft")
      const unknown = yield* listOpop(outsiderAdmin, outsider, ProductId.ProductId.make("tidak-ada"))
      const hidden = yield* listOpop(outsiderAdmin, outsider, draft)
      expect(Either.isLeft(hidden) && hidden.left).toMatchObject({ _tag: "OpopProductNotFound", productId: draft })
      expect(Either.isLeft(hidden) && Either.isLeft(unknown) && hidden.left.message.replace(draft, "tidak-ada")).toBe(
        Either.isLeft(unknown) && unknown.left.message
      )
      // Its Kopontren may list it.
      expect(Either.isRight(yield* listOpop(sellerAdmin, seller, draft))).toBe(true)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )
})

describe("hole 7: no party's command releases an accepted order's stock; the stock process keeps running", () => {
  it.live("the buyer's, the seller's and anyone's release is refused, and later orders' stock still moves", () =>
    Effect.gen(function* () {
      const runner = yield* ProjectionRunner.make([StockProcess.processManager])
      yield* marketplace([{ listingId: beras, stock: 100 }])
      const stock = Effect.map(Commands.listingState(beras), (s) => (s._tag === "Listed" ? [s.onHand, Listing.reserved(s)] : []))
      yield* placeBeras(order1, 20)
      expect(yield* AcceptanceSaga.accept(order1, sellerAdmin)).toEqual({ _tag: "Accepted", orderId: order1 })

      // Every party's release of the accepted order, through the handler, is refused.
      for (const actor of [buyerAdmin, sellerAdmin, secondaryAdmin, outsiderAdmin, dinas]) {
        const refused = yield* Effect.either(Commands.releaseStock(actor, beras, order1))
        expect(Either.isLeft(refused)).toBe(true)
      }
      const byBuyer = yield* Effect.either(Commands.releaseStock(buyerAdmin, beras, order1))
      expect(Either.isLeft(byBuyer) && byBuyer.left).toMatchObject({ _tag: "ReservationFollowsOrder", status: "ACCEPTED" })
      // Nor with a command of one's own: the order's reading comes from its stream.
      const reading = yield* OrderReading.read(order1)
      const direct = yield* Effect.either(
        Commands.listing(new ListingCommand.ReleaseStock({ actor: buyerAdmin, listingId: beras, order: reading }))
      )
      expect(tagOf(direct)).toBe("ReservationFollowsOrder")
      // Nor by committing it before shipping (which would make a later cancellation's release fail).
      expect(tagOf(yield* Effect.either(Commands.commitStock(sellerAdmin, beras, order1)))).toBe("ReservationFollowsOrder")
      expect(yield* stock).toEqual([100, 20])

      // Shipped: the process commits. A second order, cancelled: the process releases.
      yield* Commands.order(new OrderCommand.ShipOrder({ actor: sellerAdmin, orderId: order1 }))
      yield* placeBeras(order2, 30)
      yield* AcceptanceSaga.accept(order2, sellerAdmin)
      yield* Commands.order(new OrderCommand.CancelOrder({ actor: buyerAdmin, orderId: order2, reason: "batal" }))
      yield* runner.awaitCaughtUp(StockProcess.name)
      expect(yield* stock).toEqual([80, 0])
    }).pipe(Effect.scoped, Effect.provide(inMemory))
  )

  it.live("the stock process tolerates a reservation already closed, and goes on with later orders", () =>
    Effect.gen(function* () {
      const runner = yield* ProjectionRunner.make([StockProcess.processManager])
      yield* marketplace([{ listingId: beras, stock: 100 }])
      yield* placeBeras(order1, 20)
      yield* AcceptanceSaga.accept(order1, sellerAdmin)
      // A reservation closed behind the process's back (as a store written before this rule could hold).
      const listings = yield* TypedEventStore.make(Listing.codec)
      yield* listings.appendToStream(Listing.streamName(beras), [
        { event: new ListingEvent.StockCommitted({ listingId: beras, orderId: order1, quantity: 20 }) }
      ])
      yield* Commands.order(new OrderCommand.CancelOrder({ actor: buyerAdmin, orderId: order1, reason: "batal" }))
      yield* runner.awaitCaughtUp(StockProcess.name)
      // Later orders still move: order 2 is shipped and committed.
      yield* placeBeras(order2, 30)
      yield* AcceptanceSaga.accept(order2, sellerAdmin)
      yield* Commands.order(new OrderCommand.ShipOrder({ actor: sellerAdmin, orderId: order2 }))
      yield* runner.awaitCaughtUp(StockProcess.name)
      const state = yield* Commands.listingState(beras)
      expect(
        state._tag === "Listed" && [
          Listing.reservationOf(state, order1)?.status,
          Listing.reservationOf(state, order2)?.status,
          state.onHand
        ]
      ).toEqual(["COMMITTED", "COMMITTED", 50])
      const status = yield* runner.status
      expect(status.find((s) => s.name === StockProcess.name)?.lastError).toBeUndefined()
    }).pipe(Effect.scoped, Effect.provide(inMemory))
  )
})

describe("hole 8: a secondary cooperative's founders are registered primaries, as their streams say", () => {
  const register = (founderList: ReadonlyArray<Identifier.NikKoperasi>) =>
    Effect.either(
      Commands.registerSecondaryKoperasi({
        actor: dinas,
        nik: secondary,
        name: "Pusat Koperasi Jawa Timur",
        regionCode: "35.78",
        founders: founderList,
        feeBasisPoints: Rupiah.BasisPoints.make(150)
      })
    )
  const primary = (nik: Identifier.NikKoperasi) =>
    Commands.koperasi(
      new KoperasiCommand.RegisterPrimaryKoperasi({
        actor: dinas,
        nik,
        name: `Koperasi ${nik}`,
        regionCode: "35.10",
        individualMembers: 30
      })
    )

  it.effect("unregistered founders, or a secondary among them, are refused; registered primaries found it", () =>
    Effect.gen(function* () {
      const unregistered = yield* register(founders)
      expect(Either.isLeft(unregistered) && unregistered.left).toMatchObject({
        _tag: "FounderNotPrimary",
        founder: founders[0],
        type: null
      })
      for (const nik of founders) yield* primary(nik)
      const other = Identifier.NikKoperasi.make("3578000000000099")
      yield* Commands.koperasi(
        new KoperasiCommand.RegisterSecondaryKoperasi({
          actor: dinas,
          nik: other,
          name: "Pusat Koperasi Lain",
          regionCode: "35.78",
          founders: yield* Effect.forEach(founders, KoperasiReading.read),
          feeBasisPoints: Rupiah.BasisPoints.make(100)
        })
      )
      const withSecondary = yield* register([founders[0], founders[1], other])
      expect(Either.isLeft(withSecondary) && withSecondary.left).toMatchObject({
        _tag: "FounderNotPrimary",
        founder: other,
        type: "SEKUNDER"
      })
      const registered = yield* register(founders)
      expect(Either.isRight(registered) && registered.right.newEvents[0]).toMatchObject({
        _tag: "SecondaryKoperasiRegistered",
        founders: [...founders]
      })
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )
})

describe("the feed: an order's events only to its buyer, its seller, its network's secondary and the Dinas", () => {
  it.effect("every order event, judged for every actor", () =>
    Effect.gen(function* () {
      yield* marketplace([{ listingId: beras, stock: 100 }])
      yield* placeBeras(order1, 20)
      yield* AcceptanceSaga.accept(order1, sellerAdmin)
      const orders = yield* TypedEventStore.make(Order.codec)
      const { events } = yield* orders.readStream(Order.streamName(order1))
      const { events: raw } = yield* Effect.flatMap(TypedEventStore.make(Listing.codec), (s) => s.readStream(Listing.streamName(beras)))
      const learner = Actor.Learner.make({ learnerId: "L-2025-000123" })
      const stored = (streamName: string, e: { readonly data: { readonly _tag: string } }) => {
        const { _tag, ...data } = e.data
        return { streamName, type: _tag, data: JSON.parse(JSON.stringify(data)) as unknown }
      }
      for (const event of events) {
        const s = stored(Order.streamName(order1), event)
        for (const actor of [buyerAdmin, sellerAdmin, secondaryAdmin, dinas]) {
          expect(Option.isSome(yield* FeedPolicy.feedPolicy.visible(actor, s))).toBe(true)
        }
        for (const actor of [outsiderAdmin, curator, learner]) {
          expect(Option.isNone(yield* FeedPolicy.feedPolicy.visible(actor, s))).toBe(true)
        }
      }
      // Stock movements name the order's buyer: the listing's seller, that buyer and the Dinas see them.
      for (const event of raw) {
        const s = stored(Listing.streamName(beras), event)
        const movement = event.data._tag === "StockReserved"
        expect(Option.isSome(yield* FeedPolicy.feedPolicy.visible(outsiderAdmin, s))).toBe(!movement)
        expect(Option.isSome(yield* FeedPolicy.feedPolicy.visible(buyerAdmin, s))).toBe(true)
        expect(Option.isNone(yield* FeedPolicy.feedPolicy.visible(learner, s))).toBe(true)
      }
      // An event that is not TOMIKO's is left out.
      expect(Option.isNone(yield* FeedPolicy.feedPolicy.visible(dinas, { streamName: "order-x", type: "Nonsense", data: {} }))).toBe(true)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )
})
