/**
 * The channels a product is marketed on, as OPOP's read models keep them: each channel once, in
 * the order the product went on them; a withdrawal takes one off.
 */
import type { MarketChannel } from "../MarketChannel.js"
import type { ProductMarketed, ProductWithdrawnFromMarket } from "../ProductEvent.js"

/** Anything that keeps the channels a product is marketed on. */
export interface OnChannels {
  readonly channels: ReadonlyArray<MarketChannel>
}

/**
 * `product` after it is marketed on a channel (itself when it is on that channel already) or
 * withdrawn from one.
 */
export const withChannelEvent = <P extends OnChannels>(product: P, event: ProductMarketed | ProductWithdrawnFromMarket): P => {
  switch (event._tag) {
    case "ProductMarketed":
      return product.channels.includes(event.channel) ? product : { ...product, channels: [...product.channels, event.channel] }
    case "ProductWithdrawnFromMarket":
      return { ...product, channels: product.channels.filter((channel) => channel !== event.channel) }
  }
}
