/** `jatim events tail` (the store followed live until Ctrl-C) and `jatim events show STREAM` (a stream's events). */
import { Args, Command, Options } from "@effect/cli"
import { Console, Effect, Option, Schema, Stream } from "effect"
import { Event, EventStore, GlobalPosition } from "@jatim/eventstore"
import { orCliError, storeLayer } from "./database.js"
import { CliError } from "./errors.js"

/** One event on one line: position, stream@version, type, when, data (JSON). */
export const eventLine = (event: Event.RecordedEvent): string =>
  [
    GlobalPosition.format(event.globalPosition),
    `${event.streamName}@${event.streamVersion}`,
    event.type,
    event.metadata.occurredAt.toISOString(),
    JSON.stringify(event.data)
  ].join("  ")

/** An event's metadata as JSON. */
const encodeMetadata = Schema.encodeSync(Schema.parseJson(Event.EventMetadata))

const category = Options.text("category").pipe(
  Options.withAlias("c"),
  Options.withDescription("Only events of streams in this category (e.g. product, order; repeat for several)"),
  Options.repeated
)
const from = Options.text("from").pipe(
  Options.withDescription(
    'Start after this global position ("transaction.sequence", as printed); 0.0 for every event. By default only new events'
  ),
  Options.withSchema(GlobalPosition.GlobalPositionFromString),
  Options.optional
)

const tail = Command.make("tail", { category, from }, ({ category, from }) =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const categories = category.length === 0 ? undefined : category
    // Without --from: from the last event stored now, so only new ones show.
    const start = Option.isSome(from)
      ? from.value
      : Option.getOrUndefined(
          Option.map(
            yield* Stream.runHead(store.readAll({ categories, direction: "backward", maxCount: 1 })).pipe(orCliError("read the store")),
            (event) => event.globalPosition
          )
        )
    yield* Console.error(
      `Following ${categories === undefined ? "every category" : `categories ${categories.join(", ")}`} after ${
        start === undefined ? "the start" : GlobalPosition.format(start)
      } (Ctrl-C to stop)`
    )
    yield* store.subscribe({ categories, from: start }).pipe(
      Stream.runForEach((event) => Console.log(eventLine(event))),
      orCliError("follow the store")
    )
  }).pipe(Effect.provide(storeLayer({ migrate: false })))
).pipe(Command.withDescription("Follow the store live, one event per line, until Ctrl-C."))

const stream = Args.text({ name: "STREAM" }).pipe(Args.withDescription("The stream's name, e.g. product-P-001 (as events tail shows it)"))

const show = Command.make("show", { stream }, ({ stream }) =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const { events } = yield* store.readStream(stream).pipe(orCliError(`read stream ${stream}`))
    if (events.length === 0) return yield* new CliError({ message: `Stream "${stream}" has no events.` })
    for (const event of events) {
      yield* Console.log(eventLine(event))
      const metadata = encodeMetadata(event.metadata)
      yield* Console.log(`    metadata ${metadata}`)
    }
  }).pipe(Effect.provide(storeLayer({ migrate: false })))
).pipe(Command.withDescription("A stream's events, oldest first, with their metadata."))

/** The `events` command group. */
export const events = Command.make("events").pipe(
  Command.withDescription("The store's events: follow them live, or read a stream."),
  Command.withSubcommands([tail, show])
)
