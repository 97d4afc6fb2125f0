/**
 * The newest events of a store, read once for all its subscribers that keep up (adr/0093).
 *
 * Without it, every subscriber reads its own pages: when an append wakes ten projections of one
 * category, each with its own filter and its own position, ten queries read and decode the same
 * new event. The tail reads the events after its head, of every category and type, in pages
 * shared by whoever asks, and keeps the newest of them in memory; a subscriber that has caught up
 * takes the events its filter selects from there.
 *
 * What the tail holds: every stored event after `start` up to `head`, in global order. A
 * subscriber may take from it once nothing it selects lies between its cursor and `start`:
 * either its cursor is at or after `start`, or its own read, which came back short, began after
 * the tail had read up to its cursor's new value (see `join`). Reads in global order never see an
 * event appear behind one already read (the adapter's contract), so a short read proves there is
 * nothing more up to where the tail stood when the read began.
 *
 * A page the tail cannot decode (a stored row that is not a valid event) stops the tail rather than
 * failing every subscriber: they go back to reading their own pages, so only those whose filter
 * selects the row meet its error, as before. The tail starts again after that row once a
 * subscriber has moved past it.
 *
 * @internal
 */
import { Deferred, Effect, Either, Exit, FiberId } from "effect"
import type { RecordedEvent } from "../../Event.js"
import type { EventFilter } from "../../EventStore.js"
import type { ReadError } from "../../EventStoreError.js"
import * as GlobalPosition from "../../GlobalPosition.js"
import { selects } from "../../Projection.js"
import type { ChangeSignal } from "./changeSignal.js"
import type { ReadPage } from "./pages.js"

/** A position in global order; `undefined` is before the first event. */
export type Cursor = GlobalPosition.GlobalPosition | undefined

/** -1, 0 or 1 as `a` is before, at or after `b` (`undefined` before every position). */
const compare = (a: Cursor, b: Cursor): number =>
  a === undefined ? (b === undefined ? 0 : -1) : b === undefined ? 1 : GlobalPosition.order(a, b)

/** The later of two cursors. */
export const later = (a: Cursor, b: Cursor): Cursor => (compare(a, b) >= 0 ? a : b)

/** What a subscriber took from the tail. */
export interface Taken {
  /** The events after its cursor that it selects, in order (none when there were none yet). */
  readonly events: ReadonlyArray<RecordedEvent>
  /** Its new cursor: nothing it selects lies between the old one and this one but `events`. */
  readonly cursor: Cursor
  /**
   * The change signal's count at which the tail was last found at the end of the store, when the
   * subscriber has taken everything up to there: it waits for a change after it before taking
   * again. `undefined` when more may be there at once.
   */
  readonly caughtUpAt: number | undefined
}

/** The shared tail of a store's events, used by `subscribeFromPages`. */
export interface SharedTail {
  /** Where the tail has read up to; note it before a read of one's own, for `join`. */
  readonly head: () => Cursor
  /**
   * Joins the tail at `cursor`, which a short read of one's own reached (its last event, or the
   * `head` noted before that read when later); `false` when the tail does not reach back that
   * far, or stopped on an undecodable row the cursor is not past. A tail that nobody takes from
   * and that does not reach the cursor starts again there, or, when the cursor lies more than a
   * page behind the store's end, at the store's newest event (the subscriber then joins after a
   * later read of its own).
   */
  readonly join: (cursor: Cursor) => Effect.Effect<boolean, ReadError>
  /** Leaves the tail (a subscriber that joined, when it stops or goes back to its own reads). */
  readonly leave: () => void
  /**
   * Takes up to `limit` events after `cursor` that `filter` selects, reading the store when the
   * tail holds none and may not be at its end (the change signal's count is `seen`), or, with
   * `polled`, whenever it holds none (a poll looks for events no signal told of). `undefined`
   * when the tail no longer reaches back to `cursor`: the subscriber leaves and reads its own pages.
   */
  readonly take: (
    cursor: Cursor,
    filter: EventFilter,
    limit: number,
    seen: number,
    polled: boolean
  ) => Effect.Effect<Taken | undefined, ReadError>
}

/** Options of the tail: events per page it reads, and how many it keeps. */
export interface SharedTailOptions {
  readonly pageSize: number
  readonly capacity: number
}

/** A shared tail of the store that `readPage` reads and `signal` tells about. */
export const make = (readPage: ReadPage, signal: ChangeSignal, options: SharedTailOptions): SharedTail => {
  let started = false
  let start: Cursor
  let head: Cursor
  let events: Array<RecordedEvent> = []
  /** The signal's count when a read that came back short began: the tail was at the store's end then. */
  let endSeen: number | undefined
  /** Set when a page did not decode: the position of its last row, which the tail cannot read past. */
  let stoppedAt: { readonly last: Cursor } | undefined
  let members = 0
  let reading: Deferred.Deferred<void, ReadError> | undefined

  const restartAt = (cursor: Cursor) => {
    started = true
    start = cursor
    head = cursor
    events = []
    endSeen = undefined
    stoppedAt = undefined
  }

  /** Index of the first event after `cursor`. */
  const firstAfter = (cursor: Cursor): number => {
    let low = 0
    let high = events.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (compare(events[middle]!.globalPosition, cursor) <= 0) low = middle + 1
      else high = middle
    }
    return low
  }

  /** Reads the page after `head` into the tail, keeping at most `capacity` events. */
  const readOnce: Effect.Effect<void, ReadError> = Effect.gen(function* () {
    const seenAtStart = yield* signal.current
    const page = yield* readPage({
      direction: "forward",
      from: head,
      limit: options.pageSize,
      categories: undefined,
      eventTypes: undefined
    })
    const decoded = yield* Effect.either(page.events)
    if (Either.isLeft(decoded)) {
      stoppedAt = { last: page.last ?? head }
      return
    }
    for (const event of decoded.right) events.push(event)
    head = page.last ?? head
    endSeen = page.size < options.pageSize ? seenAtStart : undefined
    if (events.length > options.capacity) {
      const dropped = events.length - options.capacity
      start = events[dropped - 1]!.globalPosition
      events = events.slice(dropped)
    }
  })

  /**
   * Runs `effect` (a read into the tail, or its restart), or, while one is on its way, waits for
   * that one instead (and runs `effect` if that one's runner was interrupted): one read at a time;
   * callers look at the tail again afterwards.
   */
  const oneAtATime = (effect: Effect.Effect<void, ReadError>): Effect.Effect<void, ReadError> =>
    Effect.suspend(() => {
      if (reading !== undefined) {
        return Effect.flatMap(Effect.exit(Deferred.await(reading)), (exit) => (Exit.isInterrupted(exit) ? oneAtATime(effect) : exit))
      }
      const done = Deferred.unsafeMake<void, ReadError>(FiberId.none)
      reading = done
      return effect.pipe(
        Effect.onExit((exit) =>
          Effect.suspend(() => {
            reading = undefined
            return Deferred.done(done, exit)
          })
        )
      )
    })

  const read = oneAtATime(readOnce)

  /**
   * Starts the tail again at `cursor`, unless someone took from it meanwhile, and reads the page
   * after it; when that page is full, the cursor lies far behind the store's end (the last event
   * of a rare category, say): the tail starts again, empty, at the store's newest event instead.
   */
  const restartFrom = (cursor: Cursor) =>
    oneAtATime(
      Effect.gen(function* () {
        if (members !== 0) return
        restartAt(cursor)
        yield* readOnce
        if (stoppedAt === undefined && endSeen === undefined) {
          const newest = yield* readPage({ direction: "backward", from: undefined, limit: 1, categories: undefined, eventTypes: undefined })
          restartAt(newest.last)
        }
      })
    )

  const take = (
    cursor: Cursor,
    filter: EventFilter,
    limit: number,
    seen: number,
    polled: boolean
  ): Effect.Effect<Taken | undefined, ReadError> =>
    Effect.suspend(() => {
      if (!started || stoppedAt !== undefined || compare(cursor, start) < 0) return Effect.succeed(undefined)
      const found: Array<RecordedEvent> = []
      for (let i = firstAfter(cursor); i < events.length && found.length < limit; i++) {
        if (selects(filter, events[i]!)) found.push(events[i]!)
      }
      if (found.length === limit) return Effect.succeed({ events: found, cursor: found[limit - 1]!.globalPosition, caughtUpAt: undefined })
      const next = later(cursor, head)
      // Everything the tail holds is taken: at the store's end as of `endSeen`, unless a change came since.
      const atEnd = !polled && endSeen !== undefined && endSeen >= seen
      if (found.length > 0 || atEnd) return Effect.succeed({ events: found, cursor: next, caughtUpAt: atEnd ? endSeen : undefined })
      return Effect.zipRight(
        read,
        Effect.suspend(() => take(next, filter, limit, seen, false))
      )
    })

  return {
    head: () => (started && stoppedAt === undefined ? head : undefined),
    join: (cursor) =>
      Effect.suspend(() => {
        const behind = !started || (stoppedAt === undefined ? compare(cursor, head) > 0 : compare(cursor, stoppedAt.last) > 0)
        // Nobody takes from it and it does not reach the cursor: it starts again there (or at the end).
        const restarted = members === 0 && behind ? restartFrom(cursor) : Effect.void
        return Effect.map(restarted, () => {
          if (stoppedAt !== undefined || compare(cursor, start) < 0) return false
          members += 1
          return true
        })
      }),
    leave: () => {
      members -= 1
    },
    take
  }
}
