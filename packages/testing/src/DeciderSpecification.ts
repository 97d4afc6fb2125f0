/**
 * Given/when/then specifications of deciders, for vitest:
 *
 * ```ts
 * const spec = DeciderSpecification.for(pesantrenDecider)
 * spec.given([registered]).when(verify).then([verified])
 * spec.given([]).when(verify).then(new PesantrenNotRegistered({ ... }))
 * spec.given(events).at("2026-01-01T00:00:00Z").when(attempt).then([...])
 * ```
 *
 * @since 0.1.0
 */
import { expect } from "vitest"
import { Effect, Either } from "effect"
import type { Decider } from "@jatim/eventstore"
import * as FixedClock from "./FixedClock.js"

/** The last step: what the command must produce. */
export interface Then<Event, Err> {
  /** The command produces exactly these events (none: `[]`), or fails with exactly this error. */
  readonly then: (expected: ReadonlyArray<Event> | Err) => void
  /** The command fails with an error with this `_tag`; returns it for further checks. */
  readonly thenFailsWith: (tag: Err extends { readonly _tag: infer T } ? T : string) => Err
}

/** The step that names the command, with the time the decision is taken at. */
export interface When<Command, Event, Err> {
  readonly when: (command: Command) => Then<Event, Err>
  /** Decide with Effect's `Clock` stopped at this instant; at the epoch otherwise. */
  readonly at: (instant: Date | string | number) => { readonly when: (command: Command) => Then<Event, Err> }
}

/** A specification of one decider. */
export interface Specification<Command, Event, Err> {
  readonly given: (events: ReadonlyArray<Event>) => When<Command, Event, Err>
}

/** Normalises an error to compare it by class and fields, not by identity or stack. */
const comparable = (value: unknown): unknown =>
  value instanceof Error ? { ...value, class: value.constructor.name, message: value.message } : value

const decideAt = <Command, Event, State, Err>(
  decider: Decider.Decider<Command, Event, State, Err>,
  events: ReadonlyArray<Event>,
  command: Command,
  instant: Date | string | number
): Either.Either<ReadonlyArray<Event>, Err> =>
  Effect.runSync(
    Effect.suspend(() => Effect.either(decider.decide(command, events.reduce(decider.evolve, decider.initialState)))).pipe(
      FixedClock.at(instant)
    )
  )

const thenStep = <Command, Event, State, Err>(
  decider: Decider.Decider<Command, Event, State, Err>,
  events: ReadonlyArray<Event>,
  command: Command,
  instant: Date | string | number
): Then<Event, Err> => ({
  // biome-ignore lint/suspicious/noThenProperty: given/when/then is the specification's vocabulary; it is never awaited
  then: (expected) => {
    const result = decideAt(decider, events, command, instant)
    if (Array.isArray(expected)) {
      if (Either.isLeft(result)) {
        expect.fail(`expected events, but the command failed: ${JSON.stringify(comparable(result.left))}`)
      } else {
        expect(result.right).toEqual(expected)
      }
    } else if (Either.isRight(result)) {
      expect.fail(`expected an error, but the command produced: ${JSON.stringify(result.right)}`)
    } else {
      expect(comparable(result.left)).toEqual(comparable(expected))
    }
  },
  thenFailsWith: (tag) => {
    const result = decideAt(decider, events, command, instant)
    if (Either.isRight(result)) {
      return expect.fail(`expected the error ${String(tag)}, but the command produced: ${JSON.stringify(result.right)}`)
    }
    expect((result.left as { readonly _tag?: unknown })._tag).toBe(tag)
    return result.left
  }
})

/** Starts a specification of `decider`. */
const forDecider = <Command, Event, State, Err>(
  decider: Decider.Decider<Command, Event, State, Err>
): Specification<Command, Event, Err> => ({
  given: (events) => ({
    when: (command) => thenStep(decider, events, command, 0),
    at: (instant) => ({ when: (command) => thenStep(decider, events, command, instant) })
  })
})

export { forDecider as for }
