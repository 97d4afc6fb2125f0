import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { Checkpoints, EventStore, InMemoryEventStore, LeaderElection, ProjectionRunner } from "@jatim/eventstore"
import { Enrollment, LearnerProgress, Projections } from "../src/index.js"
import * as fixtures from "./fixtures.js"

describe("Sijawara projections", () => {
  it.live("a runner keeps learner progress from the stored enrollment events", () =>
    Effect.gen(function* () {
      const progress = yield* Projections.learnerProgress
      const runner = yield* ProjectionRunner.make([progress.projection])
      const events = [
        fixtures.enrolled(),
        ...fixtures.allLessonsOf1(),
        fixtures.attempted(fixtures.m1, fixtures.d("2025-01-10T04:00:00Z"), true),
        fixtures.modulePassed(fixtures.m1, fixtures.d("2025-01-10T04:00:00Z"))
      ]
      yield* EventStore.appendToStream(
        `enrollment-${fixtures.learnerId}_${fixtures.courseId}`,
        yield* Effect.forEach(events, (event, i) => Enrollment.codec.encode({ event, eventId: `en-${i}` }))
      )
      yield* runner.awaitCaughtUp("sijawara-learner-progress")
      const expected = events.reduce(LearnerProgress.apply, LearnerProgress.initial)
      expect(yield* progress.get).toEqual(expected)
      expect(expected).not.toEqual(LearnerProgress.initial)
    }).pipe(
      Effect.scoped,
      Effect.provide(Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory))
    )
  )
})
