import { describe, expect, it } from "vitest"
import { Effect, Exit } from "effect"
import * as fc from "fast-check"
import { FixedClock } from "@jatim/testing"
import { Koperasi, Listing, Order } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { generated } from "./facts.js"
import { now } from "./fixtures.js"
import { decideAfter, type PureDecider } from "./support.js"

/** Decides after evolving through the history; the result must be events or a domain failure, never a throw or a defect. */
const decidesCleanly = <C, E, S, Err>(decider: PureDecider<C, E, S, Err>, history: ReadonlyArray<E>, command: C) => {
  const exit = Effect.runSyncExit(decideAfter(decider, history, command))
  if (Exit.isFailure(exit)) {
    // A failure is a typed domain error, not a defect.
    expect(exit.cause._tag).toBe("Fail")
  }
}

describe("decide never throws", () => {
  it("on cooperatives, for any history and any command", () => {
    fc.assert(
      fc.property(fc.array(Arbitraries.anyKoperasiEvent, { maxLength: 6 }), generated.anyKoperasiCommand, (history, command) =>
        decidesCleanly(Koperasi.decider, history, command)
      )
    )
  })

  it("on listings, for any history and any command", () => {
    fc.assert(
      fc.property(fc.array(Arbitraries.anyListingEvent, { maxLength: 8 }), generated.anyListingCommand, (history, command) =>
        decidesCleanly(Listing.decider, history, command)
      )
    )
  })

  it("on orders, for any history and any command", () => {
    fc.assert(
      fc.property(fc.array(Arbitraries.anyOrderEvent, { maxLength: 8 }), Arbitraries.anyOrderCommand, (history, command) =>
        decidesCleanly(Order.decider, history, command)
      )
    )
  })

  it("on orders, for valid placements followed by any commands", () => {
    fc.assert(
      fc.property(Arbitraries.placeOrder, fc.array(Arbitraries.anyOrderCommand, { maxLength: 5 }), (place, commands) => {
        let state = Order.initialState
        for (const command of [place, ...commands]) {
          const exit = Effect.runSyncExit(Effect.suspend(() => Order.decide(command, state)).pipe(FixedClock.at(now)))
          if (Exit.isSuccess(exit)) state = exit.value.reduce(Order.evolve, state)
          else expect(exit.cause._tag).toBe("Fail")
        }
        expect(state._tag).toBe("Placed")
      })
    )
  })
})
