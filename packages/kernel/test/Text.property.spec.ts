/** Bounded text: what it accepts, what it says when it refuses, and its arbitrary. */
import { describe, expect, it } from "vitest"
import { Arbitrary, Either, ParseResult, Schema } from "effect"
import * as fc from "fast-check"
import { Text } from "../src/index.js"

const messageOf = (schema: Schema.Schema<string>, value: unknown): string =>
  Either.match(Schema.decodeUnknownEither(schema)(value), {
    onLeft: (error) => ParseResult.TreeFormatter.formatErrorSync(error),
    onRight: () => ""
  })

describe("Text", () => {
  it("names, reasons and descriptions allow 200, 500 and 2000 characters", () => {
    for (const [schema, max, what] of [
      [Text.Name, 200, "a name"],
      [Text.Reason, 500, "a reason"],
      [Text.Description, 2000, "a description"]
    ] as const) {
      expect(Schema.is(schema)("x".repeat(max))).toBe(true)
      expect(messageOf(schema, "x".repeat(max + 1))).toContain(`${what} has at most ${max} characters`)
      expect(messageOf(schema, "")).toContain(`${what} is not empty`)
      expect(messageOf(schema, " x")).toContain(`${what} has no spaces at either end`)
    }
  })

  it("bounded(max) accepts exactly the non-empty trimmed strings of at most max characters", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.string({ maxLength: 60 }), (max, text) => {
        const reference = Schema.NonEmptyTrimmedString.pipe(Schema.maxLength(max))
        expect(Schema.is(Text.bounded(max, "a text"))(text)).toBe(Schema.is(reference)(text))
      })
    )
  })

  it("the arbitrary's texts all decode, for every bound", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((max) => fc.tuple(fc.constant(max), Text.arbitrary(max))),
        ([max, text]) => {
          expect(Schema.decodeUnknownSync(Text.bounded(max, "a text"))(text)).toBe(text)
        }
      )
    )
    fc.assert(
      fc.property(Arbitrary.make(Text.Reason), (reason) => {
        expect(Schema.is(Text.Reason)(reason)).toBe(true)
      })
    )
  })
})
