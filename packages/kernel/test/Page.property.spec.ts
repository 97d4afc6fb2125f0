import { describe, expect, it } from "vitest"
import { Effect, Either, FastCheck as fc, Option, Schema } from "effect"
import { Page } from "../src/index.js"

interface Item {
  readonly name: string
  readonly id: number
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Items ordered by name, then id (ids unique, names not). */
const byNameThenId = Page.keyset({
  key: (item: Item) => [item.name, item.id] as const,
  compare: (a, b) => compareText(a[0], b[0]) || a[1] - b[1],
  schema: Schema.Tuple(Schema.String, Schema.Int)
})

const sortedItems = fc
  .uniqueArray(fc.record({ name: fc.string({ maxLength: 3 }), id: fc.integer({ min: 0, max: 10_000 }) }), {
    selector: (item) => item.id,
    maxLength: 60
  })
  .map((items) => [...items].sort((a, b) => byNameThenId.compare(byNameThenId.key(a), byNameThenId.key(b))))

type Key = readonly [string, number]

const limit = fc.integer({ min: 1, max: 12 })

/** Every page of a list, following `next` from the start. */
const allPages = <A, K>(read: (request: Page.Request<K>) => Page.Page<A, K>, limit: number): Array<Page.Page<A, K>> => {
  const pages = [read({ limit })]
  for (let page = pages[0]; page?.next !== undefined; ) {
    page = read({ limit, after: page.next })
    pages.push(page)
  }
  return pages
}

describe("Page", () => {
  it("the pages of a sorted list, followed from the first, hold every item once, in order, at most `limit` each", () => {
    fc.assert(
      fc.property(sortedItems, limit, (items, limit) => {
        const pages = allPages<Item, Key>((request) => Page.ofSorted(byNameThenId, items, request), limit)
        expect(pages.flatMap((page) => page.items)).toEqual(items)
        for (const page of pages.slice(0, -1)) expect(page.items).toHaveLength(limit)
        expect(pages[pages.length - 1]?.next).toBeUndefined()
      })
    )
  })

  it("a page read with one item more than its limit (as SQL reads it) is the page of the sorted list; allPages follows them all", () => {
    fc.assert(
      fc.property(sortedItems, limit, fc.option(fc.nat()), (items, limit, start) => {
        const after = start === null || items.length === 0 ? undefined : byNameThenId.key(items[start % items.length]!)
        const past = after === undefined ? items : items.filter((item) => byNameThenId.compare(byNameThenId.key(item), after) > 0)
        expect(Page.ofRead(byNameThenId, { limit, after }, past.slice(0, limit + 1))).toEqual(
          Page.ofSorted(byNameThenId, items, { limit, after })
        )
        const pages = Effect.runSync(
          Page.allPages((request: Page.Request<Key>) => Effect.succeed(Page.ofSorted(byNameThenId, items, request)), limit)
        )
        expect(pages.flat()).toEqual(items)
        expect(pages.length).toBe(Math.max(1, Math.ceil(items.length / limit)))
      })
    )
  })

  it("a page after a key that is in no item starts at the first item past it", () => {
    fc.assert(
      fc.property(sortedItems, limit, fc.string({ maxLength: 3 }), fc.integer(), (items, limit, name, id) => {
        const after = [name, id] as const
        const page = Page.ofSorted(byNameThenId, items, { limit, after })
        const past = items.filter((item) => byNameThenId.compare(byNameThenId.key(item), after) > 0)
        expect(page.items).toEqual(past.slice(0, limit))
      })
    )
  })

  it("filtered pages hold exactly the kept items, in order, every page but the last full, whatever the page size", () => {
    fc.assert(
      fc.property(sortedItems, limit, fc.integer({ min: 2, max: 5 }), (items, limit, modulo) => {
        const keep = (item: Item) => (item.id % modulo === 0 ? Option.some(item.id) : Option.none())
        const read = (request: Page.Request<Key>) => Effect.succeed(Page.ofSorted(byNameThenId, items, request))
        const pages: Array<Page.Page<number, Key>> = []
        let after: Key | undefined
        do {
          const page = Effect.runSync(Page.filtered(byNameThenId, read, keep, { limit, after }))
          pages.push(page)
          after = page.next
        } while (after !== undefined)
        expect(pages.flatMap((page) => page.items)).toEqual(items.filter((item) => item.id % modulo === 0).map((item) => item.id))
        for (const page of pages.slice(0, -1)) expect(page.items).toHaveLength(limit)
        // A cursor names the last item the page gave, never one it left out.
        const byId = new Map(items.map((item) => [item.id, item]))
        for (const page of pages) {
          const last = page.items[page.items.length - 1]
          if (page.next !== undefined) expect(page.next).toEqual(byNameThenId.key(byId.get(last ?? Number.NaN) ?? { name: "", id: -1 }))
        }
      })
    )
  })

  it("a filtered list of which nothing is kept is one empty page with no cursor", () => {
    const items = Array.from({ length: 30 }, (_, id) => ({ name: "a", id }))
    const read = (request: Page.Request<Key>) => Effect.succeed(Page.ofSorted(byNameThenId, items, request))
    expect(Effect.runSync(Page.filtered(byNameThenId, read, () => Option.none<number>(), { limit: 5 }))).toEqual({
      items: [],
      next: undefined
    })
    const everyThird = (item: Item) => (item.id % 3 === 0 ? Option.some(item.id) : Option.none())
    expect(Effect.runSync(Page.filtered(byNameThenId, read, everyThird, { limit: 2 }))).toEqual({ items: [0, 3], next: ["a", 3] })
  })

  it("a cursor carries its key there and back, and a made-up cursor fails with a message saying what to pass", () => {
    const Cursor = Page.cursor(byNameThenId.schema)
    fc.assert(
      fc.property(fc.string(), fc.integer(), (name, id) => {
        const encoded = Schema.encodeSync(Cursor)([name, id])
        expect(encoded).toMatch(/^[A-Za-z0-9_-]*$/)
        expect(Schema.decodeUnknownSync(Cursor)(encoded)).toEqual([name, id])
      })
    )
    for (const madeUp of ["", "not a cursor", Schema.encodeSync(Schema.StringFromBase64Url)('["a"]')]) {
      const decoded = Schema.decodeUnknownEither(Cursor)(madeUp)
      expect(Either.isLeft(decoded)).toBe(true)
      if (Either.isLeft(decoded)) expect(decoded.left.message).toContain("not a cursor of this list")
    }
  })

  it("keys compare part by part: text by code unit, numbers by value, a shorter key first when it is a prefix", () => {
    const sameShape = fc.tuple(fc.string({ maxLength: 3 }), fc.integer({ min: -5, max: 5 }))
    fc.assert(
      fc.property(sameShape, sameShape, (a, b) => {
        expect(Math.sign(Page.compareKeys(a, b))).toBe(Math.sign(compareText(a[0], b[0]) || a[1] - b[1]))
      })
    )
    fc.assert(
      // Keys of one list have parts of the same kinds, in the same places.
      fc.property(
        fc.array(fc.string({ maxLength: 2 }), { maxLength: 3 }),
        fc.array(fc.string({ maxLength: 2 }), { maxLength: 3 }),
        (a, b) => {
          expect(Math.sign(Page.compareKeys(a, b)) + Math.sign(Page.compareKeys(b, a))).toBe(0)
          expect(Page.compareKeys(a, [...a, ...b])).toBe(b.length === 0 ? 0 : -b.length)
        }
      )
    )
    // Code units, not the locale: "Z" (U+005A) before "a" (U+0061), "é" after "z".
    expect(Page.compareKeys(["Z"], ["a"])).toBeLessThan(0)
    expect(Page.compareKeys(["é"], ["z"])).toBeGreaterThan(0)
  })

  it("a limit is a whole number from 1 to maxLimit", () => {
    const decode = Schema.decodeUnknownEither(Page.Limit)
    expect(Either.isRight(decode(1))).toBe(true)
    expect(Either.isRight(decode(Page.maxLimit))).toBe(true)
    for (const bad of [0, Page.maxLimit + 1, 1.5, -1]) expect(Either.isLeft(decode(bad))).toBe(true)
  })
})
