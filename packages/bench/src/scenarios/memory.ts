/**
 * Peak memory while reading 1,000,000 events: a child process (a fresh heap, nothing else in
 * it) reads them all with `readAll` and samples `process.memoryUsage().rss` every 10 ms.
 */
import { execFile } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { buildSync } from "esbuild"
import { Effect } from "effect"
import { type Bench, log, pool, storeRuntime } from "../context.js"
import { seedStore } from "../seed.js"
import { formatNumber } from "../stats.js"

const packageRoot = fileURLToPath(new URL("../..", import.meta.url))
const child = fileURLToPath(new URL("../memoryChild.ts", import.meta.url))

export const run = async (bench: Bench) => {
  const total = bench.sizes.memoryEvents
  const url = await bench.database("memory")
  const runtime = storeRuntime(url, 2)
  await runtime.runPromise(Effect.void)
  await runtime.dispose()
  const raw = pool(url, 2)
  log(`seeding ${total} events`)
  await seedStore(raw, total, 0)
  await raw.end()
  // A plain Node process on a bundle: no TypeScript loader in the measured heap.
  const folder = mkdtempSync(join(tmpdir(), "jatim-bench-"))
  const bundle = join(folder, "memoryChild.cjs")
  const output = await (async () => {
    try {
      buildSync({
        entryPoints: [child],
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        outfile: bundle,
        external: ["pg-native"],
        tsconfig: join(packageRoot, "tsconfig.json"),
        logLevel: "error"
      })
      return await new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ["--expose-gc", bundle, url], { cwd: packageRoot, maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)
        )
      )
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })()
  const result = JSON.parse(output.trim().split("\n").pop()!) as {
    count: number
    ms: number
    baselineRss: number
    peakRss: number
    peakHeap: number
  }
  if (result.count !== total) throw new Error(`the child read ${result.count} events of ${total}`)
  const mb = (bytes: number) => bytes / 1024 / 1024
  log(`memory: peak RSS ${mb(result.peakRss).toFixed(0)} MB (baseline ${mb(result.baselineRss).toFixed(0)} MB), ${result.ms.toFixed(0)} ms`)
  const limit = 200
  bench.rows.push({
    scenario: `Peak memory reading ${formatNumber(total)} events (child process RSS; heap peak ${mb(result.peakHeap).toFixed(0)} MB; ${formatNumber(total / (result.ms / 1000))} events/s)`,
    ours: `${mb(result.peakRss).toFixed(0)} MB`,
    baseline: `${mb(result.baselineRss).toFixed(0)} MB (RSS before the read)`,
    ratio: undefined,
    target: `< ${limit} MB`,
    met: mb(result.peakRss) < limit
  })
}
