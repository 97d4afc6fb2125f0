/**
 * Updates of the persistent collections that states and read models keep (Effect's `HashMap`
 * and `HashSet`): each costs O(log n) and shares every untouched node with the collection it
 * came from, so folding n events is linear and an earlier state still answers as it did
 * (adr/0076). A `Set` or `Map` copied per event made a fold quadratic.
 */
import { HashMap, HashSet, Option } from "effect"

/** `set` with `value`, or `set` itself when `value` is in it already. */
export const addTo = <A>(set: HashSet.HashSet<A>, value: A): HashSet.HashSet<A> => (HashSet.has(set, value) ? set : HashSet.add(set, value))

/** The value under `key`, or `fallback`. */
export const valueOr = <K, V>(map: HashMap.HashMap<K, V>, key: K, fallback: V): V => Option.getOrElse(HashMap.get(map, key), () => fallback)

/**
 * `map` with the value under `key` (`fallback` when absent) changed by `f`, or `map` itself when
 * `f` returns the value it was given.
 */
export const updateOr = <K, V>(map: HashMap.HashMap<K, V>, key: K, fallback: V, f: (value: V) => V): HashMap.HashMap<K, V> => {
  const value = valueOr(map, key, fallback)
  const next = f(value)
  return next === value ? map : HashMap.set(map, key, next)
}
