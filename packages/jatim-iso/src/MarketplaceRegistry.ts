/**
 * The marketplace registry (one stream, `marketplaces-registry`): the marketplaces UMKM may open
 * storefronts on, as reference data the Dinas keeps. Its initial state holds the program's 2019
 * partners (`Marketplace.founding`), active; a Dinas officer adds a marketplace (a code never
 * used before, its name and domain) or retires one (no new storefront opens on it; storefronts
 * already open stay, and old events naming it still decode and fold). A code is never reused.
 *
 * A storefront is opened on a marketplace read from this stream (`VerifiedMarketplace`), never
 * on the caller's word. Everyone may see the registry (`visibleTo`): it is public reference data.
 *
 * @since 0.1.0
 */
import { Clock, Effect, Option, Schema } from "effect"
import { Decider, EventCodec } from "@jatim/eventstore"
import { Actor, Visibility } from "@jatim/kernel"
import { Domain, founding, Marketplace } from "./Marketplace.js"
import type { MarketplaceCommand } from "./MarketplaceCommand.js"
import { MarketplaceAlreadyRegistered, MarketplaceAlreadyRetired, type MarketplaceError, MarketplaceNotFound } from "./MarketplaceError.js"
import { MarketplaceAdded, MarketplaceEvent, MarketplaceRetired } from "./MarketplaceEvent.js"

/** The category of the registry's stream. */
export const category = "marketplaces"

/** The registry's one stream. */
export const registryStream = `${category}-registry`

/** The stream every registry command is decided on: the registry's one stream. */
export const streamNameOf = (_command: MarketplaceCommand): string => registryStream

/** Schema of a marketplace as the registry lists it, as JSON for clients. */
export const Entry = Schema.Struct({
  code: Marketplace,
  name: Schema.String,
  domain: Domain,
  /** `ACTIVE`: storefronts may open on it; `RETIRED`: no new storefront opens on it. */
  status: Schema.Literal("ACTIVE", "RETIRED").annotations({
    description: "ACTIVE: storefronts may open on it; RETIRED: no new storefront opens on it (those open stay)"
  }),
  /** When the Dinas added it; `null` for the founding entries (the 2019 partners). */
  addedAt: Schema.NullOr(Schema.Date).annotations({ description: "when the Dinas added it; null for the 2019 partners" }),
  /** When the Dinas retired it; `null` while active. */
  retiredAt: Schema.NullOr(Schema.Date).annotations({ description: "when the Dinas retired it; null while active" })
}).annotations({ identifier: "MarketplaceEntry", description: "a marketplace of JATIM ISO's registry" })

/** A marketplace as the registry lists it. */
export interface Entry extends Schema.Schema.Type<typeof Entry> {}

/** The registry's state: every marketplace by code, in the order added (the founding entries first). */
export interface State {
  readonly entries: ReadonlyMap<Marketplace, Entry>
}

/** The registry before any event: the founding entries, active. */
export const initialState: State = {
  entries: new Map(founding.map((m): [Marketplace, Entry] => [m.code, { ...m, status: "ACTIVE", addedAt: null, retiredAt: null }]))
}

/** The state after one event. */
export const evolve = (state: State, event: MarketplaceEvent): State => {
  switch (event._tag) {
    case "MarketplaceAdded":
      if (state.entries.has(event.code)) return state
      return {
        entries: new Map([
          ...state.entries,
          [event.code, { code: event.code, name: event.name, domain: event.domain, status: "ACTIVE", addedAt: event.at, retiredAt: null }]
        ])
      }
    case "MarketplaceRetired": {
      const entry = state.entries.get(event.code)
      if (entry === undefined || entry.status === "RETIRED") return state
      return { entries: new Map([...state.entries, [event.code, { ...entry, status: "RETIRED", retiredAt: event.at }]]) }
    }
  }
}

/** The marketplace `code`, if the registry holds it. */
export const entryOf = (state: State, code: string): Option.Option<Entry> => Option.fromNullable(state.entries.get(code))

/** Every marketplace of the registry, in the order added. */
export const entries = (state: State): ReadonlyArray<Entry> => [...state.entries.values()]

const actionOf = (command: MarketplaceCommand): string =>
  command._tag === "AddMarketplace" ? `add marketplace ${command.code}` : `retire marketplace ${command.code}`

/** The events a registry command produces, or the rule that refuses it: Dinas officers only, then the registry's rules. */
export const decide = (command: MarketplaceCommand, state: State): Effect.Effect<ReadonlyArray<MarketplaceEvent>, MarketplaceError> =>
  Effect.gen(function* () {
    const { actor, code } = command
    if (actor._tag !== "DINAS_OFFICER") {
      return yield* new Actor.ActorNotAuthorized({
        actor,
        action: actionOf(command),
        rule: "the marketplace registry is kept by Dinas officers"
      })
    }
    const at = new Date(yield* Clock.currentTimeMillis)
    const entry = state.entries.get(code)
    switch (command._tag) {
      case "AddMarketplace":
        if (entry !== undefined) return yield* new MarketplaceAlreadyRegistered({ code, status: entry.status })
        return [new MarketplaceAdded({ code, name: command.name, domain: command.domain, at })]
      case "RetireMarketplace":
        if (entry === undefined) return yield* new MarketplaceNotFound({ code })
        if (entry.status === "RETIRED") return yield* new MarketplaceAlreadyRetired({ code })
        return [new MarketplaceRetired({ code, reason: command.reason, at })]
    }
  })

/** The registry's decider. */
export const decider: Decider.Decider<MarketplaceCommand, MarketplaceEvent, State, MarketplaceError> = Decider.make({
  initialState,
  evolve,
  decide
})

/** The codec of registry events. */
export const codec = EventCodec.make(MarketplaceEvent)

/** Who may see the registry: everyone (public reference data, no person in it). */
export const visibleTo: Visibility.ReadPolicy<ReadonlyArray<Entry>> = Visibility.everyone
