/**
 * The events of the marketplace registry's stream (`marketplaces-registry`). The founding
 * entries (the 2019 partners, `Marketplace.founding`) are the registry's initial state, not
 * events: a store that never saw a registry event knows them.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Text } from "@jatim/kernel"
import { Domain, Marketplace } from "./Marketplace.js"

/** A Dinas officer added a marketplace: storefronts may open on it. */
export class MarketplaceAdded extends Schema.TaggedClass<MarketplaceAdded>()("MarketplaceAdded", {
  code: Marketplace,
  name: Text.Name,
  domain: Domain,
  at: Schema.Date
}) {}

/** A Dinas officer retired a marketplace: no new storefront opens on it; storefronts already open stay. */
export class MarketplaceRetired extends Schema.TaggedClass<MarketplaceRetired>()("MarketplaceRetired", {
  code: Marketplace,
  reason: Schema.NonEmptyTrimmedString,
  at: Schema.Date
}) {}

/** Schema of every marketplace registry event. */
export const MarketplaceEvent = Schema.Union(MarketplaceAdded, MarketplaceRetired)

/** An event of the marketplace registry. */
export type MarketplaceEvent = typeof MarketplaceEvent.Type
