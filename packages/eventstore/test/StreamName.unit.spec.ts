import { describe, expect, it } from "vitest"
import { Either, Schema } from "effect"
import * as fc from "fast-check"
import { StreamName } from "../src/index.js"

const category = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,20}$/)
const id = fc.stringMatching(/^[\x21-\x7E]{1,40}$/)

describe("StreamName", () => {
  it("splits every valid name into the category before the first dash and the id after it", () => {
    fc.assert(
      fc.property(category, id, (c, i) => {
        const name = Either.getOrThrow(StreamName.make(c, i))
        expect(StreamName.category(name)).toBe(c)
        expect(StreamName.id(name)).toBe(i)
        expect(Schema.decodeUnknownEither(StreamName.StreamName)(`${c}-${i}`)).toEqual(Either.right(name))
      })
    )
  })

  it("rejects names without a category, an id or the dash, with a reason and an example", () => {
    const invalid = fc.oneof(
      category,
      category.map((c) => `${c}-`),
      id.map((i) => `-${i}`),
      fc.tuple(fc.constantFrom("0", "_", "$", " "), category, id).map(([bad, c, i]) => `${bad}${c}-${i}`),
      fc.tuple(category, id, fc.constantFrom(" ", "\n", "é", "\u0000")).map(([c, i, bad]) => `${c}-${i}${bad}`),
      fc.tuple(category, id).map(([c, i]) => `${c}-${i}${"x".repeat(StreamName.maxLength)}`)
    )
    fc.assert(
      fc.property(invalid, (name) => {
        const result = StreamName.parse(name)
        expect(Either.isLeft(result)).toBe(true)
        const error = Either.flip(result).pipe(Either.getOrThrow)
        expect(error._tag).toBe("InvalidStreamName")
        expect(error.streamName).toBe(name)
        expect(error.message).toMatch(/category-id/)
        expect(Either.isLeft(Schema.decodeUnknownEither(StreamName.StreamName)(name))).toBe(true)
      })
    )
  })

  it("validates categories on their own", () => {
    fc.assert(
      fc.property(category, (c) => {
        expect(StreamName.parseCategory(c)).toEqual(Either.right(c))
      })
    )
    for (const bad of ["", "a-b", "1a", "a b", "a".repeat(65)]) {
      const result = StreamName.parseCategory(bad)
      expect(Either.isLeft(result) && result.left._tag === "InvalidCategory").toBe(true)
    }
  })
})
