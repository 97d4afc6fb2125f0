/**
 * The marketplaces JATIM ISO partners with (Bukalapak; MoUs with Shopee, Tokopedia, Blibli),
 * and the web domain a storefront on each lives under.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Every partner marketplace. */
export const marketplaces = ["BUKALAPAK", "SHOPEE", "TOKOPEDIA", "BLIBLI"] as const

/** Schema of a partner marketplace. */
export const Marketplace = Schema.Literal(...marketplaces).annotations({
  identifier: "Marketplace",
  message: () => "a marketplace is one of JATIM ISO's partners: BUKALAPAK, SHOPEE, TOKOPEDIA or BLIBLI"
})

/** A partner marketplace. */
export type Marketplace = typeof Marketplace.Type

/** The domain a storefront on each marketplace lives under. */
export const domains: { readonly [M in Marketplace]: string } = {
  BUKALAPAK: "bukalapak.com",
  SHOPEE: "shopee.co.id",
  TOKOPEDIA: "tokopedia.com",
  BLIBLI: "blibli.com"
}

/**
 * Why `url` is not a storefront address on `marketplace`, or `undefined` when it is one: an
 * `https` address on the marketplace's domain (or a subdomain of it).
 */
export const storefrontUrlProblem = (marketplace: Marketplace, url: string): string | undefined => {
  const domain = domains[marketplace]
  const match = /^https:\/\/([a-z0-9.-]+)(?:[/?#]|$)/i.exec(url)
  const host = match?.[1]?.toLowerCase()
  if (host === undefined) return `a storefront address is an https:// address, got ${JSON.stringify(url)}`
  return host === domain || host.endsWith(`.${domain}`) ? undefined : `a storefront on ${marketplace} lives under ${domain}, got ${host}`
}
