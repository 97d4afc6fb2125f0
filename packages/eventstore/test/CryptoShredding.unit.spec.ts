import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Layer, Schema, Stream } from "effect"
import * as fc from "fast-check"
import { PersonalDataFixtures } from "@jatim/testing"
import { CryptoShredding, type Event, EventCodec, EventStore, InMemoryEventStore, PersonalData, PersonalDataKeys } from "../src/index.js"

// A test codec with personal fields of three kinds of subject: at the top level, optional,
// nullable, nested, in an array of structs; and a subject whose id is a number.

const personal = (subject: string, idField: string) => PersonalData.field(Schema.String, { subject, idField })

class GroupFormed extends Schema.TaggedClass<GroupFormed>()("GroupFormed", {
  groupId: Schema.String,
  leaderId: Schema.String,
  leaderName: personal("leader", "leaderId"),
  nickname: Schema.optional(personal("leader", "leaderId")),
  contact: Schema.Struct({ personId: Schema.String, phone: personal("person", "personId") }),
  members: Schema.Array(Schema.Struct({ personId: Schema.String, name: personal("person", "personId"), role: Schema.String })),
  note: Schema.String
}) {}

class BadgeIssued extends Schema.TaggedClass<BadgeIssued>()("BadgeIssued", {
  groupId: Schema.String,
  badgeNo: Schema.Int,
  holder: personal("badge", "badgeNo"),
  previousHolder: Schema.NullOr(personal("badge", "badgeNo"))
}) {}

/** No personal field. */
class GroupRenamed extends Schema.TaggedClass<GroupRenamed>()("GroupRenamed", { groupId: Schema.String, title: Schema.String }) {}

/** Personal numbers, for the nonces. */
class Scored extends Schema.TaggedClass<Scored>()("Scored", {
  leaderId: Schema.String,
  scores: Schema.Array(PersonalData.field(Schema.Int, { subject: "leader", idField: "leaderId", placeholder: 0 }))
}) {}

const TestEvent = Schema.Union(GroupFormed, BadgeIssued, GroupRenamed, Scored)
type TestEvent = typeof TestEvent.Type
const codec = EventCodec.make(TestEvent)
const classification = PersonalData.classify(TestEvent)
const erased = PersonalData.erasedText

const leaders = ["L1", "L2", "L3"]
const persons = ["P1", "P2", "P3", "P4"]
const badges = [1, 2, 3]
const allSubjects = [
  ...leaders.map((id) => PersonalData.subject("leader", id)),
  ...persons.map((id) => PersonalData.subject("person", id)),
  ...badges.map((no) => PersonalData.subject("badge", String(no)))
]

/** A store wrapped by crypto-shredding, with the in-memory store under it and the key store. */
const makeStores = PersonalDataFixtures.shreddingInMemory(classification)

const streamOf = (event: TestEvent): string =>
  event._tag === "BadgeIssued" ? `badge-${event.groupId}` : event._tag === "Scored" ? `score-${event.leaderId}` : `group-${event.groupId}`

const all = <A, E>(stream: Stream.Stream<A, E>) => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

const run = PersonalDataFixtures.runOrFail

// Personal values that cannot appear by accident: "pii~<n>~<letters>", `~` is no base64url
// character, and `n` is unique in a run (so no value is inside another).

const suffix = fc.string({ unit: fc.constantFrom("a", "b", "z", " ", "é", "Ž", "ü", "9"), maxLength: 6 })
const groupId = fc.constantFrom("G1", "G2", "G3")
const note = fc.string({ unit: fc.constantFrom("n", "o", "t", "e", "-", "1"), maxLength: 8 })

const groupFormed = fc
  .record(
    {
      groupId,
      leaderId: fc.constantFrom(...leaders),
      leaderName: suffix,
      nickname: suffix,
      contact: fc.record({ personId: fc.constantFrom(...persons), phone: suffix }),
      members: fc.array(fc.record({ personId: fc.constantFrom(...persons), name: suffix, role: note }), { maxLength: 3 }),
      note
    },
    { requiredKeys: ["groupId", "leaderId", "leaderName", "contact", "members", "note"] }
  )
  .map((fields) => new GroupFormed(fields))
const badgeIssued = fc
  .record({ groupId, badgeNo: fc.constantFrom(...badges), holder: suffix, previousHolder: fc.option(suffix, { nil: null }) })
  .map((fields) => new BadgeIssued(fields))
const groupRenamed = fc.record({ groupId, title: note }).map((fields) => new GroupRenamed(fields))

/** `events` with every personal value made unique: `pii~<n>~<what was drawn>`. */
const unique = (events: ReadonlyArray<TestEvent>): ReadonlyArray<TestEvent> => {
  let n = 0
  const mark = (value: string) => `pii~${n++}~${value}`
  return events.map((event) => {
    switch (event._tag) {
      case "GroupFormed":
        return new GroupFormed({
          ...event,
          leaderName: mark(event.leaderName),
          ...(event.nickname === undefined ? {} : { nickname: mark(event.nickname) }),
          contact: { ...event.contact, phone: mark(event.contact.phone) },
          members: event.members.map((member) => ({ ...member, name: mark(member.name) }))
        })
      case "BadgeIssued":
        return new BadgeIssued({
          ...event,
          holder: mark(event.holder),
          previousHolder: event.previousHolder === null ? null : mark(event.previousHolder)
        })
      default:
        return event
    }
  })
}

const testEvents = fc.array(fc.oneof(groupFormed, badgeIssued, groupRenamed), { minLength: 1, maxLength: 8 }).map(unique)

/** Every personal value of `event`, with its subject. */
const personalValues = (event: TestEvent): ReadonlyArray<readonly [subject: string, value: string]> => {
  switch (event._tag) {
    case "GroupFormed": {
      const leader = PersonalData.subject("leader", event.leaderId)
      return [
        [leader, event.leaderName],
        ...(event.nickname === undefined ? [] : [[leader, event.nickname] as const]),
        [PersonalData.subject("person", event.contact.personId), event.contact.phone],
        ...event.members.map((m) => [PersonalData.subject("person", m.personId), m.name] as const)
      ]
    }
    case "BadgeIssued": {
      const badge = PersonalData.subject("badge", String(event.badgeNo))
      return [[badge, event.holder], ...(event.previousHolder === null ? [] : [[badge, event.previousHolder] as const])]
    }
    default:
      return []
  }
}

/** `event` as it must read once `forgotten` are forgotten: written out by hand, not with the library's paths. */
const expectedAfter = (event: TestEvent, forgotten: ReadonlySet<string>): TestEvent => {
  const erase = (subject: string, value: string) => (forgotten.has(subject) ? erased : value)
  switch (event._tag) {
    case "GroupFormed": {
      const leader = PersonalData.subject("leader", event.leaderId)
      return new GroupFormed({
        ...event,
        leaderName: erase(leader, event.leaderName),
        ...(event.nickname === undefined ? {} : { nickname: erase(leader, event.nickname) }),
        contact: { ...event.contact, phone: erase(PersonalData.subject("person", event.contact.personId), event.contact.phone) },
        members: event.members.map((m) => ({ ...m, name: erase(PersonalData.subject("person", m.personId), m.name) }))
      })
    }
    case "BadgeIssued": {
      const badge = PersonalData.subject("badge", String(event.badgeNo))
      return new BadgeIssued({
        ...event,
        holder: erase(badge, event.holder),
        previousHolder: event.previousHolder === null ? null : erase(badge, event.previousHolder)
      })
    }
    default:
      return event
  }
}

/** A small read model: the names of every subject, folded from decoded events. */
const namesBySubject = (events: ReadonlyArray<TestEvent>): Readonly<Record<string, ReadonlyArray<string>>> => {
  const names: Record<string, Array<string>> = {}
  for (const event of events) {
    for (const [subject, value] of personalValues(event)) names[subject] = [...(names[subject] ?? []), value]
  }
  return names
}

/** Appends `events` through `store`, one batch per stream (streams in order of first event); what was appended, in order. */
const appendAll = (store: EventStore.EventStore, events: ReadonlyArray<TestEvent>) =>
  Effect.gen(function* () {
    const byStream = new Map<string, Array<Event.NewEvent>>()
    for (const [i, event] of events.entries()) {
      const encoded = yield* codec.encode({ event, eventId: `ev-${i}` })
      const batch = byStream.get(streamOf(event)) ?? []
      batch.push(encoded)
      byStream.set(streamOf(event), batch)
    }
    const appended: Array<{ readonly streamName: string; readonly event: Event.NewEvent }> = []
    for (const [streamName, batch] of byStream) {
      yield* store.appendToStream(streamName, batch)
      for (const event of batch) appended.push({ streamName, event })
    }
    return appended
  })

/** The data of a typed event as the codec stores it. */
const encodedData = (event: TestEvent) => Effect.map(codec.encode({ event, eventId: "x" }), (e) => e.data)

const view = (e: Event.RecordedEvent) => ({ streamName: e.streamName, eventId: e.eventId, type: e.type, data: e.data })

describe("CryptoShredding", () => {
  it("stores no personal plaintext; reads give back every field, with the placeholder in forgotten subjects' fields, through every read", async () => {
    await fc.assert(
      fc.asyncProperty(testEvents, fc.subarray(allSubjects), (events, forgottenList) =>
        run(
          Effect.gen(function* () {
            const { inner, keys, store } = yield* makeStores
            const forgotten = new Set(forgottenList)
            const appended = yield* appendAll(store, events)
            const typed = new Map(events.map((event, i) => [`ev-${i}`, event]))
            const values = events.flatMap(personalValues)
            const forgottenValues = values.filter(([subject]) => forgotten.has(subject)).map(([, value]) => value)

            const rawText = Effect.map(all(inner.readAll()), (raw) => JSON.stringify(raw))
            const noPlaintext = (text: string) => {
              for (const [, value] of values) expect(text).not.toContain(value)
            }
            noPlaintext(yield* rawText)

            // Every sealed field has a nonce of its own.
            const ivs = [...(yield* rawText).matchAll(/"iv":"([^"]+)"/g)].map((m) => m[1])
            expect(new Set(ivs).size).toBe(ivs.length)

            const readAllDecoded = Effect.flatMap(all(store.readAll()), (read) => Effect.forEach(read, codec.decode))
            const before = namesBySubject((yield* readAllDecoded).map((e) => e.data))
            for (const value of forgottenValues) expect(JSON.stringify(before)).toContain(value)

            for (const subject of forgotten) yield* keys.forget(subject)

            const expected = yield* Effect.forEach(appended, ({ streamName, event }) =>
              Effect.map(encodedData(expectedAfter(typed.get(event.eventId)!, forgotten)), (data) => ({
                streamName,
                eventId: event.eventId,
                type: event.type,
                data
              }))
            )
            // Unclassified events and unforgotten subjects read exactly as appended.
            for (const [i, { event }] of appended.entries()) {
              const kept = personalValues(typed.get(event.eventId)!).every(([subject]) => !forgotten.has(subject))
              if (kept) expect(expected[i]!.data).toEqual(event.data)
            }

            expect((yield* all(store.readAll())).map(view)).toEqual(expected)
            expect((yield* all(store.readAll({ direction: "backward" }))).map(view)).toEqual([...expected].reverse())
            for (const category of ["group", "badge"]) {
              expect((yield* all(store.readCategory(category))).map(view)).toEqual(
                expected.filter((e) => e.streamName.startsWith(`${category}-`))
              )
            }
            for (const streamName of new Set(expected.map((e) => e.streamName))) {
              const { events: read } = yield* store.readStream(streamName)
              expect(read.map(view)).toEqual(expected.filter((e) => e.streamName === streamName))
            }
            const subscribed = yield* all(Stream.take(store.subscribe({ batchSize: 3 }), expected.length))
            expect(subscribed.map(view)).toEqual(expected)

            // Decoding succeeds, and the read model rebuilt now holds no forgotten plaintext.
            const decoded = (yield* readAllDecoded).map((e) => e.data)
            const after = namesBySubject(decoded)
            expect(after).toEqual(namesBySubject(appended.map(({ event }) => expectedAfter(typed.get(event.eventId)!, forgotten))))
            for (const value of forgottenValues) expect(JSON.stringify(after)).not.toContain(value)
            noPlaintext(yield* rawText)
          })
        )
      ),
      { numRuns: 150 }
    )
  })

  it("an append retried with the same events writes nothing; the same id with another personal value is DuplicateEventId", async () => {
    await fc.assert(
      fc.asyncProperty(badgeIssued, testEvents, (first, rest) =>
        run(
          Effect.gen(function* () {
            const { inner, store } = yield* makeStores
            const events = unique([first, ...rest])
            const batch = yield* Effect.forEach(events, (event, i) => codec.encode({ event, eventId: `ev-${i}` }))
            const written = yield* store.appendToStream("group-1", batch)
            const raw = yield* all(inner.readAll())
            const retried = yield* store.appendToStream("group-1", batch)
            expect(retried).toEqual({ ...written, eventsWritten: 0 })
            expect(written.eventsWritten).toBe(batch.length)
            expect(yield* all(inner.readAll())).toEqual(raw)

            const changed = { ...batch[0]!, data: { ...batch[0]!.data, holder: `${(batch[0]!.data as { holder: string }).holder}!` } }
            const error = yield* Effect.flip(store.appendToStream("group-1", [changed, ...batch.slice(1)]))
            expect(error).toMatchObject({ _tag: "DuplicateEventId", eventId: "ev-0" })
            expect(yield* all(inner.readAll())).toEqual(raw)
          })
        )
      ),
      { numRuns: 100 }
    )
  })

  it.effect("events of unclassified types, and events written before the store was wrapped, pass through unchanged", () =>
    Effect.gen(function* () {
      const { inner, store } = yield* makeStores
      const data = { groupId: "G1", title: "pii~kept", leaderName: "not classified here" }
      yield* store.appendToStream("group-G1", [{ eventId: "r-1", type: "GroupRenamed", data }])
      yield* store.appendToStream("group-G1", [{ eventId: "o-1", type: "SomethingElse", data: { leaderName: "Siti", leaderId: "L1" } }])
      // A plain personal field stored by the unwrapped store reads as stored.
      const plain = { groupId: "G1", badgeNo: 1, holder: "Siti", previousHolder: null }
      yield* inner.appendToStream("badge-G1", [{ eventId: "b-1", type: "BadgeIssued", data: plain }])
      const raw = yield* inner.readStream("group-G1")
      expect(raw.events.map((e) => e.data)).toEqual([data, { leaderName: "Siti", leaderId: "L1" }])
      const read = yield* store.readStream("group-G1")
      expect(read.events.map((e) => e.data)).toEqual([data, { leaderName: "Siti", leaderId: "L1" }])
      expect((yield* store.readStream("badge-G1")).events[0]!.data).toEqual(plain)
    })
  )

  it.effect("a subject's key re-created after forget: old fields stay erased, new ones read", () =>
    Effect.gen(function* () {
      const { inner, keys, store } = yield* makeStores
      const badge = (eventId: string, holder: string) =>
        codec.encode({ event: new BadgeIssued({ groupId: "G1", badgeNo: 7, holder, previousHolder: null }), eventId })
      yield* store.appendToStream("badge-G1", [yield* badge("b-1", "Siti Aminah")])
      yield* keys.forget(PersonalData.subject("badge", "7"))
      yield* store.appendToStream("badge-G1", [yield* badge("b-2", "Budi Santoso")])
      const read = yield* store.readStream("badge-G1")
      expect(read.events.map((e) => (e.data as { holder: string }).holder)).toEqual([erased, "Budi Santoso"])
      const raw = (yield* inner.readStream("badge-G1")).events.map((e) => e.data["holder"] as { keyId: string })
      expect(raw[0]!.keyId).not.toBe(raw[1]!.keyId)
      // Forgetting another badge number leaves this one readable.
      yield* keys.forget(PersonalData.subject("badge", "8"))
      expect((yield* store.readStream("badge-G1")).events.map((e) => (e.data as { holder: string }).holder)).toEqual([
        erased,
        "Budi Santoso"
      ])
    })
  )

  it.effect("empty texts are sealed and erased like any other; null stays null and needs no id", () =>
    Effect.gen(function* () {
      const { inner, keys, store } = yield* makeStores
      const event = new GroupFormed({
        groupId: "G1",
        leaderId: "L1",
        leaderName: "",
        contact: { personId: "P1", phone: "" },
        members: [],
        note: ""
      })
      yield* store.appendToStream("group-G1", [yield* codec.encode({ event, eventId: "g-1" })])
      const raw = (yield* inner.readStream("group-G1")).events[0]!.data
      expect(raw["leaderName"]).toMatchObject({ $personal: 1, subject: "leader:L1" })
      expect((yield* store.readStream("group-G1")).events[0]!.data).toMatchObject({ leaderName: "", contact: { phone: "" }, note: "" })
      yield* keys.forget("leader:L1")
      expect((yield* store.readStream("group-G1")).events[0]!.data).toMatchObject({ leaderName: erased, contact: { phone: "" } })

      // A null personal value holds nothing: stored as null, read as null after forget, and no id is needed beside it.
      yield* store.appendToStream("badge-G1", [
        { eventId: "b-1", type: "BadgeIssued", data: { groupId: "G1", badgeNo: 2, holder: "Ani", previousHolder: null } },
        { eventId: "b-2", type: "GroupFormed", data: { groupId: "G1", leaderName: null, contact: {}, members: [] } }
      ])
      expect((yield* inner.readStream("badge-G1")).events[0]!.data["previousHolder"]).toBeNull()
      yield* keys.forget("badge:2")
      const read = (yield* store.readStream("badge-G1")).events.map((e) => e.data)
      expect(read[0]).toEqual({ groupId: "G1", badgeNo: 2, holder: erased, previousHolder: null })
      expect(read[1]).toEqual({ groupId: "G1", leaderName: null, contact: {}, members: [] })
    })
  )

  it.effect("no two personal values of one subject share a nonce, whatever their places", () =>
    Effect.gen(function* () {
      const { inner, store } = yield* makeStores
      // Places "ev/scores.1" with 23 and "ev/scores.12" with 3: the same bytes if place and value were run together.
      const scores = Array.from({ length: 13 }, (_, i) => (i === 1 ? 23 : i === 12 ? 3 : 100 + i))
      yield* store.appendToStream("score-L1", [yield* codec.encode({ event: new Scored({ leaderId: "L1", scores }), eventId: "ev" })])
      const sealed = (yield* inner.readStream("score-L1")).events[0]!.data["scores"] as ReadonlyArray<{ iv: string }>
      expect(new Set(sealed.map((s) => s.iv)).size).toBe(13)
      const read = (yield* store.readStream("score-L1")).events[0]!
      expect((yield* codec.decode(read)).data).toEqual(new Scored({ leaderId: "L1", scores }))
    })
  )

  it.effect("each subject's data is sealed under its own key, also when key ids repeat across subjects", () =>
    Effect.gen(function* () {
      // A key store that numbers each subject's keys: every subject's first key is "1".
      const stored = new Map<string, PersonalDataKeys.SubjectKey>()
      const pick = (subjects: ReadonlyArray<string>) =>
        new Map(subjects.flatMap((s) => (stored.has(s) ? [[s, stored.get(s)!] as const] : [])))
      const numbered: PersonalDataKeys.PersonalDataKeys = {
        obtain: (subjects) =>
          Effect.sync(() => {
            for (const s of subjects) if (!stored.has(s)) stored.set(s, { ...PersonalDataKeys.generate(s), keyId: "1" })
            return pick(subjects)
          }),
        find: (subjects) => Effect.sync(() => pick(subjects)),
        forget: (subject) => Effect.sync(() => void stored.delete(subject))
      }
      const inner = yield* InMemoryEventStore.make()
      const writer = CryptoShredding.make(inner, numbered, classification)
      for (const [no, holder] of [
        [1, "Ani"],
        [2, "Budi"]
      ] as const) {
        const event = new BadgeIssued({ groupId: "G1", badgeNo: no, holder, previousHolder: null })
        yield* writer.appendToStream("badge-G1", [yield* codec.encode({ event, eventId: `b-${no}` })])
      }
      // Another process (a store of its own) opens each with that subject's key.
      const holders = (store: EventStore.EventStore) =>
        Effect.map(store.readStream("badge-G1"), (r) => r.events.map((e) => e.data["holder"]))
      expect(yield* holders(CryptoShredding.make(inner, numbered, classification))).toEqual(["Ani", "Budi"])
      // Forgetting badge 1 leaves nothing of it readable, and badge 2 readable.
      yield* numbered.forget("badge:1")
      expect(yield* holders(writer)).toEqual([erased, "Budi"])
      expect(yield* holders(CryptoShredding.make(inner, numbered, classification))).toEqual([erased, "Budi"])
    })
  )

  it.effect("a personal path that is also the name of an Object method is looked up as an own property only", () =>
    Effect.gen(function* () {
      const inner = yield* InMemoryEventStore.make()
      const keys = yield* PersonalDataKeys.makeInMemory
      const odd: PersonalData.Classification = new Map([
        ["Odd", [{ path: ["constructor"], subject: "x", idField: "id", placeholder: erased }]]
      ])
      const store = CryptoShredding.make(inner, keys, odd)
      yield* store.appendToStream("odd-1", [{ eventId: "o-1", type: "Odd", data: { id: "1" } }])
      expect((yield* store.readStream("odd-1")).events[0]!.data).toEqual({ id: "1" })
    })
  )

  describe("tampering", () => {
    /** `inner` whose reads give every event's data through `alter`. */
    const altered = (inner: EventStore.EventStore, alter: (event: Event.RecordedEvent) => Event.JsonObject): EventStore.EventStore => {
      const each = (e: Event.RecordedEvent) => ({ ...e, data: alter(e) })
      return {
        ...inner,
        readStream: (name, options) => Effect.map(inner.readStream(name, options), (r) => ({ ...r, events: r.events.map(each) })),
        readAll: (options) => Stream.map(inner.readAll(options), each),
        readCategory: (category, options) => Stream.map(inner.readCategory(category, options), each),
        subscribe: (options) => Stream.map(inner.subscribe(options), each)
      }
    }

    const formed = (members: ReadonlyArray<{ personId: string; name: string }>) =>
      new GroupFormed({
        groupId: "G1",
        leaderId: "L1",
        leaderName: "Siti",
        contact: { personId: "P1", phone: "0812" },
        members: members.map((m) => ({ ...m, role: "anggota" })),
        note: ""
      })

    /** Reading `store` (holding `count` events) fails on event `eventId` with a field that does not authenticate. */
    const failsToAuthenticate = (store: EventStore.EventStore, count: number, eventId: string, field: string) =>
      Effect.gen(function* () {
        const errors = [
          yield* Effect.flip(store.readStream("group-G1")),
          yield* Effect.flip(all(store.readAll())),
          yield* Effect.flip(all(store.readCategory("group"))),
          yield* Effect.flip(all(Stream.take(store.subscribe(), count)))
        ]
        for (const error of errors) {
          expect(error).toMatchObject({ _tag: "EventDecodeError", eventId, streamName: "group-G1" })
          expect(error.message).toContain(`its personal field "${field}" does not authenticate under its subject's key`)
        }
      })

    /** New stores holding event g-1: a group whose members are one person (P2) under two names. */
    const withOnePersonTwice = Effect.gen(function* () {
      const stores = yield* makeStores
      const members = [
        { personId: "P2", name: "Ani" },
        { personId: "P2", name: "Ani Lestari" }
      ]
      yield* stores.store.appendToStream("group-G1", [yield* codec.encode({ event: formed(members), eventId: "g-1" })])
      return stores
    })

    const flip = (text: string) => `${text[0] === "A" ? "B" : "A"}${text.slice(1)}`

    it.effect("an envelope altered in storage fails the read with EventDecodeError, or reads as erased, never as plaintext", () =>
      Effect.gen(function* () {
        const inner = yield* InMemoryEventStore.make()
        const keys = yield* PersonalDataKeys.makeInMemory
        const store = CryptoShredding.make(inner, keys, classification)
        yield* store.appendToStream("group-G1", [yield* codec.encode({ event: formed([]), eventId: "g-1" })])
        const other = (yield* keys.obtain(["leader:L2"])).get("leader:L2")!
        type Alter = (envelope: Record<string, unknown>) => Record<string, unknown>
        const failing: ReadonlyArray<Alter> = [
          (envelope) => ({ ...envelope, data: flip(envelope["data"] as string) }),
          (envelope) => ({ ...envelope, iv: flip(envelope["iv"] as string) }),
          (envelope) => ({ ...envelope, data: (envelope["data"] as string).slice(0, 10) }),
          (envelope) => ({ ...envelope, data: "" }),
          // Claimed by another subject, under that subject's key.
          (envelope) => ({ ...envelope, subject: "leader:L2", keyId: other.keyId })
        ]
        // Claimed by a subject or key that has no key now: erased.
        const erasing: ReadonlyArray<Alter> = [
          (envelope) => ({ ...envelope, subject: "leader:L2" }),
          (envelope) => ({ ...envelope, keyId: "another key" }),
          (envelope) => ({ ...envelope, subject: "leader:L9" })
        ]
        const tampered = (alter: Alter) =>
          CryptoShredding.make(
            altered(inner, (e) => ({ ...e.data, leaderName: alter(e.data["leaderName"] as Record<string, unknown>) })),
            keys,
            classification
          )
        for (const alter of failing) yield* failsToAuthenticate(tampered(alter), 1, "g-1", "leaderName")
        for (const alter of erasing) {
          expect((yield* tampered(alter).readStream("group-G1")).events[0]!.data["leaderName"]).toBe(erased)
        }
        // Untampered, it reads.
        expect((yield* store.readStream("group-G1")).events[0]!.data["leaderName"]).toBe("Siti")
      })
    )

    it.effect("an envelope moved into another event, or to another place of its event, fails the read with EventDecodeError", () =>
      Effect.gen(function* () {
        const { inner, store } = yield* withOnePersonTwice
        const sealed = (yield* inner.readStream("group-G1")).events[0]!.data
        // Copied into a new event, by the store beneath, with the same subject and key.
        yield* inner.appendToStream("group-G1", [{ eventId: "g-2", type: "GroupFormed", data: sealed }])
        yield* failsToAuthenticate(store, 2, "g-2", "leaderName")

        // Within its event: the second member's name swapped with the first's (same person, same key).
        const { inner: inner2, keys: keys2 } = yield* withOnePersonTwice
        const swapped = altered(inner2, (e) => {
          const members = e.data["members"] as ReadonlyArray<Record<string, unknown>>
          return { ...e.data, members: [members[1], members[0]] }
        })
        yield* failsToAuthenticate(CryptoShredding.make(swapped, keys2, classification), 1, "g-1", "members.0.name")
      })
    )
  })

  it.effect("an append whose personal field has no id beside it is InvalidEvent, and nothing is written", () =>
    Effect.gen(function* () {
      const { inner, store } = yield* makeStores
      const good = { groupId: "G1", leaderId: "L1", leaderName: "Siti", contact: { personId: "P1", phone: "0812" }, members: [], note: "" }
      const cases: ReadonlyArray<readonly [Event.JsonObject, string]> = [
        [{ ...good, leaderId: undefined }, "leaderName"],
        [{ ...good, leaderId: "" }, "leaderName"],
        [{ ...good, leaderId: true }, "leaderName"],
        [{ ...good, contact: { phone: "0812" } }, "contact.phone"],
        [{ ...good, members: [{ personId: "P2", name: "Ani" }, { name: "Budi" }] }, "members.1.name"]
      ]
      for (const [data, place] of cases) {
        const error = yield* Effect.flip(
          store.appendToStream("group-G1", [
            { eventId: "ok-1", type: "GroupRenamed", data: { groupId: "G1", title: "t" } },
            { eventId: "bad-1", type: "GroupFormed", data }
          ])
        )
        expect(error).toMatchObject({ _tag: "InvalidEvent", eventId: "bad-1", eventType: "GroupFormed" })
        expect(error.message).toContain(`its personal field "${place}" has no`)
      }
      expect(yield* all(inner.readAll())).toEqual([])
      // With a numeric id it is accepted.
      yield* store.appendToStream("badge-G1", [
        { eventId: "b-1", type: "BadgeIssued", data: { groupId: "G1", badgeNo: 0, holder: "Ani", previousHolder: "Tini" } }
      ])
      expect((yield* inner.readStream("badge-G1")).events[0]!.data["holder"]).toMatchObject({ subject: "badge:0" })
    })
  )

  it.effect("as a layer: the wrapped store of the context, erased with PersonalDataKeys.forget", () =>
    Effect.gen(function* () {
      const event = new BadgeIssued({ groupId: "G1", badgeNo: 3, holder: "Ani", previousHolder: "Tini" })
      yield* EventStore.appendToStream("badge-G1", [yield* codec.encode({ event, eventId: "b-1" })])
      const before = yield* EventStore.readStream("badge-G1")
      expect(before.events[0]!.data).toEqual({ groupId: "G1", badgeNo: 3, holder: "Ani", previousHolder: "Tini" })
      yield* PersonalDataKeys.forget(PersonalData.subject("badge", "3"))
      const after = yield* EventStore.readStream("badge-G1")
      expect(after.events[0]!.data).toEqual({ groupId: "G1", badgeNo: 3, holder: erased, previousHolder: erased })
    }).pipe(
      Effect.provide(
        CryptoShredding.layer(classification).pipe(
          Layer.provide(InMemoryEventStore.layer()),
          Layer.provideMerge(PersonalDataKeys.layerInMemory)
        )
      )
    )
  )
})
