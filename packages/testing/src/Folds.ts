/**
 * Properties of pure folds (read models, deciders' states) that keep their collections in
 * persistent structures (adr/0076): the answers do not depend on how the events are batched,
 * and a state answers as it did once later events are applied to it.
 *
 * @since 0.1.0
 */
import { expect } from "vitest"

/**
 * Folding `events` whole, in two batches split at `cut` (taken modulo one more than the events'
 * count), or one at a time, answers alike; and the first batch's state answers as it did once the
 * second batch is applied to it. `answers` puts the fold's queries to a state.
 */
export const foldsAsValues = <S, E>(
  applyAll: (state: S, events: Iterable<E>) => S,
  initial: S,
  answers: (state: S) => unknown,
  events: ReadonlyArray<E>,
  cut: number
): void => {
  const at = cut % (events.length + 1)
  const whole = applyAll(initial, events)
  const first = applyAll(initial, events.slice(0, at))
  const answeredFirst = answers(first)
  expect(answers(applyAll(first, events.slice(at)))).toEqual(answers(whole))
  expect(answers(events.reduce((state, event) => applyAll(state, [event]), initial))).toEqual(answers(whole))
  expect(answers(first)).toEqual(answeredFirst)
}
