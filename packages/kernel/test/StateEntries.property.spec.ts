import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Entries, StateEntries } from "../src/index.js"

interface State {
  readonly names: Entries.Entries<string, string>
  readonly counts: Entries.Entries<string, number>
  readonly label: string
}

const initial: State = { names: Entries.noEntries(), counts: Entries.noEntries(), label: "state" }

/** A sequence of edits, applied to the state and to plain maps as the model. */
const edits = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant("insert" as const), key: fc.constantFrom("a", "b", "c"), value: fc.string() }),
    fc.record({ op: fc.constant("bump" as const), key: fc.constantFrom("a", "b", "c") }),
    fc.record({ op: fc.constant("count" as const), key: fc.constantFrom("a", "b", "c") })
  ),
  { maxLength: 30 }
)

describe("StateEntries: edits of a state's entry fields by name", () => {
  it("insertNew keeps the first value of a key, update changes only existing entries, other fields stay", () => {
    fc.assert(
      fc.property(edits, (steps) => {
        let state = initial
        const names = new Map<string, string>()
        const counts = new Map<string, number>()
        for (const step of steps) {
          const before = state
          if (step.op === "insert") {
            state = StateEntries.insertNew(state, "names", step.key, step.value)
            if (names.has(step.key)) expect(state).toBe(before)
            else names.set(step.key, step.value)
          } else if (step.op === "count") {
            state = StateEntries.insertNew(state, "counts", step.key, 0)
            if (!counts.has(step.key)) counts.set(step.key, 0)
          } else {
            state = StateEntries.update(state, "counts", step.key, (n) => n + 1)
            if (counts.has(step.key)) counts.set(step.key, counts.get(step.key)! + 1)
          }
          expect(state.label).toBe("state")
        }
        expect(Object.fromEntries(Entries.sortedEntries(state.names))).toEqual(Object.fromEntries(names))
        expect(Object.fromEntries(Entries.sortedEntries(state.counts))).toEqual(Object.fromEntries(counts))
      })
    )
  })
})
