/**
 * Pages of long lists, by key (keyset paging). A request asks for at most `limit` items after the
 * key of the last item it was given; a page answers its items and the key to ask after next, absent
 * on the last page. Keys rather than offsets: a page does not shift when items are added before it,
 * and a SQL read model answers a page from its index without counting what it skips.
 *
 * A list declares its order once, as a `Keyset` (the key of an item and how keys compare), and
 * every read model of it (the pure fold, the SQL table) pages by that order. Over HTTP a key
 * travels as an opaque cursor: `cursor(keyset.schema)` encodes it as base64url JSON.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"

/** How many items a page holds when the request does not say. */
export const defaultLimit = 100

/** The most items one page holds. */
export const maxLimit = 1000

/** Schema of a page's size: a whole number from 1 to `maxLimit`. */
export const Limit = Schema.Int.pipe(Schema.between(1, maxLimit)).annotations({
  title: "Limit",
  description: `how many items a page holds at the most: 1 to ${maxLimit}, ${defaultLimit} when absent`
})

/** A request for one page: at most `limit` items, those after the key `after` (from the start when absent). */
export interface Request<K> {
  readonly limit: number
  readonly after?: K | undefined
}

/** One page: its items, in the list's order, and the key to ask after for the next page (absent on the last page). */
export interface Page<A, K> {
  readonly items: ReadonlyArray<A>
  readonly next: K | undefined
}

/** The order of a list: the key of each item, how keys compare (the list's sort), and the Schema of keys. */
export interface Keyset<A, K, I = unknown> {
  readonly key: (item: A) => K
  readonly compare: (a: K, b: K) => number
  readonly schema: Schema.Schema<K, I>
}

/** Declares the order of a list. */
export const keyset = <A, K, I>(keyset: Keyset<A, K, I>): Keyset<A, K, I> => keyset

/** The part of a key: text (ordered by code unit, as PostgreSQL's `COLLATE "C"`) or a number. */
export type KeyPart = string | number

/** Compares keys part by part: text by code unit (the same on every machine), numbers by value. */
export const compareKeys = (a: ReadonlyArray<KeyPart>, b: ReadonlyArray<KeyPart>): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]
    const y = b[i]
    if (x !== y && x !== undefined && y !== undefined) return x < y ? -1 : 1
  }
  return a.length - b.length
}

/** The order of a list by a key of text and numbers, compared part by part (`compareKeys`). */
export const byKey = <A, K extends ReadonlyArray<KeyPart>, I>(key: (item: A) => K, schema: Schema.Schema<K, I>): Keyset<A, K, I> => ({
  key,
  compare: compareKeys,
  schema
})

/** `items` in the order of `keyset` (a new array). */
export const sort = <A, K, I>(keyset: Keyset<A, K, I>, items: Iterable<A>): Array<A> =>
  Array.from(items).sort((a, b) => keyset.compare(keyset.key(a), keyset.key(b)))

/**
 * The page that `request` asks for out of `sorted`, a whole list in the order of `keyset` (the
 * pure read models page this way; a binary search finds where the page starts).
 */
export const ofSorted = <A, K, I>(keyset: Keyset<A, K, I>, sorted: ReadonlyArray<A>, request: Request<K>): Page<A, K> => {
  const { after } = request
  let start = 0
  if (after !== undefined) {
    let end = sorted.length
    while (start < end) {
      const middle = (start + end) >>> 1
      const item = sorted[middle]
      if (item !== undefined && keyset.compare(keyset.key(item), after) <= 0) start = middle + 1
      else end = middle
    }
  }
  const items = sorted.slice(start, start + request.limit)
  const last = items[items.length - 1]
  return { items, next: last !== undefined && start + items.length < sorted.length ? keyset.key(last) : undefined }
}

/**
 * The page out of `items`, read after `request.after` in the list's order with one item more than
 * `request.limit` (SQL's `LIMIT limit + 1`): an item beyond the limit tells that a next page follows.
 */
export const ofRead = <A, K, I>(keyset: Keyset<A, K, I>, request: Request<K>, items: ReadonlyArray<A>): Page<A, K> => {
  const page = items.slice(0, request.limit)
  const last = page[page.length - 1]
  return { items: page, next: items.length > request.limit && last !== undefined ? keyset.key(last) : undefined }
}

/**
 * The page `request` asks for, read by `read`: the items after a key (from the start when
 * `undefined`) in the list's order, at most `limit` of them; it is asked one more than the page
 * holds, to tell whether a next page follows (`ofRead`).
 */
export const readAfter = <A, K, I, E, R>(
  keyset: Keyset<A, K, I>,
  request: Request<K>,
  read: (after: K | undefined, limit: number) => Effect.Effect<ReadonlyArray<A>, E, R>
): Effect.Effect<Page<A, K>, E, R> => Effect.map(read(request.after, request.limit + 1), (items) => ofRead(keyset, request, items))

/** A query of one page of a list filtered by `F`. */
export type PagedQuery<F, A, K, E, R> = (filter: F, request: Request<K>) => Effect.Effect<Page<A, K>, E, R>

/**
 * Every page of a list, each of at most `limit` items, following `next` from the first page (for
 * reports and tests). A list whose next page starts at the key it was asked after does not advance:
 * that is a defect of its reader, not a list without end.
 */
export const allPages = <A, K, E, R>(
  read: (request: Request<K>) => Effect.Effect<Page<A, K>, E, R>,
  limit: number
): Effect.Effect<Array<ReadonlyArray<A>>, E, R> =>
  Effect.gen(function* () {
    const pages: Array<ReadonlyArray<A>> = []
    let after: K | undefined
    do {
      const page: Page<A, K> = yield* read({ limit, after })
      pages.push(page.items)
      if (page.next !== undefined && after !== undefined && JSON.stringify(page.next) === JSON.stringify(after)) {
        return yield* Effect.dieMessage(`a list read after ${JSON.stringify(after)} gave that key again as its next page's`)
      }
      after = page.next
    } while (after !== undefined)
    return pages
  })

/** `allPages` of a list read without effects (a pure read model's). */
export const allPagesSync = <A, K>(read: (request: Request<K>) => Page<A, K>, limit: number): Array<ReadonlyArray<A>> =>
  Effect.runSync(allPages((request: Request<K>) => Effect.sync(() => read(request)), limit))

/**
 * A page of what `keep` keeps of a list read page by page with `read` (a list filtered by who may
 * see it): up to `request.limit` kept items, reading on until the page is full or the list ends.
 * Its `next` is the key of the last item it kept, never of one it left out: a cursor is opaque,
 * not secret, and must not name what the viewer may not see. (A viewer who may see few items of a
 * long list thus reads on through it; a read model that applies the policy in its query avoids
 * that.)
 */
export const filtered = <A, B, K, I, E, R>(
  keyset: Keyset<A, K, I>,
  read: (request: Request<K>) => Effect.Effect<Page<A, K>, E, R>,
  keep: (item: A) => Option.Option<B>,
  request: Request<K>
): Effect.Effect<Page<B, K>, E, R> =>
  Effect.gen(function* () {
    const kept: Array<B> = []
    let after = request.after
    while (true) {
      const page = yield* read({ limit: request.limit, after })
      for (const [index, item] of page.items.entries()) {
        const shown = keep(item)
        if (Option.isNone(shown)) continue
        kept.push(shown.value)
        if (kept.length === request.limit) {
          const more = index < page.items.length - 1 || page.next !== undefined
          return { items: kept, next: more ? keyset.key(item) : undefined }
        }
      }
      if (page.next === undefined) return { items: kept, next: undefined }
      after = page.next
    }
  })

/**
 * Schema of an opaque cursor carrying a key of `key`'s Schema: the key's JSON in base64url. A
 * client passes back the cursor it was given; one it made up fails to decode.
 */
export const cursor = <K, I>(key: Schema.Schema<K, I>): Schema.Schema<K, string> =>
  Schema.compose(Schema.StringFromBase64Url, Schema.parseJson(key)).annotations({
    title: "Cursor",
    description: "where a page starts: the cursor given with the page before (its `next` link); opaque",
    message: () => ({
      message: "not a cursor of this list: pass the cursor of the page before (its `next` link) unchanged",
      override: true
    })
  })
