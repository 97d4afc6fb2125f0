/**
 * The live feed: new events as Server-Sent Events, from `EventStore.subscribe`, optionally of
 * some categories only (`?category=product&category=pesantren`). Each message's `id` is the
 * event's global position; a client resumes after it with `Last-Event-ID` (or `?after=`).
 *
 * Each actor gets only the events it may see, as the programs' feed policies decide (the Dinas
 * sees every event as stored). An event of a category no policy judges is the Dinas's only.
 * Others never see who issued a command, nor the correlation and causation ids of the metadata:
 * only when the event occurred and its schema version.
 */
import { HttpServerResponse } from "@effect/platform"
import { Effect, Option, Schema, Stream } from "effect"
import { type Event, EventStore, GlobalPosition, StreamName } from "@jatim/eventstore"
import { type Actor, Visibility } from "@jatim/kernel"

/** The feed's query parameters: stream categories (each a valid category name) and where to resume. */
export const FeedParams = Schema.Struct({
  category: Schema.optional(Schema.Union(StreamName.CategorySchema, Schema.Array(StreamName.CategorySchema))),
  after: Schema.optional(GlobalPosition.GlobalPositionFromString)
})

/** The feed's headers: `Last-Event-ID`, the position a reconnecting client saw last. */
export const FeedHeaders = Schema.Struct({
  "last-event-id": Schema.optional(GlobalPosition.GlobalPositionFromString)
})

/** The position of the last event stored now, if any. */
const lastPosition = Effect.flatMap(EventStore.EventStore, (store) =>
  store.readAll({ direction: "backward", maxCount: 1 }).pipe(Stream.runHead, Effect.map(Option.map((event) => event.globalPosition)))
)

const encoder = new TextEncoder()

/** One feed message's data: the event as `actor` may see it. */
interface FeedEntry {
  readonly streamName: string
  readonly streamVersion: number
  readonly position: string
  readonly eventId: string
  readonly type: string
  readonly data: unknown
  readonly metadata: unknown
}

/**
 * What `actor` may see of `event`: the whole event for the Dinas; for others the data the
 * policy of its category allows, with the metadata reduced to its time and schema version.
 */
export const entryFor = <R>(policies: ReadonlyArray<Visibility.FeedPolicy<R>>, actor: Actor.Actor) => {
  const byCategory = new Map(policies.flatMap((policy) => policy.categories.map((category) => [category, policy] as const)))
  return (event: Event.RecordedEvent): Effect.Effect<Option.Option<FeedEntry>, never, R> => {
    const entry = (data: unknown, metadata: unknown): FeedEntry => ({
      streamName: event.streamName,
      streamVersion: event.streamVersion,
      position: GlobalPosition.format(event.globalPosition),
      eventId: event.eventId,
      type: event.type,
      data,
      metadata
    })
    if (Visibility.isDinas(actor)) return Effect.succeed(Option.some(entry(event.data, event.metadata)))
    const policy = byCategory.get(StreamName.category(event.streamName))
    if (policy === undefined) return Effect.succeed(Option.none())
    return Effect.map(
      policy.visible(actor, { streamName: event.streamName, type: event.type, data: event.data }),
      Option.map((data) =>
        entry(data, {
          occurredAt: event.metadata.occurredAt.toISOString(),
          schemaVersion: event.metadata.schemaVersion
        })
      )
    )
  }
}

/** The SSE response: a comment first, then one `event` message per new event `actor` may see, and a heartbeat. */
export const feed = <R>(options: {
  readonly actor: Actor.Actor
  readonly policies: ReadonlyArray<Visibility.FeedPolicy<R>>
  readonly categories: ReadonlyArray<string> | undefined
  readonly after: GlobalPosition.GlobalPosition | undefined
}) =>
  Effect.gen(function* () {
    const store = yield* EventStore.EventStore
    const from = options.after ?? Option.getOrUndefined(yield* lastPosition.pipe(Effect.orElseSucceed(() => Option.none())))
    const visible = entryFor(options.policies, options.actor)
    const events = store.subscribe({ from, categories: options.categories }).pipe(
      Stream.mapEffect(visible),
      Stream.filterMap((entry) => entry),
      Stream.map((entry) => `id: ${entry.position}\nevent: ${entry.type}\ndata: ${JSON.stringify(entry)}\n\n`),
      Stream.catchAll((error) => Stream.make(`event: error\ndata: ${JSON.stringify({ message: error.message })}\n\n`))
    )
    const heartbeat = Stream.tick("15 seconds").pipe(
      Stream.drop(1),
      Stream.map(() => ": heartbeat\n\n")
    )
    const body = Stream.concat(Stream.make(": connected\n\n"), Stream.merge(events, heartbeat, { haltStrategy: "left" })).pipe(
      Stream.map((text) => encoder.encode(text)),
      Stream.provideContext(yield* Effect.context<R>())
    )
    return HttpServerResponse.stream(body, {
      contentType: "text/event-stream",
      headers: { "cache-control": "no-cache", connection: "keep-alive", "x-accel-buffering": "no" }
    })
  })
