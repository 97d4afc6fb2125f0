/**
 * Command handling: load a stream's state (from a snapshot and the events after it, when the
 * decider is snapshotted), decide, append with `Exact(version)`, and on an expected-version
 * conflict wait a random while (exponential backoff with full jitter) and load and decide again,
 * a bounded number of times (`RetryPolicy`). Commands on one stream take turns when the context
 * provides `StreamTurns` (a host's requests), so that those of one process never conflict.
 *
 * @since 0.1.0
 */
import { Context, Duration, Effect, Either, Option, Predicate, Random, Schema } from "effect"
import type { Decider } from "./Decider.js"
import type { ActorRef, RecordedEvent } from "./Event.js"
import type { EventCodec } from "./EventCodec.js"
import * as EventId from "./EventId.js"
import type { EventStore } from "./EventStore.js"
import type { AppendError, EventStoreError, ReadError } from "./EventStoreError.js"
import * as ExpectedVersion from "./ExpectedVersion.js"
import type { GlobalPosition } from "./GlobalPosition.js"
import { SnapshotStore, type SnapshotPolicy } from "./SnapshotStore.js"
import { StreamTurns } from "./StreamTurns.js"
import * as TypedEventStore from "./TypedEventStore.js"

/** Options of `make`. */
export interface CommandHandlerOptions<Command, Event extends { readonly _tag: string }, State, Err> {
  readonly decider: Decider<Command, Event, State, Err>
  readonly codec: EventCodec<Event>
  /**
   * How many times a command is decided in all when appends conflict; the `RetryPolicy` of the
   * context by default (`defaultRetryPolicy`: 10). Same as `retry.maxAttempts`, which wins.
   */
  readonly maxAttempts?: number | undefined
  /** This handler's retry policy; what it leaves out comes from the `RetryPolicy` of the context. */
  readonly retry?: Partial<RetryPolicyShape> | undefined
}

/**
 * How a command whose append conflicts (`ExpectedVersionConflict`, and no expected version
 * given by the caller) is tried again: after the n-th conflict it waits a random time between 0
 * and `min(maxDelay, baseDelay * 2^(n-1))` (exponential backoff with full jitter: `Random` of
 * the context, `Effect.sleep` on its `Clock`), then loads and decides again; after
 * `maxAttempts` attempts in all the conflict is returned.
 */
export interface RetryPolicyShape {
  /** Attempts in all, the first included; 1 (or less) never retries. */
  readonly maxAttempts: number
  /** The ceiling of the wait after the first conflict; it doubles with each conflict. */
  readonly baseDelay: Duration.DurationInput
  /** The ceiling no wait exceeds. */
  readonly maxDelay: Duration.DurationInput
}

/**
 * The default retry policy: 10 attempts in all, the waits between them drawn under 10 ms,
 * 20 ms, 40 ms, … doubling up to 1 s. A command gives up after at most 3.3 s of waiting (1.6 s
 * on average). Kept short because a command may run inside a caller's transaction (a process
 * manager's batch), which stays open while it waits; a host serving many clients on few
 * streams provides a longer `RetryPolicy` around its requests (adr/0066).
 */
export const defaultRetryPolicy: RetryPolicyShape = { maxAttempts: 10, baseDelay: "10 millis", maxDelay: "1 second" }

/**
 * The retry policy of command handlers that do not set one (`defaultRetryPolicy` unless the
 * context provides another, e.g. `Effect.provideService(RetryPolicy, { … })` around a host's
 * requests).
 */
export class RetryPolicy extends Context.Reference<RetryPolicy>()("@jatim/eventstore/CommandHandler/RetryPolicy", {
  defaultValue: (): RetryPolicyShape => defaultRetryPolicy
}) {}

/**
 * The wait after the `conflicts`-th conflict under `policy`: `fraction` (in [0, 1), from
 * `Random`) of the backoff ceiling `min(maxDelay, baseDelay * 2^(conflicts-1))`, in whole
 * milliseconds.
 */
export const retryDelay = (policy: RetryPolicyShape, conflicts: number, fraction: number): Duration.Duration => {
  const base = Duration.toMillis(policy.baseDelay)
  const ceiling = Math.min(Duration.toMillis(policy.maxDelay), base * 2 ** Math.max(0, conflicts - 1))
  return Duration.millis(Math.floor(Math.max(0, ceiling) * Math.min(Math.max(fraction, 0), 1)))
}

/**
 * Runs `attempt` and, while it fails with `ExpectedVersionConflict` and attempts are left,
 * waits `retryDelay` (jittered with `Random`, slept on the `Clock`) and runs it again.
 */
export const retryOnConflict = <A, E, R>(attempt: Effect.Effect<A, E, R>, policy: RetryPolicyShape): Effect.Effect<A, E, R> => {
  const loop = (attempted: number): Effect.Effect<A, E, R> =>
    Effect.catchIf(
      attempt,
      (error) => attempted < policy.maxAttempts && Predicate.isTagged(error, "ExpectedVersionConflict"),
      () =>
        Random.next.pipe(
          Effect.flatMap((fraction) => Effect.sleep(retryDelay(policy, attempted, fraction))),
          Effect.zipRight(Effect.suspend(() => loop(attempted + 1)))
        )
    )
  return loop(1)
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
  /**
   * Apply the command at most once per `causationId` (process managers, redelivered messages):
   * when the stream already holds an event with this causation id, nothing is decided or
   * appended; new event ids are derived from it, so a second application is refused by the
   * store even where the first is not in the events loaded.
   */
  readonly deduplicate?: boolean | undefined
}

/** Options of a command whose actor comes with it (see `withActor`). */
export type CommandOptions = Omit<HandleOptions, "actor">

/** `options` with the actor its events' metadata records. */
export const withActor = (actor: ActorRef, options: CommandOptions = {}): HandleOptions => ({ ...options, actor })

/** What the event store can fail with while a command is handled. */
export type StoreError = EventStoreError

/** What handling a command did. */
export interface HandleResult<Event, State> {
  /** The events the command produced (none when it changed nothing or was already applied). */
  readonly newEvents: ReadonlyArray<Event>
  /** The stream's version after the command. */
  readonly nextExpectedVersion: number
  /** The state after the command. */
  readonly newState: State
  /** The global position of the last new event, when there were new events. */
  readonly lastPosition: GlobalPosition | undefined
  /** With `deduplicate`: the command had been applied before and was not applied again. */
  readonly alreadyApplied: boolean
}

/** Handles commands of one decider against the `EventStore` of the context. */
export type CommandHandler<Command, Event, State, Err, R = EventStore> = (
  streamName: string,
  command: Command,
  options?: HandleOptions
) => Effect.Effect<HandleResult<Event, State>, Err | AppendError | ReadError, R>

interface Loaded<State> {
  readonly state: State
  readonly streamVersion: number
  /** The events read to build the state (after the snapshot, if one was used). */
  readonly events: ReadonlyArray<RecordedEvent<unknown>>
}

/** Makes the command handler of a decider. */
export function make<Command, Event extends { readonly _tag: string }, State, Err>(
  options: CommandHandlerOptions<Command, Event, State, Err>
): CommandHandler<Command, Event, State, Err>
/** Makes the command handler of a snapshotted decider (needs a `SnapshotStore`). */
export function make<Command, Event extends { readonly _tag: string }, State, Err, Encoded>(
  options: CommandHandlerOptions<Command, Event, State, Err> & { readonly snapshots: SnapshotPolicy<State, Encoded> }
): CommandHandler<Command, Event, State, Err, EventStore | SnapshotStore>
export function make<Command, Event extends { readonly _tag: string }, State, Err, Encoded>(
  options: CommandHandlerOptions<Command, Event, State, Err> & {
    readonly snapshots?: SnapshotPolicy<State, Encoded> | undefined
  }
): CommandHandler<Command, Event, State, Err, EventStore | SnapshotStore> {
  const { codec, decider, snapshots } = options
  // What this handler sets itself (under exactOptionalPropertyTypes, `retry` holds no undefined).
  const ownPolicy: Partial<RetryPolicyShape> = {
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...options.retry
  }

  const fold = (state: State, events: ReadonlyArray<RecordedEvent<Event>>) =>
    events.reduce((current, recorded) => decider.evolve(current, recorded.data), state)

  const loadFully = (store: TypedEventStore.TypedEventStore<Event>, streamName: string) =>
    Effect.map(
      store.readStream(streamName),
      ({ events, streamVersion }): Loaded<State> => ({
        state: fold(decider.initialState, events),
        streamVersion,
        events
      })
    )

  const load = (store: TypedEventStore.TypedEventStore<Event>, streamName: string) => {
    if (snapshots === undefined) return loadFully(store, streamName)
    const decodeState = Schema.decodeUnknownOption(snapshots.schema)
    return Effect.gen(function* () {
      const snapshot = yield* Effect.flatMap(SnapshotStore, (s) => s.load(streamName, snapshots.name))
      // A snapshot of another state schema version, or one that no longer decodes, is ignored.
      const usable = Option.flatMap(
        Option.filter(snapshot, (s) => s.stateVersion === snapshots.version),
        (s) => Option.map(decodeState(s.state), (state) => ({ state, streamVersion: s.streamVersion }))
      )
      if (Option.isNone(usable)) return yield* loadFully(store, streamName)
      const tail = yield* store.readStream(streamName, { fromVersion: usable.value.streamVersion + 1 })
      return {
        state: fold(usable.value.state, tail.events),
        streamVersion: Math.max(tail.streamVersion, usable.value.streamVersion),
        events: tail.events
      } satisfies Loaded<State>
    })
  }

  const saveSnapshot = (streamName: string, previousVersion: number, version: number, state: State) =>
    snapshots === undefined || Math.floor(version / snapshots.every) === Math.floor(previousVersion / snapshots.every)
      ? Effect.void
      : Effect.flatMap(SnapshotStore, (store) =>
          Effect.flatMap(Schema.encode(snapshots.schema)(state), (encoded) =>
            store.save({ streamName, name: snapshots.name, streamVersion: version, stateVersion: snapshots.version, state: encoded })
          )
        ).pipe(Effect.catchAllCause((cause) => Effect.logWarning("snapshot not saved", cause)))

  return (streamName, command, handleOptions = {}) =>
    Effect.gen(function* () {
      const store = yield* TypedEventStore.make(codec)
      const causationId = handleOptions.causationId
      const deduplicate = handleOptions.deduplicate === true && causationId !== undefined
      const alreadyApplied = (loaded: Loaded<State>) => ({
        newEvents: [],
        nextExpectedVersion: loaded.streamVersion,
        newState: loaded.state,
        lastPosition: undefined,
        alreadyApplied: true
      })
      const attempt = Effect.gen(function* () {
        const loaded = yield* load(store, streamName)
        if (deduplicate && loaded.events.some((e) => e.metadata.causationId === causationId)) {
          return alreadyApplied(loaded)
        }
        const { state, streamVersion } = loaded
        const expected = handleOptions.expectedVersion ?? ExpectedVersion.exact(streamVersion)
        const newEvents = yield* decider.decide(command, state)
        const newState = newEvents.reduce(decider.evolve, state)
        if (newEvents.length === 0) {
          if (!ExpectedVersion.isSatisfiedBy(expected, streamVersion)) {
            yield* store.appendToStream(streamName, [], { expectedVersion: expected })
          }
          return { newEvents, nextExpectedVersion: streamVersion, newState, lastPosition: undefined, alreadyApplied: false }
        }
        const metadata = { correlationId: handleOptions.correlationId, causationId, actor: handleOptions.actor }
        const typedEvents = yield* Effect.forEach(newEvents, (event, i) =>
          Effect.map(deduplicate ? EventId.fromName(causationId, `${streamName}#${i}`) : EventId.make, (eventId) => ({
            event,
            eventId,
            metadata
          }))
        )
        const appended = yield* Effect.either(store.appendToStream(streamName, typedEvents, { expectedVersion: expected }))
        if (Either.isLeft(appended)) {
          if (deduplicate && appended.left._tag === "DuplicateEventId") {
            return alreadyApplied(yield* load(store, streamName))
          }
          return yield* appended.left
        }
        const result = appended.right
        // The cause's events were stored already (the store answered an idempotent retry): they
        // may lie before a snapshot, out of the loaded tail's sight. The command is applied.
        if (deduplicate && result.eventsWritten === 0) return alreadyApplied(yield* load(store, streamName))
        yield* saveSnapshot(streamName, streamVersion, result.nextExpectedVersion, newState)
        return {
          newEvents,
          nextExpectedVersion: result.nextExpectedVersion,
          newState,
          lastPosition: result.lastPosition,
          alreadyApplied: false
        }
      })
      const turns = yield* StreamTurns
      // The caller's own expected version (If-Match): its conflict is the answer, not retried.
      if (handleOptions.expectedVersion !== undefined) return yield* turns.onStream(streamName)(attempt)
      return yield* turns.onStream(streamName)(retryOnConflict(attempt, { ...(yield* RetryPolicy), ...ownPolicy }))
    }).pipe(Effect.withSpan("CommandHandler.handle", { attributes: { streamName }, captureStackTrace: false }))
}
