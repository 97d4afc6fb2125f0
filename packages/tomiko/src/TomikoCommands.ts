/**
 * Command handling on the `EventStore`: one command handler per aggregate, reading an
 * aggregate's current state, and placing an order from what the store holds now (the
 * application reads both cooperatives, the network and the listings, and the order decider
 * checks every rule against that reading).
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import {
  type AppendError,
  CommandHandler,
  type Decider,
  type EventCodec,
  type EventStore,
  type ReadError,
  TypedEventStore
} from "@jatim/eventstore"
import { type Actor, type Identifier, Rupiah } from "@jatim/kernel"
import { Quantity } from "./internal/text.js"
import * as Koperasi from "./Koperasi.js"
import type { KoperasiCommand } from "./KoperasiCommand.js"
import type { KoperasiEvent } from "./KoperasiEvent.js"
import * as Listing from "./Listing.js"
import type { ListingCommand } from "./ListingCommand.js"
import type { ListingEvent } from "./ListingEvent.js"
import { ListingId } from "./ListingId.js"
import * as Order from "./Order.js"
import { PlaceOrder, type LineRequest, type Network, type OrderCommand, type Party } from "./OrderCommand.js"
import type { OrderEvent } from "./OrderEvent.js"
import type { OrderId } from "./OrderId.js"
import type { PaymentTerms } from "./PaymentTerms.js"

/** Handles cooperative commands. */
export const koperasi: CommandHandler.CommandHandler<KoperasiCommand, KoperasiEvent, Koperasi.State, Koperasi.Error> =
  CommandHandler.make({ decider: Koperasi.decider, codec: Koperasi.codec })

/** Handles listing commands. */
export const listing: CommandHandler.CommandHandler<ListingCommand, ListingEvent, Listing.State, Listing.Error> =
  CommandHandler.make({ decider: Listing.decider, codec: Listing.codec })

/** Handles order commands. */
export const order: CommandHandler.CommandHandler<OrderCommand, OrderEvent, Order.State, Order.Error> =
  CommandHandler.make({ decider: Order.decider, codec: Order.codec })

/** The current state of one stream of a decider. */
export const currentState = <Command, Event extends { readonly _tag: string }, State, Err>(
  decider: Decider.Decider<Command, Event, State, Err>,
  codec: EventCodec.EventCodec<Event>,
  streamName: string
): Effect.Effect<State, ReadError, EventStore.EventStore> =>
  Effect.flatMap(TypedEventStore.make(codec), (store) =>
    Effect.map(store.aggregateStream(streamName, decider), (result) => result.state))

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
}): Effect.Effect<
  CommandHandler.HandleResult<OrderEvent, Order.State>,
  Order.Error | AppendError | ReadError,
  EventStore.EventStore
> =>
  Effect.gen(function*() {
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
        listing: state._tag === "Listed"
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
    return yield* order(Order.streamName(options.orderId), command, { correlationId: options.correlationId })
  })
