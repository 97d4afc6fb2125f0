import { describe, expect, it } from "vitest"
import { Arbitrary, Either, Schema } from "effect"
import * as fc from "fast-check"
import { Verified } from "../src/index.js"

const Content = Schema.Struct({ id: Schema.String, count: Schema.Int, note: Schema.NullOr(Schema.String) })

const annotations = {
  identifier: "Reading",
  description: "a reading of a test stream",
  what: "a reading",
  source: "its stream",
  reader: "Reading.read"
}

const reading = Verified.make("Reading", Content, { ...annotations, arbitrary: true })
const other = Verified.make("Other", Content, { ...annotations, identifier: "Other", reader: "Other.read" })

const refused = (u: unknown): boolean => !reading.is(u) && Either.isLeft(Schema.decodeUnknownEither(reading.schema)(u))

describe("Verified", () => {
  const fact = reading.issue({ id: "a-1", count: 3, note: null })

  it("admits an issued fact, and encodes it to itself", () => {
    expect(reading.is(fact)).toBe(true)
    expect(Schema.decodeUnknownSync(reading.schema)(fact)).toBe(fact)
    expect(Schema.encodeSync(reading.schema)(fact)).toBe(fact)
    expect(fact).toEqual({ id: "a-1", count: 3, note: null })
  })

  it("refuses a look-alike, a copy, a spread, a JSON round-trip, an object from its prototype and another kind's fact", () => {
    const lookAlike = { id: "a-1", count: 3, note: null }
    const copy: unknown = Object.assign({}, fact)
    const fromPrototype: unknown = Object.assign(Object.create(Object.getPrototypeOf(fact) as object) as object, fact)
    const json: unknown = JSON.parse(JSON.stringify(fact))
    const others = other.issue({ id: "a-1", count: 3, note: null })
    for (const forged of [lookAlike, copy, { ...fact }, fromPrototype, json, others, Object.freeze({ ...lookAlike })]) {
      expect(refused(forged)).toBe(true)
    }
    expect(other.is(others)).toBe(true)
    expect(other.is(fact)).toBe(false)
    for (const u of [null, undefined, "a-1", 3]) expect(refused(u)).toBe(true)
  })

  it("says where a fact comes from when it refuses one", () => {
    expect(() => Schema.decodeUnknownSync(reading.schema)({ id: "a-1", count: 3, note: null })).toThrow(
      "a reading is read from its stream by Reading.read, never built by hand"
    )
  })

  it("issues frozen copies: a fact cannot be edited, nor changed through what it was issued from", () => {
    const content = { id: "b-2", count: 1, note: "x" }
    const issued = reading.issue(content)
    expect(Object.isFrozen(issued)).toBe(true)
    expect(() => Object.assign(issued, { count: 99 })).toThrow(TypeError)
    content.count = 99
    expect(issued.count).toBe(1)
  })

  it("refuses to issue content its Schema does not admit", () => {
    expect(() => reading.issue({ id: "c", count: 1.5, note: null })).toThrow(TypeError)
  })

  it("does not compile a hand-written fact", () => {
    // @ts-expect-error a plain object is not a `Verified` fact
    const handWritten: Verified.Verified<typeof Content.Type, "Reading"> = { id: "a-1", count: 3, note: null }
    expect(reading.is(handWritten)).toBe(false)
    // @ts-expect-error a fact of another kind is not one of this kind
    const otherKind: Verified.Verified<typeof Content.Type, "Reading"> = other.issue({ id: "a-1", count: 3, note: null })
    expect(reading.is(otherKind)).toBe(false)
  })

  it("for any content: the fact is admitted, frozen and equal to it; its copies are refused", () => {
    fc.assert(fc.property(Arbitrary.make(Content), (content) => {
      const issued = reading.issue(content)
      expect(reading.is(issued)).toBe(true)
      expect(Object.isFrozen(issued)).toBe(true)
      expect(issued).toEqual(content)
      expect(refused(content)).toBe(true)
      expect(refused({ ...issued })).toBe(true)
      expect(refused(JSON.parse(JSON.stringify(issued)))).toBe(true)
      expect(other.is(issued)).toBe(false)
    }))
  })

  it("generates issued facts for property tests when asked to, and only then", () => {
    fc.assert(fc.property(Arbitrary.make(reading.schema), (generated) => {
      expect(reading.is(generated)).toBe(true)
    }))
    expect(() => Arbitrary.make(other.schema)).toThrow()
  })
})
