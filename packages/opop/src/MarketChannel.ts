/**
 * Where a curated product is marketed: OPOP Mart (the program's stores), the OPOP catalogue,
 * online marketplaces, and expos.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Every channel. */
export const channels = ["OPOP_MART", "KATALOG_OPOP", "MARKETPLACE", "EXPO"] as const

/** Schema of a marketing channel. */
export const MarketChannel = Schema.Literal(...channels).annotations({
  identifier: "MarketChannel",
  message: () => "a marketing channel is one of OPOP_MART, KATALOG_OPOP, MARKETPLACE, EXPO"
})

/** A marketing channel. */
export type MarketChannel = typeof MarketChannel.Type
