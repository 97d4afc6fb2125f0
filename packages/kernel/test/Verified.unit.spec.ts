import { describe, expect, it } from "vitest"
import { Arbitrary, Either, Option, Schema, SchemaAST } from "effect"
import * as fc from "fast-check"
import { Verified } from "../src/index.js"

const Content = Schema.Struct({ id: Schema.String, count: Schema.Int, note: Schema.NullOr(Schema.String) })

const annotations = {
  description: "a reading of a test stream",
  what: "a reading",
  source: "its stream",
  reader: "Reading.read"
}

const reading = Verified.make("Reading", Content, annotations)
const other = Verified.make("Other", Content, { ...annotations, reader: "Other.read" })

/** Pushes onto an array typed read-only, as a caller in JavaScript could. */
const push = (array: ReadonlyArray<unknown>, item: unknown): number => Reflect.apply(Array.prototype.push, array, [item])

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

  it("names its Schema after the kind, unless the annotations give an identifier", () => {
    expect(SchemaAST.getIdentifierAnnotation(reading.schema.ast)).toEqual(Option.some("Reading"))
    const named = Verified.make("Named", Content, { ...annotations, identifier: "NamedReading" })
    expect(SchemaAST.getIdentifierAnnotation(named.schema.ast)).toEqual(Option.some("NamedReading"))
  })

  it("says where a fact comes from when it refuses one", () => {
    expect(() => Schema.decodeUnknownSync(reading.schema)({ id: "a-1", count: 3, note: null })).toThrow(
      "a reading is read from its stream by Reading.read, never built by hand"
    )
  })

  it("reads as `<kind>.read` and describes itself from what it is and where it is read from, unless told otherwise", () => {
    const plain = Verified.make("Tally", Content, { what: "a tally", source: "the tally's stream" })
    expect(SchemaAST.getDescriptionAnnotation(plain.schema.ast)).toEqual(
      Option.some("a tally, read from the tally's stream by Tally.read (never from a request)")
    )
    expect(() => Schema.decodeUnknownSync(plain.schema)({ id: "t-1", count: 1, note: null })).toThrow(
      "a tally is read from the tally's stream by Tally.read, never built by hand"
    )
    expect(SchemaAST.getDescriptionAnnotation(reading.schema.ast)).toEqual(Option.some("a reading of a test stream"))
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
    fc.assert(
      fc.property(Arbitrary.make(Content), (content) => {
        const issued = reading.issue(content)
        expect(reading.is(issued)).toBe(true)
        expect(Object.isFrozen(issued)).toBe(true)
        expect(issued).toEqual(content)
        expect(refused(content)).toBe(true)
        expect(refused({ ...issued })).toBe(true)
        expect(refused(JSON.parse(JSON.stringify(issued)))).toBe(true)
        expect(other.is(issued)).toBe(false)
      })
    )
  })

  it("has no arbitrary: no generator mints a fact, alone or inside a Schema that holds one", () => {
    expect(() => Arbitrary.make(reading.schema)).toThrow("facts have no arbitrary")
    expect(() => Arbitrary.make(other.schema)).toThrow()
    const Command = Schema.TaggedStruct("Command", { reading: reading.schema })
    expect(() => Arbitrary.make(Command)).toThrow()
    expect(() => Arbitrary.make(Schema.Union(Command, Schema.TaggedStruct("Other", { id: Schema.String })))).toThrow()
    expect(() => Arbitrary.make(Schema.NullOr(reading.schema))).toThrow()
  })

  const Nested = Schema.Struct({
    id: Schema.String,
    at: Schema.Date,
    tags: Schema.Array(Schema.String),
    plan: Schema.Array(Schema.Struct({ step: Schema.String, due: Schema.NullOr(Schema.Date), parts: Schema.Array(Schema.Int) })),
    owner: Schema.Struct({ nib: Schema.String, linked: Schema.NullOr(Schema.String) })
  })
  const nested = Verified.make("Nested", Nested, annotations)
  const nestedContent = () => ({
    id: "n-1",
    at: new Date("2025-03-01T09:30:00.000Z"),
    tags: ["a", "b"],
    plan: [
      { step: "one", due: new Date("2025-04-01T00:00:00.000Z"), parts: [1, 2] },
      { step: "two", due: null, parts: [4] }
    ],
    owner: { nib: "1234567890123", linked: null }
  })

  it("issues a deep copy: nested objects, arrays and dates cannot be edited, nor changed through what it was issued from", () => {
    const content = nestedContent()
    const fact = nested.issue(content)
    const untouched = nestedContent()
    const edits: ReadonlyArray<() => void> = [
      () => Object.assign(fact.owner, { nib: "9999999999999" }),
      () => Object.assign(fact.owner, { linked: "9999999999999" }),
      () => push(fact.tags, "c"),
      () => Object.assign(fact.tags, { 0: "z" }),
      () => Object.assign(fact.plan[0]!, { step: "forged" }),
      () => push(fact.plan[0]!.parts, 3),
      () => Object.assign(fact, { at: new Date(0) })
    ]
    for (const edit of edits) expect(edit).toThrow(TypeError)
    // A date is read as a fresh copy: changing one changes nothing in the fact.
    fact.at.setTime(0)
    fact.plan[0]!.due?.setFullYear(1999)
    // Nor does changing what it was issued from.
    content.owner.nib = "9999999999999"
    content.tags.push("c")
    content.at.setTime(0)
    content.plan[0]!.parts.push(3)
    expect(fact).toEqual(untouched)
    expect(fact.at.getTime()).toBe(untouched.at.getTime())
    expect(fact.at).not.toBe(fact.at)
    expect(nested.is(fact)).toBe(true)
    expect(Schema.decodeUnknownSync(nested.schema)(fact)).toBe(fact)
  })

  it("refuses to issue content that is not plain data (a class instance, a map, a function)", () => {
    class Owner {
      constructor(
        readonly nib: string,
        readonly linked: string | null
      ) {}
    }
    expect(() => nested.issue({ ...nestedContent(), owner: new Owner("1234567890123", null) })).toThrow("plain data")
    const Holder = Schema.Struct({ value: Schema.Unknown })
    const holder = Verified.make("Holder", Holder, annotations)
    expect(() => holder.issue({ value: new Map([["a", 1]]) })).toThrow("plain data")
    expect(() => holder.issue({ value: () => 1 })).toThrow("plain data")
    expect(holder.is(holder.issue({ value: { deep: [{ deeper: [1, "two", null] }] } }))).toBe(true)
  })

  it("for any content: every fact issued is admitted, and stays admitted after any attempt to edit it", () => {
    fc.assert(
      fc.property(Arbitrary.make(Nested), fc.string(), (content, junk) => {
        const fact = nested.issue(content)
        expect(nested.is(fact)).toBe(true)
        expect(fact).toEqual(content)
        const attempts: ReadonlyArray<() => void> = [
          () => Object.assign(fact.owner, { nib: junk }),
          () => push(fact.tags, junk),
          () => {
            for (const step of fact.plan) Object.assign(step, { step: junk })
          },
          () => fact.at.setTime(0)
        ]
        for (const attempt of attempts) {
          try {
            attempt()
          } catch {
            // refused: the fact is frozen
          }
        }
        expect(nested.is(fact)).toBe(true)
        expect(fact).toEqual(content)
      })
    )
  })
})
