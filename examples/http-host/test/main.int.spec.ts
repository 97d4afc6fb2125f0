/**
 * `npm start` as a user runs it (`src/main.ts`, here in memory): it prints its banner, then logs
 * one JSON line per request on stdout, and nothing else per request (the runtime's pretty logger
 * once printed every line a second time).
 */
import { type ChildProcess, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"

const hostDir = fileURLToPath(new URL("..", import.meta.url))
let child: ChildProcess | undefined

afterAll(() => {
  child?.kill("SIGINT")
})

/** Polls until `check` holds, every 50 ms, for at most `ms`. */
const until = async (check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> => {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return check()
}

describe("npm start", () => {
  it("logs each request once, as one JSON line on stdout", async () => {
    const port = await Effect.runPromise(EmbeddedPostgres.freePort)
    let stdout = ""
    child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", "--memory"], {
      cwd: hostDir,
      env: { ...process.env, PORT: String(port), TOKEN_SECRET: "main-test-secret-0123456789abcdef" },
      stdio: ["ignore", "pipe", "pipe"]
    })
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString()
    })
    let requests = 0
    const get = async (path: string) => {
      requests++
      return fetch(`http://127.0.0.1:${port}${path}`)
        .then((response) => response.status)
        .catch(() => 0)
    }
    expect(await until(async () => (await get("/health")) === 200, 60_000)).toBe(true)
    expect(await get("/opop/dashboard")).toBe(200)
    expect(await get("/opop/products?limit=2")).toBe(200)

    const requestLines = () => stdout.split("\n").filter((line) => line.includes('"HTTP request"'))
    // A poll refused before the port opened reached no handler and logged nothing.
    expect(await until(() => requestLines().length >= 3, 5_000)).toBe(true)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const lines = requestLines()
    expect(lines.length).toBeGreaterThanOrEqual(3)
    expect(lines.length).toBeLessThanOrEqual(requests)
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ message: "HTTP request", logLevel: "INFO" })
    // Every line about a request is that one JSON line: no second, pretty-printed copy.
    expect(stdout.split("\n").filter((line) => /HTTP request/.test(line) && !line.startsWith("{"))).toEqual([])
    const paths = lines.map((line) => JSON.parse(line).annotations.path)
    expect(paths.filter((path: string) => path === "/opop/dashboard")).toHaveLength(1)
    expect(paths.filter((path: string) => path === "/opop/products")).toHaveLength(1)
  }, 90_000)
})
