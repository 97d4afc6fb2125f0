/**
 * The listing aggregate, one stream per listing (`listing-<id>`): a seller cooperative's
 * product with its unit price, stock and minimum order quantity; restocked, repriced, delisted.
 * Orders reserve stock per order: a reservation never takes the available stock below zero, is
 * made once per order (again: nothing happens), and is released or committed once — released only
 * when the order, as read from its own stream, was cancelled or failed its acceptance, committed
 * only when it shipped, so no party's command takes an accepted order's stock. An OPOP product is
 * listed only by the Kopontren its maker names in OPOP's events.
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import { Aggregate, Decider, EventCodec, Lifecycle } from "@jatim/eventstore"
import type { Identifier, Rupiah } from "@jatim/kernel"
import * as Authorization from "./Authorization.js"
import { FactUnverified } from "./FactError.js"
import { type Entries, has, lookup, noEntries, setIn } from "./internal/readModel.js"
import type { ListingCommand } from "./ListingCommand.js"
import {
  InsufficientStock,
  ListingAlreadyCreated,
  ListingIsDelisted,
  ListingNotFound,
  NoReservation,
  OpopProductNotFound,
  OpopProductNotOwnKopontren,
  OpopProductWithoutKopontren,
  ReservationClosed,
  ReservationConflict,
  ReservationFollowsOrder,
  UnitPriceNotPositive,
  type ListingError
} from "./ListingError.js"
import {
  ListingCreated,
  ListingDelisted,
  ListingEvent,
  ListingRepriced,
  ListingRestocked,
  StockCommitted,
  StockReleased,
  StockReserved,
  type OpopReference
} from "./ListingEvent.js"
import type { ListingId } from "./ListingId.js"
import type { OrderId } from "./OrderId.js"
import * as OpopMaker from "./OpopMaker.js"
import * as OrderReading from "./OrderReading.js"

/** The streams of listings, one a listing: `listing-<listingId>`; a command is decided on its listingId's (category `"listing"`). */
export const { category, streamName, streamNameOf } = Aggregate.streamsById("listing", (command: ListingCommand) => command.listingId)

/** Where an order's reservation is. */
export type ReservationStatus = "HELD" | "RELEASED" | "COMMITTED"

/** The reservation of one order. */
export interface Reservation {
  readonly buyer: Identifier.NikKoperasi
  readonly quantity: number
  readonly status: ReservationStatus
}

/** A listing not created yet. */
export interface Unlisted {
  readonly _tag: "Unlisted"
}

/** A created listing. */
export interface Listed {
  readonly _tag: "Listed"
  readonly listingId: ListingId
  readonly seller: Identifier.NikKoperasi
  readonly name: string
  readonly unitPrice: Rupiah.Rupiah
  /** Units in the warehouse, reserved or not (committed units have left). */
  readonly onHand: number
  readonly minimumOrderQuantity: number
  readonly opop: OpopReference | undefined
  /** Why it was delisted, once it is. */
  readonly delisted: string | undefined
  /** Every order's reservation, by order id (`reservationOf` reads one). */
  readonly reservations: Entries<OrderId, Reservation>
  /** Units held by reservations not yet released or committed (kept as they change: `reserved`). */
  readonly held: number
}

/** The state of a listing's stream. */
export type State = Unlisted | Listed

/** The reservation of `orderId`, if one was made. */
export const reservationOf = (listing: Listed, orderId: OrderId): Reservation | undefined => lookup(listing.reservations, orderId)

/** Units held by reservations not yet released or committed. */
export const reserved = (listing: Listed): number => listing.held

/** Units that may still be reserved: on hand minus held. */
export const available = (listing: Listed): number => listing.onHand - reserved(listing)

const settle = (listing: Listed, orderId: OrderId, status: ReservationStatus): Listed => {
  const reservation = reservationOf(listing, orderId)
  return reservation === undefined || reservation.status !== "HELD"
    ? listing
    : {
        ...listing,
        onHand: status === "COMMITTED" ? listing.onHand - reservation.quantity : listing.onHand,
        reservations: setIn(listing.reservations, orderId, { ...reservation, status }),
        held: listing.held - reservation.quantity
      }
}

/**
 * `initialState` is the state of a stream with no events (`Unlisted`), `evolve` the state after one
 * more event.
 */
export const { initialState, evolve } = Lifecycle.make<State, ListingEvent>()({
  initial: "Unlisted",
  creation: "ListingCreated",
  create: (event) => ({
    _tag: "Listed",
    listingId: event.listingId,
    seller: event.seller,
    name: event.name,
    unitPrice: event.unitPrice,
    onHand: event.stock,
    minimumOrderQuantity: event.minimumOrderQuantity,
    opop: event.opop,
    delisted: undefined,
    reservations: noEntries(),
    held: 0
  }),
  next: (state, event) => {
    switch (event._tag) {
      case "ListingRestocked":
        return { ...state, onHand: state.onHand + event.quantity }
      case "ListingRepriced":
        return { ...state, unitPrice: event.unitPrice }
      case "ListingDelisted":
        return { ...state, delisted: event.reason }
      case "StockReserved":
        return has(state.reservations, event.orderId)
          ? state
          : {
              ...state,
              reservations: setIn(state.reservations, event.orderId, { buyer: event.buyer, quantity: event.quantity, status: "HELD" }),
              held: state.held + event.quantity
            }
      case "StockReleased":
        return settle(state, event.orderId, "RELEASED")
      case "StockCommitted":
        return settle(state, event.orderId, "COMMITTED")
    }
  }
})

const listed = (state: State, listingId: ListingId, action: string) =>
  state._tag === "Listed" ? Effect.succeed(state) : Effect.fail(new ListingNotFound({ listingId, action }))

const active = (listing: Listed, action: string) =>
  listing.delisted === undefined ? Effect.succeed(listing) : Effect.fail(new ListingIsDelisted({ listingId: listing.listingId, action }))

/** The events a command produces on a listing's stream, or the rule that refuses it. */
export const decide = (command: ListingCommand, state: State): Effect.Effect<ReadonlyArray<ListingEvent>, ListingError> =>
  Effect.gen(function* () {
    const { listingId } = command
    switch (command._tag) {
      case "CreateListing": {
        const { minimumOrderQuantity, name, opop, seller, stock, unitPrice } = command
        yield* Authorization.authorize("CreateListing", command.actor, [seller])
        if (state._tag === "Listed") return yield* new ListingAlreadyCreated({ listingId })
        // The maker as OPOP's events say: only a maker `OpopMaker.read` made, even when the
        // command's validation was skipped.
        if (opop !== undefined && !OpopMaker.is(opop)) {
          return yield* new FactUnverified({ fact: "OpopMaker", subject: `listing ${listingId}` })
        }
        // A product OPOP keeps private (not curated, on no channel) is its pesantren's business:
        // to any cooperative but its Kopontren it is a product OPOP does not have (adr/0044).
        if (opop !== undefined && !opop.isPublic && opop.kopontren !== seller) {
          return yield* new OpopProductNotFound({ listingId, productId: opop.productId })
        }
        if (opop !== undefined && opop.kopontren === null) {
          return yield* new OpopProductWithoutKopontren({ listingId, productId: opop.productId, nspp: opop.nspp, seller })
        }
        if (opop !== undefined && opop.kopontren !== null && opop.kopontren !== seller) {
          return yield* new OpopProductNotOwnKopontren({
            listingId,
            productId: opop.productId,
            seller,
            kopontren: opop.kopontren
          })
        }
        if (unitPrice <= 0) return yield* new UnitPriceNotPositive({ listingId })
        return [
          new ListingCreated({
            listingId,
            seller,
            name,
            unitPrice,
            stock,
            minimumOrderQuantity,
            ...(opop === undefined ? {} : { opop: { productId: opop.productId, kopontren: seller } })
          })
        ]
      }
      case "Restock": {
        const listing = yield* listed(state, listingId, "restock it")
        yield* Authorization.authorize("Restock", command.actor, [listing.seller])
        yield* active(listing, "restock it")
        return [new ListingRestocked({ listingId, quantity: command.quantity })]
      }
      case "Reprice": {
        const listing = yield* listed(state, listingId, "reprice it")
        yield* Authorization.authorize("Reprice", command.actor, [listing.seller])
        yield* active(listing, "reprice it")
        if (command.unitPrice <= 0) return yield* new UnitPriceNotPositive({ listingId })
        return listing.unitPrice === command.unitPrice ? [] : [new ListingRepriced({ listingId, unitPrice: command.unitPrice })]
      }
      case "Delist": {
        const listing = yield* listed(state, listingId, "delist it")
        yield* Authorization.authorize("Delist", command.actor, [listing.seller])
        return listing.delisted === undefined ? [new ListingDelisted({ listingId, reason: command.reason })] : []
      }
      case "ReserveStock": {
        const { buyer, orderId, quantity } = command
        const listing = yield* listed(state, listingId, "reserve its stock")
        yield* Authorization.authorize("ReserveStock", command.actor, [listing.seller])
        const existing = reservationOf(listing, orderId)
        if (existing !== undefined) {
          // Reserving again for the same order changes nothing, whatever became of the reservation.
          if (existing.quantity !== quantity) {
            return yield* new ReservationConflict({ listingId, orderId, reserved: existing.quantity, requested: quantity })
          }
          return []
        }
        if (listing.delisted !== undefined) return yield* new ListingIsDelisted({ listingId, action: "reserve its stock" })
        const free = available(listing)
        if (quantity > free) return yield* new InsufficientStock({ listingId, orderId, requested: quantity, available: free })
        return [new StockReserved({ listingId, orderId, buyer, quantity })]
      }
      case "ReleaseStock":
      case "CommitStock": {
        // The order as its own stream says: only a reading `OrderReading.read` made, even when
        // the command's validation was skipped.
        if (!OrderReading.is(command.order)) {
          return yield* new FactUnverified({ fact: "OrderReading", subject: `listing ${listingId}` })
        }
        const { orderId, status } = command.order
        const release = command._tag === "ReleaseStock"
        const action = release ? "release its reservation" : "commit its reservation"
        const listing = yield* listed(state, listingId, action)
        const reservation = reservationOf(listing, orderId)
        yield* release
          ? Authorization.authorize("ReleaseStock", command.actor, [listing.seller, ...(reservation ? [reservation.buyer] : [])])
          : Authorization.authorize("CommitStock", command.actor, [listing.seller])
        if (reservation === undefined) return yield* new NoReservation({ listingId, orderId, action })
        const target: ReservationStatus = release ? "RELEASED" : "COMMITTED"
        if (reservation.status === target) return []
        // The order, as read from its own stream, decides: no party's word releases or commits.
        if (status === null || !(release ? OrderReading.releasing : OrderReading.committing).includes(status)) {
          return yield* new ReservationFollowsOrder({ listingId, orderId, status, action })
        }
        if (reservation.status !== "HELD") {
          return yield* new ReservationClosed({ listingId, orderId, status: reservation.status, action })
        }
        const { quantity } = reservation
        return [release ? new StockReleased({ listingId, orderId, quantity }) : new StockCommitted({ listingId, orderId, quantity })]
      }
    }
  })

/** The listing decider. */
export const decider = Decider.make({ initialState, evolve, decide })

/** The codec of listing events. */
export const codec = EventCodec.make(ListingEvent)
