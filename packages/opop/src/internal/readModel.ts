/**
 * Helpers shared by the pure read models. A read model's state holds its entries in Effect's
 * persistent `HashMap`s: one more event costs O(log n) and shares every untouched node with the
 * state before it, so a rebuild is linear in the events and an earlier state still answers as it
 * did (adr/0076). A `Map` copied per event made a rebuild quadratic.
 */
import { HashMap, Option } from "effect"
import type { Event } from "@jatim/eventstore"
import type { OpopEvent } from "../OpopEvent.js"

/** The entries of a read model, by key: persistent, so an update leaves the map it came from as it was. */
export type Entries<K, V> = HashMap.HashMap<K, V>

/** No entries. */
export const noEntries = <K, V>(): Entries<K, V> => HashMap.empty()

/** The entry under `key`, or `undefined`. */
export const lookup = <K, V>(map: Entries<K, V>, key: K): V | undefined => Option.getOrUndefined(HashMap.get(map, key))

/** Whether there is an entry under `key`. */
export const has = <K, V>(map: Entries<K, V>, key: K): boolean => HashMap.has(map, key)

/** Every entry, in no particular order. */
export const valuesOf = <K, V>(map: Entries<K, V>): Array<V> => Array.from(HashMap.values(map))

/** `map` with `key` set to `value`, in O(log n). */
export const setIn = <K, V>(map: Entries<K, V>, key: K, value: V): Entries<K, V> => HashMap.set(map, key, value)

/** `map` with the entry under `key` changed by `f`, or `map` itself when `key` is absent or `f` changes nothing. */
export const updateIn = <K, V>(map: Entries<K, V>, key: K, f: (value: V) => V): Entries<K, V> => {
  const value = lookup(map, key)
  if (value === undefined) return map
  const next = f(value)
  return next === value ? map : HashMap.set(map, key, next)
}

/** `map` without `key`, or `map` itself when `key` is absent. */
export const deleteIn = <K, V>(map: Entries<K, V>, key: K): Entries<K, V> => (HashMap.has(map, key) ? HashMap.remove(map, key) : map)

/** The `apply` of a read model, lifted to recorded events and to sequences. */
export const folds = <S>(apply: (state: S, event: OpopEvent) => S) => ({
  applyRecorded: (state: S, recorded: Event.RecordedEvent<OpopEvent>): S => apply(state, recorded.data),
  applyAll: (state: S, events: Iterable<OpopEvent>): S => {
    let current = state
    for (const event of events) current = apply(current, event)
    return current
  }
})

/** Orders strings by code unit, the same on every machine. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
