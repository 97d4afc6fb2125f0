import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { EventStore, InMemoryEventStore } from "@jatim/eventstore"
import { Actor } from "@jatim/kernel"
import { CourseCommand, LearnerCommand, Commands } from "../src/index.js"
import { content, courseId, learner, learnerId, officer, otherLearner } from "./fixtures.js"

const draft = new CourseCommand.DraftCourse({ actor: officer, courseId, topic: "KEMASAN", content })
const publish = new CourseCommand.PublishCourse({ actor: officer, courseId })
const register = new LearnerCommand.RegisterLearner({
  actor: learner,
  learnerId,
  name: "Siti Aminah",
  region: "35.78",
  role: { _tag: "COOPERATIVE_MEMBER" }
})

describe("Commands", () => {
  it.effect("each command goes to the stream its ids name, with its actor in the events' metadata", () =>
    Effect.gen(function* () {
      yield* Commands.course(draft)
      yield* Commands.course(publish)
      yield* Commands.learner(register)
      const enrolled = yield* Commands.enroll({ actor: learner, learnerId, courseId })
      expect(enrolled.newEvents.map((e) => e._tag)).toEqual(["Enrolled"])

      const course = yield* EventStore.readStream(`course-${courseId}`)
      expect(course.events.map((e) => [e.type, e.metadata.actor])).toEqual([
        ["CourseDrafted", Actor.toActorRef(officer)],
        ["CoursePublished", Actor.toActorRef(officer)]
      ])
      const learnerStream = yield* EventStore.readStream(`learner-${learnerId}`)
      expect(learnerStream.events.map((e) => [e.type, e.metadata.actor])).toEqual([["LearnerRegistered", Actor.toActorRef(learner)]])
      const enrollment = yield* EventStore.readStream(`enrollment-${learnerId}_${courseId}`)
      expect(enrollment.events.map((e) => [e.type, e.metadata.actor])).toEqual([["Enrolled", Actor.toActorRef(learner)]])
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("correlation and causation ids travel with the command, beside its actor", () =>
    Effect.gen(function* () {
      yield* Commands.course(draft, { correlationId: "req-7", causationId: "cmd-7" })
      const { events } = yield* EventStore.readStream(`course-${courseId}`)
      expect(events[0]!.metadata).toMatchObject({ correlationId: "req-7", causationId: "cmd-7", actor: Actor.toActorRef(officer) })
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("enroll reads the learner's and the course's streams: an unknown learner, an unknown or unpublished course refuse it", () =>
    Effect.gen(function* () {
      const noLearner = yield* Effect.flip(Commands.enroll({ actor: learner, learnerId, courseId }))
      expect(noLearner._tag).toBe("LearnerNotFound")
      yield* Commands.learner(register)
      const noCourse = yield* Effect.flip(Commands.enroll({ actor: learner, learnerId, courseId }))
      expect(noCourse._tag).toBe("CourseNotFound")
      yield* Commands.course(draft)
      const unpublished = yield* Effect.flip(Commands.enroll({ actor: learner, learnerId, courseId }))
      expect(unpublished._tag).toBe("CourseNotPublished")
      yield* Commands.course(publish)
      const byOther = yield* Effect.flip(Commands.enroll({ actor: otherLearner, learnerId, courseId }))
      expect(byOther._tag).toBe("ActorNotAuthorized")
      const enrolled = yield* Commands.enroll({ actor: learner, learnerId, courseId })
      expect(enrolled.newState).toMatchObject({ courseVersion: 1 })
      const again = yield* Effect.flip(Commands.enroll({ actor: learner, learnerId, courseId }))
      expect(again._tag).toBe("AlreadyEnrolled")
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )
})
