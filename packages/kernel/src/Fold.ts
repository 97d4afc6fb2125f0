/**
 * Folds of events into states, one event at a time (`apply`) or a batch (`applyAll`). A state
 * keeps its collections in Effect's persistent `HashMap`s and `HashSet`s (`Entries`), so each event
 * is O(log n) and a state given to a fold still answers as it did afterwards.
 *
 * A batch goes further: `applyAll` opens the top-level maps and sets of the state it starts from
 * for editing in place (Effect's `beginMutation`, a transient) while it folds, and closes them
 * before it returns. A node of the starting state is copied the first time the batch changes it,
 * and then changed in place, so a batch allocates once per node it touches instead of once per
 * event, and its result is persistent again: the starting state, and every state handed out
 * before, is left exactly as it was (the batching property of `@jatim/testing`'s `Folds`).
 *
 * @since 0.1.0
 */
import { HashMap, HashSet } from "effect"

const open = (value: unknown): unknown =>
  HashMap.isHashMap(value) ? HashMap.beginMutation(value) : HashSet.isHashSet(value) ? HashSet.beginMutation(value) : value

const close = (value: unknown): unknown =>
  HashMap.isHashMap(value) ? HashMap.endMutation(value) : HashSet.isHashSet(value) ? HashSet.endMutation(value) : value

/**
 * `state` with each own field changed by `edit`. `edit` returns a field of the same type (a map
 * opened or closed is still that map's type), so the copy is a state of the same type.
 */
const editFields = <S extends object>(state: S, edit: (value: unknown) => unknown): S => {
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(state)) copy[key] = edit(value)
  return copy as S
}

/** The fold of `apply` over a batch of events, the state's top-level maps and sets edited in place while it runs. */
export const applyAll =
  <S extends object, E>(apply: (state: S, event: E) => S) =>
  (state: S, events: Iterable<E>): S => {
    let current = editFields(state, open)
    for (const event of events) current = apply(current, event)
    return editFields(current, close)
  }
