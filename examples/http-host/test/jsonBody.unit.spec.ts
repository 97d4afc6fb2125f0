/**
 * The rules of `src/jsonBody.ts` for all inputs: the depth counted on the text is the value's
 * depth, a JSON text within the limit reads back as `JSON.parse` reads it (with or without a byte
 * order mark), and which content types are JSON.
 */
import * as fc from "fast-check"
import { Either, Option } from "effect"
import { describe, expect, it } from "vitest"
import { isJsonContentType, maxJsonDepth, nestingWithin, readJson } from "../src/jsonBody.js"

/** How deep `value` nests arrays and objects (0 for a scalar). */
const depthOf = (value: unknown): number =>
  Array.isArray(value)
    ? 1 + Math.max(0, ...value.map(depthOf))
    : typeof value === "object" && value !== null
      ? 1 + Math.max(0, ...Object.values(value).map(depthOf))
      : 0

const jsonValue = fc.jsonValue({ maxDepth: 8, stringUnit: "binary" })

describe("JSON bodies", () => {
  it("property: the depth counted on a JSON text is its value's, brackets and escapes inside strings included", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const text = JSON.stringify(value)
        expect(nestingWithin(text, 100)).toEqual(Option.some(depthOf(value)))
        const depth = depthOf(value)
        if (depth > 0) expect(nestingWithin(text, depth - 1)).toEqual(Option.none())
      })
    )
  })

  it("property: a JSON text within the depth reads as JSON.parse reads it, with or without a byte order mark", () => {
    fc.assert(
      fc.property(jsonValue, fc.boolean(), (value, bom) => {
        const text = JSON.stringify(value)
        const bytes = new TextEncoder().encode(bom ? `\uFEFF${text}` : text)
        const read = readJson(bytes)
        if (depthOf(value) > maxJsonDepth) return
        // A lone surrogate is not UTF-8: TextEncoder writes U+FFFD for it, so compare with what was sent.
        expect(Either.map(read, (json) => json.value)).toEqual(
          Either.right(JSON.parse(new TextDecoder().decode(new TextEncoder().encode(text))))
        )
      })
    )
  })

  it("application/json and application/*+json with at most charset=utf-8 are JSON; nothing else is", () => {
    for (const json of [
      "application/json",
      "APPLICATION/JSON",
      "application/json; charset=utf-8",
      'application/json;charset="UTF-8"',
      "application/vnd.api+json",
      "application/problem+json; charset=utf-8"
    ]) {
      expect(isJsonContentType(json), json).toBe(true)
    }
    for (const other of [
      "",
      "text/json",
      "application/jsonp",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/json; charset=latin1",
      "application/json; profile=x",
      "application/+json",
      "text/plain; charset=utf-8"
    ]) {
      expect(isJsonContentType(other), other).toBe(false)
    }
  })
})
