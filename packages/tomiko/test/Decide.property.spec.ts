import { describe, expect, it } from "vitest"
import { Effect, Exit } from "effect"
import * as fc from "fast-check"
import { FixedClock } from "@jatim/testing"
import { CreditLine, Koperasi, Listing, Order } from "../src/index.js"
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

/** The property that `decider` decides cleanly after any history of up to `maxLength` events, for any command. */
const decidesCleanlyOnAny = <C, E, S, Err>(
  what: string,
  decider: PureDecider<C, E, S, Err>,
  events: fc.Arbitrary<E>,
  commands: fc.Arbitrary<C>,
  maxLength: number
) =>
  it(`on ${what}, for any history and any command`, () => {
    fc.assert(fc.property(fc.array(events, { maxLength }), commands, (history, command) => decidesCleanly(decider, history, command)))
  })

describe("decide never throws", () => {
  decidesCleanlyOnAny("cooperatives", Koperasi.decider, Arbitraries.anyKoperasiEvent, generated.anyKoperasiCommand, 6)
  decidesCleanlyOnAny("listings", Listing.decider, Arbitraries.anyListingEvent, generated.anyListingCommand, 8)
  decidesCleanlyOnAny("orders", Order.decider, Arbitraries.anyOrderEvent, Arbitraries.anyOrderCommand, 8)
  decidesCleanlyOnAny("credit lines", CreditLine.decider, Arbitraries.anyCreditLineEvent, generated.anyCreditLineCommand, 8)

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
