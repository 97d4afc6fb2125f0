import { describe, it } from "vitest"
import { ManagedRuntime } from "effect"
import * as fc from "fast-check"
import { InMemoryEventStore } from "@jatim/eventstore"
import { run, scenario } from "./stockScenario.js"
import { marketplace } from "./support.js"

describe("stock on the in-memory adapter", () => {
  it("is never negative, and every reservation is made once and released or committed once, for any interleaving of orders", async () => {
    // One store for every run (as on PostgreSQL): each run has listings and orders of its own.
    const runtime = ManagedRuntime.make(InMemoryEventStore.layer())
    try {
      await runtime.runPromise(marketplace([]))
      let runs = 0
      await fc.assert(fc.asyncProperty(scenario(4), (s) => runtime.runPromise(run(`m${++runs}`, s))))
    } finally {
      await runtime.dispose()
    }
  }, 60_000)
})
