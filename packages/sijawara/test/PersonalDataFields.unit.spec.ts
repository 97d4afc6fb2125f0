import { expect } from "vitest"
import type { Event } from "@jatim/eventstore"
import { runErasureSuite } from "@jatim/testing"
import { Learner, LearnerEvent, PersonalDataFields } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"

/** Every learner's aggregate, folded from `events` in order. */
const foldAll = (events: ReadonlyArray<Event.RecordedEvent<LearnerEvent.LearnerEvent>>) => {
  const learners = new Map<string, Learner.State>()
  for (const { streamName, data } of events)
    learners.set(streamName, Learner.evolve(learners.get(streamName) ?? Learner.initialState, data))
  return [...learners]
}

// Learner events drawn from their Schemas, on a pool of up to three learners.
runErasureSuite("Sijawara", {
  classification: PersonalDataFields.classification,
  codec: Learner.codec,
  type: "LearnerRegistered",
  field: "name",
  idField: "learnerId",
  kind: "learner",
  ids: Arbitraries.learnerId,
  streamName: Learner.streamName,
  events: { holder: LearnerEvent.LearnerRegistered, any: LearnerEvent.LearnerEvent },
  property: "one learner forgotten: every event still decodes, their name reads as erased, and their aggregate rebuilds without it",
  fold: foldAll,
  check: ({ forgottenId, forgottenNames, before, after, expected }) => {
    // The learner's aggregate held their name (when registered first), and holds none of it now.
    const registeredFirst = before.find(([stream]) => stream === Learner.streamName(forgottenId))?.[1]
    if (registeredFirst?._tag === "Learner" && forgottenNames.length > 0) {
      expect(forgottenNames).toContain(registeredFirst.name)
    }
    expect(after).toEqual(expected)
  }
})
