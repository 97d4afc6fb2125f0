import { describe, expect, it } from "vitest"
import { Arbitrary, Chunk, Effect, Exit, Stream } from "effect"
import * as fc from "fast-check"
import { CryptoShredding, type Event, InMemoryEventStore, PersonalData, PersonalDataKeys } from "@jatim/eventstore"
import { PersonalDataFixtures } from "@jatim/testing"
import { Learner, LearnerEvent, PersonalDataFields } from "../src/index.js"
import { Arbitraries } from "../src/testing.js"

const { recorded, summary, textOf } = PersonalDataFixtures

// Learner events drawn from their Schemas, on a pool of up to three learners so that events meet
// on the same streams; each name made unique: "Zqx-<n>-Learner".

const drawn = fc.oneof(
  { weight: 1, arbitrary: Arbitrary.make(LearnerEvent.LearnerRegistered) as fc.Arbitrary<LearnerEvent.LearnerEvent> },
  { weight: 1, arbitrary: Arbitrary.make(LearnerEvent.LearnerEvent) }
)
const history = fc.record({
  learners: fc.uniqueArray(Arbitraries.learnerId, { minLength: 1, maxLength: 3 }),
  events: fc.array(fc.tuple(drawn, fc.nat()), { minLength: 1, maxLength: 12 }),
  pick: fc.nat()
})

/** Every learner's aggregate, folded from `events` in order. */
const foldAll = (events: ReadonlyArray<Event.RecordedEvent<LearnerEvent.LearnerEvent>>) => {
  const learners = new Map<string, Learner.State>()
  for (const { streamName, data } of events)
    learners.set(streamName, Learner.evolve(learners.get(streamName) ?? Learner.initialState, data))
  return [...learners]
}

describe("Sijawara's personal data", () => {
  it("the classification names exactly LearnerRegistered.name (learner:<learnerId>)", () => {
    expect(summary(PersonalDataFields.classification)).toEqual({
      LearnerRegistered: [["name", "learner", "learnerId", PersonalData.erasedText]]
    })
  })

  it("one learner forgotten: every event still decodes, their name reads as erased, and their aggregate rebuilds without it", async () => {
    await fc.assert(
      fc.asyncProperty(history, ({ learners, events: drawnEvents, pick }) =>
        Effect.runPromiseExit(
          Effect.gen(function* () {
            const events = yield* Effect.forEach(drawnEvents, ([event, learnerAt], i) =>
              Effect.map(Learner.codec.encode({ event, eventId: `e-${i}` }), (encoded) => {
                const learnerId = learners[learnerAt % learners.length]!
                const data = { ...encoded.data, learnerId, ...(encoded.type === "LearnerRegistered" ? { name: `Zqx-${i}-Learner` } : {}) }
                return { streamName: Learner.streamName(learnerId), event: { ...encoded, data } satisfies Event.NewEvent }
              })
            )
            const forgottenId = learners[pick % learners.length]!
            const forgotten = PersonalData.subject("learner", forgottenId)
            const isForgotten = (event: Event.NewEvent) => event.type === "LearnerRegistered" && event.data["learnerId"] === forgottenId
            const forgottenNames = events.flatMap(({ event }) => (isForgotten(event) ? [event.data["name"] as string] : []))

            const inner = yield* InMemoryEventStore.make()
            const keys = yield* PersonalDataKeys.makeInMemory
            const store = CryptoShredding.make(inner, keys, PersonalDataFields.classification)
            for (const { streamName, event } of events) yield* store.appendToStream(streamName, [event])
            const before = foldAll(
              yield* Effect.forEach(events, ({ streamName, event }) => Learner.codec.decode(recorded(streamName, event)))
            )

            yield* keys.forget(forgotten)
            const read = Chunk.toReadonlyArray(yield* Stream.runCollect(store.readAll()))
            const decoded = yield* Effect.forEach(read, Learner.codec.decode)
            const expected = yield* Effect.forEach(events, ({ streamName, event }) =>
              Learner.codec.decode(
                recorded(streamName, isForgotten(event) ? { ...event, data: { ...event.data, name: PersonalData.erasedText } } : event)
              )
            )
            expect(decoded.map((e) => e.data)).toEqual(expected.map((e) => e.data))
            for (const [i, { event }] of events.entries()) {
              if (isForgotten(event)) expect(decoded[i]!.data).toHaveProperty("name", PersonalData.erasedText)
            }

            // The learner's aggregate held their name (when registered first), and holds none of it now.
            const after = foldAll(decoded)
            const registeredFirst = before.find(([stream]) => stream === Learner.streamName(forgottenId))?.[1]
            if (registeredFirst?._tag === "Learner" && forgottenNames.length > 0) {
              expect(forgottenNames).toContain(registeredFirst.name)
            }
            for (const name of forgottenNames) expect(textOf(after)).not.toContain(name)
            expect(after).toEqual(foldAll(expected))
          })
        ).then((exit) => Exit.getOrElse(exit, (cause) => expect.fail(`the effect failed: ${cause}`)))
      ),
      { numRuns: 200 }
    )
  })
})
