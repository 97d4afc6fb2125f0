/**
 * Crypto-shredding on PostgreSQL: `CryptoShredding` over `PostgresEventStore` with the
 * PostgreSQL key store. The events table holds no personal value in plain text; reads through
 * the wrapper give them back; an append retried with the same event ids is recognised as a retry
 * (alone, grouped, from another host process); after `forget` the subject's fields read as the
 * placeholder in streams, reads of all events, categories and subscriptions, at once in the
 * forgetting process and after its cache's ttl in another.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Clock, Context, Effect, Layer, Schema, type Scope, Stream } from "effect"
import { SqlClient } from "@effect/sql"
import {
  CryptoShredding,
  type Event,
  EventCodec,
  EventId,
  type EventStore,
  ExpectedVersion,
  PersonalData,
  type PersonalDataKeys
} from "@jatim/eventstore"
import * as fc from "fast-check"
import { PostgresEventStore, PostgresPersonalDataKeys } from "../src/index.js"
import { clientLayer, suiteDatabaseBeforeAll, uniqueSchema } from "./support.js"

const url = suiteDatabaseBeforeAll("crypto_shredding")

/** A member joined: the name is personal data of `member:<memberId>`, the city is not. */
class MemberJoined extends Schema.TaggedClass<MemberJoined>()("MemberJoined", {
  memberId: Schema.String,
  name: PersonalData.field(Schema.String, { subject: "member", idField: "memberId" }),
  city: Schema.String
}) {}

/** A party's guests: each guest's name is personal data of `guest:<guestId>`. */
class GuestsListed extends Schema.TaggedClass<GuestsListed>()("GuestsListed", {
  guests: Schema.Array(
    Schema.Struct({
      guestId: Schema.String,
      name: PersonalData.field(Schema.String, { subject: "guest", idField: "guestId" })
    })
  )
}) {}

/** No personal field. */
class NoteAdded extends Schema.TaggedClass<NoteAdded>()("NoteAdded", { memberId: Schema.String, note: Schema.String }) {}

const TestEvent = Schema.Union(MemberJoined, GuestsListed, NoteAdded)
type TestEvent = typeof TestEvent.Type
const codec = EventCodec.make(TestEvent)
const classification = PersonalData.classify(TestEvent)

const encode = (events: ReadonlyArray<TestEvent>) =>
  Effect.forEach(events, (event) => Effect.flatMap(EventId.make, (eventId) => codec.encode({ event, eventId })))

const decode = (events: ReadonlyArray<Event.RecordedEvent>) =>
  Effect.forEach(events, (event) => Effect.map(codec.decode(event), (e) => e.data))

/** A clock `offset` milliseconds ahead of the real one (which it sleeps by), to age another host's cache. */
const shiftedClock = () => {
  const real = Clock.make()
  let offset = 0
  const clock: Clock.Clock = {
    [Clock.ClockTypeId]: Clock.ClockTypeId,
    unsafeCurrentTimeMillis: () => real.unsafeCurrentTimeMillis() + offset,
    currentTimeMillis: Effect.sync(() => real.unsafeCurrentTimeMillis() + offset),
    unsafeCurrentTimeNanos: () => real.unsafeCurrentTimeNanos() + BigInt(offset) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => real.unsafeCurrentTimeNanos() + BigInt(offset) * 1_000_000n),
    sleep: (duration) => real.sleep(duration)
  }
  return {
    advance: (millis: number) => {
      offset += millis
    },
    run: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.withClock(effect, clock)
  }
}

interface Host {
  /** The store through `CryptoShredding`. */
  readonly store: EventStore.EventStore
  /** The PostgreSQL store beneath, as it stores. */
  readonly raw: EventStore.EventStore
  readonly keys: PersonalDataKeys.PersonalDataKeys
  readonly sql: SqlClient.SqlClient
}

/** One host process on `schema`: a pool, the store, the key store and its cache of its own. */
const host = (
  schema: string,
  options: { readonly groupAppends?: false | undefined; readonly ttlMillis?: number | undefined } = {}
): Effect.Effect<Host, unknown, Scope.Scope> =>
  Effect.gen(function* () {
    const pool = yield* Layer.build(clientLayer(url(), 6))
    const raw = yield* Effect.provide(PostgresEventStore.make({ schema, groupAppends: options.groupAppends }), pool)
    const keys = yield* Effect.provide(PostgresPersonalDataKeys.make({ schema, cache: { ttlMillis: options.ttlMillis } }), pool)
    return { store: CryptoShredding.make(raw, keys, classification), raw, keys, sql: Context.get(pool, SqlClient.SqlClient) }
  })

/** Every string in a JSON value, keys included. */
const stringsOf = (value: unknown): Array<string> =>
  typeof value === "string"
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(stringsOf)
      : typeof value === "object" && value !== null
        ? Object.entries(value).flatMap(([key, inner]) => [key, ...stringsOf(inner)])
        : []

/** The data of every stored event of `schema` (of the streams starting with `prefix`), as PostgreSQL gives its text. */
const storedData = (sql: SqlClient.SqlClient, schema: string, prefix = "") =>
  Effect.map(
    sql<{ data: string }>`SELECT data::text AS data FROM ${sql(schema)}.events WHERE starts_with(stream_name, ${prefix})
      ORDER BY transaction_id, global_position`,
    (rows) => rows.map((row) => row.data)
  )

/** Fails the test when a stored text holds one of `values` (as text, or inside any string of its JSON). */
const expectNoPlaintext = (stored: ReadonlyArray<string>, values: ReadonlyArray<string>) => {
  for (const text of stored) {
    const strings = stringsOf(JSON.parse(text))
    for (const value of values) {
      expect(text.includes(value), `${JSON.stringify(value)} in ${text}`).toBe(false)
      expect(
        strings.some((s) => s.includes(value)),
        `${JSON.stringify(value)} in ${text}`
      ).toBe(false)
    }
  }
}

const collect = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

const joined = (memberId: string, name: string, city = "Surabaya") => new MemberJoined({ memberId, name, city })
const guests = (...list: ReadonlyArray<readonly [string, string]>) =>
  new GuestsListed({ guests: list.map(([guestId, name]) => ({ guestId, name })) })

const erased = PersonalData.erasedText

describe("CryptoShredding over PostgreSQL", () => {
  it.live("the events table holds no personal value in plain text, while reads through the wrapper give every one back", () =>
    Effect.gen(function* () {
      const schema = uniqueSchema("shred")
      const a = yield* host(schema)
      const member = [joined("M-1", "Siti Aminah binti Ahmad"), new NoteAdded({ memberId: "M-1", note: "paid the fee" })]
      const party = [guests(["G-1", "Budi Santoso"], ["G-2", "Dewi Lestari"])]
      yield* a.store.appendToStream("member-1", yield* encode(member))
      yield* a.store.appendToStream("party-1", yield* encode(party))

      const stored = yield* storedData(a.sql, schema)
      expect(stored).toHaveLength(3)
      expectNoPlaintext(stored, ["Siti Aminah binti Ahmad", "Siti", "Budi Santoso", "Dewi Lestari"])
      // What is not personal is stored as it is, and the sealed fields name their subjects.
      expect(stored[0]).toContain("Surabaya")
      expect(stored[1]).toContain("paid the fee")
      const raw = (yield* a.raw.readStream("member-1")).events[0]!.data as { readonly name: Record<string, unknown> }
      expect(raw.name).toMatchObject({ $personal: 1, subject: "member:M-1" })
      const rawParty = (yield* a.raw.readStream("party-1")).events[0]!.data as {
        readonly guests: ReadonlyArray<{ readonly name: Record<string, unknown> }>
      }
      expect(rawParty.guests.map((g) => g.name.subject)).toEqual(["guest:G-1", "guest:G-2"])

      expect(yield* decode((yield* a.store.readStream("member-1")).events)).toEqual(member)
      expect(yield* decode((yield* a.store.readStream("party-1")).events)).toEqual(party)
      expect(yield* decode(yield* collect(a.store.readAll()))).toEqual([...member, ...party])
      expect(yield* decode(yield* collect(a.store.readCategory("party")))).toEqual(party)
      expect(yield* decode(yield* collect(a.store.subscribe().pipe(Stream.take(3))))).toEqual([...member, ...party])
    }).pipe(Effect.scoped)
  )

  for (const [title, groupAppends] of [
    ["each append alone", false],
    ["grouped appends", undefined]
  ] as const) {
    it.live(`an append retried with the same event ids writes nothing and fails with no DuplicateEventId (${title})`, () =>
      Effect.gen(function* () {
        const schema = uniqueSchema("shred")
        const a = yield* host(schema, { groupAppends })
        const b = yield* host(schema, { groupAppends })

        const first = yield* encode([joined("M-1", "Siti Aminah"), guests(["G-1", "Budi Santoso"])])
        const written = yield* a.store.appendToStream("member-1", first, { expectedVersion: ExpectedVersion.noStream })
        expect(written.eventsWritten).toBe(2)
        const again = yield* a.store.appendToStream("member-1", first, { expectedVersion: ExpectedVersion.noStream })
        expect(again).toEqual({ ...written, eventsWritten: 0 })
        // From another host process, with a key store cache of its own.
        const elsewhere = yield* b.store.appendToStream("member-1", first, { expectedVersion: ExpectedVersion.noStream })
        expect(elsewhere).toEqual({ ...written, eventsWritten: 0 })

        // Racing retries of a batch of new subjects, from both hosts at once (grouped when on).
        const secondEvents = [joined("M-2", "Dewi Lestari"), joined("M-3", "Rudi Hartono"), guests(["G-2", "Ani"], ["G-3", "Eko"])]
        const second = yield* encode(secondEvents)
        const results = yield* Effect.forEach(
          Array.from({ length: 8 }, (_, n) => (n % 2 === 0 ? a : b)),
          (h) => h.store.appendToStream("member-2", second, { expectedVersion: ExpectedVersion.noStream }),
          { concurrency: "unbounded" }
        )
        expect(results.map((r) => r.eventsWritten).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 3])
        expect(new Set(results.map((r) => r.nextExpectedVersion))).toEqual(new Set([3]))

        const rows = yield* a.sql<{ stream_name: string; n: number }>`
          SELECT stream_name, count(*)::int AS n FROM ${a.sql(schema)}.events GROUP BY stream_name ORDER BY stream_name`
        expect(rows).toEqual([
          { stream_name: "member-1", n: 2 },
          { stream_name: "member-2", n: 3 }
        ])
        expect(yield* decode((yield* b.store.readStream("member-2")).events)).toEqual(secondEvents)
        expectNoPlaintext(yield* storedData(a.sql, schema), ["Siti Aminah", "Budi Santoso", "Dewi Lestari", "Rudi Hartono"])
        // The same id with another personal value is no retry.
        const changed = { ...first[0]!, data: { ...first[0]!.data, name: "Siti Aminah Putri" } }
        const error = yield* Effect.flip(a.store.appendToStream("member-1", [changed, first[1]!]))
        expect(error).toMatchObject({ _tag: "DuplicateEventId", eventId: first[0]!.eventId })
      }).pipe(Effect.scoped)
    )
  }

  it.live(
    "after forget, the subject reads as the placeholder in streams, all events, categories and subscriptions; others stay; " +
      "another host sees it once its cache's ttl passed",
    () =>
      Effect.gen(function* () {
        const schema = uniqueSchema("shred")
        const a = yield* host(schema)
        const b = yield* host(schema, { ttlMillis: 60_000 })
        const clockOfB = shiftedClock()
        const events = [
          ["member-1", [joined("M-1", "Siti Aminah"), new NoteAdded({ memberId: "M-1", note: "paid" })]],
          ["member-2", [joined("M-2", "Budi Santoso")]],
          // The guest M-1 is another subject than the member M-1, though the id is the same.
          ["party-1", [guests(["M-1", "Siti as a guest"], ["G-2", "Dewi Lestari"])]]
        ] as const
        for (const [stream, list] of events) yield* a.store.appendToStream(stream, yield* encode(list))
        // Host B reads, and so holds the keys in its cache.
        expect(yield* decode((yield* clockOfB.run(b.store.readStream("member-1"))).events)).toEqual(events[0][1])

        yield* a.keys.forget(PersonalData.subject("member", "M-1"))

        const expected: ReadonlyArray<TestEvent> = [
          joined("M-1", erased),
          new NoteAdded({ memberId: "M-1", note: "paid" }),
          joined("M-2", "Budi Santoso"),
          guests(["M-1", "Siti as a guest"], ["G-2", "Dewi Lestari"])
        ]
        expect(yield* decode((yield* a.store.readStream("member-1")).events)).toEqual(expected.slice(0, 2))
        expect(yield* decode((yield* a.store.readStream("member-2")).events)).toEqual(expected.slice(2, 3))
        expect(yield* decode(yield* collect(a.store.readAll()))).toEqual(expected)
        expect(yield* decode(yield* collect(a.store.readCategory("member")))).toEqual(expected.slice(0, 3))
        expect(yield* decode(yield* collect(a.store.subscribe().pipe(Stream.take(4))))).toEqual(expected)
        // The events themselves are all still there, as stored.
        expect((yield* collect(a.raw.readAll())).map((e) => e.eventId)).toHaveLength(4)

        // Host B still has the key in its cache, until the ttl passes.
        expect(yield* decode((yield* clockOfB.run(b.store.readStream("member-1"))).events)).toEqual(events[0][1])
        clockOfB.advance(60_000)
        expect(yield* decode((yield* clockOfB.run(b.store.readStream("member-1"))).events)).toEqual(expected.slice(0, 2))
        expect(yield* decode(yield* clockOfB.run(collect(b.store.readAll())))).toEqual(expected)
        expect(yield* decode(yield* clockOfB.run(collect(b.store.subscribe().pipe(Stream.take(4)))))).toEqual(expected)

        // The member comes back: a new key, the new name readable, the old one still erased. Host B,
        // which remembers that the member has no key, reads the new name once its ttl passed again.
        yield* a.store.appendToStream("member-1", yield* encode([joined("M-1", "Siti Aminah (again)")]))
        const back = [...expected.slice(0, 2), joined("M-1", "Siti Aminah (again)")]
        expect(yield* decode((yield* a.store.readStream("member-1")).events)).toEqual(back)
        clockOfB.advance(60_000)
        expect(yield* decode((yield* clockOfB.run(b.store.readStream("member-1"))).events)).toEqual(back)
      }).pipe(Effect.scoped)
  )

  it.live("for any members, guests and subset forgotten: no plain value stored; exactly the forgotten read as erased, in both hosts", () =>
    Effect.gen(function* () {
      const schema = uniqueSchema("shred")
      // Both hosts' caches age by the shifted clock (their entries made at real time expire too).
      const a = yield* host(schema, { ttlMillis: 1_000 })
      const b = yield* host(schema, { ttlMillis: 1_000 })
      const clockOfB = shiftedClock()
      let run = 0
      const value = fc.string({ unit: "grapheme", minLength: 1, maxLength: 16 }).filter((s) => !s.includes("\u0000"))
      const people = fc.uniqueArray(
        fc.record({
          id: fc.stringMatching(/^[A-Z0-9]{1,8}$/),
          name: value.map((s) => `Nama ${s}`),
          guestName: value.map((s) => `Tamu ${s}`),
          forgotten: fc.boolean(),
          guestForgotten: fc.boolean()
        }),
        { minLength: 1, maxLength: 5, selector: (p) => p.id }
      )
      yield* Effect.promise(() =>
        fc.assert(
          fc.asyncProperty(people, (drawn) =>
            Effect.runPromise(
              Effect.gen(function* () {
                const prefix = `member-r${++run}x`
                const ids = drawn.map((p) => ({ ...p, id: `r${run}-${p.id}` }))
                for (const [i, p] of ids.entries()) {
                  yield* b.store.appendToStream(`${prefix}${i}`, yield* encode([joined(p.id, p.name)]))
                }
                yield* a.store.appendToStream(`${prefix}guests`, yield* encode([guests(...ids.map((p) => [p.id, p.guestName] as const))]))
                // Host B read them (and holds their keys) before they are forgotten.
                yield* clockOfB.run(collect(b.store.readCategory("member")))

                expectNoPlaintext(
                  yield* storedData(a.sql, schema, prefix),
                  ids.flatMap((p) => [p.name, p.guestName])
                )
                for (const p of ids) {
                  if (p.forgotten) yield* a.keys.forget(PersonalData.subject("member", p.id))
                  if (p.guestForgotten) yield* b.keys.forget(PersonalData.subject("guest", p.id))
                }
                const expected = [
                  ...ids.map((p) => joined(p.id, p.forgotten ? erased : p.name)),
                  guests(...ids.map((p) => [p.id, p.guestForgotten ? erased : p.guestName] as const))
                ]
                clockOfB.advance(1_000)
                for (const h of [a, b]) {
                  const read = yield* clockOfB.run(collect(h.store.readAll()))
                  expect(yield* decode(read.filter((e) => e.streamName.startsWith(prefix)))).toEqual(expected)
                }
                // Nothing stored changed, and still nothing personal is in plain text.
                expectNoPlaintext(
                  yield* storedData(a.sql, schema, prefix),
                  ids.flatMap((p) => [p.name, p.guestName])
                )
              })
            )
          ),
          { numRuns: 20 }
        )
      )
    }).pipe(Effect.scoped)
  )
})
