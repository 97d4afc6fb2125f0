/** Reads in global order made of pages: `readAll` and `subscribe` for every adapter. */
import { Chunk, Deferred, type Duration, Effect, Exit, FiberId, Option, Stream } from "effect"
import type { RecordedEvent } from "../../Event.js"
import type { Direction, EventFilter, ReadAllOptions, SubscribeOptions } from "../../EventStore.js"
import type { ReadError } from "../../EventStoreError.js"
import type { GlobalPosition } from "../../GlobalPosition.js"
import type * as StreamName from "../../StreamName.js"
import type { ChangeSignal } from "./changeSignal.js"
import { validateFilter } from "./readOptions.js"
import * as SharedTail from "./sharedTail.js"

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

/** A page, and what `noteAtStart` said just before its read began. */
interface NotedPage {
  readonly page: Page
  readonly noted: SharedTail.Cursor
}

/**
 * Page reads shared by the subscribers that ask for the same page at the same time: a read asked
 * while the same one (same position, size and filter) is on its way, and asked at the same count
 * of the change signal (so nothing was stored since that read started, as far as the signal
 * tells), waits for that read instead of reading again; its events are decoded once. Projections
 * of the same categories wake together on an append and read the same page: one read serves
 * them all. A read whose reader was interrupted is read again by those who waited for it.
 *
 * Each read comes with what `noteAtStart` said just before it began (the shared tail's head):
 * a subscriber that waits for a read begun before it asked gets that read's note, not its own.
 */
const sharedPageReads = (readPage: ReadPage, noteAtStart: () => SharedTail.Cursor) => {
  const onTheirWay = new Map<string, Deferred.Deferred<NotedPage, ReadError>>()
  const keyOf = (request: PageRequest, seen: number) =>
    JSON.stringify([seen, request.from?.transaction, request.from?.sequence, request.limit, request.categories, request.eventTypes])
  const readNoted = (request: PageRequest): Effect.Effect<NotedPage, ReadError> =>
    Effect.suspend(() => {
      const noted = noteAtStart()
      return Effect.map(readPage(request), (page) => ({ page, noted }))
    })
  const readOnce = (request: PageRequest, key: string, read: Deferred.Deferred<NotedPage, ReadError>) =>
    readNoted(request).pipe(
      Effect.flatMap(({ noted, page }) =>
        Effect.map(Effect.cached(page.events), (events): NotedPage => ({ page: { ...page, events }, noted }))
      ),
      Effect.onExit((exit) =>
        Effect.suspend(() => {
          onTheirWay.delete(key)
          return Deferred.done(read, exit)
        })
      )
    )
  return (request: PageRequest, seen: number): Effect.Effect<NotedPage, ReadError> =>
    Effect.suspend(() => {
      const key = keyOf(request, seen)
      const shared = onTheirWay.get(key)
      if (shared !== undefined) {
        return Effect.flatMap(Deferred.await(shared).pipe(Effect.exit), (exit) => (Exit.isInterrupted(exit) ? readNoted(request) : exit))
      }
      const read = Deferred.unsafeMake<NotedPage, ReadError>(FiberId.none)
      onTheirWay.set(key, read)
      return readOnce(request, key, read)
    })
}

/** Events per page the shared tail reads, and how many it keeps (see `sharedTail.ts`). */
export const sharedTailOptions: SharedTail.SharedTailOptions = { pageSize: 500, capacity: 5_000 }

/**
 * `subscribe` made of pages and a change signal: reads pages after the checkpoint while they come
 * back full; after a short page (nothing more was there) it waits for the signal (or the poll
 * interval, when given) and reads again. The signal's count is taken before each read, so an
 * append that the read did not see has moved it on, and the wait ends at once. Subscribers of one
 * store that ask for the same page at the same time share its read (`sharedPageReads`).
 *
 * With `sharedTail` (the default), a subscriber that has caught up takes what it selects from the
 * store's shared tail (`sharedTail.ts`) instead of reading pages of its own: each new event is
 * read and decoded once for all of them. It goes back to its own pages when it falls behind what
 * the tail keeps.
 */
export const subscribeFromPages = (
  readPage: ReadPage,
  signal: ChangeSignal,
  options: {
    readonly pollInterval?: Duration.DurationInput | undefined
    /** `false` for pages of each subscriber's own; `true` or absent for the tail with `sharedTailOptions`. */
    readonly sharedTail?: boolean | SharedTail.SharedTailOptions | undefined
  } = {}
) => {
  const tail =
    options.sharedTail === false
      ? undefined
      : SharedTail.make(readPage, signal, typeof options.sharedTail === "object" ? options.sharedTail : sharedTailOptions)
  const readShared = sharedPageReads(readPage, () => tail?.head())
  const { pollInterval } = options
  return (subscription: SubscribeOptions = {}): Stream.Stream<RecordedEvent, ReadError> =>
    Stream.unwrap(
      Effect.map(validateFilter(subscription), ({ batchSize, categories }) =>
        Stream.suspend(() => {
          const filter: EventFilter = { categories, eventTypes: subscription.eventTypes }
          // Nothing it selects lies between the last event it was given and the cursor.
          let cursor = subscription.from
          // The signal's count before the last read, when that read came back short: the next
          // read waits for a change since then.
          let caughtUpAt: number | undefined
          let inTail = false
          // Whether the last wait ended by the poll interval rather than by a change signalled.
          let polled = false
          /** Waits for a change after `seen`, or the poll interval; answers whether it was the poll. */
          const wait = (seen: number): Effect.Effect<boolean> =>
            pollInterval === undefined
              ? Effect.as(signal.awaitChange(seen, categories), false)
              : Effect.raceFirst(Effect.as(signal.awaitChange(seen, categories), false), Effect.as(Effect.sleep(pollInterval), true))
          const leaveTail = () => {
            if (inTail) tail?.leave()
            inTail = false
          }
          const nextPage: Effect.Effect<Page, ReadError> = Effect.gen(function* () {
            while (true) {
              if (caughtUpAt !== undefined) {
                polled = yield* wait(caughtUpAt)
                caughtUpAt = undefined
              }
              const seen = yield* signal.current
              if (inTail && tail !== undefined) {
                const taken = yield* tail.take(cursor, filter, batchSize, seen, polled)
                polled = false
                if (taken === undefined) {
                  leaveTail()
                  continue
                }
                cursor = taken.cursor
                caughtUpAt = taken.caughtUpAt
                if (taken.events.length > 0) return decodedPage(taken.events)
                continue
              }
              const { noted: tailHead, page } = yield* readShared(
                { direction: "forward", from: cursor, limit: batchSize, categories, eventTypes: subscription.eventTypes },
                seen
              )
              // A page without a readable last position fails in its decoding.
              if (page.size > 0) cursor = page.last ?? cursor
              if (page.size < batchSize) {
                caughtUpAt = seen
                // Nothing more was there when the read began, when the tail had read up to `tailHead`.
                if (tail !== undefined) {
                  cursor = SharedTail.later(cursor, tailHead)
                  inTail = yield* tail.join(cursor)
                }
              }
              if (page.size > 0) return page
            }
          })
          return decodeBehind(Stream.repeatEffect(nextPage)).pipe(Stream.ensuring(Effect.sync(leaveTail)))
        })
      )
    )
}
