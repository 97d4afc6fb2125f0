/**
 * The metadata of a new event, field by field at the edges of what `EventMetadata` accepts:
 * whatever path an adapter takes (its fast check or the Schema), it accepts exactly what the
 * Schema accepts and prepares the same metadata and JSON. Every edge value is tried, not drawn.
 */
import { describe, expect, it } from "vitest"
import { Effect, Either, Schema } from "effect"
import { EventPayloads, FixedClock } from "@jatim/testing"
import * as fc from "fast-check"
import { Event } from "../src/index.js"
import { prepareAppend } from "../src/internal/adapter/prepareAppend.js"

const now = new Date("2026-03-01T08:00:00.000Z")
const clock = FixedClock.make(now)
const decodeMetadata = Schema.decodeUnknownEither(Event.EventMetadata)
const encodeMetadata = Schema.encodeSync(Event.EventMetadata)

const prepare = (metadata: unknown) =>
  Effect.runSync(
    Effect.either(
      prepareAppend("order-1", [
        {
          eventId: "e-1",
          type: "OrderPlaced",
          data: { total: 1 },
          metadata: metadata as Event.EventMetadataInput
        }
      ]).pipe(Effect.withClock(clock))
    )
  )

/** What the Schema makes of `input`, with the adapter's defaults. */
const bySchema = (input: unknown) => {
  const fields = input as Readonly<Record<string, unknown>> | null | undefined
  const occurredAt = fields?.occurredAt ?? now
  return decodeMetadata(
    {
      ...fields,
      occurredAt: occurredAt instanceof Date && Number.isFinite(occurredAt.getTime()) ? occurredAt.toISOString() : occurredAt,
      schemaVersion: fields?.schemaVersion ?? 1
    },
    { onExcessProperty: "error" }
  )
}

const edges: Record<string, ReadonlyArray<unknown>> = {
  correlationId: EventPayloads.metadataEdges.text,
  causationId: EventPayloads.metadataEdges.text,
  actor: EventPayloads.metadataEdges.actor,
  occurredAt: [undefined, new Date(0), new Date("2030-12-31T23:59:59.999Z"), new Date(Number.NaN), now.toISOString(), 0, null],
  schemaVersion: [
    undefined,
    1,
    2,
    1_000,
    0,
    -1,
    1.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 1,
    "1",
    null
  ],
  unexpected: [undefined, "x"]
}

/** `value` without the keys that hold `undefined`, at every depth (dates are kept as they are). */
const withoutUndefined = (value: unknown): unknown =>
  typeof value === "object" && value !== null && !(value instanceof Date)
    ? Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, withoutUndefined(v)])
      )
    : value

const check = (input: unknown) => {
  const prepared = prepare(input)
  const expected = bySchema(input)
  const label = JSON.stringify(input, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v))
  expect(Either.isRight(prepared), label).toBe(Either.isRight(expected))
  if (Either.isRight(prepared) && Either.isRight(expected)) {
    const event = prepared.right.events[0]!
    // The same keys too (a key holding undefined counts as absent: the input may spell it out).
    expect(event.metadata, label).toStrictEqual(withoutUndefined(expected.right))
    expect(JSON.parse(event.metadataJson), label).toEqual(encodeMetadata(expected.right))
  } else if (Either.isLeft(prepared)) {
    expect(prepared.left._tag).toBe("InvalidEvent")
    expect(prepared.left.message, label).toContain("its metadata is invalid")
  }
}

/** Metadata inputs, mostly valid, some with each kind of mistake a caller can make. */
const metadataInput = fc.record(
  {
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
  },
  { requiredKeys: [] }
)

describe("prepareAppend: metadata at every edge", () => {
  it("each field at each edge value, the others absent or valid, is accepted and prepared exactly as the Schema does", () => {
    const valid = {
      correlationId: "c-1",
      causationId: "cause-1",
      actor: { role: "CURATOR", id: "7" },
      occurredAt: new Date(0),
      schemaVersion: 3
    }
    for (const [field, values] of Object.entries(edges)) {
      for (const value of values) {
        check(value === undefined ? {} : { [field]: value })
        check({ ...valid, [field]: value })
      }
    }
  })

  it("drawn metadata, mostly valid, some with each kind of mistake a caller can make, is accepted and prepared exactly as the Schema does", () => {
    fc.assert(fc.property(metadataInput, check))
  })

  it("metadata that is absent, empty, or not an object", () => {
    const absent = prepare(undefined)
    expect(Either.getOrThrow(absent).events[0]!.metadata).toEqual({ occurredAt: now, schemaVersion: 1 })
    expect(Either.getOrThrow(absent).events[0]!.metadataJson).toBe(`{"occurredAt":"${now.toISOString()}","schemaVersion":1}`)
    for (const input of [{}, null, "metadata", 5, [], ["a"]]) check(input)
  })

  it("the metadata is a copy: changing the input afterwards changes nothing prepared", () => {
    const actor = { role: "CURATOR", id: "7" }
    const occurredAt = new Date(0)
    const input = { actor, occurredAt }
    const prepared = Either.getOrThrow(prepare(input)).events[0]!
    actor.role = "LEARNER"
    occurredAt.setTime(5_000)
    expect(prepared.metadata.actor).toEqual({ role: "CURATOR", id: "7" })
    expect(prepared.metadata.occurredAt).toEqual(new Date(0))
  })
})
