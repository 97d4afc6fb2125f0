import { describe, expect, it } from "vitest"
import { Effect, Layer } from "effect"
import * as fc from "fast-check"
import { CryptoShredding, EventStore, InMemoryEventStore, PersonalData, PersonalDataKeys } from "@jatim/eventstore"
import { DeciderSpecification } from "@jatim/testing"
import { Commands, Learner, LearnerCommand, LearnerEvent, PersonalDataFields } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"
import { d, learner, learnerId, officer } from "./fixtures.js"

const spec = DeciderSpecification.for(Learner.decider)
const now = "2025-03-01T02:00:00Z"
const registered = new LearnerEvent.LearnerRegistered({
  learnerId,
  name: "Siti Aminah",
  region: "35.07",
  role: { _tag: "COOPERATIVE_MEMBER" },
  at: d("2025-01-08T01:00:00Z")
})
const erase = (actor = officer) => new LearnerCommand.EraseLearnerData({ actor, learnerId })
const officerId = officer._tag === "DINAS_OFFICER" ? officer.officerId : ""

describe("Erasing a learner's personal data", () => {
  it("a Dinas officer erases it: the audit event names the officer and the time, and nothing erased", () => {
    spec
      .given([registered])
      .at(now)
      .when(erase())
      .then([new LearnerEvent.LearnerDataErased({ learnerId, erasedBy: officerId, at: d(now) })])
    const fields = Object.keys(new LearnerEvent.LearnerDataErased({ learnerId, erasedBy: officerId, at: d(now) }))
    expect(fields.sort()).toEqual(["_tag", "at", "erasedBy", "learnerId"])
  })

  it("nobody but a Dinas officer erases, the learner themself included, whatever the learner's state", () => {
    fc.assert(
      fc.property(Arbitraries.nonDinasActor, fc.boolean(), (actor, isRegistered) => {
        const error = spec
          .given(isRegistered ? [registered] : [])
          .when(erase(actor))
          .thenFailsWith("ActorNotAuthorized")
        expect(error.message).toContain("Dinas officer")
      }),
      { numRuns: 200 }
    )
    spec.given([registered]).when(erase(learner)).thenFailsWith("ActorNotAuthorized")
  })

  it("an unknown learner is not found; a second erasure changes nothing and keeps the first", () => {
    spec.given([]).when(erase()).thenFailsWith("LearnerNotFound")
    const first = new LearnerEvent.LearnerDataErased({ learnerId, erasedBy: officerId, at: d(now) })
    spec.given([registered, first]).when(erase()).then([])
    const state = [registered, first].reduce(Learner.evolve, Learner.initialState)
    expect(state._tag === "Learner" && state.erased).toEqual({ by: officerId, at: d(now) })
  })

  it("Commands.eraseLearnerData deletes the learner's key: the name reads as erased, other learners keep theirs", async () => {
    const store = CryptoShredding.layer(PersonalDataFields.classification).pipe(
      Layer.provideMerge(Layer.mergeAll(InMemoryEventStore.layer(), PersonalDataKeys.layerInMemory))
    )
    const other = "L-2025-000999"
    const result = await Effect.gen(function* () {
      yield* Commands.learner(
        new LearnerCommand.RegisterLearner({
          actor: officer,
          learnerId,
          name: "Siti Aminah",
          region: "35.07",
          role: { _tag: "COOPERATIVE_MEMBER" }
        })
      )
      yield* Commands.learner(
        new LearnerCommand.RegisterLearner({
          actor: officer,
          learnerId: other as typeof learnerId,
          name: "Budi Santoso",
          region: "35.78",
          role: { _tag: "COOPERATIVE_MEMBER" }
        })
      )
      const erased = yield* Commands.eraseLearnerData(erase())
      // Erasing again records nothing more and fails nothing.
      const again = yield* Commands.eraseLearnerData(erase())
      return { erased, again }
    }).pipe(
      Effect.flatMap(({ erased, again }) =>
        Effect.map(
          Effect.all([
            EventStore.readStream(Learner.streamName(learnerId)),
            EventStore.readStream(Learner.streamName(other as typeof learnerId))
          ]),
          ([mine, theirs]) => ({ erased, again, mine, theirs })
        )
      ),
      Effect.provide(store),
      Effect.runPromise
    )
    expect(result.erased.newEvents.map((e) => e._tag)).toEqual(["LearnerDataErased"])
    expect(result.again.newEvents).toEqual([])
    expect(result.mine.events.map((e) => e.data["name"])).toEqual([PersonalData.erasedText, undefined])
    expect(JSON.stringify(result.mine.events)).not.toContain("Siti Aminah")
    expect(result.theirs.events[0]!.data["name"]).toBe("Budi Santoso")
  })
})
