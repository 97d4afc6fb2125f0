/**
 * The persistent maps JATIM ISO's read models and the UMKM decider's state keep their entries in
 * (`Entries` of `@jatim/kernel`, adr/0076), and the fold of a batch, which edits the state's maps
 * in place while it runs (`Fold.applyAll`).
 */
import { Entries as Shared, Fold } from "@jatim/kernel"

/** Entries by key: persistent, so an update leaves the map it came from as it was. */
export type Entries<K, V> = Shared.Entries<K, V>

export const { noEntries, lookup, valuesOf, sortedEntries, setIn, compareText } = Shared

/** The fold of `apply` over a batch of events, in order, from a state. */
export const applyEach = <S extends object, E>(apply: (state: S, event: E) => S, state: S, events: Iterable<E>): S =>
  Fold.applyAll(apply)(state, events)
