/**
 * Marketplaces as JATIM ISO names them: a code (`SHOPEE`, `TOKOPEDIA`, …) and the web domain a
 * storefront on it lives under. Which marketplaces a UMKM may open a storefront on is reference
 * data the Dinas keeps (`MarketplaceRegistry`), no longer a fixed list: the program's 2019
 * partners (Bukalapak; MoUs with Shopee, Tokopedia, Blibli) are the registry's founding entries
 * (`founding`), and the Dinas adds and retires marketplaces as the partner list changes.
 *
 * A code is upper-case letters, digits and `_`, so the four codes of the first version's enum
 * still decode: events stored with them read and fold as before (adr/0087).
 *
 * @since 0.1.0
 */
import { Schema } from "effect"

/** Schema of a marketplace's code, e.g. `SHOPEE`: 2 to 40 upper-case letters, digits or `_`, starting with a letter. */
export const Marketplace = Schema.String.pipe(
  Schema.pattern(/^[A-Z][A-Z0-9_]{1,39}$/),
  Schema.annotations({
    identifier: "Marketplace",
    description: "a marketplace's code in JATIM ISO's marketplace registry, e.g. SHOPEE",
    examples: ["SHOPEE", "TOKOPEDIA"],
    message: () => "a marketplace is named by its code in the marketplace registry: 2 to 40 upper-case letters, digits or _, e.g. SHOPEE"
  })
)

/** A marketplace's code. */
export type Marketplace = typeof Marketplace.Type

/** Schema of a marketplace's web domain, e.g. `shopee.co.id`: lower-case labels separated by dots. */
export const Domain = Schema.String.pipe(
  Schema.maxLength(253),
  Schema.pattern(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/),
  Schema.annotations({
    identifier: "MarketplaceDomain",
    description: "the web domain a storefront on the marketplace lives under, e.g. shopee.co.id",
    message: () => "a marketplace's domain is a lower-case host name such as shopee.co.id"
  })
)

/** A marketplace's web domain. */
export type Domain = typeof Domain.Type

/** The program's 2019 partners, the registry's founding entries: code, name and domain. */
export const founding: ReadonlyArray<{ readonly code: Marketplace; readonly name: string; readonly domain: Domain }> = [
  { code: "BUKALAPAK", name: "Bukalapak", domain: "bukalapak.com" },
  { code: "SHOPEE", name: "Shopee", domain: "shopee.co.id" },
  { code: "TOKOPEDIA", name: "Tokopedia", domain: "tokopedia.com" },
  { code: "BLIBLI", name: "Blibli", domain: "blibli.com" }
]

/** The codes of the founding entries (the first version's enum). */
export const marketplaces: ReadonlyArray<Marketplace> = founding.map((m) => m.code)

/** The domain of each founding entry, by code. */
export const domains: { readonly [code: string]: Domain } = Object.fromEntries(founding.map((m) => [m.code, m.domain]))

/**
 * Why `url` is not a storefront address on the marketplace `code` whose domain is `domain`, or
 * `undefined` when it is one: an `https` address on that domain (or a subdomain of it).
 */
export const storefrontUrlProblem = (code: Marketplace, domain: Domain, url: string): string | undefined => {
  const match = /^https:\/\/([a-z0-9.-]+)(?:[/?#]|$)/i.exec(url)
  const host = match?.[1]?.toLowerCase()
  if (host === undefined) return `a storefront address is an https:// address, got ${JSON.stringify(url)}`
  return host === domain || host.endsWith(`.${domain}`) ? undefined : `a storefront on ${code} lives under ${domain}, got ${host}`
}
