/**
 * What every domain does the same way with an aggregate, given its decider and its event codec:
 * name its streams by the ids its commands carry (`streamsById`), read a stream's current state
 * (`currentState`), and handle a command on the stream the command names, with the command's
 * actor in the events' metadata (`commands`). A domain module that
 * exports `decider` and `codec` is an `Aggregate` as it is (`Aggregate.currentState(Order, …)`).
 *
 * @since 0.1.0
 */
import { Effect } from "effect"
import * as CommandHandler from "./CommandHandler.js"
import type { Decider } from "./Decider.js"
import type { ActorRef } from "./Event.js"
import type { EventCodec } from "./EventCodec.js"
import type { EventStore } from "./EventStore.js"
import type { ReadError } from "./EventStoreError.js"
import * as TypedEventStore from "./TypedEventStore.js"

/** An aggregate: its decider and the codec of its events. */
export interface Aggregate<Command, Event extends { readonly _tag: string }, State, Err> {
  readonly decider: Decider<Command, Event, State, Err>
  readonly codec: EventCodec<Event>
}

/** The current state of `aggregate`'s stream `streamName` (the initial state when it has no events). */
export const currentState = <Command, Event extends { readonly _tag: string }, State, Err>(
  aggregate: Aggregate<Command, Event, State, Err>,
  streamName: string
): Effect.Effect<State, ReadError, EventStore> =>
  Effect.flatMap(TypedEventStore.make(aggregate.codec), (store) =>
    Effect.map(store.aggregateStream(streamName, aggregate.decider), (result) => result.state)
  )

/** The streams of an aggregate whose commands each name their stream by one id: `<category>-<id>`. */
export interface StreamsById<Category extends string, Command, Id extends string> {
  /** The category of the aggregate's streams. */
  readonly category: Category
  /** The stream of the id `id`: `<category>-<id>`. */
  readonly streamName: (id: Id) => string
  /** The stream `command` is decided on: the one of the id it names. */
  readonly streamNameOf: (command: Command) => string
}

/**
 * The streams of category `category`, one an id, where each command names its stream by the id
 * `idOf` finds in it (e.g. `streamsById("product", (command: ProductCommand) => command.productId)`).
 */
export const streamsById = <const Category extends string, Command, Id extends string>(
  category: Category,
  idOf: (command: Command) => Id
): StreamsById<Category, Command, Id> => {
  const streamName = (id: Id): string => `${category}-${id}`
  return { category, streamName, streamNameOf: (command) => streamName(idOf(command)) }
}

/** An aggregate whose commands name their stream. */
export interface Routed<Command, Event extends { readonly _tag: string }, State, Err> extends Aggregate<Command, Event, State, Err> {
  /** The stream a command is decided on. */
  readonly streamNameOf: (command: Command) => string
}

/** Handles a command on the stream it names, its actor in the events' metadata. */
export type Handle<Command, Event, State, Err> = (
  command: Command,
  options?: CommandHandler.CommandOptions
) => Effect.Effect<CommandHandler.HandleResult<Event, State>, Err | CommandHandler.StoreError, EventStore>

/** An aggregate's command handling: the raw `handler` (the caller names the stream) and `handle`. */
export interface Commands<Command, Event, State, Err> {
  /** The raw handler: the caller names the stream and gives the metadata. */
  readonly handler: CommandHandler.CommandHandler<Command, Event, State, Err>
  /** Handles a command on the stream it names, its actor in the events' metadata. */
  readonly handle: Handle<Command, Event, State, Err>
}

/**
 * The command handling of `aggregate`: each command on the stream it names (`streamNameOf`), with
 * the actor `actorOf` finds in it recorded in the metadata of the events it produces.
 */
export const commands = <Command, Event extends { readonly _tag: string }, State, Err>(
  aggregate: Routed<Command, Event, State, Err>,
  actorOf: (command: Command) => ActorRef
): Commands<Command, Event, State, Err> => {
  const handler = CommandHandler.make({ decider: aggregate.decider, codec: aggregate.codec })
  return {
    handler,
    handle: (command, options) => handler(aggregate.streamNameOf(command), command, CommandHandler.withActor(actorOf(command), options))
  }
}
