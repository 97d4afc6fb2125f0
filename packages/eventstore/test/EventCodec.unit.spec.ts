import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Effect, Either, Schema } from "effect"
import * as fc from "fast-check"
import { EventCodec, GlobalPosition, type Event, type StreamName } from "../src/index.js"
import { TallyEvent, tallyCodec } from "./fixtures/tally.js"

const recordedOf = (newEvent: Event.NewEvent): Event.RecordedEvent => ({
  streamName: "tally-1" as StreamName.StreamName,
  streamVersion: 1,
  globalPosition: GlobalPosition.make(1, 1),
  eventId: newEvent.eventId,
  type: newEvent.type,
  data: JSON.parse(JSON.stringify(newEvent.data)),
  metadata: { occurredAt: new Date(0), schemaVersion: newEvent.metadata?.schemaVersion ?? 1 }
})

const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runSync(Effect.either(effect))

// Version 1 of `Enrolled` had `name`; version 2 split it into `givenName`/`familyName`;
// version 3 added `kabupatenKota`, unknown for old events.
class Enrolled extends Schema.TaggedClass<Enrolled>()("Enrolled", {
  givenName: Schema.String,
  familyName: Schema.String,
  kabupatenKota: Schema.NullOr(Schema.String)
}) {}
class Left extends Schema.TaggedClass<Left>()("Left", {}) {}
const V1 = Schema.Struct({ name: Schema.String })
const V2 = Schema.Struct({ givenName: Schema.String, familyName: Schema.String })
const V3 = Schema.Struct({ givenName: Schema.String, familyName: Schema.String, kabupatenKota: Schema.NullOr(Schema.String) })
const enrolmentCodec = EventCodec.make(Schema.Union(Enrolled, Left), {
  versions: { Enrolled: 3 },
  upcasters: [
    EventCodec.upcaster(
      "Enrolled",
      1,
      Schema.transform(V1, V2, {
        strict: true,
        decode: ({ name }) => {
          const [givenName = "", ...rest] = name.split(" ")
          return { givenName, familyName: rest.join(" ") }
        },
        encode: ({ familyName, givenName }) => ({ name: `${givenName} ${familyName}`.trim() })
      })
    ),
    EventCodec.upcaster(
      "Enrolled",
      2,
      Schema.transform(V2, V3, {
        strict: true,
        decode: (v2) => ({ ...v2, kabupatenKota: null }),
        encode: ({ familyName, givenName }) => ({ givenName, familyName })
      })
    )
  ]
})

describe("EventCodec", () => {
  it("knows the event types of the union from their tags", () => {
    expect(tallyCodec.eventTypes).toEqual(["Counted", "Reset"])
    expect(EventCodec.make(Schema.Union(Schema.TaggedStruct("A", { x: Schema.Number }), Schema.TaggedStruct("B", {}))).eventTypes).toEqual([
      "A",
      "B"
    ])
  })

  it("decodes what it encodes, for every event", () => {
    fc.assert(
      fc.property(Arbitrary.make(TallyEvent), fc.uuid(), (event, eventId) => {
        const encoded = Either.getOrThrow(run(tallyCodec.encode({ event, eventId })))
        expect(encoded.type).toBe(event._tag)
        expect(encoded.data).not.toHaveProperty("_tag")
        const decoded = Either.getOrThrow(run(tallyCodec.decode(recordedOf(encoded))))
        expect(decoded.data).toEqual(event)
        expect(decoded.eventId).toBe(eventId)
      })
    )
  })

  it("writes new events with the type's current schema version", () => {
    const encoded = Either.getOrThrow(
      run(
        enrolmentCodec.encode({
          event: new Enrolled({ givenName: "Siti", familyName: "Aminah", kabupatenKota: "35.07" }),
          eventId: "e-1"
        })
      )
    )
    expect(encoded.metadata?.schemaVersion).toBe(3)
    const left = Either.getOrThrow(run(enrolmentCodec.encode({ event: new Left(), eventId: "e-2" })))
    expect(left.metadata?.schemaVersion).toBe(1)
  })

  it("upcasts version 1 and version 2 data through every step to the current event", () => {
    const v1 = recordedOf({ eventId: "e-1", type: "Enrolled", data: { name: "Siti Nur Aminah" }, metadata: { schemaVersion: 1 } })
    expect(Either.getOrThrow(run(enrolmentCodec.decode(v1))).data).toEqual(
      new Enrolled({ givenName: "Siti", familyName: "Nur Aminah", kabupatenKota: null })
    )
    const v2 = recordedOf({
      eventId: "e-2",
      type: "Enrolled",
      data: { givenName: "Ahmad", familyName: "Fauzi" },
      metadata: { schemaVersion: 2 }
    })
    expect(Either.getOrThrow(run(enrolmentCodec.decode(v2))).data).toEqual(
      new Enrolled({ givenName: "Ahmad", familyName: "Fauzi", kabupatenKota: null })
    )
  })

  it("fails with EventDecodeError for unknown types, newer versions, missing upcasters and bad data", () => {
    const cases: ReadonlyArray<[Event.NewEvent, RegExp]> = [
      [{ eventId: "a", type: "Unknown", data: {} }, /not one of this codec's/],
      [{ eventId: "b", type: "Enrolled", data: {}, metadata: { schemaVersion: 4 } }, /newer than this code's 3/],
      [{ eventId: "c", type: "Enrolled", data: { name: 42 }, metadata: { schemaVersion: 1 } }, /upcasting from version 1 failed/],
      [{ eventId: "d", type: "Enrolled", data: { givenName: "x" }, metadata: { schemaVersion: 3 } }, /familyName/]
    ]
    for (const [event, reason] of cases) {
      const result = run(enrolmentCodec.decode(recordedOf(event)))
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result)) {
        expect(result.left._tag).toBe("EventDecodeError")
        expect(result.left.reason).toMatch(reason)
        expect(result.left.message).toContain(event.eventId)
      }
    }
    const missing = EventCodec.make(Schema.Union(Enrolled, Left), { versions: { Enrolled: 3 } })
    const result = run(missing.decode(recordedOf({ eventId: "e", type: "Enrolled", data: { name: "x" }, metadata: { schemaVersion: 1 } })))
    expect(Either.isLeft(result) && result.left.reason).toMatch(/no upcaster from version 1 to 2/)
  })

  it("fails with InvalidEvent when an event does not encode", () => {
    const codec = EventCodec.make(Schema.Union(Schema.TaggedStruct("Priced", { rupiah: Schema.Int })))
    const result = run(codec.encode({ event: { _tag: "Priced", rupiah: 1.5 }, eventId: "p-1" }))
    expect(Either.isLeft(result) && result.left._tag).toBe("InvalidEvent")
  })
})
