/**
 * Appends: one event per call from 8 concurrent writers to distinct new streams, and batches of
 * 500 events per call; each beside raw SQL on an equivalent table over the same number of
 * connections.
 */
import { Effect } from "effect"
import { EventStore } from "@jatim/eventstore"
import type pg from "pg"
import { type Bench, eventData, log, newEvent, paired, storeRuntime, time, withStoreAndPool, workers } from "../context.js"
import { formatNumber, ratio } from "../stats.js"

export const writers = 8
export const batchSize = 500

/** A table like the store's events table, for raw inserts. */
export const rawTable = (name: string) => `
  CREATE TABLE ${name} (
    global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
    stream_name text NOT NULL,
    category text NOT NULL,
    stream_version bigint NOT NULL,
    event_id text NOT NULL,
    event_type text NOT NULL,
    data jsonb NOT NULL,
    metadata jsonb NOT NULL,
    UNIQUE (stream_name, stream_version),
    UNIQUE (event_id)
  );
  CREATE INDEX ON ${name} (transaction_id, global_position);
  CREATE INDEX ON ${name} (category, transaction_id, global_position)`

const metadata = () => JSON.stringify({ occurredAt: new Date().toISOString(), schemaVersion: 1 })

/** `writers` writers at once, each running `appendOne(writer, i)` for its `perWriter` appends in turn. */
export const writersAppending = <E, R>(perWriter: number, appendOne: (writer: number, i: number) => Effect.Effect<unknown, E, R>) =>
  Effect.forEach(
    Array.from({ length: writers }, (_, w) => w),
    (w) =>
      Effect.forEach(
        Array.from({ length: perWriter }, (_, i) => i),
        (i) => appendOne(w, i),
        { discard: true }
      ),
    { concurrency: writers, discard: true }
  )

/** Our store: `writers` writers each append `perWriter` single events to new streams; appends per second. */
export const oursSingle = (runtime: ReturnType<typeof storeRuntime>, perWriter: number, prefix: string) =>
  time(() =>
    runtime.runPromise(writersAppending(perWriter, (w, i) => EventStore.appendToStream(`${prefix}w${w}i${i}`, [newEvent(i)])))
  ).then((ms) => (writers * perWriter) / (ms / 1000))

/** A batch of `batchSize` new events. */
export const newBatch = (b: number) => Array.from({ length: batchSize }, (_, i) => newEvent(b * batchSize + i))

/** Our store: `batches` appends of `batchSize` events, one writer; events per second. */
export const oursBatch = async (runtime: ReturnType<typeof storeRuntime>, batches: number, prefix: string) => {
  let ms = 0
  for (let b = 0; b < batches; b++) {
    const events = newBatch(b)
    ms += await time(() => runtime.runPromise(EventStore.appendToStream(`${prefix}b${b}`, events)))
  }
  return (batches * batchSize) / (ms / 1000)
}

/** One raw INSERT of a single event (version 1 of `stream`), as the raw baseline writes it. */
const rawInsertSingle = (raw: pg.Pool, stream: string, category: string, i: number) =>
  raw.query(
    `INSERT INTO raw_single (stream_name, category, stream_version, event_id, event_type, data, metadata)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [stream, category, 1, crypto.randomUUID(), "SimpananDisetor", JSON.stringify(eventData(i)), metadata()]
  )

export const run = (bench: Bench) =>
  withStoreAndPool(bench, "appends", { store: writers, raw: writers }, async ({ raw, runtime, url }) => {
    await raw.query(rawTable("raw_single"))
    await raw.query(rawTable("raw_batch"))
    const perWriter = bench.sizes.singleAppendsPerWriter
    const total = writers * perWriter
    // Single events, 8 writers, each to new streams of its own. A warm-up round of each first
    // (JIT, pools filled, server caches), untimed.
    const warmUp = Math.max(20, Math.floor(perWriter / 4))
    await runtime.runPromise(
      Effect.forEach(
        Array.from({ length: writers * warmUp }, (_, i) => i),
        (i) => EventStore.appendToStream(`warmup-${i}`, [newEvent(i)]),
        { concurrency: writers, discard: true }
      )
    )
    await workers(writers, async (w) => {
      for (let i = 0; i < warmUp; i++) await rawInsertSingle(raw, `warmup-${w}-${i}`, "warmup", i)
    })
    const { ours: single, baseline: rawSingle } = await paired(
      bench.sizes.runs,
      (r) => oursSingle(runtime, perWriter, `single-r${r}`),
      (r) =>
        time(() =>
          workers(writers, async (w) => {
            for (let i = 0; i < perWriter; i++) await rawInsertSingle(raw, `single-r${r}w${w}i${i}`, "single", i)
          })
        ).then((ms) => total / (ms / 1000))
    )
    // The same appends sent one call each (`groupAppends: false`), against the grouped ones.
    const alone = storeRuntime(url, writers, { groupAppends: false, migrate: false })
    const { ours: sentAlone, baseline: grouped } = await paired(
      bench.sizes.runs,
      (r) => oursSingle(alone, perWriter, `alone-r${r}`),
      (r) => oursSingle(runtime, perWriter, `grouped-r${r}`)
    ).finally(() => alone.dispose())
    log(`single appends: ours ${Math.round(single)}/s, raw ${Math.round(rawSingle)}/s; sent alone ${Math.round(sentAlone)}/s`)
    const singleRatio = ratio(single, rawSingle, "higher")
    bench.rows.push({
      scenario: `Append 1 event/call, ${writers} writers, new streams (${formatNumber(total)} appends)`,
      ours: `${formatNumber(single)} appends/s`,
      baseline: `${formatNumber(rawSingle)} /s (raw INSERT)`,
      ratio: singleRatio,
      target: "≥ 80 %",
      met: singleRatio >= 0.8
    })
    bench.rows.push({
      scenario: "… the same, each append sent alone (`groupAppends: false`; baseline: grouped, adr/0084)",
      ours: `${formatNumber(sentAlone)} appends/s`,
      baseline: `${formatNumber(grouped)} /s (grouped)`,
      ratio: ratio(sentAlone, grouped, "higher"),
      target: "—",
      met: undefined
    })

    // Batches of 500 events, one writer.
    const batches = bench.sizes.batches
    const { ours: batched, baseline: rawBatch } = await paired(
      bench.sizes.runs,
      (r) => oursBatch(runtime, batches, `batch-r${r}`),
      async (r) => {
        let ms = 0
        for (let b = 0; b < batches; b++) {
          const events = newBatch(b)
          ms += await time(() =>
            raw.query(
              `INSERT INTO raw_batch (stream_name, category, stream_version, event_id, event_type, data, metadata)
             SELECT $1, $2, v, id, t, d, m FROM unnest($3::bigint[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[]) AS u(v, id, t, d, m)`,
              [
                `batch-r${r}b${b}`,
                "batch",
                events.map((_, i) => i + 1),
                events.map((e) => e.eventId),
                events.map((e) => e.type),
                events.map((e) => JSON.stringify(e.data)),
                events.map(() => metadata())
              ]
            )
          )
        }
        return (batches * batchSize) / (ms / 1000)
      }
    )
    log(`batch appends: ours ${Math.round(batched)} ev/s, raw ${Math.round(rawBatch)} ev/s`)
    const batchRatio = ratio(batched, rawBatch, "higher")
    bench.rows.push({
      scenario: `Append ${batchSize} events/call (${batches} calls)`,
      ours: `${formatNumber(batched)} events/s`,
      baseline: `${formatNumber(rawBatch)} /s (raw INSERT … unnest)`,
      ratio: batchRatio,
      target: "≥ 90 %",
      met: batchRatio >= 0.9
    })
  })
