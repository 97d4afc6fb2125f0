/**
 * What OPOP's pure read models share: the persistent maps their entries live in (`Entries` of
 * `@jatim/kernel`, adr/0076), and their folds lifted to recorded events and to batches (a batch
 * edits the state's maps in place while it runs: `Fold.applyAll`).
 */
import { Entries as Shared, Fold } from "@jatim/kernel"
import type { Event } from "@jatim/eventstore"
import type { OpopEvent } from "../OpopEvent.js"

/** Entries by key: persistent, so an update leaves the map it came from as it was. */
export type Entries<K, V> = Shared.Entries<K, V>

export const { noEntries, lookup, has, valuesOf, setIn, updateIn, deleteIn, compareText } = Shared

/** The `apply` of a read model, lifted to recorded events and to batches. */
export const folds = <S extends object>(apply: (state: S, event: OpopEvent) => S) => ({
  applyRecorded: (state: S, recorded: Event.RecordedEvent<OpopEvent>): S => apply(state, recorded.data),
  applyAll: Fold.applyAll(apply)
})
