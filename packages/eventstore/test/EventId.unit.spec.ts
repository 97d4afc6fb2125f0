import { describe, expect, it } from "vitest"
import { Effect, Random } from "effect"
import * as fc from "fast-check"
import { EventId } from "../src/index.js"

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe("EventId", () => {
  it("is a UUID v4 drawn from Effect's Random: the same seed gives the same ids", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const draw = Effect.runSync(Effect.all([EventId.make, EventId.make]).pipe(Effect.withRandom(Random.make(seed))))
        const again = Effect.runSync(Effect.all([EventId.make, EventId.make]).pipe(Effect.withRandom(Random.make(seed))))
        expect(draw[0]).toMatch(uuidV4)
        expect(draw).toEqual(again)
        expect(draw[0]).not.toBe(draw[1])
      })
    )
  })
})
