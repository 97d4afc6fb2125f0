import { describe, expect, it } from "vitest"
import { Schema } from "effect"
import * as fc from "fast-check"
import { ExpectedVersion } from "../src/index.js"

const version = fc.nat({ max: 1_000_000 })

describe("ExpectedVersion", () => {
  it("Any is satisfied by every version", () => {
    fc.assert(fc.property(version, (actual) => ExpectedVersion.isSatisfiedBy(ExpectedVersion.any, actual)))
  })

  it("NoStream is satisfied only by version 0, StreamExists by every other", () => {
    fc.assert(
      fc.property(version, (actual) => {
        expect(ExpectedVersion.isSatisfiedBy(ExpectedVersion.noStream, actual)).toBe(actual === 0)
        expect(ExpectedVersion.isSatisfiedBy(ExpectedVersion.streamExists, actual)).toBe(actual > 0)
      })
    )
  })

  it("Exact(n) is satisfied only by n, and Exact(0) is NoStream", () => {
    fc.assert(
      fc.property(version, version, (n, actual) => {
        expect(ExpectedVersion.isSatisfiedBy(ExpectedVersion.exact(n), actual)).toBe(n === actual)
        expect(ExpectedVersion.isSatisfiedBy(ExpectedVersion.exact(0), actual)).toBe(
          ExpectedVersion.isSatisfiedBy(ExpectedVersion.noStream, actual)
        )
      })
    )
  })

  it("survives encoding and rejects a negative or fractional Exact", () => {
    const arbitrary = fc.oneof(
      fc.constant(ExpectedVersion.any),
      fc.constant(ExpectedVersion.noStream),
      fc.constant(ExpectedVersion.streamExists),
      version.map(ExpectedVersion.exact)
    )
    fc.assert(
      fc.property(arbitrary, (expected) => {
        const encoded = Schema.encodeSync(ExpectedVersion.ExpectedVersion)(expected)
        expect(Schema.decodeUnknownSync(ExpectedVersion.ExpectedVersion)(JSON.parse(JSON.stringify(encoded)))).toEqual(expected)
      })
    )
    expect(() => Schema.decodeUnknownSync(ExpectedVersion.ExpectedVersion)({ _tag: "Exact", version: -1 })).toThrow()
    expect(() => Schema.decodeUnknownSync(ExpectedVersion.ExpectedVersion)({ _tag: "Exact", version: 1.5 })).toThrow()
  })

  it("describes each expectation in words, for conflict messages", () => {
    expect(ExpectedVersion.describe(ExpectedVersion.any)).toBe("be at any version")
    expect(ExpectedVersion.describe(ExpectedVersion.noStream)).toBe("not exist yet")
    expect(ExpectedVersion.describe(ExpectedVersion.streamExists)).toBe("exist")
    expect(ExpectedVersion.describe(ExpectedVersion.exact(0))).toBe("not exist yet (version 0)")
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (n) => {
        expect(ExpectedVersion.describe(ExpectedVersion.exact(n))).toBe(`be at version ${n}`)
      })
    )
  })

  it("the constants are the tagged values the schema decodes", () => {
    const decode = Schema.decodeUnknownSync(ExpectedVersion.ExpectedVersion)
    expect(ExpectedVersion.any).toEqual(decode({ _tag: "Any" }))
    expect(ExpectedVersion.noStream).toEqual(decode({ _tag: "NoStream" }))
    expect(ExpectedVersion.streamExists).toEqual(decode({ _tag: "StreamExists" }))
    expect(ExpectedVersion.exact(7)).toEqual(decode({ _tag: "Exact", version: 7 }))
    expect(ExpectedVersion.any).toEqual({ _tag: "Any" })
    expect(ExpectedVersion.noStream).toEqual({ _tag: "NoStream" })
    expect(ExpectedVersion.streamExists).toEqual({ _tag: "StreamExists" })
    expect(ExpectedVersion.exact(7)).toEqual({ _tag: "Exact", version: 7 })
    expect(() => decode({ _tag: "Other" })).toThrow()
  })
})
