/**
 * What TOMIKO's in-memory read models (and the deciders' states that grow) share: folding recorded
 * events, decoded as they are read, and the persistent maps their entries live in. An entry set
 * with `setIn` costs O(log n) and shares every untouched node with the map before it, so a rebuild
 * is linear in the events and an earlier state still answers as it did (adr/0076); a record or a
 * `Map` copied per event made a rebuild quadratic. A batch (`applyAll`) edits the state's maps in
 * place while it runs (`Fold.applyAll` of `@jatim/kernel`).
 */
import type { Effect, Schema } from "effect"
import { type Event, InMemoryReadModel } from "@jatim/eventstore"
import { Entries as Shared, Fold } from "@jatim/kernel"
import { decoder } from "./decode.js"

/** Entries by key: persistent, so an update leaves the map it came from as it was. */
export type Entries<K, V> = Shared.Entries<K, V>

export const { noEntries, lookup, has, valuesOf, setIn, deleteIn, compareText, sortedEntries } = Shared

/** What a read model folds: the events of one category (decoded with `schema`), from `initial` with `applyEvent`. */
export interface Folding<State, A, I> {
  /** The projection's name. */
  readonly name: string
  /** The stream category whose events it reads. */
  readonly category: string
  /** The event types it reads. */
  readonly eventTypes: ReadonlyArray<string>
  /** The Schema of the events it reads. */
  readonly schema: Schema.Schema<A, I>
  readonly initial: State
  readonly applyEvent: (state: State, event: A) => State
}

/** A read model's fold of recorded events, and its in-memory read model. */
export interface InMemoryFold<State, A> {
  /** The state after one recorded event (decoded first; one that does not decode throws). */
  readonly apply: (state: State, event: Event.RecordedEvent) => State
  /** The state after `events`, in order (each as `applyEvent`). */
  readonly applyAll: (state: State, events: Iterable<A>) => State
  /** The in-memory read model, under the projection's name. */
  readonly make: () => Effect.Effect<InMemoryReadModel.InMemoryReadModel<State>>
}

/** The fold of recorded events and the in-memory read model that `folding` describes. */
export const inMemoryFold = <State extends object, A, I>(folding: Folding<State, A, I>): InMemoryFold<State, A> => {
  const decode = decoder(folding.schema)
  const apply = (state: State, event: Event.RecordedEvent): State => folding.applyEvent(state, decode(event))
  return {
    apply,
    applyAll: Fold.applyAll(folding.applyEvent),
    make: () =>
      InMemoryReadModel.make({
        name: folding.name,
        filter: { categories: [folding.category], eventTypes: folding.eventTypes },
        initial: folding.initial,
        apply
      })
  }
}
