/**
 * Edits of the entries a read model's state keeps in its fields, by field name: the state is a
 * record of `Entries` maps (products by id, pesantren by NSPP, …), and an event adds an entry to
 * one of them or changes one. Each edit is `Entries`' own (O(log n), in place during a batch of
 * `Fold.applyAll`), and gives the state with that one field replaced.
 *
 * @since 0.1.0
 */
import { type Entries, has, setIn, updateIn } from "./Entries.js"

/** The names of the fields of `S` that hold entries by key. */
export type EntriesField<S> = { readonly [F in keyof S]-?: S[F] extends Entries<unknown, unknown> ? F : never }[keyof S]

/** The key of the entries in field `F` of `S`. */
export type KeyIn<S, F extends keyof S> = S[F] extends Entries<infer K, unknown> ? K : never

/** An entry in field `F` of `S`. */
export type EntryIn<S, F extends keyof S> = S[F] extends Entries<unknown, infer V> ? V : never

const withField = <S extends object, F extends keyof S>(state: S, field: F, entries: S[F]): S => ({ ...state, [field]: entries })

/**
 * `state` with `value` under `key` in its entries `field`, or `state` itself when that key has an
 * entry already: the first event that registers something wins, and one delivered again changes nothing.
 */
export const insertNew = <S extends object, F extends EntriesField<S>>(state: S, field: F, key: KeyIn<S, F>, value: EntryIn<S, F>): S => {
  const entries = state[field] as Entries<KeyIn<S, F>, EntryIn<S, F>>
  return has(entries, key) ? state : withField(state, field, setIn(entries, key, value) as S[F])
}

/** `state` with the entry under `key` in its entries `field` changed by `f`; an absent entry stays absent. */
export const update = <S extends object, F extends EntriesField<S>>(
  state: S,
  field: F,
  key: KeyIn<S, F>,
  f: (entry: EntryIn<S, F>) => EntryIn<S, F>
): S => withField(state, field, updateIn(state[field] as Entries<KeyIn<S, F>, EntryIn<S, F>>, key, f) as S[F])
