/** Reads in global order made of pages: `readAll` and `subscribe` for every adapter. */
import { Chunk, Deferred, type Duration, Effect, Exit, FiberId, Option, Stream } from "effect"
import type { RecordedEvent } from "../../Event.js"
import type { Direction, ReadAllOptions, SubscribeOptions } from "../../EventStore.js"
import type { ReadError } from "../../EventStoreError.js"
import type { GlobalPosition } from "../../GlobalPosition.js"
import type * as StreamName from "../../StreamName.js"
import type { ChangeSignal } from "./changeSignal.js"
import { validateFilter } from "./readOptions.js"

/** One page of a read in global order, as an adapter serves it. */
export interface PageRequest {
  readonly direction: Direction
  /** Exclusive; `undefined` reads from the start (forward) or the end (backward). */
  readonly from: GlobalPosition | undefined
  readonly limit: number
  /** Only these categories (every category when absent). */
  readonly categories: ReadonlyArray<StreamName.Category> | undefined
  /** Only these event types (every type when absent). */
  readonly eventTypes: ReadonlyArray<string> | undefined
}

/**
 * A page as read, before its events are decoded: how many there are, where the last one
 * stands (the next page starts after it), and their decoding, which readers run while the
 * next page is being read.
 */
export interface Page {
  readonly size: number
  readonly last: GlobalPosition | undefined
  readonly events: Effect.Effect<ReadonlyArray<RecordedEvent>, ReadError>
}

/** A page of events already decoded (an adapter that keeps events in memory). */
export const decodedPage = (events: ReadonlyArray<RecordedEvent>): Page => ({
  size: events.length,
  last: events[events.length - 1]?.globalPosition,
  events: Effect.succeed(events)
})

/** Reads one page in global order: at most `limit` events, fewer only when no more are stored. */
export type ReadPage = (request: PageRequest) => Effect.Effect<Page, ReadError>

/** Decodes pages one behind the reads: page n + 1 is read while page n is decoded and used. */
const decodeBehind = <E>(pages: Stream.Stream<Page, E>): Stream.Stream<RecordedEvent, E | ReadError> =>
  pages.pipe(
    Stream.bufferChunks({ capacity: 1 }),
    Stream.mapConcatChunkEffect((page) => Effect.map(page.events, Chunk.unsafeFromArray))
  )

/** `readAll` made of pages: reads until a page comes back short or `maxCount` is reached. */
export const readAllFromPages =
  (readPage: ReadPage) =>
  (options: ReadAllOptions = {}): Stream.Stream<RecordedEvent, ReadError> =>
    Stream.unwrap(
      Effect.map(validateFilter(options), ({ batchSize, categories }) => {
        const direction = options.direction ?? "forward"
        const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY
        if (maxCount <= 0) return Stream.empty
        return decodeBehind(
          Stream.paginateEffect({ from: options.from, remaining: maxCount }, (state) => {
            const limit = Math.min(batchSize, state.remaining)
            return Effect.map(readPage({ direction, from: state.from, limit, categories, eventTypes: options.eventTypes }), (page) => {
              const next =
                page.size < limit || page.last === undefined || state.remaining - page.size <= 0
                  ? Option.none()
                  : Option.some({ from: page.last, remaining: state.remaining - page.size })
              return [page, next] as const
            })
          })
        )
      })
    )

/**
 * Page reads shared by the subscribers that ask for the same page at the same time: a read asked
 * while the same one (same position, size and filter) is on its way, and asked at the same count
 * of the change signal (so nothing was stored since that read started, as far as the signal
 * tells), waits for that read instead of reading again; its events are decoded once. Projections
 * of the same categories wake together on an append and read the same page: one read serves
 * them all. A read whose reader was interrupted is read again by those who waited for it.
 */
const sharedPageReads = (readPage: ReadPage) => {
  const onTheirWay = new Map<string, Deferred.Deferred<Page, ReadError>>()
  const keyOf = (request: PageRequest, seen: number) =>
    JSON.stringify([seen, request.from?.transaction, request.from?.sequence, request.limit, request.categories, request.eventTypes])
  const readOnce = (request: PageRequest, key: string, read: Deferred.Deferred<Page, ReadError>) =>
    readPage(request).pipe(
      Effect.flatMap((page) => Effect.map(Effect.cached(page.events), (events): Page => ({ ...page, events }))),
      Effect.onExit((exit) =>
        Effect.suspend(() => {
          onTheirWay.delete(key)
          return Deferred.done(read, exit)
        })
      )
    )
  return (request: PageRequest, seen: number): Effect.Effect<Page, ReadError> =>
    Effect.suspend(() => {
      const key = keyOf(request, seen)
      const shared = onTheirWay.get(key)
      if (shared !== undefined) {
        return Effect.flatMap(Deferred.await(shared).pipe(Effect.exit), (exit) => (Exit.isInterrupted(exit) ? readPage(request) : exit))
      }
      const read = Deferred.unsafeMake<Page, ReadError>(FiberId.none)
      onTheirWay.set(key, read)
      return readOnce(request, key, read)
    })
}

/**
 * `subscribe` made of pages and a change signal: reads pages after the checkpoint while they come
 * back full; after a short page (nothing more was there) it waits for the signal (or the poll
 * interval, when given) and reads again. The signal's count is taken before each read, so an
 * append that the read did not see has moved it on, and the wait ends at once. Subscribers of one
 * store that ask for the same page at the same time share its read (`sharedPageReads`).
 */
export const subscribeFromPages = (readPage: ReadPage, signal: ChangeSignal, pollInterval?: Duration.DurationInput) => {
  const readShared = sharedPageReads(readPage)
  return (options: SubscribeOptions = {}): Stream.Stream<RecordedEvent, ReadError> =>
    Stream.unwrap(
      Effect.map(validateFilter(options), ({ batchSize, categories }) =>
        Stream.suspend(() => {
          let cursor = options.from
          // The signal's count before the last read, when that read came back short: the next
          // read waits for a change since then.
          let caughtUpAt: number | undefined
          const wait = (seen: number) =>
            pollInterval === undefined
              ? signal.awaitChange(seen, categories)
              : Effect.raceFirst(signal.awaitChange(seen, categories), Effect.sleep(pollInterval))
          const nextPage: Effect.Effect<Page, ReadError> = Effect.gen(function* () {
            while (true) {
              if (caughtUpAt !== undefined) {
                yield* wait(caughtUpAt)
                caughtUpAt = undefined
              }
              const seen = yield* signal.current
              const page = yield* readShared(
                { direction: "forward", from: cursor, limit: batchSize, categories, eventTypes: options.eventTypes },
                seen
              )
              if (page.size < batchSize) caughtUpAt = seen
              if (page.size > 0) {
                // A page without a readable last position fails in its decoding.
                cursor = page.last ?? cursor
                return page
              }
            }
          })
          return decodeBehind(Stream.repeatEffect(nextPage))
        })
      )
    )
}
