/**
 * The host's start: it listens only once its handlers can answer. A client that polls the port
 * from before the start on never sends a request that waits unanswered (one that reached the
 * port while the store and read models were still being built would, until the client gave up).
 */
import { Effect, Exit, Scope } from "effect"
import { describe, expect, it } from "vitest"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"
import { start } from "../src/server.js"
import { freshDatabase, quietLogger, tokenKeys } from "./support.js"

describe("the host's start", () => {
  it("listens only once it can answer: no request that reaches the port is left unanswered", async () => {
    const url = await freshDatabase("http_host_startup")
    const port = await Effect.runPromise(EmbeddedPostgres.freePort)
    const unanswered: Array<string> = []
    let answered = false
    // Polls from before the start until `/health` answers; a refused connection is tried again.
    const polling = (async () => {
      while (!answered) {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(10_000) })
          answered = response.status === 200
        } catch (error) {
          if (error instanceof DOMException && error.name === "TimeoutError") unanswered.push("a request waited 10 s unanswered")
        }
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
    })()
    const scope = Effect.runSync(Scope.make())
    try {
      await Effect.runPromise(Scope.extend(start({ store: { _tag: "postgres", url }, port, tokenKeys, logger: quietLogger }), scope))
      await polling
      expect(unanswered).toEqual([])
      expect(answered).toBe(true)
    } finally {
      await Effect.runPromise(Scope.close(scope, Exit.void))
    }
  }, 60_000)
})
