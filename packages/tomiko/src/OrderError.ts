/**
 * The domain errors of an order's stream. Each message names the rule that refused the command.
 * Each class declares its category (`ErrorCategory` of `@jatim/kernel`), which hosts map.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type Actor, ErrorCategory, Identifier } from "@jatim/kernel"
import { ListingId } from "./ListingId.js"
import { OrderId } from "./OrderId.js"
import { OrderStatus } from "./OrderStatus.js"

/** The order id is used already. */
export class OrderAlreadyPlaced extends Schema.TaggedError<OrderAlreadyPlaced>()(
  "OrderAlreadyPlaced",
  {
    orderId: OrderId
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `Order ${this.orderId} is placed already: an order id is used once.`
  }
}

/** The order does not exist. */
export class OrderNotFound extends Schema.TaggedError<OrderNotFound>()(
  "OrderNotFound",
  {
    orderId: OrderId,
    action: Schema.String
  },
  ErrorCategory.notFound
) {
  override get message(): string {
    return `Order ${this.orderId} does not exist, so you cannot ${this.action}.`
  }
}

/** A cooperative ordering from itself. */
export class OrderToItself extends Schema.TaggedError<OrderToItself>()(
  "OrderToItself",
  {
    orderId: OrderId,
    nik: Identifier.NikKoperasi
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Order ${this.orderId} cannot be placed: cooperative ${this.nik} would buy from itself, and a cooperative ` +
      `never orders from itself.`
    )
  }
}

/** The buyer or the seller is not a registered primary cooperative. */
export class PartyNotPrimary extends Schema.TaggedError<PartyNotPrimary>()(
  "PartyNotPrimary",
  {
    orderId: OrderId,
    role: Schema.Literal("buyer", "seller"),
    nik: Identifier.NikKoperasi
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Order ${this.orderId} cannot be placed: its ${this.role} ${this.nik} is not a registered PRIMER ` +
      `cooperative, and TOMIKO orders are between primary cooperatives.`
    )
  }
}

/** The buyer and the seller are not in the same secondary network. */
export class NotInSameNetwork extends Schema.TaggedError<NotInSameNetwork>()(
  "NotInSameNetwork",
  {
    orderId: OrderId,
    buyer: Identifier.NikKoperasi,
    seller: Identifier.NikKoperasi
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Order ${this.orderId} cannot be placed: buyer ${this.buyer} and seller ${this.seller} are not in the ` +
      `same secondary cooperative's network, and orders run within one network.`
    )
  }
}

/** An order without lines. */
export class NoOrderLines extends Schema.TaggedError<NoOrderLines>()("NoOrderLines", { orderId: OrderId }, ErrorCategory.ruleViolated) {
  override get message(): string {
    return `Order ${this.orderId} cannot be placed without lines: an order has at least one line.`
  }
}

/** Two lines of the same listing. */
export class DuplicateOrderLine extends Schema.TaggedError<DuplicateOrderLine>()(
  "DuplicateOrderLine",
  {
    orderId: OrderId,
    listingId: ListingId
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `Order ${this.orderId} has two lines of listing ${this.listingId}: an order has one line per listing.`
  }
}

/** A line of a listing of another cooperative than the seller. */
export class LineNotFromSeller extends Schema.TaggedError<LineNotFromSeller>()(
  "LineNotFromSeller",
  {
    orderId: OrderId,
    listingId: ListingId,
    seller: Identifier.NikKoperasi
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Order ${this.orderId} cannot include listing ${this.listingId}: it is not a listing of the seller ` +
      `${this.seller}, and an order's lines all come from its seller.`
    )
  }
}

/** A line of a delisted listing. */
export class ListingNotAvailable extends Schema.TaggedError<ListingNotAvailable>()(
  "ListingNotAvailable",
  {
    orderId: OrderId,
    listingId: ListingId
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `Order ${this.orderId} cannot include listing ${this.listingId}: it is delisted or does not exist, and only active listings are ordered.`
  }
}

/** A line below the listing's minimum order quantity. */
export class BelowMinimumOrderQuantity extends Schema.TaggedError<BelowMinimumOrderQuantity>()(
  "BelowMinimumOrderQuantity",
  {
    orderId: OrderId,
    listingId: ListingId,
    quantity: Schema.Int,
    minimumOrderQuantity: Schema.Int
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Order ${this.orderId} orders ${this.quantity} of listing ${this.listingId}: a line orders at least the ` +
      `listing's minimum order quantity (${this.minimumOrderQuantity}).`
    )
  }
}

/** The order's total is beyond exact whole-rupiah arithmetic. */
export class OrderTotalTooLarge extends Schema.TaggedError<OrderTotalTooLarge>()(
  "OrderTotalTooLarge",
  {
    orderId: OrderId
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Order ${this.orderId} cannot be placed: its total exceeds ${Number.MAX_SAFE_INTEGER} rupiah, beyond ` +
      `which amounts are not exact.`
    )
  }
}

/** The command does not apply to an order in its status. */
export class OrderNotInStatus extends Schema.TaggedError<OrderNotInStatus>()(
  "OrderNotInStatus",
  {
    orderId: OrderId,
    status: OrderStatus,
    action: Schema.String,
    rule: Schema.String
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `Order ${this.orderId} is ${this.status}, so you cannot ${this.action}: ${this.rule}.`
  }
}

/** A payment of Rp0. */
export class PaymentNotPositive extends Schema.TaggedError<PaymentNotPositive>()(
  "PaymentNotPositive",
  {
    orderId: OrderId
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `A payment of Rp0 on order ${this.orderId} is not a payment: a payment is at least Rp1.`
  }
}

/** A payment above what remains to be paid. */
export class PaymentExceedsOutstanding extends Schema.TaggedError<PaymentExceedsOutstanding>()(
  "PaymentExceedsOutstanding",
  {
    orderId: OrderId,
    amount: Schema.Int,
    outstanding: Schema.Int
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `A payment of Rp${this.amount} on order ${this.orderId} is refused: only Rp${this.outstanding} is ` +
      `outstanding, and payments never add up to more than the total.`
    )
  }
}

/** A payment reference used already, with another amount. */
export class PaymentIdReused extends Schema.TaggedError<PaymentIdReused>()(
  "PaymentIdReused",
  {
    orderId: OrderId,
    paymentId: Schema.String
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Payment ${this.paymentId} on order ${this.orderId} was recorded already with another amount: a payment ` +
      `reference is recorded once.`
    )
  }
}

/** The order is under dispute. */
export class OrderUnderDispute extends Schema.TaggedError<OrderUnderDispute>()(
  "OrderUnderDispute",
  {
    orderId: OrderId,
    reason: Schema.String,
    action: Schema.String
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `Order ${this.orderId} is under dispute ("${this.reason}"), so you cannot ${this.action}: resolve the dispute first.`
  }
}

/** The order is not under dispute. */
export class OrderNotDisputed extends Schema.TaggedError<OrderNotDisputed>()(
  "OrderNotDisputed",
  { orderId: OrderId },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `Order ${this.orderId} is not under dispute: only a disputed order's dispute is resolved.`
  }
}

/** Every error of an order's stream: what `Order.decide` fails with. */
export type OrderError =
  | OrderAlreadyPlaced
  | OrderNotFound
  | OrderToItself
  | PartyNotPrimary
  | NotInSameNetwork
  | NoOrderLines
  | DuplicateOrderLine
  | LineNotFromSeller
  | ListingNotAvailable
  | BelowMinimumOrderQuantity
  | OrderTotalTooLarge
  | OrderNotInStatus
  | PaymentNotPositive
  | PaymentExceedsOutstanding
  | PaymentIdReused
  | OrderUnderDispute
  | OrderNotDisputed
  | Actor.ActorNotAuthorized
