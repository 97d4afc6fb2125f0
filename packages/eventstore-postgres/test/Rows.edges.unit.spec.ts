/**
 * Decoding stored rows at every edge, column by column: whatever path the decoder takes (its
 * fast check or the Schema), it accepts exactly the rows the `RecordedEvent` Schema accepts and
 * decodes them to the same events. Every edge value is tried, not drawn; then pages of rows.
 */
import { describe, expect, it } from "vitest"
import { Either, Schema } from "effect"
import { Event, GlobalPosition } from "@jatim/eventstore"
import { EventPayloads } from "@jatim/testing"
import { lastPosition, toRecordedEvents } from "../src/internal/rows.js"

const decodeEvent = Schema.decodeUnknownEither(Event.RecordedEvent)

/** A bigint column's text as a number, written independently of the decoder. */
const whole = (value: unknown) => (typeof value === "string" && /^[0-9]{1,15}$/.test(value) ? Number(value) : Number.NaN)

const bySchema = (row: Readonly<Record<string, unknown>>) =>
  decodeEvent({
    streamName: row.stream_name,
    streamVersion: whole(row.stream_version),
    globalPosition: { transaction: whole(row.transaction_id), sequence: whole(row.global_position) },
    eventId: row.event_id,
    type: row.event_type,
    data: row.data,
    metadata: row.metadata
  })

/** `value` without the keys that hold `undefined`, at every depth (dates are kept as they are). */
const withoutUndefined = (value: unknown): unknown =>
  typeof value === "object" && value !== null && !(value instanceof Date) && !Array.isArray(value)
    ? Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== undefined)
          .map(([k, v]) => [k, withoutUndefined(v)])
      )
    : value

const metadata = {
  occurredAt: "2026-03-01T08:00:00.000Z",
  schemaVersion: 2,
  correlationId: "c-1",
  causationId: "cause-1",
  actor: { role: "CURATOR", id: "7" }
}
const row = {
  stream_name: "order-1",
  stream_version: "3",
  transaction_id: "1000",
  global_position: "42",
  event_id: "e-1",
  event_type: "OrderPlaced",
  data: { total: 1 },
  metadata
}

const numbers = ["0", "1", "7", "-1", "1.5", "", " 1", "1 ", "01", "1e3", "x", "123456789012345", "1234567890123456", 1, null]
const columnEdges: Record<string, ReadonlyArray<unknown>> = {
  stream_name: ["order-1", "order-TMK-1", "order", "-1", "order-", "Order_2-x", 5, null],
  stream_version: numbers,
  transaction_id: numbers,
  global_position: numbers,
  event_id: ["e-1", "", 5, null],
  event_type: ["OrderPlaced", "", 5, null],
  data: [{}, { a: [1, { b: null }] }, [], null, "text", 5]
}
const metadataEdges: Record<string, ReadonlyArray<unknown>> = {
  occurredAt: ["2026-03-01T08:00:00.000Z", "2026-03-01T08:00:00+07:00", "not a date", "", 0, null, undefined],
  schemaVersion: [1, 2, 1_000, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, "1", null, undefined],
  correlationId: EventPayloads.metadataEdges.text,
  causationId: EventPayloads.metadataEdges.text,
  actor: EventPayloads.metadataEdges.actor,
  extra: [undefined, "x"]
}

const check = (rows: ReadonlyArray<Readonly<Record<string, unknown>>>) => {
  const label = JSON.stringify(rows)
  const expected = rows.map(bySchema)
  const decoded = toRecordedEvents(rows)
  const firstBad = expected.findIndex(Either.isLeft)
  if (firstBad < 0) {
    expect(Either.isRight(decoded), label).toBe(true)
    const events = Either.getOrThrow(decoded)
    expect(events, label).toStrictEqual(expected.map((e) => withoutUndefined(Either.getOrThrow(e))))
  } else {
    expect(Either.isLeft(decoded), label).toBe(true)
    const error = Either.flip(decoded).pipe(Either.getOrThrow)
    expect(error._tag).toBe("EventDecodeError")
    expect(error.eventId, label).toBe(String(rows[firstBad]!.event_id))
    expect(error.reason, label).toMatch(/^the stored row is not a valid event: /)
  }
}

describe("decoding stored rows at every edge", () => {
  it("each column at each edge value, the others valid, decodes exactly as the Schema does", () => {
    for (const [column, values] of Object.entries(columnEdges)) {
      for (const value of values) check([{ ...row, [column]: value }])
    }
  })

  it("each metadata field at each edge value, alone or beside valid ones, decodes exactly as the Schema does", () => {
    for (const [field, values] of Object.entries(metadataEdges)) {
      for (const value of values) {
        check([{ ...row, metadata: { ...metadata, [field]: value } }])
        check([{ ...row, metadata: { occurredAt: metadata.occurredAt, schemaVersion: 1, [field]: value } }])
      }
    }
    for (const value of [null, "metadata", [], 5]) check([{ ...row, metadata: value }])
  })

  it("a page decodes each row on its own: names and dates that change from row to row, and the first bad row fails it", () => {
    const page = [
      row,
      { ...row, stream_version: "4", global_position: "43", event_id: "e-2" },
      {
        ...row,
        stream_name: "cart-9",
        stream_version: "1",
        global_position: "44",
        event_id: "e-3",
        metadata: { ...metadata, occurredAt: "2026-03-02T00:00:00.000Z" }
      },
      { ...row, stream_version: "5", global_position: "45", event_id: "e-4" }
    ]
    check(page)
    const events = Either.getOrThrow(toRecordedEvents(page))
    expect(events.map((e) => [e.streamName, e.metadata.occurredAt.toISOString()])).toEqual([
      ["order-1", "2026-03-01T08:00:00.000Z"],
      ["order-1", "2026-03-01T08:00:00.000Z"],
      ["cart-9", "2026-03-02T00:00:00.000Z"],
      ["order-1", "2026-03-01T08:00:00.000Z"]
    ])
    check([...page, { ...row, event_id: "bad", stream_version: "0" }, { ...row, event_id: "worse", stream_name: 5 }])
    check([{ ...row, stream_name: "no dash" }, row])
    expect(toRecordedEvents([])).toEqual(Either.right([]))
  })

  it("a refused row's reason names the column that is wrong, and no other", () => {
    const reasonFor = (damaged: Readonly<Record<string, unknown>>) =>
      Either.flip(toRecordedEvents([{ ...row, ...damaged }])).pipe(Either.getOrThrow).reason
    const fields = ["streamName", "streamVersion", "globalPosition", "eventId", "type", "data", "metadata"]
    const cases: ReadonlyArray<readonly [Readonly<Record<string, unknown>>, string]> = [
      [{ stream_name: "no dash" }, "streamName"],
      [{ stream_version: "0" }, "streamVersion"],
      [{ transaction_id: "x" }, "globalPosition"],
      [{ event_id: null }, "eventId"],
      [{ event_type: 5 }, "type"],
      [{ data: [] }, "data"],
      [{ metadata: { ...metadata, schemaVersion: 0 } }, "metadata"]
    ]
    for (const [damaged, field] of cases) {
      const reason = reasonFor(damaged)
      expect(reason, field).toContain(`["${field}"]`)
      for (const other of fields.filter((f) => f !== field)) expect(reason, field).not.toContain(`["${other}"]`)
    }
  })

  it("lastPosition is the position of the last row, when it holds a valid one", () => {
    expect(lastPosition([])).toBeUndefined()
    expect(lastPosition([row, { ...row, transaction_id: "7", global_position: "9" }])).toEqual(GlobalPosition.make(7, 9))
    expect(lastPosition([{ ...row, transaction_id: "0", global_position: "0" }])).toEqual(GlobalPosition.make(0, 0))
    expect(lastPosition([{ ...row, transaction_id: "123456789012345", global_position: "1" }])).toEqual(
      GlobalPosition.make(123456789012345, 1)
    )
    for (const [transaction_id, global_position] of [
      ["x", "1"],
      ["1", "x"],
      ["-1", "1"],
      ["1", "-1"],
      ["", "1"],
      ["1234567890123456", "1"]
    ]) {
      expect(lastPosition([{ ...row, transaction_id, global_position }]), `${transaction_id}/${global_position}`).toBeUndefined()
    }
    // Only the last row counts.
    expect(
      lastPosition([
        { ...row, transaction_id: "x" },
        { ...row, transaction_id: "3", global_position: "4" }
      ])
    ).toEqual(GlobalPosition.make(3, 4))
  })
})
