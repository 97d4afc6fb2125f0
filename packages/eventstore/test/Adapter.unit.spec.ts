import { describe, expect, it } from "vitest"
import { Effect, Either, Schema } from "effect"
import * as fc from "fast-check"
import { FixedClock } from "@jatim/testing"
import { Adapter, Event } from "../src/index.js"

const now = new Date("2026-03-01T08:00:00.000Z")
const decodeMetadata = Schema.decodeUnknownEither(Event.EventMetadata)

/** Metadata inputs, mostly valid, some with each kind of mistake a caller can make. */
const metadataInput = fc.record({
  correlationId: fc.oneof(fc.string(), fc.constant(undefined), fc.integer()),
  causationId: fc.oneof(fc.uuid(), fc.constant(undefined)),
  actor: fc.oneof(
    fc.constant(undefined),
    fc.record({ role: fc.oneof(fc.constantFrom("CURATOR", "LEARNER"), fc.string()) }),
    fc.record({ role: fc.constantFrom("CURATOR", " padded "), id: fc.oneof(fc.string(), fc.constant(undefined)) }),
    fc.record({ role: fc.constant("CURATOR"), extra: fc.string() })
  ),
  occurredAt: fc.oneof(fc.date({ noInvalidDate: false }), fc.constant(undefined)),
  schemaVersion: fc.oneof(fc.integer({ min: -2, max: 5 }), fc.double(), fc.constant(undefined)),
  unexpected: fc.string()
}, { requiredKeys: [] })

const prepare = (metadata: unknown) =>
  Effect.runSync(Effect.either(Adapter.prepareAppend("order-1", [{
    eventId: "e-1",
    type: "OrderPlaced",
    data: { total: 1 },
    metadata: metadata as Event.EventMetadataInput
  }]).pipe(Effect.withClock(fixedClock))))

const fixedClock = FixedClock.make(now)

describe("Adapter.prepareAppend", () => {
  it("accepts exactly the metadata the EventMetadata Schema accepts, and prepares the same metadata and JSON", () => {
    fc.assert(fc.property(metadataInput, (input) => {
      const prepared = prepare(input)
      const occurredAt = input.occurredAt ?? now
      const expected = decodeMetadata({
        ...input,
        occurredAt: Number.isFinite(occurredAt.getTime()) ? occurredAt.toISOString() : occurredAt,
        schemaVersion: input.schemaVersion ?? 1
      }, { onExcessProperty: "error" })
      expect(Either.isRight(prepared)).toBe(Either.isRight(expected))
      if (Either.isRight(prepared) && Either.isRight(expected)) {
        const event = prepared.right.events[0]!
        expect(event.metadata).toEqual(expected.right)
        expect(JSON.parse(event.metadataJson)).toEqual(Schema.encodeSync(Event.EventMetadata)(expected.right))
      }
      if (Either.isLeft(prepared)) {
        expect(prepared.left._tag).toBe("InvalidEvent")
        expect(prepared.left.message).toContain("metadata")
      }
    }))
  })

  it("gives every event of a batch without metadata the append's time and schema version 1", () => {
    const prepared = Effect.runSync(Adapter.prepareAppend("order-1", [
      { eventId: "e-1", type: "OrderPlaced", data: {} },
      { eventId: "e-2", type: "OrderPaid", data: {} }
    ]).pipe(Effect.withClock(fixedClock)))
    for (const event of prepared.events) {
      expect(event.metadata).toEqual({ occurredAt: now, schemaVersion: 1 })
      expect(JSON.parse(event.metadataJson)).toEqual({ occurredAt: now.toISOString(), schemaVersion: 1 })
    }
    // Each event holds a date of its own.
    expect(prepared.events[0]!.metadata.occurredAt).not.toBe(prepared.events[1]!.metadata.occurredAt)
  })
})
