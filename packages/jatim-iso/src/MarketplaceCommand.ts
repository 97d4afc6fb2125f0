/**
 * The commands of the marketplace registry (`MarketplaceRegistry`): only Dinas officers add and
 * retire marketplaces.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Actor, Text } from "@jatim/kernel"
import { Domain, Marketplace } from "./Marketplace.js"

/** Add a marketplace UMKM may open storefronts on: its code (never reused), name and domain. By a Dinas officer. */
export class AddMarketplace extends Schema.TaggedClass<AddMarketplace>()("AddMarketplace", {
  actor: Actor.Actor,
  code: Marketplace,
  name: Text.Name,
  domain: Domain
}) {}

/** Retire a marketplace, saying why: no new storefront opens on it. By a Dinas officer. */
export class RetireMarketplace extends Schema.TaggedClass<RetireMarketplace>()("RetireMarketplace", {
  actor: Actor.Actor,
  code: Marketplace,
  reason: Text.Reason
}) {}

/** Schema of every marketplace registry command. */
export const MarketplaceCommand = Schema.Union(AddMarketplace, RetireMarketplace)

/** A command of the marketplace registry. */
export type MarketplaceCommand = typeof MarketplaceCommand.Type
