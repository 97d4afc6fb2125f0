/**
 * An active marketplace as JATIM ISO's marketplace registry says it is (`MarketplaceRegistry`),
 * never the caller's word: what a storefront opens on. A kernel `Verified` fact whose issuer
 * stays in this module: `read` folds the registry's stream now, `ofRegistry` reads a registry
 * state folded from its events. The `OpenStorefront` command carries one; `Umkm.decide` checks
 * at run time that it is one (`UnverifiedMarketplace`), and checks the storefront's address
 * against its domain.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import { Aggregate, type EventStore, type ReadError } from "@jatim/eventstore"
import { Verified } from "@jatim/kernel"
import { Domain, Marketplace } from "./Marketplace.js"
import * as MarketplaceRegistry from "./MarketplaceRegistry.js"

/** Schema of an active marketplace as the registry holds it: its code, name and domain. */
export const Content = Schema.Struct({ code: Marketplace, name: Schema.String, domain: Domain })

/** An active marketplace as the registry holds it. */
export interface Content extends Schema.Schema.Type<typeof Content> {}

/** An active marketplace, read from the registry. */
export type VerifiedMarketplace = Verified.Verified<Content, "VerifiedMarketplace">

const marketplaces = Verified.make("VerifiedMarketplace", Content, {
  what: "an active marketplace",
  source: "the marketplace registry's stream",
  pretty: (m) => `VerifiedMarketplace(${m.code}, ${m.domain})`
})

/** Where the marketplace `code` stands in a registry: active (verified), retired, or unknown. */
export type Lookup =
  | { readonly _tag: "Active"; readonly marketplace: VerifiedMarketplace }
  | { readonly _tag: "Retired" }
  | { readonly _tag: "Unknown" }

/** The marketplace `code` in `state`, a registry folded from its events. */
export const ofRegistry = (state: MarketplaceRegistry.State, code: Marketplace): Lookup =>
  Option.match(MarketplaceRegistry.entryOf(state, code), {
    onNone: (): Lookup => ({ _tag: "Unknown" }),
    onSome: (entry): Lookup =>
      entry.status === "ACTIVE"
        ? { _tag: "Active", marketplace: marketplaces.issue({ code: entry.code, name: entry.name, domain: entry.domain }) }
        : { _tag: "Retired" }
  })

/** The marketplace `code` as the registry's stream says it is now. */
export const read = (code: Marketplace): Effect.Effect<Lookup, ReadError, EventStore.EventStore> =>
  Effect.map(Aggregate.currentState(MarketplaceRegistry, MarketplaceRegistry.registryStream), (state) => ofRegistry(state, code))

/** Whether `u` is a marketplace this module issued (not built, cast or copied). */
export const is: (u: unknown) => u is VerifiedMarketplace = marketplaces.is

/** Schema of a verified marketplace, for command fields: only what this module issued passes. */
export const schema: Schema.Schema<VerifiedMarketplace> = marketplaces.schema
