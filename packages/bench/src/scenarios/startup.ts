/**
 * The demo host's start-up on a store that holds a province's history: `--only startup`.
 *
 * The store is seeded once with the province workload (the four programs' events, through their
 * deciders) in a database `startup_<events>` of a PostgreSQL server kept in
 * `<repo>/.data/bench-startup`; the host then runs once until every projection and process manager
 * is live with nothing left to apply, and the database is marked complete. Later runs reuse it.
 *
 * Measured: the host's `main.ts` bundled into JavaScript and started in a child process on that
 * database, as a deployment would (without `npm start`'s TypeScript loader), from spawn until
 * `/health` and a query of each program answer; then its RSS while serving queries for 5 s. Targets (issue 17): ready in ≤ 10 s, RSS
 * < 300 MB, for 1,000,000 events.
 */
import { Effect, Exit, Redacted, Scope } from "effect"
import pg from "pg"
import { EventStore } from "@jatim/eventstore"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"
import { type Bench, log, storeRuntime } from "../context.js"
import { bundleHost, fetchJson, repoRoot, rssOf, sleep, spawnHost, stopServer as stopHost } from "../host.js"
import { formatNumber } from "../stats.js"
import * as Province from "../workload/Province.js"

/** The seed of the workload: the same events on every machine. */
const seed = 2019

/** How many writers seed the store (each takes the streams whose hash falls to it, in order). */
const writers = 8

/** A query of each program, answered without a token (the public views). */
const queries = ["/opop/products", "/opop/dashboard", "/sijawara/leaderboard", "/jatim-iso/funnel", "/tomiko/listings"]

/** A stable hash of a stream name, to give each stream to one writer. */
const writerOf = (streamName: string) => {
  let hash = 0
  for (let i = 0; i < streamName.length; i++) hash = (hash * 31 + streamName.charCodeAt(i)) | 0
  return Math.abs(hash) % writers
}

/** Appends the workload's events: chunks of events, each split among the writers by stream, runs of one stream as one batch. */
const seedEvents = async (url: string, events: number) => {
  const runtime = storeRuntime(url, writers + 2)
  try {
    const started = performance.now()
    let written = 0
    let chunk: Array<Province.WorkloadEvent> = []
    const flush = async () => {
      const lanes = Array.from({ length: writers }, () => [] as Array<{ item: Province.WorkloadEvent; index: number }>)
      chunk.forEach((item, i) => {
        lanes[writerOf(item.streamName)]!.push({ item, index: written + i })
      })
      await Promise.all(
        lanes.map((lane) =>
          runtime.runPromise(
            Effect.gen(function* () {
              const store = yield* EventStore.EventStore
              for (let i = 0; i < lane.length; ) {
                const streamName = lane[i]!.item.streamName
                const batch = []
                for (; i < lane.length && lane[i]!.item.streamName === streamName; i++) {
                  batch.push(yield* Province.toNewEvent(lane[i]!.item, `startup-${seed}-${lane[i]!.index}`))
                }
                yield* store.appendToStream(streamName, batch)
              }
            })
          )
        )
      )
      written += chunk.length
      chunk = []
    }
    for (const item of Province.generate({ seed, events })) {
      chunk.push(item)
      if (chunk.length === 20_000) {
        await flush()
        log(`startup: seeded ${formatNumber(written)} of ${formatNumber(events)} events`)
      }
    }
    await flush()
    log(`startup: seeded ${formatNumber(written)} events in ${((performance.now() - started) / 1000).toFixed(0)} s`)
    return written
  } finally {
    await runtime.dispose()
  }
}

/** Runs the host until every projection and process manager is live with no lag (the first run on a seeded store). */
const catchUp = async (bundle: string, url: string, port: number) => {
  const child = spawnHost(bundle, url, port)
  const base = `http://127.0.0.1:${port}`
  const started = performance.now()
  try {
    let lastLog = 0
    while (true) {
      if (child.exitCode !== null) throw new Error(`the host exited with ${child.exitCode} while catching up`)
      // Each status counts its projection's lag in the store: on a large store, slow.
      const statuses = (await fetchJson(base, "/projections", { timeout: 120_000 }))?.body as
        | ReadonlyArray<{ readonly name: string; readonly state: string; readonly lag: number }>
        | undefined
      if (statuses !== undefined && statuses.length > 0) {
        const behind = statuses.filter((s) => s.state !== "live" || s.lag > 0)
        if (behind.length === 0) break
        if (performance.now() - lastLog > 15_000) {
          lastLog = performance.now()
          log(`startup: catching up, ${behind.map((s) => `${s.name} ${s.state} lag ${s.lag}`).join(", ")}`)
        }
      }
      await sleep(1000)
    }
    log(`startup: every projection caught up in ${((performance.now() - started) / 1000).toFixed(0)} s`)
  } finally {
    await stopHost(child)
  }
}

/** What a database of this scenario holds: how many events were seeded, and whether every projection caught up. */
const seedState = async (url: string): Promise<{ readonly events: number; readonly caughtUp: boolean } | undefined> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const result = await client.query<{ events: number; caught_up: boolean }>("SELECT events, caught_up FROM bench_startup_seed")
    const row = result.rows[0]
    return row === undefined ? undefined : { events: row.events, caughtUp: row.caught_up }
  } catch {
    return undefined
  } finally {
    await client.end()
  }
}

/** Runs `statement` on the database at `url`. */
const execute = async (url: string, statement: string, values: ReadonlyArray<unknown> = []) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(statement, [...values])
  } finally {
    await client.end()
  }
}

/**
 * The store of `events` events, seeded once (a later run finds it, or seeds it again if a run
 * was interrupted while seeding), and every projection of the host caught up on it.
 */
const seededStore = async (serverUrl: Redacted.Redacted<string>, events: number, bundle: string, port: number): Promise<string> => {
  const name = `startup_${events}`
  const server = Redacted.value(serverUrl)
  const url = Redacted.value(EmbeddedPostgres.databaseUrl(serverUrl, name))
  const admin = new pg.Client({ connectionString: server })
  await admin.connect()
  const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1
  await admin.end()
  const state = exists ? await seedState(url) : undefined
  if (state?.events !== events) {
    if (exists) {
      log(`startup: ${name} was not seeded to the end (an interrupted run); seeding it again`)
      await execute(server, `DROP DATABASE "${name}" WITH (FORCE)`)
    }
    await Effect.runPromise(EmbeddedPostgres.createDatabase(serverUrl, name))
    const written = await seedEvents(url, events)
    await execute(url, "CREATE TABLE bench_startup_seed (events integer NOT NULL, caught_up boolean NOT NULL)")
    await execute(url, "INSERT INTO bench_startup_seed VALUES ($1, false)", [written])
  }
  // Every time, not only after seeding: read models added to the host since the store was seeded
  // replay its events here, untimed, as a deployment lets them catch up once before it is
  // restarted. On a store whose projections are all live this is one start of the host.
  await catchUp(bundle, url, port)
  if (state?.caughtUp !== true) await execute(url, "UPDATE bench_startup_seed SET caught_up = true")
  return url
}

/** Starts the host on the seeded store and measures until it answers, then its memory while serving. */
const measure = async (bundle: string, url: string, port: number) => {
  const base = `http://127.0.0.1:${port}`
  const started = performance.now()
  const child = spawnHost(bundle, url, port)
  let stderr = ""
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000)
  })

  try {
    while ((await fetchJson(base, "/health"))?.status !== 200) {
      if (child.exitCode !== null) throw new Error(`the host exited with ${child.exitCode}: ${stderr}`)
      if (performance.now() - started > 300_000) throw new Error("the host did not answer within 5 minutes")
      await sleep(25)
    }
    const listening = performance.now() - started
    for (const path of queries) {
      const answer = await fetchJson(base, path)
      if (answer?.status !== 200) throw new Error(`${path} answered ${answer?.status}`)
    }
    const ready = performance.now() - started
    // Serve for a while: every query again and again, RSS sampled.
    let peak = 0
    const until = performance.now() + 5_000
    let served = 0
    while (performance.now() < until) {
      await Promise.all(queries.map((path) => fetchJson(base, path)))
      served += queries.length
      peak = Math.max(peak, rssOf(child.pid!))
    }
    return { listening, ready, peak, served }
  } finally {
    await stopHost(child)
  }
}

export const run = async (bench: Bench, events: number) => {
  const scope = Effect.runSync(Scope.make())
  try {
    const server = await Effect.runPromise(Scope.extend(EmbeddedPostgres.start({ dataDir: `${repoRoot}.data/bench-startup` }), scope))
    const bundle = bundleHost()
    const url = await seededStore(server.url, events, bundle, await Effect.runPromise(EmbeddedPostgres.freePort))
    const { listening, peak, ready, served } = await measure(bundle, url, await Effect.runPromise(EmbeddedPostgres.freePort))
    const mb = peak / 1024 / 1024
    log(
      `startup: /health after ${(listening / 1000).toFixed(2)} s, queries answered after ${(ready / 1000).toFixed(2)} s, RSS ${mb.toFixed(0)} MB while serving ${served} queries`
    )
    bench.rows.push(
      {
        scenario: `Host start-up on ${formatNumber(events)} stored events (spawn until /health and a query of each program answer)`,
        ours: `${(ready / 1000).toFixed(2)} s`,
        baseline: "—",
        ratio: undefined,
        target: "≤ 10 s",
        met: ready <= 10_000
      },
      {
        scenario: `Host RSS while serving (${served} queries in 5 s after start-up, ${formatNumber(events)} stored events)`,
        ours: `${mb.toFixed(0)} MB`,
        baseline: "—",
        ratio: undefined,
        target: "< 300 MB",
        met: mb < 300
      }
    )
  } finally {
    await Effect.runPromise(Scope.close(scope, Exit.void))
  }
}
