/** What TOMIKO's in-memory read models share: folding recorded events, decoded as they are read. */
import type { Effect, Schema } from "effect"
import { type Event, InMemoryReadModel } from "@jatim/eventstore"
import { decoder } from "./decode.js"

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
export interface InMemoryFold<State> {
  /** The state after one recorded event (decoded first; one that does not decode throws). */
  readonly apply: (state: State, event: Event.RecordedEvent) => State
  /** The in-memory read model, under the projection's name. */
  readonly make: () => Effect.Effect<InMemoryReadModel.InMemoryReadModel<State>>
}

/** The fold of recorded events and the in-memory read model that `folding` describes. */
export const inMemoryFold = <State, A, I>(folding: Folding<State, A, I>): InMemoryFold<State> => {
  const decode = decoder(folding.schema)
  const apply = (state: State, event: Event.RecordedEvent): State => folding.applyEvent(state, decode(event))
  return {
    apply,
    make: () =>
      InMemoryReadModel.make({
        name: folding.name,
        filter: { categories: [folding.category], eventTypes: folding.eventTypes },
        initial: folding.initial,
        apply
      })
  }
}
