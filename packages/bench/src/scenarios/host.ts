/**
 * The demo host under load against a hand-written server: `--only host` (issue 18, part 1).
 *
 * Both servers run as child processes bundled with esbuild (`../host.ts`), each on a database of
 * its own on the bench's PostgreSQL, one after the other (baseline, host, baseline, host, …), and
 * take the same load from `autocannon`: 20 connections sending `POST /opop/pesantren/register`
 * with a Dinas officer's token and a new NSPP per request. The host runs on a copy
 * (`CREATE DATABASE … TEMPLATE`) of a database the host loaded its demo data into once. After each
 * host run the OPOP dashboard must count exactly the registrations that succeeded. Then a mixed
 * load on a fresh host: new pesantren, one hot pesantren suspended and reinstated again and again,
 * and reads of the catalogue and the dashboard.
 */
import autocannon from "autocannon"
import { Effect, Either, Redacted, Schema } from "effect"
import pg from "pg"
import { Actor } from "@jatim/kernel"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"
import { fromSecret, signToken } from "../../../../examples/http-host/src/auth.js"
import { type Bench, log } from "../context.js"
import {
  benchTokenSecret,
  bundle,
  bundleHost,
  fetchJson,
  repoRoot,
  rssOf,
  type Spawned,
  sleep,
  spawnServer,
  stopServer,
  waitForHealth
} from "../host.js"
import { allCaughtUp, checkRegistrations, nsppSource, ProjectionStatuses, registeredOf } from "../hostCheck.js"
import { formatNumber, median, ratio } from "../stats.js"

/** Connections of the load. */
export const connections = 20

/** The mixed load's connections: registrations, the hot pesantren (one, so its commands alternate), reads. */
export const mixedConnections = { register: 10, hot: 1, reads: 9 } as const

/** The template database the host loaded the demo data into (bump the suffix when the demo data changes). */
const templateName = "bench_host_template_1"

const dinas = Schema.decodeUnknownSync(Actor.Actor)({ _tag: "DINAS_OFFICER", officerId: "dinas-bench" })

/** A run's registrations, as the load saw them. */
interface Tracked {
  /** NSPPs answered 2xx. */
  readonly succeeded: Set<string>
  /** Every NSPP sent. */
  readonly sent: Set<string>
}

const newTracked = (): Tracked => ({ succeeded: new Set(), sent: new Set() })

const registerBody = (nspp: string) =>
  JSON.stringify({ nspp, name: `Pondok Pesantren Bench ${nspp}`, regionCode: "35.78", pengasuh: "KH Bench", santriCount: 120 })

const nsppOfContext = (context: object): string | undefined =>
  "nspp" in context && typeof context.nspp === "string" ? context.nspp : undefined

/** The request of a registration with a new NSPP each time, tracked in `tracked`; `then` sees each answer after. */
const registerRequest = (
  next: () => string,
  tracked: Tracked,
  then?: (status: number, body: string, context: object) => void
): autocannon.Request => ({
  method: "POST",
  path: "/opop/pesantren/register",
  setupRequest: (request, context) => {
    const nspp = next()
    Object.assign(context, { nspp })
    tracked.sent.add(nspp)
    return { ...request, body: registerBody(nspp) }
  },
  onResponse: (status, body, context) => {
    const nspp = nsppOfContext(context)
    if (nspp !== undefined && status >= 200 && status < 300) tracked.succeeded.add(nspp)
    then?.(status, body, context)
  }
})

const Recorded = Schema.parseJson(Schema.Struct({ position: Schema.String }))

const positionOfContext = (context: object): string | undefined =>
  "position" in context && typeof context.position === "string" ? context.position : undefined

/** What the reads of one's own registration saw. */
interface OwnReads {
  /** Answered 200 with the pesantren just registered. */
  seen: number
  /** Anything else after a registration that succeeded: the read missed its own write. */
  missed: number
  /** The first miss, for the log. */
  firstMiss: string | undefined
}

/**
 * A registration with a new NSPP (tracked in `tracked`), then a read of that pesantren with the
 * position the registration answered (`Read-After-Position`: read-your-writes), which must show it.
 */
const registerThenReadOwn = (next: () => string, tracked: Tracked, own: OwnReads): Array<autocannon.Request> => {
  return [
    registerRequest(next, tracked, (status, body, context) => {
      const recorded = Schema.decodeUnknownEither(Recorded)(body)
      Object.assign(context, { position: status === 200 && Either.isRight(recorded) ? recorded.right.position : undefined })
    }),
    {
      method: "GET",
      setupRequest: (request, context) => {
        const position = positionOfContext(context)
        return {
          ...request,
          path: `/opop/pesantren/${nsppOfContext(context) ?? "none"}`,
          headers: { ...request.headers, ...(position === undefined ? {} : { "read-after-position": position }) }
        }
      },
      onResponse: (status, body, context) => {
        if (positionOfContext(context) === undefined) return
        if (status === 200 && body.includes(nsppOfContext(context) ?? "none")) own.seen++
        else {
          own.missed++
          own.firstMiss ??= `${status} ${body.slice(0, 200)}`
        }
      }
    }
  ]
}

const Refusal = Schema.parseJson(Schema.Struct({ rule: Schema.String }))

/** The rule of a 422 answer's body, if it names one. */
const ruleOf = (body: string): string | undefined =>
  Either.getOrUndefined(Either.map(Schema.decodeUnknownEither(Refusal)(body), (refusal) => refusal.rule))

const HotStatus = Schema.Struct({ status: Schema.String })

const headers = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" })

/** `autocannon` on `base` for `seconds` with `count` connections sending `requests` in turn. */
const load = (base: string, token: string, seconds: number, count: number, requests: Array<autocannon.Request>) =>
  autocannon({ url: base, connections: count, duration: seconds, headers: headers(token), requests })

/** What one measured load gives. */
interface Measured {
  readonly rate: number
  readonly p50: number
  readonly p99: number
  readonly succeeded: number
  /** Answers other than 2xx, and requests without an answer (connection errors, timeouts). */
  readonly failed: number
  readonly timeouts: number
}

const measured = (result: autocannon.Result): Measured => ({
  rate: result["2xx"] / result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  succeeded: result["2xx"],
  failed: result.non2xx + result.errors,
  timeouts: result.timeouts
})

/** Runs `statement` on the database at `url`. */
const execute = async (url: string, statement: string) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await client.query(statement)
  } finally {
    await client.end()
  }
}

/** The dashboard's registered pesantren. */
const registered = async (base: string, token: string): Promise<number> => {
  const answer = await fetchJson(base, "/opop/dashboard", { token, timeout: 30_000 })
  if (answer?.status !== 200) throw new Error(`GET /opop/dashboard answered ${answer?.status ?? "nothing"}`)
  return Either.getOrThrowWith(registeredOf(answer.body), (message) => new Error(message))
}

/** Waits until every projection is live with no lag and the dashboard's count stops changing; its count. */
const settled = async (base: string, token: string, timeout = 180_000): Promise<number> => {
  const started = performance.now()
  let last: number | undefined
  while (performance.now() - started < timeout) {
    const answer = await fetchJson(base, "/projections", { timeout: 60_000 })
    const statuses = answer?.status === 200 ? Schema.decodeUnknownEither(ProjectionStatuses)(answer.body) : undefined
    if (statuses !== undefined && Either.isRight(statuses) && allCaughtUp(statuses.right)) {
      const count = await registered(base, token)
      if (count === last) return count
      last = count
    }
    await sleep(200)
  }
  throw new Error(`the host's projections did not catch up within ${timeout / 1000} s`)
}

/** How many of `nspps` the host's directory holds (asked one by one). */
const applied = async (base: string, token: string, nspps: ReadonlyArray<string>): Promise<number> => {
  let found = 0
  for (const nspp of nspps) {
    const answer = await fetchJson(base, `/opop/pesantren/${nspp}`, { token, timeout: 30_000 })
    if (answer?.status === 200) found++
    else if (answer?.status !== 404) throw new Error(`GET /opop/pesantren/${nspp} answered ${answer?.status ?? "nothing"}`)
  }
  return found
}

/** The check after a host run: the dashboard counts exactly the registrations that succeeded. Throws on a mismatch. */
const check = async (base: string, token: string, before: number, tracked: Tracked, what: string) => {
  const after = await settled(base, token)
  const unanswered = [...tracked.sent].filter((nspp) => !tracked.succeeded.has(nspp))
  const appliedWithoutAnswer = await applied(base, token, unanswered)
  const result = checkRegistrations({ before, after, succeeded: tracked.succeeded.size, appliedWithoutAnswer })
  if (Either.isLeft(result)) {
    log(`host: COUNT CHECK FAILED (${what}): ${result.left}`)
    throw new Error(`read models do not count the successful commands (${what}): ${result.left}`)
  }
  log(
    `host: count check (${what}): the dashboard counts ${result.right} new pesantren = ${tracked.succeeded.size} answered 2xx + ${appliedWithoutAnswer} cut off but applied (of ${unanswered.length} without a 2xx answer)`
  )
  return { counted: result.right, unanswered: unanswered.length, appliedWithoutAnswer }
}

/** The host on a new database `name` copied from the template; waits until it answers and its projections caught up. */
const startHost = async (bench: Bench, hostFile: string, name: string, token: string) => {
  const server = Redacted.value(bench.serverUrl)
  await execute(server, `CREATE DATABASE "${name}" TEMPLATE "${templateName}"`)
  const url = Redacted.value(EmbeddedPostgres.databaseUrl(bench.serverUrl, name))
  const port = await Effect.runPromise(EmbeddedPostgres.freePort)
  const base = `http://127.0.0.1:${port}`
  const spawned = spawnServer(hostFile, url, port)
  await waitForHealth(base, spawned)
  await settled(base, token)
  return { base, spawned }
}

/** Stops a server and drops its database. */
const stopAndDrop = async (bench: Bench, spawned: Spawned, name: string) => {
  await stopServer(spawned.child)
  await execute(Redacted.value(bench.serverUrl), `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
}

/**
 * The template database: the host started once on an empty database loads the demo data (its
 * stdout says `demo data: …` when done), runs until its projections caught up, and stops; a marker
 * table says the template is complete. Later runs on the same server reuse it.
 */
const ensureTemplate = async (bench: Bench, hostFile: string, token: string) => {
  const server = Redacted.value(bench.serverUrl)
  const url = Redacted.value(EmbeddedPostgres.databaseUrl(bench.serverUrl, templateName))
  const exists = ((await execute(server, `SELECT 1 FROM pg_database WHERE datname = '${templateName}'`)).rowCount ?? 0) === 1
  if (exists) {
    const complete = await execute(url, "SELECT 1 FROM bench_host_template_complete").then(
      () => true,
      () => false
    )
    if (complete) return
    await execute(server, `DROP DATABASE "${templateName}" WITH (FORCE)`)
  }
  await Effect.runPromise(EmbeddedPostgres.createDatabase(bench.serverUrl, templateName))
  const port = await Effect.runPromise(EmbeddedPostgres.freePort)
  const base = `http://127.0.0.1:${port}`
  let stdout = ""
  let loaded = false
  const started = performance.now()
  const spawned = spawnServer(hostFile, url, port, {
    onStdout: (text) => {
      stdout = (stdout + text).slice(-4000)
      if (stdout.includes("demo data:")) loaded = true
    }
  })
  try {
    await waitForHealth(base, spawned)
    while (!loaded) {
      if (spawned.child.exitCode !== null)
        throw new Error(`the host exited with ${spawned.child.exitCode}: ${spawned.stderr()} ${spawned.stdout()}`)
      if (performance.now() - started > 600_000) throw new Error("the host did not load its demo data within 10 minutes")
      await sleep(200)
    }
    const count = await settled(base, token)
    log(`host: demo data loaded into ${templateName} in ${((performance.now() - started) / 1000).toFixed(0)} s (${count} pesantren)`)
  } finally {
    await stopServer(spawned.child)
  }
  await execute(url, "CREATE TABLE bench_host_template_complete (done boolean)")
}

const warmUpSeconds = (bench: Bench) => (bench.quick ? 1 : 2)

/** One run of the hand-written server: a new database, a warm-up, the measured load. */
const runBaseline = async (bench: Bench, file: string, token: string, seconds: number): Promise<Measured> => {
  const url = await bench.database("host_baseline")
  const port = await Effect.runPromise(EmbeddedPostgres.freePort)
  const base = `http://127.0.0.1:${port}`
  const spawned = spawnServer(file, url, port)
  try {
    await waitForHealth(base, spawned)
    const next = nsppSource(0)
    await load(base, token, warmUpSeconds(bench), connections, [registerRequest(next, newTracked())])
    const result = measured(await load(base, token, seconds, connections, [registerRequest(next, newTracked())]))
    log(
      `host: hand-written server ${formatNumber(result.rate)} commands/s, p50 ${result.p50} ms, p99 ${result.p99} ms (${result.failed} failed)`
    )
    return result
  } finally {
    await stopServer(spawned.child)
  }
}

/** One run of the host: a copy of the template, a warm-up, the measured load, its RSS, the count check. */
const runHost = async (bench: Bench, file: string, token: string, seconds: number, run: number) => {
  const name = `bench_host_run_${run}_${process.pid}`
  const { base, spawned } = await startHost(bench, file, name, token)
  try {
    const next = nsppSource(10 + run)
    await load(base, token, warmUpSeconds(bench), connections, [registerRequest(next, newTracked())])
    const before = await settled(base, token)
    const tracked = newTracked()
    const result = measured(await load(base, token, seconds, connections, [registerRequest(next, tracked)]))
    const rss = rssOf(spawned.child.pid ?? 0)
    log(
      `host: demo host ${formatNumber(result.rate)} commands/s, p50 ${result.p50} ms, p99 ${result.p99} ms (${result.failed} failed), RSS ${(
        rss / 1024 / 1024
      ).toFixed(0)} MB`
    )
    const counted = await check(base, token, before, tracked, `run ${run + 1}`)
    return { ...result, rss, counted }
  } finally {
    await stopAndDrop(bench, spawned, name)
  }
}

/** The mixed load on a fresh host: new pesantren, one hot pesantren, reads; at once, for `seconds`. */
const runMixed = async (bench: Bench, file: string, token: string, seconds: number) => {
  const name = `bench_host_mixed_${process.pid}`
  const { base, spawned } = await startHost(bench, file, name, token)
  try {
    const next = nsppSource(90)
    // The hot pesantren: registered once, then suspended and reinstated in turn (each after the last succeeded).
    const hot = nsppSource(99)()
    const registeredHot = await fetch(`${base}/opop/pesantren/register`, {
      method: "POST",
      headers: headers(token),
      body: registerBody(hot)
    })
    if (registeredHot.status !== 200) throw new Error(`registering the hot pesantren answered ${registeredHot.status}`)
    let suspended = false
    let hotRefusal: string | undefined
    const hotRequest: autocannon.Request = {
      method: "POST",
      setupRequest: (request) =>
        suspended
          ? { ...request, path: "/opop/pesantren/reinstate", body: JSON.stringify({ nspp: hot }) }
          : { ...request, path: "/opop/pesantren/suspend", body: JSON.stringify({ nspp: hot, reason: "Laporan keuangan terlambat" }) },
      onResponse: (status, body) => {
        if (status >= 200 && status < 300) suspended = !suspended
        else {
          hotRefusal ??= `${status} ${body.slice(0, 300)}`
          // A command cut off at the end of the warm-up may have been applied: follow what the host says.
          const rule = ruleOf(body)
          if (rule === "PesantrenUnderSuspension") suspended = true
          else if (rule === "PesantrenNotSuspended") suspended = false
        }
      }
    }
    let readRefusal: string | undefined
    const onRead = (path: string) => (status: number, body: string) => {
      if (status < 200 || status >= 300) readRefusal ??= `${path}: ${status} ${body.slice(0, 300)}`
    }
    // Readers who wrote nothing ask for the read models as they stand (`Read-Consistency: eventual`).
    const eventual = { "read-consistency": "eventual" }
    const reads: Array<autocannon.Request> = [
      { method: "GET", path: "/opop/products?limit=20", headers: eventual, onResponse: onRead("/opop/products?limit=20") },
      { method: "GET", path: "/opop/dashboard", headers: eventual, onResponse: onRead("/opop/dashboard") }
    ]
    let own: OwnReads = { seen: 0, missed: 0, firstMiss: undefined }
    const mixed = (duration: number, tracked: Tracked) =>
      Promise.all([
        load(base, token, duration, mixedConnections.register, registerThenReadOwn(next, tracked, own)),
        load(base, token, duration, mixedConnections.hot, [hotRequest]),
        load(base, token, duration, mixedConnections.reads, reads)
      ])
    await mixed(warmUpSeconds(bench), newTracked())
    const before = await settled(base, token)
    // A hot command cut off at the end of the warm-up may have been applied: start from the directory's status.
    const entry = await fetchJson(base, `/opop/pesantren/${hot}`, { token })
    const status = Schema.decodeUnknownEither(HotStatus)(entry?.body)
    if (Either.isLeft(status)) throw new Error(`GET /opop/pesantren/${hot} answered ${entry?.status ?? "nothing"}`)
    suspended = status.right.status === "SUSPENDED"
    hotRefusal = undefined
    own = { seen: 0, missed: 0, firstMiss: undefined }
    const tracked = newTracked()
    const [registers, hotStream, queries] = (await mixed(seconds, tracked)).map(measured)
    if (registers === undefined || hotStream === undefined || queries === undefined) throw new Error("a load of the mix did not run")
    const rss = rssOf(spawned.child.pid ?? 0)
    log(
      `host: mixed load: registrations ${formatNumber(registers.rate)}/s (${registers.failed} not 2xx), hot pesantren ${formatNumber(
        hotStream.rate
      )}/s (${hotStream.failed} not 2xx${hotRefusal === undefined ? "" : `, first: ${hotRefusal}`}), reads ${formatNumber(queries.rate)}/s (${queries.failed} not 2xx, ${queries.timeouts} timed out${readRefusal === undefined ? "" : `, first: ${readRefusal}`})`
    )
    log(
      `host: mixed load: own pesantren read back ${own.seen} times, missed ${own.missed}${own.firstMiss === undefined ? "" : ` (first: ${own.firstMiss})`}`
    )
    const counted = await check(base, token, before, tracked, "mixed load")
    return { registers, registered: tracked.succeeded.size, own, hotStream, queries, rss, counted, hotRefusal, readRefusal }
  } finally {
    await stopAndDrop(bench, spawned, name)
  }
}

export const run = async (bench: Bench) => {
  const seconds = bench.quick ? 3 : 15
  const runs = bench.sizes.runs
  const hostFile = bundleHost()
  const baselineFile = bundle(`${repoRoot}packages/bench/src/baseline/handWrittenServer.ts`, "handWrittenServer")
  const token = await Effect.runPromise(signToken(fromSecret(benchTokenSecret), dinas, { ttl: "24 hours" }))
  await ensureTemplate(bench, hostFile, token)

  const baselines: Array<Measured> = []
  const hosts: Array<Awaited<ReturnType<typeof runHost>>> = []
  for (let i = 0; i < runs; i++) {
    baselines.push(await runBaseline(bench, baselineFile, token, seconds))
    hosts.push(await runHost(bench, hostFile, token, seconds, i))
  }
  const mixed = await runMixed(bench, hostFile, token, seconds)

  const of = <A>(values: ReadonlyArray<A>, f: (a: A) => number) => median(values.map(f))
  const host = { rate: of(hosts, (h) => h.rate), p50: of(hosts, (h) => h.p50), p99: of(hosts, (h) => h.p99) }
  const base = { rate: of(baselines, (b) => b.rate), p50: of(baselines, (b) => b.p50), p99: of(baselines, (b) => b.p99) }
  const rss = Math.max(...hosts.map((h) => h.rss)) / 1024 / 1024
  const commands = Math.max(...hosts.map((h) => h.counted.counted))
  const hostFailed = hosts.reduce((sum, h) => sum + h.failed, 0)
  const loadText = `${connections} connections, ${seconds} s${runs > 1 ? `, median of ${runs} runs` : ""}`
  const baselineName = "hand-written node:http + pg"
  const mixedRate = (mixed.registers.succeeded + mixed.hotStream.succeeded + mixed.queries.succeeded) / seconds
  const mixedFailed = mixed.registers.failed + mixed.hotStream.failed + mixed.queries.failed
  const mixedP99 = Math.max(mixed.registers.p99, mixed.hotStream.p99, mixed.queries.p99)
  bench.rows.push(
    {
      scenario: `Host: POST /opop/pesantren/register, new pesantren each, Dinas token (${loadText}), commands/s`,
      ours: `${formatNumber(host.rate)}/s${hostFailed > 0 ? ` (${formatNumber(hostFailed)} not 2xx)` : ""}`,
      baseline: `${formatNumber(base.rate)}/s (${baselineName})`,
      ratio: ratio(host.rate, base.rate, "higher"),
      target: "≥ 50 %",
      met: host.rate >= 0.5 * base.rate
    },
    {
      scenario: "Host: register, p50 latency",
      ours: `${host.p50} ms`,
      baseline: `${base.p50} ms (${baselineName})`,
      ratio: ratio(host.p50, base.p50, "lower"),
      target: "—",
      met: undefined
    },
    {
      scenario: "Host: register, p99 latency",
      ours: `${host.p99} ms`,
      baseline: `${base.p99} ms (${baselineName})`,
      ratio: ratio(host.p99, base.p99, "lower"),
      target: "≤ 25 ms",
      met: host.p99 <= 25
    },
    {
      scenario: `Host RSS after a run (${formatNumber(commands)} registrations; /proc/<pid>/status)`,
      ours: `${rss.toFixed(0)} MB`,
      baseline: "—",
      ratio: undefined,
      target: "< 300 MB",
      met: rss < 300
    },
    {
      scenario: `Host mixed load (${connections} connections, ${seconds} s: ${mixedConnections.register} registering new pesantren ${formatNumber(
        mixed.registered / seconds
      )}/s, each then reading its own with Read-After-Position (${formatNumber(mixed.own.seen)} seen, ${formatNumber(mixed.own.missed)} missed); ${mixedConnections.hot} on one hot pesantren ${formatNumber(mixed.hotStream.rate)}/s; ${mixedConnections.reads} reading products and dashboard (Read-Consistency: eventual) ${formatNumber(
        mixed.queries.rate
      )}/s; p99 ${mixed.registers.p99} / ${mixed.hotStream.p99} / ${mixed.queries.p99} ms; RSS ${(mixed.rss / 1024 / 1024).toFixed(0)} MB)`,
      ours: `${formatNumber(mixedRate)} req/s, p99 ${mixedP99} ms${mixedFailed > 0 ? ` (${formatNumber(mixedFailed)} not 2xx)` : ""}`,
      baseline: "—",
      ratio: undefined,
      target: "p99 ≤ 25 ms, own writes read back",
      met: mixedP99 <= 25 && mixed.own.missed === 0
    },
    {
      scenario: "Host: the OPOP dashboard counts exactly the successful registrations after every run",
      ours: `${hosts.map((h) => formatNumber(h.counted.counted)).join(" + ")} + ${formatNumber(mixed.counted.counted)} (mixed)`,
      baseline: "—",
      ratio: undefined,
      target: "exact",
      met: true
    }
  )
  bench.notes.push(
    `Host: the demo host (its \`main.ts\` bundled with esbuild, run with \`node\`, TOKEN_SECRET fixed, a Dinas officer's HS256 token) and a hand-written \`node:http\` + \`pg\` server (pool of 20, as the host's) each run as a child process on a database of their own on the same PostgreSQL, one after the other (baseline, host, …); the host's database is a copy (\`CREATE DATABASE … TEMPLATE\`) of one it loaded the demo data into. Load: \`autocannon\` ${connections} connections, ${seconds} s after a ${warmUpSeconds(
      bench
    )} s warm-up, a new NSPP per request; commands/s are 2xx answers per second. Not answered 2xx: ${hostFailed} of the host's registrations; in the mixed load ${mixed.registers.failed} registrations and reads of one's own pesantren, ${mixed.hotStream.failed} commands on the hot pesantren${mixed.hotRefusal === undefined ? "" : ` (first: ${mixed.hotRefusal})`}, ${mixed.queries.failed} reads${mixed.readRefusal === undefined ? "" : ` (first: ${mixed.readRefusal})`}.`
  )
}
