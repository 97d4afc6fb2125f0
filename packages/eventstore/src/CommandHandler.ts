/**
 * Command handling: load a stream's state, decide, append with `Exact(version)`, and on an
 * expected-version conflict load and decide again, a bounded number of times.
 *
 * @since 0.1.0
 */
import { Effect, Predicate, Schedule } from "effect"
import type { Decider } from "./Decider.js"
import type { ActorRef } from "./Event.js"
import type { EventCodec } from "./EventCodec.js"
import type { EventStore } from "./EventStore.js"
import type { AppendError, EventDecodeError, ReadError } from "./EventStoreError.js"
import * as ExpectedVersion from "./ExpectedVersion.js"
import type { GlobalPosition } from "./GlobalPosition.js"
import * as TypedEventStore from "./TypedEventStore.js"

/** Options of `make`. */
export interface CommandHandlerOptions<Command, Event extends { readonly _tag: string }, State, Err> {
  readonly decider: Decider<Command, Event, State, Err>
  readonly codec: EventCodec<Event>
  /** How many times a command is decided in all when appends conflict; 5 by default. */
  readonly maxAttempts?: number | undefined
}

/** Who and what a command comes from; copied into the metadata of every event it produces. */
export interface CommandContext {
  readonly correlationId?: string | undefined
  readonly causationId?: string | undefined
  readonly actor?: ActorRef | undefined
}

/** Options of one `handle` call. */
export interface HandleOptions extends CommandContext {
  /**
   * Demand that the stream be at this version (for example the version a user saw).
   * A conflict is then returned at once instead of retried.
   */
  readonly expectedVersion?: ExpectedVersion.ExpectedVersion | undefined
}

/** What handling a command did. */
export interface HandleResult<Event, State> {
  /** The events the command produced (none when it changed nothing). */
  readonly newEvents: ReadonlyArray<Event>
  /** The stream's version after the command. */
  readonly nextExpectedVersion: number
  /** The state after the command. */
  readonly newState: State
  /** The global position of the last new event, when there were new events. */
  readonly lastPosition: GlobalPosition | undefined
}

/** Handles commands of one decider against the `EventStore` of the context. */
export type CommandHandler<Command, Event, State, Err> = (
  streamName: string,
  command: Command,
  options?: HandleOptions
) => Effect.Effect<HandleResult<Event, State>, Err | AppendError | ReadError | EventDecodeError, EventStore>

/** Makes the command handler of a decider. */
export const make = <Command, Event extends { readonly _tag: string }, State, Err>(
  options: CommandHandlerOptions<Command, Event, State, Err>
): CommandHandler<Command, Event, State, Err> => {
  const { codec, decider } = options
  const maxAttempts = options.maxAttempts ?? 5
  return (streamName, command, handleOptions = {}) =>
    Effect.gen(function*() {
      const store = yield* TypedEventStore.make(codec)
      const attempt = Effect.gen(function*() {
        const { state, streamVersion } = yield* store.aggregateStream(streamName, decider)
        const expected = handleOptions.expectedVersion ?? ExpectedVersion.exact(streamVersion)
        const newEvents = yield* decider.decide(command, state)
        const newState = newEvents.reduce(decider.evolve, state)
        if (newEvents.length === 0) {
          if (!ExpectedVersion.isSatisfiedBy(expected, streamVersion)) {
            yield* store.appendToStream(streamName, [], { expectedVersion: expected })
          }
          return { newEvents, nextExpectedVersion: streamVersion, newState, lastPosition: undefined }
        }
        const metadata = {
          correlationId: handleOptions.correlationId,
          causationId: handleOptions.causationId,
          actor: handleOptions.actor
        }
        const result = yield* store.appendToStream(
          streamName,
          newEvents.map((event) => ({ event, metadata })),
          { expectedVersion: expected }
        )
        return {
          newEvents,
          nextExpectedVersion: result.nextExpectedVersion,
          newState,
          lastPosition: result.lastPosition
        }
      })
      if (handleOptions.expectedVersion !== undefined) return yield* attempt
      return yield* Effect.retry(attempt, {
        schedule: Schedule.recurs(Math.max(0, maxAttempts - 1)),
        while: (error) => Predicate.isTagged(error, "ExpectedVersionConflict")
      })
    }).pipe(Effect.withSpan("CommandHandler.handle", { attributes: { streamName } }))
}
