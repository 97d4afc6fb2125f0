import { describe, expect, it } from "vitest"
import { Either, Schema } from "effect"
import * as fc from "fast-check"
import { GlobalPosition } from "../src/index.js"

const position = fc.tuple(fc.nat(), fc.nat()).map(([t, s]) => GlobalPosition.make(t, s))

describe("GlobalPosition", () => {
  it("orders by transaction, then by sequence", () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        const expected = a.transaction !== b.transaction ? a.transaction > b.transaction : a.sequence > b.sequence
        expect(GlobalPosition.isAfter(a, b)).toBe(expected)
        expect(GlobalPosition.isAfter(a, b) && GlobalPosition.isAfter(b, a)).toBe(false)
        expect(GlobalPosition.equals(a, b)).toBe(!GlobalPosition.isAfter(a, b) && !GlobalPosition.isAfter(b, a))
      })
    )
  })

  it("nothing comes before the start", () => {
    fc.assert(fc.property(position, (p) => !GlobalPosition.isAfter(GlobalPosition.start, p)))
  })

  it("round-trips through its text form and rejects other text", () => {
    const decode = Schema.decodeUnknownEither(GlobalPosition.GlobalPositionFromString)
    fc.assert(
      fc.property(position, (p) => {
        expect(decode(GlobalPosition.format(p))).toEqual(Either.right(p))
      })
    )
    for (const bad of ["", "1", "1.", ".1", "a.b", "-1.2", "1.2.3"]) {
      expect(Either.isLeft(decode(bad))).toBe(true)
    }
  })
})
