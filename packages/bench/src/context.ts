/** What every scenario shares: the server, databases, pools, timing, the results. */
import { Effect, Layer, ManagedRuntime, Redacted } from "effect"
import { PgClient } from "@effect/sql-pg"
import type { SqlClient } from "@effect/sql"
import pg from "pg"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"
import { PostgresEventStore } from "@jatim/eventstore-postgres"
import type { EventStore } from "@jatim/eventstore"
import { median, type Row } from "./stats.js"

/** Sizes of the scenarios, full or `--quick`. */
export interface Sizes {
  readonly runs: number
  readonly singleAppendsPerWriter: number
  readonly batches: number
  readonly raceSeconds: number
  readonly streamEvents: number
  readonly allEvents: number
  readonly commandStreamEvents: number
  readonly commands: number
  readonly inMemoryAppends: number
  readonly inMemoryStreamEvents: number
  readonly memoryEvents: number
  /** Events in the store the host starts on (`startup`). */
  readonly startupEvents: number
}

export const fullSizes: Sizes = {
  runs: 3,
  singleAppendsPerWriter: 400,
  batches: 20,
  raceSeconds: 3,
  streamEvents: 10_000,
  allEvents: 200_000,
  commandStreamEvents: 1_000,
  commands: 200,
  inMemoryAppends: 20_000,
  inMemoryStreamEvents: 100_000,
  memoryEvents: 1_000_000,
  startupEvents: 1_000_000
}

export const quickSizes: Sizes = {
  runs: 1,
  singleAppendsPerWriter: 50,
  batches: 4,
  raceSeconds: 1,
  streamEvents: 2_000,
  allEvents: 20_000,
  commandStreamEvents: 1_000,
  commands: 30,
  inMemoryAppends: 2_000,
  inMemoryStreamEvents: 10_000,
  memoryEvents: 50_000,
  startupEvents: 20_000
}

/** The bench run. */
export interface Bench {
  readonly serverUrl: Redacted.Redacted<string>
  readonly sizes: Sizes
  readonly quick: boolean
  readonly rows: Array<Row>
  readonly notes: Array<string>
  /** A new database; its name gets a unique suffix. */
  readonly database: (name: string) => Promise<string>
}

let databases = 0

export const makeBench = (serverUrl: Redacted.Redacted<string>, sizes: Sizes, quick: boolean): Bench => ({
  serverUrl,
  sizes,
  quick,
  rows: [],
  notes: [],
  database: (name) =>
    Effect.runPromise(EmbeddedPostgres.createDatabase(serverUrl, `bench_${name}_${++databases}_${process.pid}`)).then(Redacted.value)
})

/** A node-postgres pool on `url`. */
export const pool = (url: string, max: number) => {
  const created = new pg.Pool({ connectionString: url, max })
  // An idle connection's error (the server going away) is reported by the next query; do not crash on it.
  created.on("error", (error) => log(`idle connection error: ${error.message}`))
  return created
}

/** Our store on `url`, with a pool of `maxConnections`, as a runtime to run effects with. */
export const storeRuntime = (url: string, maxConnections: number, options: PostgresEventStore.PostgresEventStoreOptions = {}) => {
  const client = PgClient.layer({ url: Redacted.make(url), maxConnections })
  return ManagedRuntime.make(PostgresEventStore.layer(options).pipe(Layer.provideMerge(client))) as ManagedRuntime.ManagedRuntime<
    EventStore.EventStore | PgClient.PgClient | SqlClient.SqlClient,
    unknown
  >
}

/**
 * Runs `body` with our store (a pool of `connections.store`, its schema made before `body` runs)
 * and a raw node-postgres pool (`connections.raw`) on a new database `name`; closes both after.
 */
export const withStoreAndPool = async <A>(
  bench: Bench,
  name: string,
  connections: { readonly store: number; readonly raw: number },
  body: (on: { readonly url: string; readonly runtime: ReturnType<typeof storeRuntime>; readonly raw: pg.Pool }) => Promise<A>
): Promise<A> => {
  const url = await bench.database(name)
  const runtime = storeRuntime(url, connections.store)
  const raw = pool(url, connections.raw)
  try {
    await runtime.runPromise(Effect.void)
    return await body({ url, runtime, raw })
  } finally {
    await raw.end()
    await runtime.dispose()
  }
}

/** Milliseconds taken by `f`. */
export const time = async (f: () => Promise<unknown>): Promise<number> => {
  const started = performance.now()
  await f()
  return performance.now() - started
}

/** The median of `runs` timings of `f` (each run gets its index). */
export const medianOf = async (runs: number, f: (run: number) => Promise<number>): Promise<number> => {
  const values: Array<number> = []
  for (let run = 0; run < runs; run++) values.push(await f(run))
  return median(values)
}

/** Runs `count` workers concurrently. */
export const workers = (count: number, f: (worker: number) => Promise<void>) => Promise.all(Array.from({ length: count }, (_, i) => f(i)))

/** The data of the benchmark's events: small, typical JSON. */
export const eventData = (i: number) => ({ amount: i, currency: "IDR", note: "simpanan pokok anggota", kabupaten: "Sidoarjo" })

/** A new event of the benchmark, with a fresh random id and the data of `i`. */
export const newEvent = (i: number) => ({ eventId: crypto.randomUUID(), type: "SimpananDisetor", data: eventData(i) })

/** Logs progress to stderr (the table goes to stdout). */
export const log = (message: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`)

/**
 * Runs `ours` and `baseline` `runs` times each, alternating which goes first, so that a change
 * of load on a shared machine hits both alike; returns the median of each.
 */
export const paired = async (
  runs: number,
  ours: (run: number) => Promise<number>,
  baseline: (run: number) => Promise<number>
): Promise<{ readonly ours: number; readonly baseline: number }> => {
  const a: Array<number> = []
  const b: Array<number> = []
  for (let run = 0; run < runs; run++) {
    if (run % 2 === 0) {
      a.push(await ours(run))
      b.push(await baseline(run))
    } else {
      b.push(await baseline(run))
      a.push(await ours(run))
    }
  }
  return { ours: median(a), baseline: median(b) }
}
