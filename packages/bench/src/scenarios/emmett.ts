/**
 * The peer: the same append, race and read scenarios with @event-driven-io/emmett-postgresql on
 * the same server (databases of its own). Appends run alternately with ours, run by run; the
 * race and the reads are compared with ours measured earlier in this run.
 */
import { isExpectedVersionConflictError } from "@event-driven-io/emmett"
import { getPostgreSQLEventStore, readMessagesBatch } from "@event-driven-io/emmett-postgresql"
import { dumbo } from "@event-driven-io/dumbo"
import { type Bench, eventData, log, medianOf, paired, storeRuntime, time, workers } from "../context.js"
import { formatNumber, ratio } from "../stats.js"
import { batchSize, oursBatch, oursSingle, writers } from "./appends.js"
import { pageSize } from "./reads.js"

/** What ours measured earlier in the run, to put beside Emmett (absent when not run). */
export interface Ours {
  readonly oursRace: number | undefined
  readonly oursStream: number | undefined
  readonly oursAll: number | undefined
}

type EmmettEvent = { type: "SimpananDisetor"; data: ReturnType<typeof eventData> }
const event = (i: number): EmmettEvent => ({ type: "SimpananDisetor", data: eventData(i) })

export const run = async (bench: Bench, ours: Ours) => {
  const { runs, singleAppendsPerWriter, batches, raceSeconds, streamEvents, allEvents } = bench.sizes
  const url = await bench.database("emmett")
  const store = getPostgreSQLEventStore(url)
  const row = (
    scenario: string,
    value: number | undefined,
    theirs: number,
    unit: string,
    better: "higher" | "lower",
    show: (n: number) => string
  ) => {
    // Ours was not measured in this run (`--only`): Emmett's figure is logged, not compared.
    if (value === undefined) return
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
  // Ours on a database of its own, for the appends run alternately with Emmett's.
  const runtime = storeRuntime(await bench.database("emmett_ours"), writers)
  try {
    const warmUp = Math.max(20, Math.floor(singleAppendsPerWriter / 4))
    await workers(writers, async (w) => {
      for (let i = 0; i < warmUp; i++) await store.appendToStream(`warmup-${w}-${i}`, [event(i)])
    })
    await oursSingle(runtime, warmUp, "warmup-")
    const total = writers * singleAppendsPerWriter
    const single = await paired(
      runs,
      (r) => oursSingle(runtime, singleAppendsPerWriter, `single-r${r}`),
      (r) =>
        time(() =>
          workers(writers, async (w) => {
            for (let i = 0; i < singleAppendsPerWriter; i++) await store.appendToStream(`single-r${r}w${w}i${i}`, [event(i)])
          })
        ).then((ms) => total / (ms / 1000))
    )
    log(`single appends: ours ${Math.round(single.ours)}/s, Emmett ${Math.round(single.baseline)}/s`)
    row(`append 1 event/call, ${writers} writers`, single.ours, single.baseline, "appends/s", "higher", (n) => formatNumber(n))

    const batched = await paired(
      runs,
      (r) => oursBatch(runtime, batches, `batch-r${r}`),
      async (r) => {
        let ms = 0
        for (let b = 0; b < batches; b++) {
          const events = Array.from({ length: batchSize }, (_, i) => event(i))
          ms += await time(() => store.appendToStream(`batch-r${r}b${b}`, events))
        }
        return (batches * batchSize) / (ms / 1000)
      }
    )
    log(`batch appends: ours ${Math.round(batched.ours)} ev/s, Emmett ${Math.round(batched.baseline)} ev/s`)
    row(`append ${batchSize} events/call`, batched.ours, batched.baseline, "events/s", "higher", (n) => formatNumber(n))

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
            expected =
              typeof current === "string" && /^\d+$/.test(current) ? BigInt(current) : (await store.readStream(stream)).currentStreamVersion
          }
        }
      })
      const elapsed = (performance.now() - started) / 1000
      const read = await store.readStream(stream)
      const versions = read.events.map((e) => Number(e.metadata.streamPosition)).sort((a, b) => a - b)
      versions.forEach((v, i) => {
        if (v !== i + 1) gaps++
      })
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
        await reader.appendToStream(
          "konsumen-big",
          Array.from({ length: Math.min(chunk, streamEvents - v) }, (_, i) => event(v + i))
        )
      }
      const rest = allEvents - streamEvents
      const calls = Array.from({ length: Math.ceil(rest / chunk) }, (_, k) => k)
      await workers(4, async (w) => {
        for (const k of calls.filter((c) => c % 4 === w)) {
          await reader.appendToStream(
            `simpanan-${k}`,
            Array.from({ length: Math.min(chunk, rest - k * chunk) }, (_, i) => event(i))
          )
        }
      })
      const stream = await medianOf(Math.max(runs, 5), () =>
        time(async () => {
          const read = await reader.readStream("konsumen-big")
          if (read.events.length !== streamEvents) throw new Error(`Emmett read ${read.events.length} events`)
        })
      )
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
          })
        )
        log(`emmett read all: ${all.toFixed(0)} ms, missed ${missed} events`)
        if (missed > 0) {
          bench.notes.push(
            `Emmett's \`readMessagesBatch\` (keyset on \`global_position\`, ordered by \`(transaction_id, global_position)\`) skipped up to ${missed} of ${allEvents} events written by 4 concurrent seeding writers; its read-all figure is for an incomplete read.`
          )
        }
        row(
          `read all ${formatNumber(allEvents)} events${missed > 0 ? ` (Emmett missed ${formatNumber(missed)})` : ""}`,
          ours.oursAll === undefined ? undefined : allEvents / (ours.oursAll / 1000),
          allEvents / (all / 1000),
          "events/s",
          "higher",
          (n) => formatNumber(n)
        )
      } finally {
        await pool.close()
      }
    } finally {
      await reader.close()
    }
  } finally {
    await store.close()
    await runtime.dispose()
  }
}
