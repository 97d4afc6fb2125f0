/**
 * Entries by key in Effect's persistent `HashMap` (and members in `HashSet`), as the read models
 * and the deciders' growing states keep them: an update costs O(log n) and shares every untouched
 * node with the map it came from, so a fold is linear in its events and an earlier state still
 * answers as it did (adr/0076). A `Map` or `Set` copied per event made a fold quadratic.
 *
 * @since 0.1.0
 */
import { HashMap, HashSet, Option } from "effect"

/** Entries by key: persistent, so an update leaves the map it came from as it was. */
export type Entries<K, V> = HashMap.HashMap<K, V>

/** No entries. */
export const noEntries = <K, V>(): Entries<K, V> => HashMap.empty()

/** The entry under `key`, or `undefined`. */
export const lookup = <K, V>(map: Entries<K, V>, key: K): V | undefined => Option.getOrUndefined(HashMap.get(map, key))

/** The entry under `key`, or `fallback`. */
export const valueOr = <K, V>(map: Entries<K, V>, key: K, fallback: V): V => Option.getOrElse(HashMap.get(map, key), () => fallback)

/** Whether there is an entry under `key`. */
export const has = <K, V>(map: Entries<K, V>, key: K): boolean => HashMap.has(map, key)

/** Every entry, in no particular order. */
export const valuesOf = <K, V>(map: Entries<K, V>): Array<V> => Array.from(HashMap.values(map))

/** Orders strings by code unit, the same on every machine (and as PostgreSQL's `COLLATE "C"`). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Every key and its entry, by key in code-unit order. */
export const sortedEntries = <K extends string, V>(map: Entries<K, V>): Array<[K, V]> =>
  Array.from(map).sort(([a], [b]) => compareText(a, b))

/** `map` with `key` set to `value`, in O(log n). */
export const setIn = <K, V>(map: Entries<K, V>, key: K, value: V): Entries<K, V> => HashMap.set(map, key, value)

/** `map` with the entry under `key` changed by `f`, or `map` itself when `key` is absent or `f` changes nothing. */
export const updateIn = <K, V>(map: Entries<K, V>, key: K, f: (value: V) => V): Entries<K, V> => {
  const value = lookup(map, key)
  if (value === undefined) return map
  const next = f(value)
  return next === value ? map : HashMap.set(map, key, next)
}

/**
 * `map` with the entry under `key` (`fallback` when absent) changed by `f`, or `map` itself when
 * `f` returns the entry it was given.
 */
export const updateOr = <K, V>(map: Entries<K, V>, key: K, fallback: V, f: (value: V) => V): Entries<K, V> => {
  const value = valueOr(map, key, fallback)
  const next = f(value)
  return next === value ? map : HashMap.set(map, key, next)
}

/** `map` without `key`, or `map` itself when `key` is absent. */
export const deleteIn = <K, V>(map: Entries<K, V>, key: K): Entries<K, V> => (HashMap.has(map, key) ? HashMap.remove(map, key) : map)

/** `set` with `value`, or `set` itself when `value` is in it already. */
export const addTo = <A>(set: HashSet.HashSet<A>, value: A): HashSet.HashSet<A> => (HashSet.has(set, value) ? set : HashSet.add(set, value))
