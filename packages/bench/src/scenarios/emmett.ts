/**
 * The peer: the same append, race and read scenarios with @event-driven-io/emmett-postgresql on
 * the same server (databases of its own), compared with ours measured in this run.
 */
import { isExpectedVersionConflictError } from "@event-driven-io/emmett"
import { getPostgreSQLEventStore, readMessagesBatch } from "@event-driven-io/emmett-postgresql"
import { dumbo } from "@event-driven-io/dumbo"
import { type Bench, eventData, log, medianOf, time, workers } from "../context.js"
import { formatNumber, ratio } from "../stats.js"
import { batchSize, writers } from "./appends.js"
import { pageSize } from "./reads.js"

/** What ours measured, to put beside Emmett. */
export interface Ours {
  readonly oursSingle: number
  readonly oursBatch: number
  readonly oursRace: number
  readonly oursStream: number
  readonly oursAll: number
}

type EmmettEvent = { type: "SimpananDisetor"; data: ReturnType<typeof eventData> }
const event = (i: number): EmmettEvent => ({ type: "SimpananDisetor", data: eventData(i) })

export const run = async (bench: Bench, ours: Ours) => {
  const { runs, singleAppendsPerWriter, batches, raceSeconds, streamEvents, allEvents } = bench.sizes
  const url = await bench.database("emmett")
  const store = getPostgreSQLEventStore(url)
  const row = (scenario: string, value: number, theirs: number, unit: string, better: "higher" | "lower", show: (n: number) => string) => {
    const r = ratio(value, theirs, better)
    bench.rows.push({
      scenario: `vs Emmett: ${scenario}`,
      ours: `${show(value)} ${unit}`,
      baseline: `${show(theirs)} ${unit} (Emmett)`,
      ratio: r,
      target: "> 100 %",
      met: r > 1
    })
  }
  try {
    await workers(writers, async (w) => {
      for (let i = 0; i < Math.max(20, Math.floor(singleAppendsPerWriter / 4)); i++) await store.appendToStream(`warmup-${w}-${i}`, [event(i)])
    })
    const total = writers * singleAppendsPerWriter
    const single = await medianOf(runs, (r) =>
      time(() =>
        workers(writers, async (w) => {
          for (let i = 0; i < singleAppendsPerWriter; i++) await store.appendToStream(`single-r${r}w${w}i${i}`, [event(i)])
        })
      ).then((ms) => total / (ms / 1000)))
    log(`emmett single appends: ${Math.round(single)}/s`)
    row(`append 1 event/call, ${writers} writers`, ours.oursSingle, single, "appends/s", "higher", (n) => formatNumber(n))

    const batched = await medianOf(runs, async (r) => {
      let ms = 0
      for (let b = 0; b < batches; b++) {
        const events = Array.from({ length: batchSize }, (_, i) => event(i))
        ms += await time(() => store.appendToStream(`batch-r${r}b${b}`, events))
      }
      return (batches * batchSize) / (ms / 1000)
    })
    log(`emmett batch appends: ${Math.round(batched)} ev/s`)
    row(`append ${batchSize} events/call`, ours.oursBatch, batched, "events/s", "higher", (n) => formatNumber(n))

    let gaps = 0
    const race = await medianOf(runs, async (r) => {
      const stream = `race-r${r}`
      let successes = 0
      const deadline = performance.now() + raceSeconds * 1000
      const started = performance.now()
      await workers(writers, async () => {
        let expected = 0n
        while (performance.now() < deadline) {
          try {
            const result = await store.appendToStream(stream, [event(successes)], {
              expectedStreamVersion: expected === 0n ? "STREAM_DOES_NOT_EXIST" : expected
            })
            successes++
            expected = result.nextExpectedStreamVersion
          } catch (error) {
            if (!isExpectedVersionConflictError(error)) throw error
            const current = (error as { current?: unknown }).current
            expected = typeof current === "string" && /^\d+$/.test(current)
              ? BigInt(current)
              : (await store.readStream(stream)).currentStreamVersion
          }
        }
      })
      const elapsed = (performance.now() - started) / 1000
      const read = await store.readStream(stream)
      const versions = read.events.map((e) => Number(e.metadata.streamPosition)).sort((a, b) => a - b)
      versions.forEach((v, i) => { if (v !== i + 1) gaps++ })
      return successes / elapsed
    })
    log(`emmett race: ${Math.round(race)}/s (version mismatches ${gaps})`)
    row(`race, ${writers} writers on one stream`, ours.oursRace, race, "appends/s", "higher", (n) => formatNumber(n))

    // Reads, on a database of their own seeded through Emmett's appends.
    const readUrl = await bench.database("emmett_reads")
    const reader = getPostgreSQLEventStore(readUrl)
    try {
      log(`seeding Emmett with ${allEvents} events`)
      const chunk = 1000
      for (let v = 0; v < streamEvents; v += chunk) {
        await reader.appendToStream("konsumen-big", Array.from({ length: Math.min(chunk, streamEvents - v) }, (_, i) => event(v + i)))
      }
      const rest = allEvents - streamEvents
      const calls = Array.from({ length: Math.ceil(rest / chunk) }, (_, k) => k)
      await workers(4, async (w) => {
        for (const k of calls.filter((c) => c % 4 === w)) {
          await reader.appendToStream(`simpanan-${k}`, Array.from({ length: Math.min(chunk, rest - k * chunk) }, (_, i) => event(i)))
        }
      })
      const stream = await medianOf(Math.max(runs, 5), () =>
        time(async () => {
          const read = await reader.readStream("konsumen-big")
          if (read.events.length !== streamEvents) throw new Error(`Emmett read ${read.events.length} events`)
        }))
      log(`emmett stream read: ${stream.toFixed(1)} ms`)
      row(`read one stream of ${formatNumber(streamEvents)} events`, ours.oursStream, stream, "ms", "lower", (n) => formatNumber(n, 1))
      const pool = dumbo({ connectionString: readUrl })
      let missed = 0
      try {
        const all = await medianOf(runs, () =>
          time(async () => {
            let after = 0n
            let count = 0
            while (true) {
              const page = await readMessagesBatch(pool.execute, { after, batchSize: pageSize })
              count += page.messages.length
              if (page.messages.length === 0) break
              after = page.currentGlobalPosition
            }
            // Emmett pages by global_position but orders by (transaction_id, global_position):
            // events of concurrently committed batches can be skipped. Counted, not hidden.
            missed = Math.max(missed, allEvents - count)
          }))
        log(`emmett read all: ${all.toFixed(0)} ms, missed ${missed} events`)
        if (missed > 0) {
          bench.notes.push(`Emmett's \`readMessagesBatch\` (keyset on \`global_position\`, ordered by \`(transaction_id, global_position)\`) skipped up to ${missed} of ${allEvents} events written by 4 concurrent seeding writers; its read-all figure is for an incomplete read.`)
        }
        row(`read all ${formatNumber(allEvents)} events${missed > 0 ? ` (Emmett missed ${formatNumber(missed)})` : ""}`, allEvents / (ours.oursAll / 1000), allEvents / (all / 1000), "events/s", "higher", (n) => formatNumber(n))
      } finally {
        await pool.close()
      }
    } finally {
      await reader.close()
    }
  } finally {
    await store.close()
  }
}
