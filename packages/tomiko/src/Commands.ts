/**
 * TOMIKO's application surface, `Commands`: command handling on the `EventStore`. Each
 * aggregate's function (`koperasi`, `listing`, `order`) takes a command (which carries its actor)
 * and works out the stream its id names, with the actor in the events' metadata; the raw handlers
 * (`koperasiHandler`, …) take the stream from the caller. The commands that need facts from other
 * streams read them here, never from the caller: placing an order (both cooperatives, the network
 * and the listings), listing an OPOP product (its maker, from OPOP's events), registering a
 * secondary cooperative (its founders, from their streams), releasing or committing a reservation
 * (the order, from its stream). Also the current state of each aggregate.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import {
  type AppendError,
  CommandHandler,
  type Decider,
  type EventCodec,
  type EventStore,
  type ReadError,
  TypedEventStore
} from "@jatim/eventstore"
import { Actor, type Identifier, type Region, Rupiah } from "@jatim/kernel"
import type { ProductId } from "@jatim/opop"
import * as Authorization from "./Authorization.js"
import { Quantity } from "./internal/quantity.js"
import * as Koperasi from "./Koperasi.js"
import { type KoperasiCommand, RegisterSecondaryKoperasi } from "./KoperasiCommand.js"
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
import { PlaceOrder, type LineRequest, type Network, type OrderCommand, type Party } from "./OrderCommand.js"
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

/** The raw handler of cooperative commands (stream name chosen by the caller). */
export const koperasiHandler: CommandHandler.CommandHandler<KoperasiCommand, KoperasiEvent, Koperasi.State, KoperasiError> =
  CommandHandler.make({ decider: Koperasi.decider, codec: Koperasi.codec })

/** The raw handler of listing commands (stream name chosen by the caller). */
export const listingHandler: CommandHandler.CommandHandler<ListingCommand, ListingEvent, Listing.State, ListingError> = CommandHandler.make(
  { decider: Listing.decider, codec: Listing.codec }
)

/** The raw handler of order commands (stream name chosen by the caller). */
export const orderHandler: CommandHandler.CommandHandler<OrderCommand, OrderEvent, Order.State, OrderError> = CommandHandler.make({
  decider: Order.decider,
  codec: Order.codec
})

const metadata = (actor: Actor.Actor, options: CommandOptions | undefined) => CommandHandler.withActor(Actor.toActorRef(actor), options)

/** Handles a cooperative command on `koperasi-<nik>`. */
export const koperasi = (
  command: KoperasiCommand,
  options?: CommandOptions
): Effect.Effect<Result<KoperasiEvent, Koperasi.State>, KoperasiError | StoreError, EventStore.EventStore> =>
  koperasiHandler(Koperasi.streamName(command.nik), command, metadata(command.actor, options))

/** Handles a listing command on `listing-<listingId>`. */
export const listing = (
  command: ListingCommand,
  options?: CommandOptions
): Effect.Effect<Result<ListingEvent, Listing.State>, ListingError | StoreError, EventStore.EventStore> =>
  listingHandler(Listing.streamName(command.listingId), command, metadata(command.actor, options))

/** Handles an order command on `order-<orderId>`. */
export const order = (
  command: OrderCommand,
  options?: CommandOptions
): Effect.Effect<Result<OrderEvent, Order.State>, OrderError | StoreError, EventStore.EventStore> =>
  orderHandler(Order.streamName(command.orderId), command, metadata(command.actor, options))

/** The current state of one stream of a decider. */
export const currentState = <Command, Event extends { readonly _tag: string }, State, Err>(
  decider: Decider.Decider<Command, Event, State, Err>,
  codec: EventCodec.EventCodec<Event>,
  streamName: string
): Effect.Effect<State, ReadError, EventStore.EventStore> =>
  Effect.flatMap(TypedEventStore.make(codec), (store) => Effect.map(store.aggregateStream(streamName, decider), (result) => result.state))

/** A cooperative's current state. */
export const koperasiState = (nik: Identifier.NikKoperasi): Effect.Effect<Koperasi.State, ReadError, EventStore.EventStore> =>
  currentState(Koperasi.decider, Koperasi.codec, Koperasi.streamName(nik))

/** A listing's current state. */
export const listingState = (listingId: ListingId): Effect.Effect<Listing.State, ReadError, EventStore.EventStore> =>
  currentState(Listing.decider, Listing.codec, Listing.streamName(listingId))

/** An order's current state. */
export const orderState = (orderId: OrderId): Effect.Effect<Order.State, ReadError, EventStore.EventStore> =>
  currentState(Order.decider, Order.codec, Order.streamName(orderId))

/** A cooperative as an order sees it. */
export const partyOf = (nik: Identifier.NikKoperasi, state: Koperasi.State): Party => ({
  nik,
  type: state._tag === "Primary" ? "PRIMER" : state._tag === "Secondary" ? "SEKUNDER" : undefined,
  network: state._tag === "Primary" ? state.network : undefined
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
 * network and the listings; the decider refuses it when any rule fails on that reading.
 */
export const placeOrder = (options: {
  readonly actor: Actor.Actor
  readonly orderId: OrderId
  readonly buyer: Identifier.NikKoperasi
  readonly seller: Identifier.NikKoperasi
  readonly terms: PaymentTerms
  readonly lines: ReadonlyArray<LineToOrder>
  readonly correlationId?: string | undefined
}): Effect.Effect<CommandHandler.HandleResult<OrderEvent, Order.State>, OrderError | AppendError | ReadError, EventStore.EventStore> =>
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

/**
 * Lists a product of `seller`. For an OPOP product the caller names only the product: its maker
 * (the pesantren and its Kopontren) is read from OPOP's events, and the decider lists it only for
 * that Kopontren. An unknown product fails with `OpopProductNotFound`. Whether the actor may list
 * for `seller` is checked first, before anything is read.
 */
export const createListing = (options: {
  readonly actor: Actor.Actor
  readonly listingId: ListingId
  readonly seller: Identifier.NikKoperasi
  readonly name: CreateListing["name"]
  readonly unitPrice: Rupiah.Rupiah
  readonly stock: number
  readonly minimumOrderQuantity: number
  readonly opopProductId?: ProductId.ProductId | undefined
  readonly handleOptions?: CommandHandler.HandleOptions | undefined
}): Effect.Effect<
  CommandHandler.HandleResult<ListingEvent, Listing.State>,
  ListingError | AppendError | ReadError,
  EventStore.EventStore
> =>
  Effect.gen(function* () {
    const { actor, listingId, opopProductId, seller } = options
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
    const command = new CreateListing({
      actor,
      listingId,
      seller,
      name: options.name,
      unitPrice: options.unitPrice,
      stock: options.stock,
      minimumOrderQuantity: options.minimumOrderQuantity,
      ...(opop === undefined ? {} : { opop })
    })
    return yield* listingHandler(Listing.streamName(listingId), command, options.handleOptions)
  })

/**
 * Registers a secondary cooperative founded by `founders`: each founder is read from its own
 * stream, and the decider registers it only when at least three distinct founders are registered
 * primary cooperatives.
 */
export const registerSecondaryKoperasi = (options: {
  readonly actor: Actor.Actor
  readonly nik: Identifier.NikKoperasi
  readonly name: RegisterSecondaryKoperasi["name"]
  readonly regionCode: Region.RegionCode
  readonly founders: ReadonlyArray<Identifier.NikKoperasi>
  readonly feeBasisPoints: Rupiah.BasisPoints
  readonly handleOptions?: CommandHandler.HandleOptions | undefined
}): Effect.Effect<
  CommandHandler.HandleResult<KoperasiEvent, Koperasi.State>,
  KoperasiError | AppendError | ReadError,
  EventStore.EventStore
> =>
  Effect.gen(function* () {
    const { actor, nik } = options
    yield* Authorization.authorize("RegisterKoperasi", actor, [nik])
    const founders = yield* Effect.forEach([...new Set(options.founders)], KoperasiReading.read)
    const command = new RegisterSecondaryKoperasi({
      actor,
      nik,
      name: options.name,
      regionCode: options.regionCode,
      founders,
      feeBasisPoints: options.feeBasisPoints
    })
    return yield* koperasiHandler(Koperasi.streamName(nik), command, options.handleOptions)
  })

/**
 * Decides on `listingId`'s stream the stock command `commandFor` makes of the order `orderId`, as
 * the order's stream says it is now (`OrderReading.read`).
 */
const decideWithOrder = (
  listingId: ListingId,
  orderId: OrderId,
  commandFor: (order: OrderReading.OrderReading) => ListingCommand,
  handleOptions: CommandHandler.HandleOptions | undefined
): Effect.Effect<CommandHandler.HandleResult<ListingEvent, Listing.State>, ListingError | AppendError | ReadError, EventStore.EventStore> =>
  Effect.flatMap(OrderReading.read(orderId), (order) => listingHandler(Listing.streamName(listingId), commandFor(order), handleOptions))

/**
 * Releases the reservation of `orderId` on `listingId`, for `actor`, with the order as its stream
 * says it is now: the decider releases it only when the order was cancelled or its acceptance
 * failed. For the order's own processes (the acceptance saga, the stock process manager).
 */
export const releaseStock = (
  actor: Actor.Actor,
  listingId: ListingId,
  orderId: OrderId,
  handleOptions?: CommandHandler.HandleOptions
): Effect.Effect<CommandHandler.HandleResult<ListingEvent, Listing.State>, ListingError | AppendError | ReadError, EventStore.EventStore> =>
  decideWithOrder(listingId, orderId, (order) => new ReleaseStock({ actor, listingId, order }), handleOptions)

/**
 * Commits the reservation of `orderId` on `listingId`, for `actor`, with the order as its stream
 * says it is now: the decider commits it only when the order shipped. For the stock process.
 */
export const commitStock = (
  actor: Actor.Actor,
  listingId: ListingId,
  orderId: OrderId,
  handleOptions?: CommandHandler.HandleOptions
): Effect.Effect<CommandHandler.HandleResult<ListingEvent, Listing.State>, ListingError | AppendError | ReadError, EventStore.EventStore> =>
  decideWithOrder(listingId, orderId, (order) => new CommitStock({ actor, listingId, order }), handleOptions)
