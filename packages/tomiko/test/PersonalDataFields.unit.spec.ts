import { describe, expect, it } from "vitest"
import { Arbitrary, Effect, type Schema } from "effect"
import * as fc from "fast-check"
import { type Event, type EventCodec, PersonalData } from "@jatim/eventstore"
import { PersonalDataFixtures } from "@jatim/testing"
import {
  CreditLine,
  CreditLineEvent,
  Koperasi,
  KoperasiEvent,
  Listing,
  ListingEvent,
  Order,
  OrderEvent,
  PersonalDataFields
} from "../src/index.js"

const { readAll, runOrFail, shreddingInMemory } = PersonalDataFixtures

/** An event drawn from the Schema of one of TOMIKO's stream categories, with what appends and checks it. */
const drawnFrom = <E extends { readonly _tag: string }, I extends { readonly _tag: string }>(
  category: string,
  codec: EventCodec.EventCodec<E>,
  schema: Schema.Schema<E, I>
) =>
  Arbitrary.make(schema).map((event) => ({
    streamName: `${category}-x1`,
    encode: (eventId: string) => codec.encode({ event, eventId }),
    /** Decodes `recorded` back into the event drawn. */
    decodesBack: (recorded: Event.RecordedEvent) => Effect.map(codec.decode(recorded), (decoded) => expect(decoded.data).toEqual(event))
  }))

const history = fc.array(
  fc.oneof(
    drawnFrom(CreditLine.category, CreditLine.codec, CreditLineEvent.CreditLineEvent),
    drawnFrom(Koperasi.category, Koperasi.codec, KoperasiEvent.KoperasiEvent),
    drawnFrom(Listing.category, Listing.codec, ListingEvent.ListingEvent),
    drawnFrom(Order.category, Order.codec, OrderEvent.OrderEvent)
  ),
  { minLength: 1, maxLength: 12 }
)

describe("TOMIKO's personal data", () => {
  it("the classification is empty: TOMIKO's events name cooperatives, listings and orders, no person", () => {
    expect(PersonalDataFields.classification.size).toBe(0)
    expect(PersonalData.classify(CreditLineEvent.CreditLineEvent).size).toBe(0)
    expect(PersonalData.classify(KoperasiEvent.KoperasiEvent).size).toBe(0)
    expect(PersonalData.classify(ListingEvent.ListingEvent).size).toBe(0)
    expect(PersonalData.classify(OrderEvent.OrderEvent).size).toBe(0)
  })

  it("through a crypto-shredding store, TOMIKO's events are stored and read exactly as appended, and decode", async () => {
    await fc.assert(
      fc.asyncProperty(history, (drawn) =>
        runOrFail(
          Effect.gen(function* () {
            const { inner, store } = yield* shreddingInMemory(PersonalDataFields.classification)
            const appended: Array<Event.NewEvent> = []
            for (const [i, { streamName, encode }] of drawn.entries()) {
              const encoded = yield* encode(`e-${i}`)
              yield* store.appendToStream(streamName, [encoded])
              appended.push(encoded)
            }
            const raw = yield* readAll(inner)
            const read = yield* readAll(store)
            const asAppended = appended.map((e) => ({ eventId: e.eventId, type: e.type, data: JSON.parse(JSON.stringify(e.data)) }))
            expect(raw.map((e) => ({ eventId: e.eventId, type: e.type, data: e.data }))).toEqual(asAppended)
            expect(read.map((e) => ({ eventId: e.eventId, type: e.type, data: e.data }))).toEqual(asAppended)
            for (const [i, recorded] of read.entries()) yield* drawn[i]!.decodesBack(recorded)
          })
        )
      ),
      { numRuns: 100 }
    )
  })
})
