import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, type Layer, Option, type Redacted } from "effect"
import { CommandHandler, type EventStore, InMemoryEventStore, TypedEventStore } from "@jatim/eventstore"
import { beforeAll } from "vitest"
import { Commands, FlagshipCandidate, Pesantren, PesantrenCommand, type ProductId } from "../src/index.js"
import { admin, batik, keripik, kopi, nspp } from "./fixtures.js"
import { onboard, racing } from "./scenario.js"
import { storeLayer, suiteDatabase } from "./support.js"

/**
 * One Pesantren One Product under a race: `requests` designations, all decided on the same
 * version of the pesantren stream, go through the real command handler at once. Exactly one
 * wins; the store refuses every other append (a conflict each), and on retry each loser meets
 * the rule on the fresh state.
 */
const designationRace = (requests: ReadonlyArray<ProductId.ProductId>) =>
  Effect.gen(function* () {
    yield* onboard([...new Set(requests)])
    const { conflicts, result } = yield* racing(
      requests.length,
      Effect.all(
        requests.map((productId) => Effect.either(Commands.designateFlagship({ actor: admin, nspp, productId }))),
        { concurrency: "unbounded" }
      )
    )
    const winners = result.filter(Either.isRight)
    const losers = result.filter(Either.isLeft).map((loser) => loser.left._tag)
    expect(winners).toHaveLength(1)
    expect(conflicts).toBe(requests.length - 1)
    for (const tag of losers) expect(["FlagshipDesignationOutdated", "FlagshipAlreadyActive"]).toContain(tag)

    const store = yield* TypedEventStore.make(Pesantren.codec)
    const { events } = yield* store.readStream(Pesantren.streamName(nspp))
    const designations = events.filter((e) => e.data._tag === "FlagshipDesignated")
    expect(designations).toHaveLength(1)
    expect(events.filter((e) => e.data._tag === "FlagshipRetired")).toHaveLength(0)
    const { state } = yield* store.aggregateStream(Pesantren.streamName(nspp), Pesantren.decider)
    const winner = winners[0]!.right.newEvents[0]
    expect(winner?._tag).toBe("FlagshipDesignated")
    expect(Pesantren.activeFlagship(state)).toBe(winner?._tag === "FlagshipDesignated" ? winner.productId : "none")
    expect(designations[0]!.metadata.actor).toEqual({ role: "PESANTREN_ADMIN", id: nspp })
  })

/** Without retries the losers see the store's conflict itself: the version check is what stops them. */
const unretriedRace = Effect.gen(function* () {
  yield* onboard([keripik, batik])
  const once = CommandHandler.make({ decider: Pesantren.decider, codec: Pesantren.codec, maxAttempts: 1 })
  // Each candidate is read from its product's stream, as the command layer reads it.
  const designate = (candidate: FlagshipCandidate.FlagshipCandidate) =>
    once(Pesantren.streamName(nspp), new PesantrenCommand.DesignateFlagship({ actor: admin, nspp, candidate }))
  const keripikCandidate = Option.getOrThrow(yield* FlagshipCandidate.read(keripik))
  const batikCandidate = Option.getOrThrow(yield* FlagshipCandidate.read(batik))
  const { result } = yield* racing(
    2,
    Effect.all([Effect.either(designate(keripikCandidate)), Effect.either(designate(batikCandidate))], { concurrency: 2 })
  )
  expect(result.filter(Either.isRight)).toHaveLength(1)
  expect(result.filter(Either.isLeft).map((r) => r.left._tag)).toEqual(["ExpectedVersionConflict"])
})

const suites: ReadonlyArray<readonly [string, () => Layer.Layer<EventStore.EventStore, unknown>]> = [
  ["in memory", () => InMemoryEventStore.layer()],
  ["on PostgreSQL", () => storeLayer(url)]
]

let url: Redacted.Redacted<string>
beforeAll(async () => {
  url = await suiteDatabase("opop_race")
})

describe("One Pesantren One Product under racing designations", () => {
  for (const [name, layer] of suites) {
    describe(name, () => {
      it.live("two designations race: exactly one wins, the other is refused by the rule after the store's conflict", () =>
        designationRace([keripik, batik]).pipe(Effect.provide(layer()))
      )

      it.live("five designations of three products race: exactly one wins", () =>
        designationRace([keripik, batik, kopi, keripik, batik]).pipe(Effect.provide(layer()))
      )

      it.live("without retries, the loser gets the expected-version conflict", () => unretriedRace.pipe(Effect.provide(layer())))
    })
  }
})
