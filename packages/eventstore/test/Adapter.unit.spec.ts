import { describe, expect, it } from "vitest"
import { Effect, Either, Schema } from "effect"
import * as fc from "fast-check"
import { EventPayloads, FixedClock } from "@jatim/testing"
import { type Event, ExpectedVersion } from "../src/index.js"
import { decodeExpectedVersion } from "../src/internal/adapter/expectedVersion.js"
import { prepareAppend } from "../src/internal/adapter/prepareAppend.js"

const now = new Date("2026-03-01T08:00:00.000Z")

const fixedClock = FixedClock.make(now)

describe("prepareAppend", () => {
  it("gives every event of a batch without metadata the append's time and schema version 1", () => {
    const prepared = Effect.runSync(
      prepareAppend("order-1", [
        { eventId: "e-1", type: "OrderPlaced", data: {} },
        { eventId: "e-2", type: "OrderPaid", data: {} }
      ]).pipe(Effect.withClock(fixedClock))
    )
    for (const event of prepared.events) {
      expect(event.metadata).toEqual({ occurredAt: now, schemaVersion: 1 })
      expect(JSON.parse(event.metadataJson)).toEqual({ occurredAt: now.toISOString(), schemaVersion: 1 })
    }
    // Each event holds a date of its own.
    expect(prepared.events[0]!.metadata.occurredAt).not.toBe(prepared.events[1]!.metadata.occurredAt)
  })
})

describe("prepareAppend: text no JSON store can keep", () => {
  const prepareData = (data: Event.JsonObject, metadata?: Event.EventMetadataInput) =>
    Effect.runSync(
      Effect.either(prepareAppend("order-1", [{ eventId: "e-1", type: "OrderPlaced", data, metadata }]).pipe(Effect.withClock(fixedClock)))
    )

  it("refuses exactly the data and metadata holding a NUL or a lone surrogate, naming a path that holds one", () => {
    fc.assert(
      fc.property(EventPayloads.anyData, EventPayloads.anyMetadata, (data, metadata) => {
        const prepared = prepareData(data, metadata)
        const bad =
          EventPayloads.holdsUnstorableText(JSON.parse(JSON.stringify(data))) ||
          EventPayloads.holdsUnstorableText(JSON.parse(JSON.stringify(metadata)))
        expect(Either.isLeft(prepared)).toBe(bad)
        if (Either.isLeft(prepared)) {
          expect(prepared.left._tag).toBe("InvalidEvent")
          expect(prepared.left.reason).toMatch(/^(the key )?(data|metadata)[.[ ]/)
          expect(prepared.left.reason).toMatch(
            /holds (a NUL character \(U\+0000\)|a lone surrogate \(U\+D[89A-F][0-9A-F]{2}, half of a UTF-16 pair\))/
          )
        } else {
          expect(JSON.parse(prepared.right.events[0]!.dataJson)).toEqual(JSON.parse(JSON.stringify(data)))
        }
      })
    )
  })

  it("names the first offending value or key by its path, and accepts text that only reads like an escape", () => {
    const reason = (data: Event.JsonObject, metadata?: Event.EventMetadataInput) => {
      const prepared = prepareData(data, metadata)
      return Either.isLeft(prepared) ? prepared.left.reason : "accepted"
    }
    expect(reason({ a: "ok", b: ["ok", { "c d": "x\u0000" }] })).toBe(
      'data.b[1]["c d"] holds a NUL character (U+0000), which stored JSON cannot hold: remove or replace it'
    )
    expect(reason({ a: { ["\uDC00"]: 1 } })).toBe(
      'the key data.a["\\udc00"] holds a lone surrogate (U+DC00, half of a UTF-16 pair), which stored JSON cannot hold: remove or replace it'
    )
    expect(reason({ n: 1 }, { actor: { role: "ADMIN", id: "\uD83D" } })).toMatch(/^metadata\.actor\.id holds a lone surrogate \(U\+D83D/)
    for (const text of ["C:\\u0000dir", "\\ud800", "\\\\u0000", "\\udfff\\u0000", "\uD83D\uDE00", "\uFFFF"]) {
      expect(reason({ [text]: [text] }, { correlationId: text }), JSON.stringify(text)).toBe("accepted")
    }
  })

  it("walks data nested thousands deep without overflowing the stack", () => {
    let deep: unknown = "\u0000"
    for (let i = 0; i < 3000; i++) deep = [deep]
    expect(prepareData({ deep })).toMatchObject({ _tag: "Left", left: { reason: expect.stringContaining("[0][0] holds a NUL") } })
  })
})

describe("decodeExpectedVersion", () => {
  const decodeExpected = Schema.decodeUnknownEither(ExpectedVersion.ExpectedVersion)

  it("accepts exactly what the ExpectedVersion Schema accepts, as the same variant", () => {
    const candidate = fc.oneof(
      fc.constant(undefined),
      fc.record(
        {
          _tag: fc.constantFrom("Any", "NoStream", "StreamExists", "Exact", "exact", "Other"),
          version: fc.oneof(fc.integer({ min: -2, max: 10 }), fc.double(), fc.constantFrom(2 ** 53, "1", null, -0))
        },
        { requiredKeys: [] }
      ),
      fc.anything()
    )
    fc.assert(
      fc.property(candidate, (expected) => {
        const decoded = decodeExpectedVersion("order-1", expected)
        if (expected === undefined) {
          expect(decoded).toEqual(Either.right(ExpectedVersion.any))
          return
        }
        const bySchema = decodeExpected(expected)
        expect(Either.isRight(decoded)).toBe(Either.isRight(bySchema))
        if (Either.isRight(decoded) && Either.isRight(bySchema)) expect(decoded.right).toEqual(bySchema.right)
        if (Either.isLeft(decoded)) expect(decoded.left).toMatchObject({ _tag: "InvalidExpectedVersion", streamName: "order-1" })
      })
    )
  })
})
