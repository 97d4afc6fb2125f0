/**
 * Writing a statement's values as literals (internal/statementBatch.ts): placeholders are replaced
 * only outside quoted text, identifiers and comments, each by its value's literal; a statement with
 * a value that has no literal, or whose placeholders do not name exactly its values, is refused.
 */
import { describe, expect, it } from "vitest"
import { Option } from "effect"
import * as fc from "fast-check"
import { inline, literal } from "../src/internal/statementBatch.js"

/** What PostgreSQL reads from a literal `literal` writes: the inverse of its quoting. */
const unquote = (written: string): string => {
  const escapeString = written.startsWith(" E'")
  const body = written.slice(escapeString ? 3 : 1, -1).replaceAll("''", "'")
  return escapeString ? body.replaceAll("\\\\", "\\") : body
}

describe("statement batch: literals", () => {
  it("writes text, numbers, bigints and booleans as quoted text PostgreSQL reads back as the value's text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary" }), fc.double(), fc.bigInt(), fc.boolean(), fc.integer()), (value) => {
        const written = Option.getOrThrow(literal(value))
        expect(unquote(written)).toBe(String(value))
        // Nothing but the quotes it doubles ends the literal early.
        expect(written.slice(written.indexOf("'") + 1, -1).replaceAll("''", "")).not.toContain("'")
      })
    )
  })

  it("writes NULL for null and undefined, and has no literal for objects, arrays, dates and buffers", () => {
    expect(literal(null)).toEqual(Option.some("NULL"))
    expect(literal(undefined)).toEqual(Option.some("NULL"))
    for (const value of [{ a: 1 }, [1, 2], new Date(0), Buffer.from("ab"), Symbol("s")]) {
      expect(literal(value)).toEqual(Option.none())
    }
  })
})

describe("statement batch: inline", () => {
  it("replaces each placeholder by its value's literal, whatever the text holds", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer(), (text, n) => {
        const written = Option.getOrThrow(inline("UPDATE t SET a = $1, b = $2 WHERE c = $1", [text, n]))
        const a = Option.getOrThrow(literal(text))
        expect(written).toBe(`UPDATE t SET a = ${a}, b = '${n}' WHERE c = ${a}`)
      })
    )
  })

  it("leaves placeholders inside quoted text, quoted identifiers, dollar quotes and comments alone", () => {
    const sql = `SELECT '$1', 'it''s $1', E'\\' $1', "col$1", $tag$ $1 $tag$, $$ $1 $$ -- $1\n, /* $1 */ $1`
    expect(inline(sql, ["x"])).toEqual(
      Option.some(`SELECT '$1', 'it''s $1', E'\\' $1', "col$1", $tag$ $1 $tag$, $$ $1 $$ -- $1\n, /* $1 */ 'x'`)
    )
  })

  it("refuses a value without a literal, a placeholder without a value and a value without a placeholder", () => {
    expect(inline("SELECT $1", [{ json: true }])).toEqual(Option.none())
    expect(inline("SELECT $1, $2", ["a"])).toEqual(Option.none())
    expect(inline("SELECT $1", ["a", "b"])).toEqual(Option.none())
    expect(inline("SELECT 1", [])).toEqual(Option.some("SELECT 1"))
  })
})
