import { describe, expect, it } from "vitest"
import { Effect, Either } from "effect"
import * as fc from "fast-check"
import { Decider } from "../src/index.js"

/** A decider that records its history: the state is the list of events it has seen. */
const history = Decider.make<string, number, ReadonlyArray<number>, string>({
  initialState: [],
  evolve: (state, event) => [...state, event],
  decide: (command, state) => (command === "fail" ? Either.left(`refused after ${state.length}`) : Either.right([state.length]))
})

describe("Decider", () => {
  it("fold evolves from the initial state, in order, or from the state given", () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.array(fc.integer()), (start, events) => {
        expect(Decider.fold(history, events)).toEqual(events)
        expect(Decider.fold(history, events, start)).toEqual([...start, ...events])
        expect(Decider.fold(history, new Set(events))).toEqual([...new Set(events)])
      })
    )
  })

  it("decideAfter decides in the state the events lead to", () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), (events) => {
        expect(Effect.runSync(Decider.decideAfter(history, events, "go"))).toEqual([events.length])
        expect(Effect.runSync(Effect.flip(Decider.decideAfter(history, events, "fail")))).toBe(`refused after ${events.length}`)
      })
    )
  })

  it("make returns the decider it is given", () => {
    expect(Decider.make(history)).toBe(history)
  })
})
