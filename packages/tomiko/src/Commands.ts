/**
 * TOMIKO's application surface, `Commands`: command handling on the `EventStore`. Each
 * aggregate's function (`koperasi`, `listing`, `order`, `creditLine`) takes a command (which carries its actor)
 * and works out the stream its id names, with the actor in the events' metadata; the raw handlers
 * (`koperasiHandler`, …) take the stream from the caller. The commands that need facts from other
 * streams read them here, never from the caller: placing an order (both cooperatives, the network
 * and the listings), listing an OPOP product (its maker, from OPOP's events), registering a
 * secondary cooperative (its founders, from their streams), releasing or committing a reservation
 * and releasing credit (the order, from its stream). Also the current state of each aggregate.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import {
  Aggregate,
  type AppendError,
  type CommandHandler,
  type Decider,
  type EventCodec,
  type EventStore,
  type ReadError
} from "@jatim/eventstore"
import { Actor, type Identifier, Rupiah } from "@jatim/kernel"
import type { ProductId } from "@jatim/opop"
import * as Authorization from "./Authorization.js"
import * as CreditLine from "./CreditLine.js"
import { ReleaseCredit } from "./CreditLineCommand.js"
import type { CreditLineError } from "./CreditLineError.js"
import type { CreditLineEvent } from "./CreditLineEvent.js"
import { Quantity } from "./internal/quantity.js"
import * as Koperasi from "./Koperasi.js"
import { RegisterSecondaryKoperasi } from "./KoperasiCommand.js"
import type { KoperasiError } from "./KoperasiError.js"
import type { KoperasiEvent } from "./KoperasiEvent.js"
import * as KoperasiReading from "./KoperasiReading.js"
import * as Listing from "./Listing.js"
import { CommitStock, CreateListing, type ListingCommand, ReleaseStock } from "./ListingCommand.js"
import { type ListingError, OpopProductNotFound } from "./ListingError.js"
import type { ListingEvent } from "./ListingEvent.js"
import { ListingId } from "./ListingId.js"
import * as OpopMaker from "./OpopMaker.js"
import * as Order from "./Order.js"
import { PlaceOrder, type LineRequest, type Network, type Party } from "./OrderCommand.js"
import type { OrderError } from "./OrderError.js"
import type { OrderEvent } from "./OrderEvent.js"
import type { OrderId } from "./OrderId.js"
import * as OrderReading from "./OrderReading.js"
import type { PaymentTerms } from "./PaymentTerms.js"

/** Options of a command: correlation, causation, and optionally the version the caller saw. */
export type CommandOptions = CommandHandler.CommandOptions

/** What handling a command returns. */
export type Result<Event, State> = CommandHandler.HandleResult<Event, State>

/** What the event store can fail with while a command is handled. */
export type StoreError = AppendError | ReadError

/** `koperasi` handles a cooperative command on `koperasi-<nik>`; `koperasiHandler` on the stream the caller names. */
export const { handle: koperasi, handler: koperasiHandler } = Aggregate.commands(Koperasi, Actor.refOfCommand)

/** `listing` handles a listing command on `listing-<listingId>`; `listingHandler` on the stream the caller names. */
export const { handle: listing, handler: listingHandler } = Aggregate.commands(Listing, Actor.refOfCommand)

/** `order` handles an order command on `order-<orderId>`; `orderHandler` on the stream the caller names. */
export const { handle: order, handler: orderHandler } = Aggregate.commands(Order, Actor.refOfCommand)

/** `creditLine` handles a credit line command on `creditline-<seller>-<buyer>`; `creditLineHandler` on the stream the caller names. */
export const { handle: creditLine, handler: creditLineHandler } = Aggregate.commands(CreditLine, Actor.refOfCommand)

/** The current state of one stream of a decider. */
export const currentState = <Command, Event extends { readonly _tag: string }, State, Err>(
  decider: Decider.Decider<Command, Event, State, Err>,
  codec: EventCodec.EventCodec<Event>,
  streamName: string
): Effect.Effect<State, ReadError, EventStore.EventStore> => Aggregate.currentState({ decider, codec }, streamName)

/** A cooperative's current state. */
export const koperasiState = (nik: Identifier.NikKoperasi): Effect.Effect<Koperasi.State, ReadError, EventStore.EventStore> =>
  Aggregate.currentState(Koperasi, Koperasi.streamName(nik))

/** A listing's current state. */
export const listingState = (listingId: ListingId): Effect.Effect<Listing.State, ReadError, EventStore.EventStore> =>
  Aggregate.currentState(Listing, Listing.streamName(listingId))

/** An order's current state. */
export const orderState = (orderId: OrderId): Effect.Effect<Order.State, ReadError, EventStore.EventStore> =>
  Aggregate.currentState(Order, Order.streamName(orderId))

/** The current state of the credit line `seller` extends to `buyer`. */
export const creditLineState = (
  seller: Identifier.NikKoperasi,
  buyer: Identifier.NikKoperasi
): Effect.Effect<CreditLine.State, ReadError, EventStore.EventStore> =>
  Aggregate.currentState(CreditLine, CreditLine.streamName(seller, buyer))

/** A cooperative as an order sees it: a primary in the network it joined, a secondary in its own (adr/0080). */
export const partyOf = (nik: Identifier.NikKoperasi, state: Koperasi.State): Party => ({
  nik,
  type: state._tag === "Primary" ? "PRIMER" : state._tag === "Secondary" ? "SEKUNDER" : undefined,
  network: state._tag === "Primary" ? state.network : state._tag === "Secondary" ? nik : undefined
})

/** Schema of what to order: a listing and a quantity. */
export const LineToOrder = Schema.Struct({
  listingId: ListingId,
  /** Units to order. */
  quantity: Quantity.annotations({ description: "units to order" })
})

/** What to order: a listing and a quantity. */
export interface LineToOrder extends Schema.Schema.Type<typeof LineToOrder> {}

/**
 * Places an order from the store's current reading of the buyer, the seller, the seller's
 * network (a secondary seller's is its own) and the listings; the decider refuses it when any
 * rule fails on that reading.
 */
export const placeOrder = (options: {
  readonly actor: Actor.Actor
  readonly orderId: OrderId
  readonly buyer: Identifier.NikKoperasi
  readonly seller: Identifier.NikKoperasi
  readonly terms: PaymentTerms
  readonly lines: ReadonlyArray<LineToOrder>
  readonly correlationId?: string | undefined
}): Effect.Effect<Result<OrderEvent, Order.State>, OrderError | StoreError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const buyer = partyOf(options.buyer, yield* koperasiState(options.buyer))
    const seller = partyOf(options.seller, yield* koperasiState(options.seller))
    const secondary = seller.network ?? buyer.network
    const secondaryState = secondary === undefined ? undefined : yield* koperasiState(secondary)
    // Outside any network the decider refuses the order (NotInSameNetwork) whatever is read here.
    const network: Network = {
      secondary: secondary ?? options.seller,
      feeBasisPoints: secondaryState?._tag === "Secondary" ? secondaryState.feeBasisPoints : Rupiah.BasisPoints.make(0)
    }
    const lines: Array<LineRequest> = []
    for (const line of options.lines) {
      const state = yield* listingState(line.listingId)
      lines.push({
        quantity: line.quantity,
        listing:
          state._tag === "Listed"
            ? {
                listingId: line.listingId,
                seller: state.seller,
                unitPrice: state.unitPrice,
                minimumOrderQuantity: state.minimumOrderQuantity,
                active: state.delisted === undefined
              }
            : {
                listingId: line.listingId,
                seller: options.seller,
                unitPrice: Rupiah.zero,
                minimumOrderQuantity: 1,
                active: false
              }
      })
    }
    const command = new PlaceOrder({ actor: options.actor, orderId: options.orderId, buyer, seller, network, terms: options.terms, lines })
    return yield* orderHandler(Order.streamName(options.orderId), command, { correlationId: options.correlationId })
  })

/** What `createListing` needs: `CreateListing` with the OPOP product's id for its maker, which is read. */
export interface ListingRequest extends Omit<CreateListing, "_tag" | "opop"> {
  /** The OPOP product listed, if any: its maker is read from OPOP's events. */
  readonly opopProductId?: ProductId.ProductId | undefined
  readonly handleOptions?: CommandHandler.HandleOptions | undefined
}

/**
 * Lists a product of `seller`. For an OPOP product the caller names only the product: its maker
 * (the pesantren and its Kopontren) is read from OPOP's events, and the decider lists it only for
 * that Kopontren. An unknown product fails with `OpopProductNotFound`. Whether the actor may list
 * for `seller` is checked first, before anything is read.
 */
export const createListing = (
  options: ListingRequest
): Effect.Effect<Result<ListingEvent, Listing.State>, ListingError | StoreError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const { actor, handleOptions, listingId, opopProductId, seller, ...fields } = options
    yield* Authorization.authorize("CreateListing", actor, [seller])
    const opop =
      opopProductId === undefined
        ? undefined
        : yield* Effect.flatMap(
            OpopMaker.read(opopProductId),
            Option.match({
              onNone: () => Effect.fail(new OpopProductNotFound({ listingId, productId: opopProductId })),
              onSome: Effect.succeed
            })
          )
    const command = new CreateListing({ ...fields, actor, listingId, seller, ...(opop === undefined ? {} : { opop }) })
    return yield* listingHandler(Listing.streamName(listingId), command, handleOptions)
  })

/** What `registerSecondaryKoperasi` needs: `RegisterSecondaryKoperasi` with its founders' NIKs, which are read. */
export interface SecondaryKoperasiRequest extends Omit<RegisterSecondaryKoperasi, "_tag" | "founders"> {
  /** The founders: each is read from its own stream. */
  readonly founders: ReadonlyArray<Identifier.NikKoperasi>
  readonly handleOptions?: CommandHandler.HandleOptions | undefined
}

/**
 * Registers a secondary cooperative founded by `founders`: each founder is read from its own
 * stream, and the decider registers it only when at least three distinct founders are registered
 * primary cooperatives.
 */
export const registerSecondaryKoperasi = (
  options: SecondaryKoperasiRequest
): Effect.Effect<Result<KoperasiEvent, Koperasi.State>, KoperasiError | StoreError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const { actor, handleOptions, nik, ...fields } = options
    yield* Authorization.authorize("RegisterKoperasi", actor, [nik])
    const founders = yield* Effect.forEach([...new Set(fields.founders)], KoperasiReading.read)
    const command = new RegisterSecondaryKoperasi({ ...fields, actor, nik, founders })
    return yield* koperasiHandler(Koperasi.streamName(nik), command, handleOptions)
  })

/**
 * The function that decides on `listingId`'s stream the stock command `commandOf` makes, for
 * `actor`, of the order `orderId` as the order's stream says it is now (`OrderReading.read`).
 */
const withOrderAsRead =
  (
    commandOf: (fields: {
      readonly actor: Actor.Actor
      readonly listingId: ListingId
      readonly order: OrderReading.OrderReading
    }) => ListingCommand
  ) =>
  (
    actor: Actor.Actor,
    listingId: ListingId,
    orderId: OrderId,
    handleOptions?: CommandHandler.HandleOptions
  ): Effect.Effect<Result<ListingEvent, Listing.State>, ListingError | StoreError, EventStore.EventStore> =>
    Effect.flatMap(OrderReading.read(orderId), (order) =>
      listingHandler(Listing.streamName(listingId), commandOf({ actor, listingId, order }), handleOptions)
    )

/**
 * Releases the reservation of `orderId` on `listingId`, for `actor`, with the order as its stream
 * says it is now: the decider releases it only when the order was cancelled or its acceptance
 * failed. For the order's own processes (the acceptance saga, the stock process manager).
 */
export const releaseStock = withOrderAsRead((fields) => new ReleaseStock(fields))

/**
 * Commits the reservation of `orderId` on `listingId`, for `actor`, with the order as its stream
 * says it is now: the decider commits it only when the order shipped. For the stock process.
 */
export const commitStock = withOrderAsRead((fields) => new CommitStock(fields))

/**
 * Releases the credit `orderId` holds on the line `seller` extends to `buyer`, for `actor`, with
 * the order as its stream says it is now: the decider releases it only when the order was paid in
 * full, cancelled or failed its acceptance. For the order's own processes (the acceptance saga,
 * the credit process).
 */
export const releaseCredit = (
  actor: Actor.Actor,
  seller: Identifier.NikKoperasi,
  buyer: Identifier.NikKoperasi,
  orderId: OrderId,
  handleOptions?: CommandHandler.HandleOptions
): Effect.Effect<Result<CreditLineEvent, CreditLine.State>, CreditLineError | StoreError, EventStore.EventStore> =>
  Effect.flatMap(OrderReading.read(orderId), (order) =>
    creditLineHandler(CreditLine.streamName(seller, buyer), new ReleaseCredit({ actor, seller, buyer, order }), handleOptions)
  )
