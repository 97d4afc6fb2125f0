/**
 * The live feed: new events as Server-Sent Events, from `EventStore.subscribe`, optionally of
 * some categories only (`?category=product&category=pesantren`). Each message's `id` is the
 * event's global position; a client resumes after it with `Last-Event-ID` (or `?after=`).
 */
import { HttpServerResponse } from "@effect/platform"
import { Effect, Option, Schema, Stream } from "effect"
import { EventStore, GlobalPosition } from "@jatim/eventstore"

/** The feed's query parameters. */
export const FeedParams = Schema.Struct({
  category: Schema.optional(Schema.Union(Schema.String, Schema.Array(Schema.String))),
  after: Schema.optional(GlobalPosition.GlobalPositionFromString)
})

/** The position of the last event stored now, if any. */
const lastPosition = Effect.flatMap(EventStore.EventStore, (store) =>
  store.readAll({ direction: "backward", maxCount: 1 }).pipe(
    Stream.runHead,
    Effect.map(Option.map((event) => event.globalPosition))
  ))

const encoder = new TextEncoder()

/** The SSE response: a comment first, then one `event` message per new event, and a heartbeat. */
export const feed = (options: {
  readonly categories: ReadonlyArray<string> | undefined
  readonly after: GlobalPosition.GlobalPosition | undefined
}) =>
  Effect.gen(function*() {
    const store = yield* EventStore.EventStore
    const from = options.after ?? Option.getOrUndefined(yield* lastPosition.pipe(Effect.orElseSucceed(() => Option.none())))
    const events = store.subscribe({ from, categories: options.categories }).pipe(
      Stream.map((event) =>
        `id: ${GlobalPosition.format(event.globalPosition)}\nevent: ${event.type}\ndata: ${
          JSON.stringify({
            streamName: event.streamName,
            streamVersion: event.streamVersion,
            position: GlobalPosition.format(event.globalPosition),
            eventId: event.eventId,
            type: event.type,
            data: event.data,
            metadata: event.metadata
          })
        }\n\n`
      ),
      Stream.catchAll((error) => Stream.make(`event: error\ndata: ${JSON.stringify({ message: error.message })}\n\n`))
    )
    const heartbeat = Stream.tick("15 seconds").pipe(Stream.drop(1), Stream.map(() => ": heartbeat\n\n"))
    const body = Stream.concat(Stream.make(": connected\n\n"), Stream.merge(events, heartbeat, { haltStrategy: "left" })).pipe(
      Stream.map((text) => encoder.encode(text))
    )
    return HttpServerResponse.stream(body, {
      contentType: "text/event-stream",
      headers: { "cache-control": "no-cache", connection: "keep-alive", "x-accel-buffering": "no" }
    })
  })
