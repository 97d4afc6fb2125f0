/** Helpers shared by the pure read models. */
import type { Event } from "@jatim/eventstore"
import type { OpopEvent } from "../OpopEvent.js"

/** A copy of `map` with `key` set to `value`. */
export const setIn = <K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> => new Map(map).set(key, value)

/** A copy of `map` with `key` changed by `f`, or `map` itself when `key` is absent. */
export const updateIn = <K, V>(map: ReadonlyMap<K, V>, key: K, f: (value: V) => V): ReadonlyMap<K, V> => {
  const value = map.get(key)
  return value === undefined ? map : setIn(map, key, f(value))
}

/** A copy of `map` without `key`, or `map` itself when `key` is absent. */
export const deleteIn = <K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> => {
  if (!map.has(key)) return map
  const copy = new Map(map)
  copy.delete(key)
  return copy
}

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
