/**
 * What crypto-shredding costs (issue 20, adr on personal data): events of a small codec with
 * one personal text field each, written through `CryptoShredding` with the PostgreSQL key store,
 * read back beside the same events stored in plain text by the bare store (a schema of its
 * own on the same database): reads of all events with the keys cached and with a cold cache,
 * a read of one stream, appends of single events and of batches, and a read of all events once
 * a tenth of the subjects are forgotten (the erased path).
 */
import { Effect, Schema, Stream } from "effect"
import { SqlClient } from "@effect/sql"
import { CryptoShredding, type Event, EventCodec, EventStore, PersonalData } from "@jatim/eventstore"
import { PostgresPersonalDataKeys } from "@jatim/eventstore-postgres"
import { type Bench, log, paired, storeRuntime, time } from "../context.js"
import { formatNumber, ratio } from "../stats.js"
import { batchSize, writers, writersAppending } from "./appends.js"
import { pageSize } from "./reads.js"

/** A member's savings deposit, naming the member: the one personal field is `name`, about `person:<personId>`. */
export const SimpananPribadiDisetor = Schema.TaggedStruct("SimpananPribadiDisetor", {
  personId: Schema.String,
  name: PersonalData.field(Schema.String, { subject: "person", idField: "personId" }),
  amount: Schema.Number,
  currency: Schema.String,
  note: Schema.String,
  kabupaten: Schema.String
})

/** The scenario's events. */
export const PersonEvent = Schema.Union(SimpananPribadiDisetor)

/** The personal fields of the scenario's events. */
export const classification: PersonalData.Classification = PersonalData.classify(PersonEvent)

const codec = EventCodec.make(PersonEvent)

/** The schema of the store written through crypto-shredding (and of its keys), and of the plain copy. */
export const shreddedSchema = "personal"
export const plainSchema = "plaintext"

/** Every `forgottenEvery`-th subject is forgotten before the read of the erased path: 10 %. */
export const forgottenEvery = 10

/** How many events of the scenario each subject has on average. */
export const eventsPerSubject = 10

/** The subject number of event `i` of `subjects`: a fixed hash, so that a person's events are spread over the store as they arrive in life. */
export const subjectOf = (i: number, subjects: number): number => {
  let h = Math.imul(i ^ (i >>> 16), 0x45d9f3b)
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b)
  return ((h ^ (h >>> 16)) >>> 0) % subjects
}

/** The id of subject `n`. */
export const personId = (n: number): string => `P-${String(n).padStart(6, "0")}`

const givenNames = ["Siti", "Ahmad", "Dewi", "Budi", "Nur", "Agus", "Sri", "Eko", "Rina", "Joko", "Lestari", "Hadi"]
const familyNames = ["Aminah", "Santoso", "Rahayu", "Wibowo", "Hidayat", "Susanti", "Prasetyo", "Wahyuni", "Kurniawan"]

/** The name of the person with id `id` (a pure function of it, so that a read can be checked). */
export const nameOf = (id: string): string => {
  let h = 0
  for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) >>> 0
  return `${givenNames[h % givenNames.length]!} ${familyNames[(h >>> 8) % familyNames.length]!} ${id.slice(-4)}`
}

/** A new event of the scenario about `id`, with a fresh event id. */
export const personEvent = (id: string, amount: number): Event.NewEvent =>
  Effect.runSync(
    codec.encode({
      eventId: crypto.randomUUID(),
      event: SimpananPribadiDisetor.make({
        personId: id,
        name: nameOf(id),
        amount,
        currency: "IDR",
        note: "simpanan pokok anggota",
        kabupaten: "Sidoarjo"
      })
    })
  )

/** Events seeded per append, and in each stream but the big one. */
const seedChunk = 1_000

/**
 * A PostgreSQL key store of the shredded store's schema, with a cache of its own that holds the
 * whole working set for the whole run: a read of all events asks the table once per subject at
 * most, and a warm read not at all.
 */
const makeKeys = (subjects: number) =>
  PostgresPersonalDataKeys.make({ schema: shreddedSchema, cache: { maxEntries: 2 * subjects, ttlMillis: 3_600_000 } })

/** The number of events `read` delivers, checking each personal field against the expected name or the placeholder. */
const readChecked = (
  read: Stream.Stream<{ readonly data: { readonly [key: string]: unknown } }, unknown>,
  forgotten: (id: string) => boolean
) =>
  Stream.runFold(read, { events: 0, erased: 0, wrong: 0 }, (counts, event) => {
    const id = event.data["personId"]
    const name = event.data["name"]
    if (typeof id !== "string") return { ...counts, events: counts.events + 1, wrong: counts.wrong + 1 }
    if (forgotten(id)) {
      return name === PersonalData.erasedText
        ? { ...counts, events: counts.events + 1, erased: counts.erased + 1 }
        : { ...counts, events: counts.events + 1, wrong: counts.wrong + 1 }
    }
    return name === nameOf(id)
      ? { ...counts, events: counts.events + 1 }
      : { ...counts, events: counts.events + 1, wrong: counts.wrong + 1 }
  })

export const run = async (bench: Bench) => {
  const { allEvents, streamEvents, runs } = bench.sizes
  const subjects = Math.max(1, Math.round(allEvents / eventsPerSubject))
  // Reads are short and vary most from run to run on a shared machine: more runs each (as `read`).
  const readRuns = bench.quick ? runs : Math.max(runs, 5)
  const streamRuns = bench.quick ? runs : Math.max(runs, 9)
  const url = await bench.database("personal")
  const shredded = storeRuntime(url, writers + 2, { schema: shreddedSchema })
  const plain = storeRuntime(url, writers + 2, { schema: plainSchema })
  try {
    await shredded.runPromise(Effect.void)
    await plain.runPromise(Effect.void)
    const keys = await shredded.runPromise(makeKeys(subjects))
    const wrapped = await shredded.runPromise(
      Effect.map(EventStore.EventStore, (store) => CryptoShredding.make(store, keys, classification))
    )
    const bare = await plain.runPromise(EventStore.EventStore)

    // Seed: the same events, through crypto-shredding and in plain text.
    log(`personal-data: seeding ${formatNumber(allEvents)} events about ${formatNumber(subjects)} subjects, sealed and plain`)
    // Streams of `seedChunk` events, one append each (the big stream in several).
    const appends: Array<{ readonly stream: string; readonly from: number; readonly to: number }> = []
    for (let from = 0; from < streamEvents; from += seedChunk) {
      appends.push({ stream: "pribadi-big", from, to: Math.min(streamEvents, from + seedChunk) })
    }
    for (let from = streamEvents, s = 0; from < allEvents; from += seedChunk, s++) {
      appends.push({ stream: `pribadi-${s}`, from, to: Math.min(allEvents, from + seedChunk) })
    }
    const seeded = await time(async () => {
      for (const { stream, from, to } of appends) {
        const events = Array.from({ length: to - from }, (_, k) => personEvent(personId(subjectOf(from + k, subjects)), from + k))
        await Promise.all([
          shredded.runPromise(wrapped.appendToStream(stream, events)),
          plain.runPromise(bare.appendToStream(stream, events))
        ])
      }
    })
    log(`personal-data: seeded in ${formatNumber(seeded / 1000, 1)} s`)
    await shredded.runPromise(
      Effect.flatMap(SqlClient.SqlClient, (sql) =>
        Effect.gen(function* () {
          yield* sql.unsafe(`VACUUM ANALYZE ${shreddedSchema}.events`)
          yield* sql.unsafe(`VACUUM ANALYZE ${plainSchema}.events`)
          const counts = yield* sql.unsafe<{ sealed: string; plain: string }>(
            `SELECT (SELECT count(*) FROM ${shreddedSchema}.events WHERE jsonb_typeof(data->'name') = 'object')::text AS sealed,
                    (SELECT count(*) FROM ${plainSchema}.events WHERE jsonb_typeof(data->'name') = 'string')::text AS plain`
          )
          if (Number(counts[0]?.sealed) !== allEvents || Number(counts[0]?.plain) !== allEvents) {
            return yield* Effect.dieMessage(`stored ${counts[0]?.sealed} sealed and ${counts[0]?.plain} plain names, not ${allEvents} each`)
          }
        })
      )
    )

    const noneForgotten = () => false
    /** Reads all events through `store`, checked; fails on a miscount or a wrong name. */
    const readAllChecked = async (store: EventStore.EventStore, runtime: typeof shredded, forgotten: (id: string) => boolean) => {
      const counts = await runtime.runPromise(readChecked(store.readAll({ batchSize: pageSize }), forgotten))
      if (counts.events !== allEvents || counts.wrong > 0)
        throw new Error(`read ${counts.events} events, ${counts.wrong} with a wrong name`)
      return counts
    }
    const readAll = (store: EventStore.EventStore, runtime: typeof shredded) => async () => {
      const ms = await time(async () => {
        const count = await runtime.runPromise(Stream.runCount(store.readAll({ batchSize: pageSize })))
        if (count !== allEvents) throw new Error(`read ${count} events`)
      })
      return ms
    }
    const plainReadAll = readAll(bare, plain)
    /** A row beside the plain store, with no target. */
    const push = (scenario: string, ours: string, baseline: string, value: number) =>
      bench.rows.push({ scenario, ours, baseline: `${baseline} (plain store, plaintext)`, ratio: value, target: "—", met: undefined })
    /** A row of a read of every event: durations in ms, shown as events/s. */
    const pushReadAll = (scenario: string, figures: { readonly ours: number; readonly baseline: number }) =>
      push(
        scenario,
        `${formatNumber(allEvents / (figures.ours / 1000))} events/s`,
        `${formatNumber(allEvents / (figures.baseline / 1000))} /s`,
        ratio(figures.ours, figures.baseline, "lower")
      )
    /** A row of appends: rates in `unit`. */
    const pushRate = (scenario: string, figures: { readonly ours: number; readonly baseline: number }, unit: string) =>
      push(
        scenario,
        `${formatNumber(figures.ours)} ${unit}`,
        `${formatNumber(figures.baseline)} /s`,
        ratio(figures.ours, figures.baseline, "higher")
      )

    // Read all, keys cached: an untimed checked read first (fills the cache, checks every name).
    await readAllChecked(wrapped, shredded, noneForgotten)
    await readAllChecked(bare, plain, noneForgotten)
    const warm = await paired(readRuns, readAll(wrapped, shredded), plainReadAll)
    log(`personal-data: read all, keys cached: ${formatNumber(warm.ours)} ms, plain ${formatNumber(warm.baseline)} ms`)
    pushReadAll(
      `Crypto-shredding: read all ${formatNumber(allEvents)} events with a personal field, keys cached (pages of ${pageSize})`,
      warm
    )

    // Read all, cold: a fresh key store and wrapper each run (nothing cached, no derived keys).
    const cold = await paired(
      readRuns,
      async () => {
        const fresh = await shredded.runPromise(
          Effect.flatMap(makeKeys(subjects), (coldKeys) =>
            Effect.map(EventStore.EventStore, (store) => CryptoShredding.make(store, coldKeys, classification))
          )
        )
        return readAll(fresh, shredded)()
      },
      plainReadAll
    )
    log(`personal-data: read all, cold keys: ${formatNumber(cold.ours)} ms, plain ${formatNumber(cold.baseline)} ms`)
    pushReadAll(
      `Crypto-shredding: read all ${formatNumber(allEvents)} events with a personal field, key cache cold (a fresh key store each run)`,
      cold
    )

    // One stream, keys cached.
    const readStream = (store: EventStore.EventStore, runtime: typeof shredded) => () =>
      time(async () => {
        const result = await runtime.runPromise(store.readStream("pribadi-big"))
        if (result.events.length !== streamEvents) throw new Error(`read ${result.events.length} events`)
      })
    await readStream(wrapped, shredded)()
    await readStream(bare, plain)()
    const stream = await paired(streamRuns, readStream(wrapped, shredded), readStream(bare, plain))
    log(`personal-data: stream read ${formatNumber(stream.ours, 1)} ms, plain ${formatNumber(stream.baseline, 1)} ms`)
    push(
      `Crypto-shredding: read one stream of ${formatNumber(streamEvents)} events with a personal field, keys cached`,
      `${formatNumber(stream.ours, 1)} ms`,
      `${formatNumber(stream.baseline, 1)} ms`,
      ratio(stream.ours, stream.baseline, "lower")
    )

    // The erased path: forget a tenth of the subjects (through the cached key store), read all again.
    const isForgotten = (id: string) => Number(id.slice(2)) % forgottenEvery === 0
    const toForget = Array.from({ length: subjects }, (_, n) => n)
      .filter((n) => n % forgottenEvery === 0)
      .map((n) => PersonalData.subject("person", personId(n)))
    const forgetMs = await time(() => shredded.runPromise(Effect.forEach(toForget, keys.forget, { concurrency: 4, discard: true })))
    log(`personal-data: forgot ${formatNumber(toForget.length)} subjects in ${formatNumber(forgetMs)} ms`)
    let expectedErased = 0
    for (let i = 0; i < allEvents; i++) if (subjectOf(i, subjects) % forgottenEvery === 0) expectedErased++
    const erasedCounts = await readAllChecked(wrapped, shredded, isForgotten)
    if (erasedCounts.erased !== expectedErased) throw new Error(`read ${erasedCounts.erased} erased names, expected ${expectedErased}`)
    const erased = await paired(readRuns, readAll(wrapped, shredded), plainReadAll)
    log(`personal-data: read all, 10 % forgotten: ${formatNumber(erased.ours)} ms, plain ${formatNumber(erased.baseline)} ms`)
    pushReadAll(
      `Crypto-shredding: read all ${formatNumber(allEvents)} events after forgetting ${100 / forgottenEvery} % of subjects (${formatNumber(expectedErased)} names erased), keys cached`,
      erased
    )

    // Appends of single events, 8 writers, new streams: each a new person (a key made per append),
    // then people known already (keys cached).
    const perWriter = bench.sizes.singleAppendsPerWriter
    const total = writers * perWriter
    const singles = (store: EventStore.EventStore, runtime: typeof shredded, prefix: string, person: (w: number, i: number) => string) =>
      time(() =>
        runtime.runPromise(
          writersAppending(perWriter, (w, i) => store.appendToStream(`baru-${prefix}w${w}i${i}`, [personEvent(person(w, i), i)]))
        )
      ).then((ms) => total / (ms / 1000))
    const newPerson = (prefix: string) => (w: number, i: number) => `N-${prefix}w${w}i${i}`
    /** A person seeded before and not forgotten: their key is in the cache. */
    const knownPerson = (w: number, i: number) => {
      const n = ((w * perWriter + i) * 7919) % subjects
      return personId(n % forgottenEvery === 0 ? (n + 1) % subjects : n)
    }
    // Untimed warm-up rounds (JIT, pools).
    await singles(wrapped, shredded, "warm", newPerson("warm"))
    await singles(bare, plain, "warm", newPerson("warm"))
    const singleNew = await paired(
      runs,
      (r) => singles(wrapped, shredded, `new${r}`, newPerson(`new${r}`)),
      (r) => singles(bare, plain, `new${r}`, newPerson(`new${r}`))
    )
    log(`personal-data: single appends, new people: ${formatNumber(singleNew.ours)}/s, plain ${formatNumber(singleNew.baseline)}/s`)
    pushRate(
      `Crypto-shredding: append 1 event/call, ${writers} writers, new streams, each about a new person (a key made per append)`,
      singleNew,
      "appends/s"
    )
    const singleKnown = await paired(
      runs,
      (r) => singles(wrapped, shredded, `known${r}`, knownPerson),
      (r) => singles(bare, plain, `known${r}`, knownPerson)
    )
    log(`personal-data: single appends, known people: ${formatNumber(singleKnown.ours)}/s, plain ${formatNumber(singleKnown.baseline)}/s`)
    pushRate(
      `Crypto-shredding: append 1 event/call, ${writers} writers, new streams, about people with a key (cached)`,
      singleKnown,
      "appends/s"
    )

    // Batches of 500 events, one writer, each event about a new person (500 keys made per call).
    const batches = bench.sizes.batches
    const batched = (store: EventStore.EventStore, runtime: typeof shredded, prefix: string) =>
      (async () => {
        let ms = 0
        for (let b = 0; b < batches; b++) {
          const events = Array.from({ length: batchSize }, (_, i) => personEvent(`B-${prefix}b${b}i${i}`, i))
          ms += await time(() => runtime.runPromise(store.appendToStream(`banyak-${prefix}b${b}`, events)))
        }
        return (batches * batchSize) / (ms / 1000)
      })()
    const batch = await paired(
      runs,
      (r) => batched(wrapped, shredded, `r${r}`),
      (r) => batched(bare, plain, `r${r}`)
    )
    log(`personal-data: batch appends ${formatNumber(batch.ours)} ev/s, plain ${formatNumber(batch.baseline)} ev/s`)
    pushRate(
      `Crypto-shredding: append ${batchSize} events/call (${batches} calls), each event about a new person (${batchSize} keys made per call)`,
      batch,
      "events/s"
    )
    bench.notes.push(
      `Crypto-shredding (personal-data): ${formatNumber(toForget.length)} subjects forgotten in ${formatNumber(forgetMs)} ms (4 at a time); seeding ${formatNumber(allEvents)} events sealed and plain took ${formatNumber(seeded / 1000, 1)} s.`
    )
  } finally {
    await plain.dispose()
    await shredded.dispose()
  }
}
