/**
 * What a step of the demo data is: one command (or the acceptance saga) on the event store of
 * the context, which may fail with a typed error (a domain rule, the store, or
 * `StepAlreadyApplied`) — as it does when the store already reflects it.
 */
import { Effect, Schema } from "effect"
import { EventStore } from "@jatim/eventstore"

/** One step of the demo data. */
export type DemoStep = Effect.Effect<unknown, { readonly _tag: string; readonly message: string }, EventStore.EventStore>

/** A demo step the store already reflects, though the domain would accept it again. */
export class StepAlreadyApplied extends Schema.TaggedError<StepAlreadyApplied>()("StepAlreadyApplied", {
  message: Schema.String
}) {}

/**
 * Runs `step` unless the stream `streamName` already holds an event of type `eventType`: for
 * steps the domain allows again (a product graded PEMULA and on no channel may be curated
 * again), so that loading the demo data again does not repeat them.
 */
export const unlessRecorded = (streamName: string, eventType: string, step: DemoStep): DemoStep =>
  Effect.flatMap(EventStore.EventStore, (store) => store.readStream(streamName)).pipe(
    Effect.flatMap(({ events }) =>
      events.some((event) => event.type === eventType)
        ? Effect.fail(new StepAlreadyApplied({ message: `${streamName} already holds ${eventType}; the demo does not repeat it.` }))
        : step
    )
  )
