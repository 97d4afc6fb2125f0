/**
 * The domain errors of a listing's stream. Each message names the rule that refused the command.
 * Each class declares its category (`ErrorCategory` of `@jatim/kernel`), which hosts map.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type Actor, ErrorCategory, Identifier } from "@jatim/kernel"
import { ListingId } from "./ListingId.js"
import { OrderId } from "./OrderId.js"
import { OrderStatus } from "./OrderStatus.js"
import type { FactUnverified } from "./FactError.js"

/** The listing exists already. */
export class ListingAlreadyCreated extends ErrorCategory.DomainError<ListingAlreadyCreated>()(
  "ListingAlreadyCreated",
  { listingId: ListingId },
  ErrorCategory.ruleViolated,
  ({ listingId }) => `Listing ${listingId} exists already: a listing id is used once.`
) {}

/** The listing does not exist. */
export class ListingNotFound extends ErrorCategory.DomainError<ListingNotFound>()(
  "ListingNotFound",
  { listingId: ListingId, action: Schema.String },
  ErrorCategory.notFound,
  ({ listingId, action }) => `Listing ${listingId} does not exist, so you cannot ${action}: create it first.`
) {}

/** The listing was delisted. */
export class ListingIsDelisted extends ErrorCategory.DomainError<ListingIsDelisted>()(
  "ListingIsDelisted",
  { listingId: ListingId, action: Schema.String },
  ErrorCategory.ruleViolated,
  ({ listingId, action }) =>
    `Listing ${listingId} is delisted, so you cannot ${action}: a delisted listing takes no new stock, prices or reservations.`
) {}

/** An OPOP product listed by a cooperative other than the pesantren's Kopontren. */
export class OpopProductNotOwnKopontren extends ErrorCategory.DomainError<OpopProductNotOwnKopontren>()(
  "OpopProductNotOwnKopontren",
  { listingId: ListingId, productId: Schema.String, seller: Identifier.NikKoperasi, kopontren: Identifier.NikKoperasi },
  ErrorCategory.ruleViolated,
  ({ seller, productId }) =>
    `Cooperative ${seller} may not list OPOP product ${productId}: an OPOP product is listed only by its pesantren's Kopontren.`
) {}

/** An OPOP product whose pesantren has no Kopontren linked: no cooperative may list it. */
export class OpopProductWithoutKopontren extends ErrorCategory.DomainError<OpopProductWithoutKopontren>()(
  "OpopProductWithoutKopontren",
  { listingId: ListingId, productId: Schema.String, nspp: Identifier.Nspp, seller: Identifier.NikKoperasi },
  ErrorCategory.ruleViolated,
  ({ seller, productId }) =>
    `Cooperative ${seller} may not list OPOP product ${productId}: an OPOP product is listed only ` +
    `by its pesantren's Kopontren, and its pesantren has none linked in OPOP.`
) {}

/** OPOP has no product with that id. */
export class OpopProductNotFound extends ErrorCategory.DomainError<OpopProductNotFound>()(
  "OpopProductNotFound",
  { listingId: ListingId, productId: Schema.String },
  ErrorCategory.notFound,
  ({ productId, listingId }) =>
    `OPOP has no product ${productId}, so listing ${listingId} cannot sell it: name a product ` +
    `proposed in OPOP, or list the product without an OPOP reference.`
) {}

/** A unit price of zero. */
export class UnitPriceNotPositive extends ErrorCategory.DomainError<UnitPriceNotPositive>()(
  "UnitPriceNotPositive",
  { listingId: ListingId },
  ErrorCategory.ruleViolated,
  ({ listingId }) => `Listing ${listingId} cannot have a unit price of Rp0: a unit price is at least Rp1.`
) {}

/** Not enough stock available for a reservation. */
export class InsufficientStock extends ErrorCategory.DomainError<InsufficientStock>()(
  "InsufficientStock",
  { listingId: ListingId, orderId: OrderId, requested: Schema.Int, available: Schema.Int },
  ErrorCategory.ruleViolated,
  ({ listingId, requested, orderId, available }) =>
    `Listing ${listingId} cannot reserve ${requested} for order ${orderId}: only ` +
    `${available} available, and stock is never reserved below zero.`
) {}

/** A second reservation for the same order with another quantity. */
export class ReservationConflict extends ErrorCategory.DomainError<ReservationConflict>()(
  "ReservationConflict",
  { listingId: ListingId, orderId: OrderId, reserved: Schema.Int, requested: Schema.Int },
  ErrorCategory.ruleViolated,
  ({ listingId, reserved, orderId, requested }) =>
    `Listing ${listingId} already holds a reservation of ${reserved} for order ${orderId}, ` +
    `not ${requested}: an order reserves once per listing.`
) {}

/** No reservation for that order. */
export class NoReservation extends ErrorCategory.DomainError<NoReservation>()(
  "NoReservation",
  { listingId: ListingId, orderId: OrderId, action: Schema.String },
  ErrorCategory.ruleViolated,
  ({ listingId, orderId, action }) => `Listing ${listingId} holds no reservation for order ${orderId}, so you cannot ${action}.`
) {}

/** The reservation was settled the other way already. */
export class ReservationClosed extends ErrorCategory.DomainError<ReservationClosed>()(
  "ReservationClosed",
  { listingId: ListingId, orderId: OrderId, status: Schema.Literal("RELEASED", "COMMITTED"), action: Schema.String },
  ErrorCategory.ruleViolated,
  ({ orderId, listingId, status, action }) =>
    `The reservation of order ${orderId} on listing ${listingId} is ${status}, so you cannot ` +
    `${action}: a reservation is released or committed once.`
) {}

/** A release or commit that the order's own stream does not call for. */
export class ReservationFollowsOrder extends ErrorCategory.DomainError<ReservationFollowsOrder>()(
  "ReservationFollowsOrder",
  {
    listingId: ListingId,
    orderId: OrderId,
    /** The order's status as read from its stream, or null when it was never placed. */
    status: Schema.NullOr(OrderStatus),
    action: Schema.String
  },
  ErrorCategory.ruleViolated,
  ({ orderId, status, action, listingId }) =>
    `Order ${orderId} is ${status ?? "not placed"}, so you cannot ${action} on listing ` +
    `${listingId}: a reservation follows its order, released by the order's own process when it is cancelled ` +
    `or its acceptance fails, committed when it ships.`
) {}

/** Every error of a listing's stream: what `Listing.decide` fails with. */
export type ListingError =
  | ListingAlreadyCreated
  | ListingNotFound
  | ListingIsDelisted
  | OpopProductNotOwnKopontren
  | OpopProductWithoutKopontren
  | OpopProductNotFound
  | UnitPriceNotPositive
  | InsufficientStock
  | ReservationConflict
  | NoReservation
  | ReservationClosed
  | ReservationFollowsOrder
  | Actor.ActorNotAuthorized
  | FactUnverified
