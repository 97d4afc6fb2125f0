/**
 * The secondary networks (read model): every secondary cooperative that runs a network, with its
 * name, kabupaten/kota and fee, and the primaries that are in it now. Who sees a network
 * (`visibleTo`): its secondary's admin, the admins of its member primaries, and the Dinas; the
 * member list itself stays with the read model (a network is shown with its size), and anyone
 * else, anonymous readers included, sees none (adr/0086).
 *
 * @since 0.2.0
 */
import { Option, Schema } from "effect"
import { Identifier, Region, Rupiah, Text, ViewSchema, Visibility } from "@jatim/kernel"
import { compareText, deleteIn, type Entries, inMemoryFold, lookup, noEntries, setIn } from "../internal/readModel.js"
import * as Koperasi from "../Koperasi.js"
import { KoperasiEvent } from "../KoperasiEvent.js"

/** Schema of a network as a viewer sees it. */
export const Network = ViewSchema.struct("Network", "a TOMIKO secondary cooperative's network", {
  /** The secondary cooperative that runs it (its NIK Koperasi names the network). */
  secondary: Identifier.NikKoperasi.annotations({ description: "the secondary cooperative that runs the network (its NIK Koperasi)" }),
  name: Text.Name,
  regionCode: Region.RegionCode,
  /** The secondary's fee on each order settled between its primaries. */
  feeBasisPoints: Rupiah.BasisPoints,
  /** How many primary cooperatives are in it now. */
  members: Schema.NonNegativeInt.annotations({ description: "how many primary cooperatives are in the network now" })
})

/** A network as a viewer sees it. */
export interface Network extends Schema.Schema.Type<typeof Network> {}

/** A network as the read model holds it: with its members, which decide who sees it. */
export interface NetworkView extends Network {
  readonly memberNiks: ReadonlyArray<Identifier.NikKoperasi>
}

/** The read model: every secondary cooperative, and the network each primary is in now. */
export interface Networks {
  readonly secondaries: Entries<
    Identifier.NikKoperasi,
    { readonly name: typeof Text.Name.Type; readonly regionCode: Region.RegionCode; readonly feeBasisPoints: Rupiah.BasisPoints }
  >
  readonly memberOf: Entries<Identifier.NikKoperasi, Identifier.NikKoperasi>
}

/** No networks. */
export const initial: Networks = { secondaries: noEntries(), memberOf: noEntries() }

/** The networks after one cooperative event. */
export const applyEvent = (state: Networks, event: KoperasiEvent): Networks => {
  switch (event._tag) {
    case "SecondaryKoperasiRegistered":
      return {
        ...state,
        secondaries: setIn(state.secondaries, event.nik, {
          name: event.name,
          regionCode: event.regionCode,
          feeBasisPoints: event.feeBasisPoints
        })
      }
    case "NetworkJoined":
      return { ...state, memberOf: setIn(state.memberOf, event.nik, event.secondary) }
    case "NetworkLeft":
      return lookup(state.memberOf, event.nik) === event.secondary ? { ...state, memberOf: deleteIn(state.memberOf, event.nik) } : state
    default:
      return state
  }
}

/**
 * The networks after one recorded event (`apply`) and after a batch of events, in order
 * (`applyAll`); the in-memory read model, projection `tomiko-networks` (`make`).
 */
export const { apply, applyAll, make } = inMemoryFold({
  name: "tomiko-networks",
  category: Koperasi.category,
  eventTypes: ["SecondaryKoperasiRegistered", "NetworkJoined", "NetworkLeft"],
  schema: KoperasiEvent,
  initial,
  applyEvent
})

/** Every network with its members (by NIK, code-unit order), by its secondary's NIK. */
export const all = (state: Networks): ReadonlyArray<NetworkView> => {
  const members = new Map<Identifier.NikKoperasi, Array<Identifier.NikKoperasi>>()
  for (const [primary, secondary] of state.memberOf) members.set(secondary, [...(members.get(secondary) ?? []), primary])
  return Array.from(state.secondaries)
    .map(([secondary, network]): NetworkView => {
      const memberNiks = (members.get(secondary) ?? []).sort(compareText)
      return { secondary, ...network, members: memberNiks.length, memberNiks }
    })
    .sort((a, b) => compareText(a.secondary, b.secondary))
}

/**
 * Who sees a network: its secondary's admin, the admin of a primary in it, and the Dinas, each
 * without the member list. Anyone else (another network's cooperatives, other roles, anonymous
 * readers) sees none: which cooperatives trade through which network is theirs and the Dinas's.
 */
export const visibleTo: Visibility.ReadPolicy<NetworkView, Network> = (actor: Visibility.Viewer, view: NetworkView) => {
  const { memberNiks: _, ...network } = view
  return Visibility.isDinas(actor) ||
    (actor._tag === "KOPERASI_ADMIN" && (actor.nik === view.secondary || view.memberNiks.includes(actor.nik)))
    ? Option.some(network)
    : Option.none()
}
