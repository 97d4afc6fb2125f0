import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Lifecycle } from "../src/index.js"

/** A tally opened by `Opened`, counting `Added` amounts afterwards. */
type Event =
  | { readonly _tag: "Opened"; readonly name: string }
  | { readonly _tag: "Added"; readonly amount: number }
  | { readonly _tag: "Noted" }
type State = { readonly _tag: "Closed" } | { readonly _tag: "Open"; readonly name: string; readonly total: number }

const { evolve, initialState } = Lifecycle.make<State, Event>()({
  initial: "Closed",
  creation: "Opened",
  create: (event) => ({ _tag: "Open", name: event.name, total: 0 }),
  next: (state, event) => (event._tag === "Added" ? { ...state, total: state.total + event.amount } : state)
})

const closed: State = { _tag: "Closed" }

const event: fc.Arbitrary<Event> = fc.oneof(
  fc.record({ _tag: fc.constant("Opened" as const), name: fc.string() }),
  fc.record({ _tag: fc.constant("Added" as const), amount: fc.integer({ min: -100, max: 100 }) }),
  fc.constant({ _tag: "Noted" as const })
)

describe("Lifecycle.make", () => {
  it("the initial state is the initial tag alone, and only a member that is its tag alone can be it", () => {
    expect(initialState).toEqual(closed)
    Lifecycle.make<State, Event>()({
      // @ts-expect-error: an open tally is more than its tag
      initial: "Open",
      creation: "Opened",
      create: (event) => ({ _tag: "Open", name: event.name, total: 0 }),
      next: (state) => state
    })
  })

  it("the creating event creates the thing from the initial state, and changes nothing once it exists", () => {
    const opened = evolve(closed, { _tag: "Opened", name: "a" })
    expect(opened).toEqual({ _tag: "Open", name: "a", total: 0 })
    const added = evolve(opened, { _tag: "Added", amount: 5 })
    expect(evolve(added, { _tag: "Opened", name: "b" })).toBe(added)
  })

  it("any other event before the creating one changes nothing", () => {
    expect(evolve(closed, { _tag: "Added", amount: 5 })).toBe(closed)
    expect(evolve(closed, { _tag: "Noted" })).toBe(closed)
  })

  it("folds any sequence as an oracle reading the events does: the first creation, then what came after it", () => {
    fc.assert(
      fc.property(fc.array(event), (events) => {
        const first = events.findIndex((e) => e._tag === "Opened")
        const creation = events[first]
        const expected: State =
          creation === undefined || creation._tag !== "Opened"
            ? closed
            : {
                _tag: "Open",
                name: creation.name,
                total: events.slice(first + 1).reduce((sum, e) => (e._tag === "Added" ? sum + e.amount : sum), 0)
              }
        expect(events.reduce(evolve, closed)).toEqual(expected)
      })
    )
  })
})
