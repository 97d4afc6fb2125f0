/**
 * The persistent maps JATIM ISO's read models and the UMKM decider's state keep their entries in.
 * An entry set with `setIn` costs O(log n) and shares every untouched node with the map before it,
 * so a rebuild is linear in the events and an earlier state still answers as it did (adr/0076); a
 * `Map` copied per event made a rebuild quadratic.
 */
import { HashMap, Option } from "effect"

/** Entries by key: persistent, so an update leaves the map it came from as it was. */
export type Entries<K, V> = HashMap.HashMap<K, V>

/** No entries. */
export const noEntries = <K, V>(): Entries<K, V> => HashMap.empty()

/** The entry under `key`, or `undefined`. */
export const lookup = <K, V>(map: Entries<K, V>, key: K): V | undefined => Option.getOrUndefined(HashMap.get(map, key))

/** Every entry, in no particular order. */
export const valuesOf = <K, V>(map: Entries<K, V>): Array<V> => Array.from(HashMap.values(map))

/** Every key and its entry, by key in code-unit order (the same on every machine). */
export const sortedEntries = <K extends string, V>(map: Entries<K, V>): Array<[K, V]> =>
  Array.from(map).sort(([a], [b]) => compareText(a, b))

/** `map` with `key` set to `value`, in O(log n). */
export const setIn = <K, V>(map: Entries<K, V>, key: K, value: V): Entries<K, V> => HashMap.set(map, key, value)

/** The fold of `apply` over `events`, in order, from `state`. */
export const applyEach = <S, E>(apply: (state: S, event: E) => S, state: S, events: Iterable<E>): S => {
  let current = state
  for (const event of events) current = apply(current, event)
  return current
}

/** Orders strings by code unit, the same on every machine (and as PostgreSQL's `COLLATE "C"`). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
