/**
 * The issuers of the facts TOMIKO reads from other streams (an OPOP product's maker, a
 * cooperative, an order), one kernel `Verified` kind each, with the Schemas of their content.
 * Package-internal: only the readers (`OpopMaker.read`, `KoperasiReading.read`, `OrderReading.read`)
 * issue facts, and the package's tests (test/facts.ts), whose facts stand for facts read from a
 * store holding such events. The package's public modules export only the facts' Schemas, checks
 * and readers, never an issuer nor anything that generates facts (no arbitrary does).
 */
import { Schema } from "effect"
import { Identifier, Verified } from "@jatim/kernel"
import { ProductId } from "@jatim/opop"
import { KoperasiType } from "../KoperasiEvent.js"
import { OrderId } from "../OrderId.js"
import { OrderStatus } from "../OrderStatus.js"

/** Schema of what OPOP says about a product's maker. */
export const OpopMakerContent = Schema.Struct({
  productId: ProductId.ProductId,
  /** The pesantren that proposed the product. */
  nspp: Identifier.Nspp,
  /** The pesantren's Kopontren when it was read, or `null` when it has none linked. */
  kopontren: Schema.NullOr(Identifier.NikKoperasi),
  /** Whether the product was public (in the OPOP catalogue) when it was read. */
  isPublic: Schema.Boolean
})

/** The maker of an OPOP product, as read from OPOP's events. */
export const opopMaker = Verified.make("OpopMaker", OpopMakerContent, {
  description: "who makes an OPOP product and which Kopontren sells for it, as read from OPOP's events",
  what: "an OPOP product's maker",
  source: "OPOP's events"
})

/** Schema of what a cooperative's stream says about it. */
export const KoperasiReadingContent = Schema.Struct({
  nik: Identifier.NikKoperasi,
  /** Its kind, or `null` when it is not registered. */
  type: Schema.NullOr(KoperasiType)
})

/** A cooperative, as read from its stream. */
export const koperasiReading = Verified.make("KoperasiReading", KoperasiReadingContent, {
  description: "a TOMIKO cooperative as read from its own stream: registered as PRIMER or SEKUNDER, or not",
  what: "a cooperative's reading",
  source: "its own stream"
})

/** Schema of what an order's stream says about it. */
export const OrderReadingContent = Schema.Struct({
  orderId: OrderId,
  /** Its status, or `null` when it was never placed. */
  status: Schema.NullOr(OrderStatus)
})

/** An order, as read from its stream. */
export const orderReading = Verified.make("OrderReading", OrderReadingContent, {
  description: "a TOMIKO order's status as read from its own stream",
  what: "an order's reading",
  source: "its own stream"
})
