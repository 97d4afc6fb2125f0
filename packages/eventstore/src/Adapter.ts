/**
 * The constructor of `EventStore` adapters. An adapter gives a few primitives (write a
 * validated batch, read one stream, read a page in global order, a change signal) and
 * `make` turns them into the whole contract: validation of every append and read, the
 * decoding of expected versions, reads of all events and categories made of pages,
 * subscriptions, spans, and the append metrics of `StoreMetrics`. Every adapter then validates,
 * pages, streams and measures exactly alike; the in-memory adapter and the PostgreSQL adapter are
 * both made by it.
 *
 * @since 0.1.0
 */
import { type Duration, Effect, Stream } from "effect"
import type { AppendResult, EventStore, ReadStreamResult } from "./EventStore.js"
import type { AppendError, ReadError } from "./EventStoreError.js"
import type { ExpectedVersion } from "./ExpectedVersion.js"
import { decodeExpectedVersion } from "./internal/adapter/expectedVersion.js"
import { type ReadPage, readAllFromPages, subscribeFromPages } from "./internal/adapter/pages.js"
import { type AppendLimits, defaultAppendLimits, type PreparedAppend, prepareAppend } from "./internal/adapter/prepareAppend.js"
import { type StreamReadRequest, validateReadStreamOptions } from "./internal/adapter/readOptions.js"
import { trackAppend } from "./internal/metrics.js"
import type { ChangeSignal } from "./internal/adapter/changeSignal.js"
import type { StreamName } from "./StreamName.js"
import * as StreamNames from "./StreamName.js"

export type { ChangeSignal } from "./internal/adapter/changeSignal.js"
export { makeChangeSignal } from "./internal/adapter/changeSignal.js"
export { type AlreadyAppended, checkRetry, duplicateReasons } from "./internal/adapter/idempotentRetry.js"
export { decodedPage, type Page, type PageRequest, type ReadPage } from "./internal/adapter/pages.js"
export {
  type AppendLimits,
  defaultAppendLimits,
  type PreparedAppend,
  type PreparedEvent
} from "./internal/adapter/prepareAppend.js"
export { defaultBatchSize, type StreamReadRequest } from "./internal/adapter/readOptions.js"

/** What an adapter provides; `make` builds the rest of the contract on it. */
export interface Primitives {
  /** What one append may carry; `defaultAppendLimits` when absent. */
  readonly limits?: AppendLimits | undefined
  /**
   * Writes a batch, already validated, atomically: checks `expected` against the stream and the
   * batch's ids against those stored (an idempotent retry writes nothing, see `checkRetry`),
   * then stores every event or none and wakes subscribers.
   */
  readonly append: (append: PreparedAppend, expected: ExpectedVersion) => Effect.Effect<AppendResult, AppendError>
  /** Reads one stream, its name and options already validated. */
  readonly readStream: (streamName: StreamName, request: StreamReadRequest) => Effect.Effect<ReadStreamResult, ReadError>
  /** Reads one page in global order, of what is stored now: subscriptions read with it. */
  readonly readPage: ReadPage
  /**
   * The page reader of one read of all events or of a category, made when the read starts
   * (an adapter may fix there what the whole read sees); `readPage` when absent.
   */
  readonly startRead?: Effect.Effect<ReadPage, ReadError> | undefined
  /** Tells subscribers that new events may have been stored. */
  readonly changes: ChangeSignal
  /** How often a subscriber reads again when no change is signalled; never when absent. */
  readonly pollInterval?: Duration.DurationInput | undefined
  /**
   * Whether subscribers that have caught up take new events from one shared read of the store's
   * newest events (each new event read and decoded once for all of them) instead of each reading
   * its own pages; `true`. A store whose only subscriber selects a small part of its events may
   * read less without it.
   */
  readonly sharedTail?: boolean | undefined
}

/** A page reader whose every page is a span. */
const traced =
  (readPage: ReadPage): ReadPage =>
  (request) =>
    readPage(request).pipe(
      Effect.withSpan("EventStore.readPage", {
        attributes: { limit: request.limit, direction: request.direction },
        captureStackTrace: false
      })
    )

/** Builds the `EventStore` contract on an adapter's primitives. */
export const make = (primitives: Primitives): EventStore => {
  const limits = primitives.limits ?? defaultAppendLimits
  const startRead = primitives.startRead ?? Effect.succeed(primitives.readPage)
  const readAll: EventStore["readAll"] = (options) =>
    Stream.unwrap(Effect.map(startRead, (readPage) => readAllFromPages(traced(readPage))(options)))

  return {
    appendToStream: (streamName, events, options) =>
      Effect.gen(function* () {
        const append = yield* prepareAppend(streamName, events, limits)
        const expected = yield* decodeExpectedVersion(append.streamName, options?.expectedVersion)
        return yield* trackAppend(append.category, append.events.length, primitives.append(append, expected))
      }).pipe(
        Effect.withSpan("EventStore.appendToStream", { attributes: { streamName, events: events.length }, captureStackTrace: false })
      ),
    readStream: (streamName, options) =>
      Effect.gen(function* () {
        const name = yield* StreamNames.parse(streamName)
        const request = yield* validateReadStreamOptions(options)
        return yield* primitives.readStream(name, request)
      }).pipe(Effect.withSpan("EventStore.readStream", { attributes: { streamName }, captureStackTrace: false })),
    readAll,
    readCategory: (category, options) => readAll({ ...options, categories: [category] }),
    subscribe: subscribeFromPages(traced(primitives.readPage), primitives.changes, {
      pollInterval: primitives.pollInterval,
      sharedTail: primitives.sharedTail
    })
  }
}
