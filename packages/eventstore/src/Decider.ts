/**
 * The decider pattern: a command meets the current state and yields new events or a
 * domain error; events evolve the state. Deciders are pure (time comes from Effect's
 * `Clock` when a rule needs it), so property tests run them by the million without I/O.
 *
 * @since 0.1.0
 */
import type { Effect } from "effect"

/** The behaviour of one kind of stream. */
export interface Decider<Command, Event, State, Err = never> {
  /** The state of a stream with no events. */
  readonly initialState: State
  /** The state after one more event. Must handle every event, and never fail. */
  readonly evolve: (state: State, event: Event) => State
  /**
   * The events a command produces in a state, or the domain error that refuses it.
   * Returning an `Either` is fine: it is an `Effect`.
   */
  readonly decide: (command: Command, state: State) => Effect.Effect<ReadonlyArray<Event>, Err>
}

/** Declares a decider, inferring its types. */
export const make = <Command, Event, State, Err = never>(
  decider: Decider<Command, Event, State, Err>
): Decider<Command, Event, State, Err> => decider

/** The state after `events`, from the initial state. */
export const fold = <Command, Event, State, Err>(
  decider: Decider<Command, Event, State, Err>,
  events: Iterable<Event>,
  state: State = decider.initialState
): State => {
  let current = state
  for (const event of events) current = decider.evolve(current, event)
  return current
}

/** Decides `command` after `events`: given these events, when this command, then what? */
export const decideAfter = <Command, Event, State, Err>(
  decider: Decider<Command, Event, State, Err>,
  events: Iterable<Event>,
  command: Command
): Effect.Effect<ReadonlyArray<Event>, Err> => decider.decide(command, fold(decider, events))
