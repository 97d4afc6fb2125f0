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
export class ListingAlreadyCreated extends Schema.TaggedError<ListingAlreadyCreated>()(
  "ListingAlreadyCreated",
  {
    listingId: ListingId
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `Listing ${this.listingId} exists already: a listing id is used once.`
  }
}

/** The listing does not exist. */
export class ListingNotFound extends Schema.TaggedError<ListingNotFound>()(
  "ListingNotFound",
  {
    listingId: ListingId,
    action: Schema.String
  },
  ErrorCategory.notFound
) {
  override get message(): string {
    return `Listing ${this.listingId} does not exist, so you cannot ${this.action}: create it first.`
  }
}

/** The listing was delisted. */
export class ListingIsDelisted extends Schema.TaggedError<ListingIsDelisted>()(
  "ListingIsDelisted",
  {
    listingId: ListingId,
    action: Schema.String
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Listing ${this.listingId} is delisted, so you cannot ${this.action}: a delisted listing takes no new ` +
      `stock, prices or reservations.`
    )
  }
}

/** An OPOP product listed by a cooperative other than the pesantren's Kopontren. */
export class OpopProductNotOwnKopontren extends Schema.TaggedError<OpopProductNotOwnKopontren>()(
  "OpopProductNotOwnKopontren",
  {
    listingId: ListingId,
    productId: Schema.String,
    seller: Identifier.NikKoperasi,
    kopontren: Identifier.NikKoperasi
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Cooperative ${this.seller} may not list OPOP product ${this.productId}: an OPOP product is listed only ` +
      `by its pesantren's Kopontren.`
    )
  }
}

/** An OPOP product whose pesantren has no Kopontren linked: no cooperative may list it. */
export class OpopProductWithoutKopontren extends Schema.TaggedError<OpopProductWithoutKopontren>()(
  "OpopProductWithoutKopontren",
  {
    listingId: ListingId,
    productId: Schema.String,
    nspp: Identifier.Nspp,
    seller: Identifier.NikKoperasi
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Cooperative ${this.seller} may not list OPOP product ${this.productId}: an OPOP product is listed only ` +
      `by its pesantren's Kopontren, and its pesantren has none linked in OPOP.`
    )
  }
}

/** OPOP has no product with that id. */
export class OpopProductNotFound extends Schema.TaggedError<OpopProductNotFound>()(
  "OpopProductNotFound",
  {
    listingId: ListingId,
    productId: Schema.String
  },
  ErrorCategory.notFound
) {
  override get message(): string {
    return (
      `OPOP has no product ${this.productId}, so listing ${this.listingId} cannot sell it: name a product ` +
      `proposed in OPOP, or list the product without an OPOP reference.`
    )
  }
}

/** A unit price of zero. */
export class UnitPriceNotPositive extends Schema.TaggedError<UnitPriceNotPositive>()(
  "UnitPriceNotPositive",
  {
    listingId: ListingId
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `Listing ${this.listingId} cannot have a unit price of Rp0: a unit price is at least Rp1.`
  }
}

/** Not enough stock available for a reservation. */
export class InsufficientStock extends Schema.TaggedError<InsufficientStock>()(
  "InsufficientStock",
  {
    listingId: ListingId,
    orderId: OrderId,
    requested: Schema.Int,
    available: Schema.Int
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Listing ${this.listingId} cannot reserve ${this.requested} for order ${this.orderId}: only ` +
      `${this.available} available, and stock is never reserved below zero.`
    )
  }
}

/** A second reservation for the same order with another quantity. */
export class ReservationConflict extends Schema.TaggedError<ReservationConflict>()(
  "ReservationConflict",
  {
    listingId: ListingId,
    orderId: OrderId,
    reserved: Schema.Int,
    requested: Schema.Int
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Listing ${this.listingId} already holds a reservation of ${this.reserved} for order ${this.orderId}, ` +
      `not ${this.requested}: an order reserves once per listing.`
    )
  }
}

/** No reservation for that order. */
export class NoReservation extends Schema.TaggedError<NoReservation>()(
  "NoReservation",
  {
    listingId: ListingId,
    orderId: OrderId,
    action: Schema.String
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `Listing ${this.listingId} holds no reservation for order ${this.orderId}, so you cannot ${this.action}.`
  }
}

/** The reservation was settled the other way already. */
export class ReservationClosed extends Schema.TaggedError<ReservationClosed>()(
  "ReservationClosed",
  {
    listingId: ListingId,
    orderId: OrderId,
    status: Schema.Literal("RELEASED", "COMMITTED"),
    action: Schema.String
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `The reservation of order ${this.orderId} on listing ${this.listingId} is ${this.status}, so you cannot ` +
      `${this.action}: a reservation is released or committed once.`
    )
  }
}

/** A release or commit that the order's own stream does not call for. */
export class ReservationFollowsOrder extends Schema.TaggedError<ReservationFollowsOrder>()(
  "ReservationFollowsOrder",
  {
    listingId: ListingId,
    orderId: OrderId,
    /** The order's status as read from its stream, or null when it was never placed. */
    status: Schema.NullOr(OrderStatus),
    action: Schema.String
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Order ${this.orderId} is ${this.status ?? "not placed"}, so you cannot ${this.action} on listing ` +
      `${this.listingId}: a reservation follows its order, released by the order's own process when it is cancelled ` +
      `or its acceptance fails, committed when it ships.`
    )
  }
}

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
