/**
 * Run in a child process by the memory scenario: reads every event of the store at argv[2] and
 * prints its resident memory (RSS, sampled every 10 ms, after a forced GC at the start) as JSON.
 */
import { Effect, Layer, ManagedRuntime, Redacted, Stream } from "effect"
import { PgClient } from "@effect/sql-pg"
import { EventStore } from "@jatim/eventstore"
import { PostgresEventStore } from "@jatim/eventstore-postgres"

const main = async () => {
  const url = process.argv[2]!
  const runtime = ManagedRuntime.make(
    PostgresEventStore.layer({}).pipe(Layer.provide(PgClient.layer({ url: Redacted.make(url), maxConnections: 2 })))
  )
  await runtime.runPromise(Effect.void)
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const baseline = process.memoryUsage()
  let peakRss = baseline.rss
  let peakHeap = baseline.heapUsed
  const sampler = setInterval(() => {
    const now = process.memoryUsage()
    peakRss = Math.max(peakRss, now.rss)
    peakHeap = Math.max(peakHeap, now.heapUsed)
  }, 10)
  const started = performance.now()
  const count = await runtime.runPromise(Stream.runCount(EventStore.readAll({ batchSize: 500 })))
  const ms = performance.now() - started
  clearInterval(sampler)
  const end = process.memoryUsage()
  peakRss = Math.max(peakRss, end.rss)
  peakHeap = Math.max(peakHeap, end.heapUsed)
  await runtime.dispose()
  process.stdout.write(`${JSON.stringify({ count, ms, baselineRss: baseline.rss, peakRss, peakHeap, gc: gc !== undefined })}\n`)
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`)
  process.exit(1)
})
