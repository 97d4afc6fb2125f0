import { describe, expect, it } from "vitest"
import { Either, Schema } from "effect"
import * as fc from "fast-check"
import { Event } from "@jatim/eventstore"
import { toRecordedEvents } from "../src/internal/rows.js"

const decodeEvent = Schema.decodeUnknownEither(Event.RecordedEvent)

/** Mostly `valid`, sometimes `damaged`. */
const mostly = <A, B>(valid: fc.Arbitrary<A>, damaged: fc.Arbitrary<B>) =>
  fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: damaged, weight: 1 })

/** A stored row: mostly as the store writes them, sometimes with parts damaged. */
const row = fc.record({
  stream_name: mostly(fc.constantFrom("order-1", "pesantren-5101", "order-TMK-0001"), fc.oneof(fc.string(), fc.constant(null))),
  stream_version: mostly(fc.integer({ min: 1, max: 10_000 }).map(String), fc.constantFrom("0", "-1", "1.5", "", "12345678901234567")),
  transaction_id: mostly(fc.integer({ min: 0, max: 2 ** 40 }).map(String), fc.constantFrom("x", "")),
  global_position: mostly(fc.integer({ min: 1, max: 2 ** 40 }).map(String), fc.constant("-3")),
  event_id: mostly(fc.uuid(), fc.oneof(fc.constant(null), fc.integer())),
  event_type: mostly(fc.constantFrom("OrderPlaced", "ProductCertified"), fc.constant(null)),
  // (The Schema's Record drops a "__proto__" key, which the fast path keeps as stored.)
  data: mostly(
    fc.dictionary(
      fc.string().filter((key) => key !== "__proto__"),
      fc.jsonValue()
    ),
    fc.oneof(fc.array(fc.integer()), fc.constant(null), fc.string())
  ),
  metadata: mostly(
    fc.record(
      {
        occurredAt: mostly(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.constantFrom("not a date", "")
        ),
        schemaVersion: mostly(fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, 1.5, "1")),
        correlationId: mostly(fc.uuid(), fc.integer()),
        causationId: fc.uuid(),
        actor: mostly(
          fc.oneof(
            fc.record({ role: fc.constantFrom("CURATOR", "LEARNER") }),
            fc.record({ role: fc.constant("LEARNER"), id: fc.constantFrom("l-1", "pesantren admin"), extra: fc.string() })
          ),
          fc.oneof(
            fc.record({ role: fc.constantFrom("", " LEARNER") }),
            fc.record({ role: fc.constant("LEARNER"), id: fc.oneof(fc.constant(""), fc.integer()) }),
            fc.constant(null)
          )
        ),
        extra: fc.string()
      },
      { requiredKeys: ["occurredAt", "schemaVersion"] }
    ),
    fc.constant(null)
  )
})

const whole = (value: string) => (/^\d+$/.test(value) && value.length <= 15 ? Number(value) : Number.NaN)

describe("decoding stored rows", () => {
  it("accepts exactly the rows the RecordedEvent Schema accepts, and decodes them alike", () => {
    let decodedPages = 0
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 5 }), (rows) => {
        const expected = rows.map((r) =>
          decodeEvent({
            streamName: r.stream_name,
            streamVersion: whole(r.stream_version),
            globalPosition: { transaction: whole(r.transaction_id), sequence: whole(r.global_position) },
            eventId: r.event_id,
            type: r.event_type,
            data: r.data,
            metadata: r.metadata
          })
        )
        const decoded = toRecordedEvents(rows)
        const firstBad = expected.findIndex(Either.isLeft)
        if (firstBad < 0) {
          decodedPages++
          expect(decoded).toEqual(Either.right(expected.map((e) => Either.getOrThrow(e))))
        } else {
          expect(Either.isLeft(decoded)).toBe(true)
          if (Either.isLeft(decoded)) {
            expect(decoded.left._tag).toBe("EventDecodeError")
            expect(decoded.left.eventId).toBe(String(rows[firstBad]!.event_id))
          }
        }
      })
    )
    // Both outcomes were met, not only refusals.
    expect(decodedPages).toBeGreaterThan(0)
  })
})
