/**
 * The in-memory adapter: the whole contract, in one process, for tests, demos and
 * embedding where durability is not needed. Safe under concurrent fibers: every append
 * checks and writes in one uninterruptible step.
 *
 * @since 0.1.0
 */
import { Effect, Layer, Option } from "effect"
import * as Adapter from "./Adapter.js"
import type { RecordedEvent } from "./Event.js"
import { type AppendResult, EventStore } from "./EventStore.js"
import { type AppendError, ExpectedVersionConflict, InlineProjectionFailed } from "./EventStoreError.js"
import type { InMemoryReadModel } from "./InMemoryReadModel.js"
import * as ExpectedVersion from "./ExpectedVersion.js"
import * as GlobalPosition from "./GlobalPosition.js"
import * as StreamName from "./StreamName.js"

/** Options of the in-memory adapter. */
export interface InMemoryEventStoreOptions {
  readonly limits?: Adapter.AppendLimits | undefined
  /** Read models updated in the same step as each append: a failing one fails the append. */
  readonly inline?: ReadonlyArray<InMemoryReadModel<unknown>> | undefined
}

/** The first index of `events` (sorted by position) whose position is after `from`. */
const firstAfter = (events: ReadonlyArray<RecordedEvent>, from: GlobalPosition.GlobalPosition): number => {
  let low = 0
  let high = events.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (GlobalPosition.isAfter(events[mid]!.globalPosition, from)) high = mid
    else low = mid + 1
  }
  return low
}

/** Makes an empty in-memory event store. */
export const make = (options: InMemoryEventStoreOptions = {}): Effect.Effect<EventStore> =>
  Effect.gen(function* () {
    const inline = options.inline ?? []
    const streams = new Map<string, Array<RecordedEvent>>()
    const categories = new Map<string, Array<RecordedEvent>>()
    const byId = new Map<string, RecordedEvent>()
    const log: Array<RecordedEvent> = []
    let transactions = 0
    const changes = yield* Adapter.makeChangeSignal

    const append: Adapter.Primitives["append"] = (append, expected) =>
      Effect.suspend((): Effect.Effect<AppendResult, AppendError> => {
        const stream = streams.get(append.streamName) ?? []
        const actual = stream.length
        const retry = Adapter.checkRetry(
          append,
          append.events.map((event) => byId.get(event.eventId))
        )
        if (retry._tag === "Left") return retry.left
        if (Option.isSome(retry.right)) return Effect.succeed({ ...retry.right.value, eventsWritten: 0 })
        if (!ExpectedVersion.isSatisfiedBy(expected, actual)) {
          return new ExpectedVersionConflict({ streamName: append.streamName, expected, actual })
        }
        if (append.events.length === 0) {
          return Effect.succeed({ nextExpectedVersion: actual, lastPosition: undefined, eventsWritten: 0 })
        }
        const transaction = transactions + 1
        const recorded = append.events.map(
          (event, i): RecordedEvent => ({
            streamName: append.streamName,
            streamVersion: actual + i + 1,
            globalPosition: GlobalPosition.make(transaction, log.length + i + 1),
            eventId: event.eventId,
            type: event.type,
            data: event.data,
            metadata: event.metadata
          })
        )
        const commits: Array<() => void> = []
        for (const model of inline) {
          const prepared = model.prepare(recorded)
          if (prepared._tag === "Left") {
            return new InlineProjectionFailed({
              projection: model.projection.name,
              streamName: append.streamName,
              reason: prepared.left.message
            })
          }
          commits.push(prepared.right)
        }
        for (const commit of commits) commit()
        transactions = transaction
        const category = categories.get(append.category) ?? []
        for (const event of recorded) {
          stream.push(event)
          category.push(event)
          log.push(event)
          byId.set(event.eventId, event)
        }
        streams.set(append.streamName, stream)
        categories.set(append.category, category)
        const last = recorded[recorded.length - 1]!
        return Effect.as(changes.notifyCategories([append.category]), {
          nextExpectedVersion: last.streamVersion,
          lastPosition: last.globalPosition,
          eventsWritten: recorded.length
        })
      }).pipe(Effect.uninterruptible)

    const readStream: Adapter.Primitives["readStream"] = (name, request) =>
      Effect.sync(() => {
        const stream = streams.get(name) ?? []
        const maxCount = request.maxCount ?? stream.length
        let events: Array<RecordedEvent>
        if (request.direction === "backward") {
          const end = Math.min(request.fromVersion ?? stream.length, stream.length)
          events = stream.slice(Math.max(0, end - maxCount), end).reverse()
        } else {
          const start = (request.fromVersion ?? 1) - 1
          events = stream.slice(start, start + maxCount)
        }
        return { streamVersion: stream.length, events }
      })

    const readPage: Adapter.ReadPage = (request) =>
      Effect.sync(() => {
        const source = request.categories?.length === 1 ? (categories.get(request.categories[0]!) ?? []) : log
        const wanted = (event: RecordedEvent) =>
          (request.categories === undefined || request.categories.includes(StreamName.category(event.streamName))) &&
          (request.eventTypes === undefined || request.eventTypes.includes(event.type))
        const page: Array<RecordedEvent> = []
        if (request.direction === "forward") {
          const start = request.from === undefined ? 0 : firstAfter(source, request.from)
          for (let i = start; i < source.length && page.length < request.limit; i++) {
            if (wanted(source[i]!)) page.push(source[i]!)
          }
        } else {
          const from = request.from
          let i = from === undefined ? source.length : firstAfter(source, from)
          while (i > 0 && from !== undefined && !GlobalPosition.isAfter(from, source[i - 1]!.globalPosition)) i--
          for (i = i - 1; i >= 0 && page.length < request.limit; i--) {
            if (wanted(source[i]!)) page.push(source[i]!)
          }
        }
        return Adapter.decodedPage(page)
      })

    return EventStore.of(Adapter.make({ limits: options.limits, append, readStream, readPage, changes }))
  })

/** A layer with a new, empty in-memory event store. */
export const layer = (options?: InMemoryEventStoreOptions): Layer.Layer<EventStore> => Layer.effect(EventStore, make(options))
