/**
 * Properties of pure folds (read models, deciders' states) that keep their collections in
 * persistent structures (adr/0076): the answers do not depend on how the events are batched,
 * and a state answers as it did once later events are applied to it.
 *
 * ```ts
 * const answersAlike = Folds.foldsAsValues(events, cut)
 * answersAlike(OrderBook, (book) => niks.map((nik) => OrderBook.forCooperative(book, nik)))
 * answersAlike(Folds.ofDecider(Listing.decider), (state) => state)
 * ```
 *
 * @since 0.1.0
 */
import { expect } from "vitest"

/** A fold of events `E` into a state `S`: a read model module (its `applyAll` and `initial`), or a decider's state (`ofDecider`). */
export interface Fold<S, E> {
  readonly applyAll: (state: S, events: Iterable<E>) => S
  readonly initial: S
}

/** A decider's state as a fold: its `evolve` applied to each event in turn, from its `initialState`. */
export const ofDecider = <S, E>(decider: { readonly initialState: S; readonly evolve: (state: S, event: E) => S }): Fold<S, E> => ({
  applyAll: (state, events) => Array.from(events).reduce(decider.evolve, state),
  initial: decider.initialState
})

/**
 * The check that folds take `events` as values: `foldsAsValues(events, cut)(fold, answers)`
 * folds them whole, in two batches split at `cut` (taken modulo one more than the events'
 * count), or one at a time, and requires the same answers; and the first batch's state must
 * answer as it did once the second batch is applied to it. `answers` puts the fold's queries to
 * a state.
 */
export const foldsAsValues =
  <E>(events: ReadonlyArray<E>, cut: number) =>
  <S>(fold: Fold<S, E>, answers: (state: S) => unknown): void => {
    const { applyAll, initial } = fold
    const at = cut % (events.length + 1)
    const whole = applyAll(initial, events)
    const first = applyAll(initial, events.slice(0, at))
    const answeredFirst = answers(first)
    expect(answers(applyAll(first, events.slice(at)))).toEqual(answers(whole))
    expect(answers(events.reduce((state, event) => applyAll(state, [event]), initial))).toEqual(answers(whole))
    expect(answers(first)).toEqual(answeredFirst)
  }
