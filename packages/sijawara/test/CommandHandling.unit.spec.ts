import { describe, expect, it } from "vitest"
import { Chunk, Effect, Either, Option, Stream } from "effect"
import { Actor } from "@jatim/kernel"
import { EventStore, InMemoryEventStore, TypedEventStore } from "@jatim/eventstore"
import { FixedClock } from "@jatim/testing"
import {
  CertificateNumber,
  CertificateRegistry,
  Course,
  CourseCommand,
  CourseFunnel,
  Enrollment,
  EnrollmentCommand,
  Integration,
  KabupatenLeaderboard,
  Learner,
  LearnerCommand,
  LearnerProgress,
  Link,
  Commands,
  type Ids
} from "../src/index.js"
import { content, courseId, l11, l12, l21, learner, learnerId, m1, m2, nib, officer, revisedContent, umkmOwner } from "./fixtures.js"

// The raw handlers: this test names the streams itself.
const { courseHandler: courses, learnerHandler: learners, enrollmentHandler: enrollments } = Commands

const at =
  (iso: string) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    effect.pipe(FixedClock.at(iso))
const ref = (actor: Actor.Actor) => ({ actor: Actor.toActorRef(actor) })

describe("Sijawara through the command handler and the in-memory event store", () => {
  it("a UMKM owner learns packaging: course, learner, enrollment, certificate, and CourseCompleted for JATIM ISO", async () => {
    const program = Effect.gen(function* () {
      yield* courses(
        Course.streamName(courseId),
        new CourseCommand.DraftCourse({ actor: officer, courseId, topic: "KEMASAN", content }),
        ref(officer)
      )
      yield* courses(Course.streamName(courseId), new CourseCommand.PublishCourse({ actor: officer, courseId }), ref(officer))
      yield* learners(
        Learner.streamName(learnerId),
        new LearnerCommand.RegisterLearner({
          actor: learner,
          learnerId,
          name: "Siti Aminah",
          region: "35.78",
          role: { _tag: "COOPERATIVE_MEMBER" }
        }),
        ref(learner)
      )
      // The learner proposes the link, the UMKM's owner confirms it: only now is it in effect.
      const umkm = Link.Umkm.make({ nib })
      yield* learners(
        Learner.streamName(learnerId),
        new LearnerCommand.ProposeLink({ actor: learner, learnerId, business: umkm }),
        ref(learner)
      )
      yield* learners(
        Learner.streamName(learnerId),
        new LearnerCommand.ConfirmLink({ actor: umkmOwner, learnerId, business: umkm }),
        ref(umkmOwner)
      )

      // The learner's profile and the course's offering, read from their streams.
      const enroll = yield* Enrollment.enrollIn({ actor: learner, learnerId, courseId })
      const stream = Enrollment.streamNameOf(enroll)
      yield* enrollments(stream, enroll, ref(learner)).pipe(at("2025-01-10T02:00:00Z"))

      // Version 2 is published after the learner enrolled: the enrollment keeps following version 1.
      yield* courses(
        Course.streamName(courseId),
        new CourseCommand.ReviseCourse({ actor: officer, courseId, content: revisedContent }),
        ref(officer)
      )
      yield* courses(Course.streamName(courseId), new CourseCommand.PublishCourse({ actor: officer, courseId }), ref(officer))

      // Lessons on the raw handler; quiz attempts through Commands, which grades them against
      // the key of the enrolled version (1) read from the course's stream, though version 2 is out.
      const step = (command: EnrollmentCommand.CompleteLesson | EnrollmentCommand.AttemptQuiz, when: string) =>
        (command._tag === "AttemptQuiz" ? Commands.attemptQuiz(command) : enrollments(stream, command, ref(learner))).pipe(at(when))
      const lesson = (lessonId: Ids.LessonId) => new EnrollmentCommand.CompleteLesson({ actor: learner, learnerId, courseId, lessonId })
      const quiz = (moduleId: Ids.ModuleId, answers: ReadonlyArray<number>) =>
        new EnrollmentCommand.AttemptQuiz({ actor: learner, learnerId, courseId, moduleId, answers })
      yield* step(lesson(l11), "2025-01-10T03:00:00Z")
      const again = yield* step(lesson(l11), "2025-01-10T03:05:00Z")
      expect(again.newEvents).toEqual([])
      yield* step(lesson(l12), "2025-01-10T04:00:00Z")
      yield* step(quiz(m1, [0, 1]), "2025-01-10T05:00:00Z")
      yield* step(lesson(l21), "2025-01-11T02:00:00Z")
      for (const when of ["2025-01-11T03:00:00Z", "2025-01-11T04:00:00Z", "2025-01-11T05:00:00Z"]) {
        yield* step(quiz(m2, [0, 0]), when)
      }
      const limited = yield* Effect.flip(step(quiz(m2, [1, 0]), "2025-01-11T16:00:00Z"))
      expect(limited._tag).toBe("AttemptLimitReached")
      const done = yield* step(quiz(m2, [1, 0]), "2025-01-11T17:00:00Z")
      expect(done.newEvents.map((e) => e._tag)).toEqual(["QuizAttempted", "ModulePassed", "EnrollmentCompleted"])
      expect(Enrollment.progress(done.newState).percent).toBe(100)

      const other = yield* Effect.flip(
        enrollments(stream, new EnrollmentCommand.CompleteLesson({ actor: umkmOwner, learnerId, courseId, lessonId: l11 }))
      )
      expect(other._tag).toBe("ActorNotAuthorized")

      // What JATIM ISO does: read the enrollment category's completions, raw, and map them.
      const raw = yield* Stream.runCollect(
        EventStore.readCategory(Integration.sourceCategory, { eventTypes: [Integration.sourceEventType] })
      )
      const published = yield* Effect.forEach(Chunk.toReadonlyArray(raw), (recorded) => Integration.fromRecordedData(recorded.data))
      const all = yield* Stream.runCollect((yield* TypedEventStore.make(Enrollment.codec)).readCategory(Enrollment.category))
      const events = Chunk.toReadonlyArray(all).map((r) => r.data)
      const actors = Chunk.toReadonlyArray(raw).map((r) => r.metadata.actor)
      const issued = done.newEvents.find((e) => e._tag === "EnrollmentCompleted")
      if (issued === undefined) return yield* Effect.dieMessage("the course was not completed")
      return { published, events, actors, issued }
    })

    const { actors, events, issued, published } = await Effect.runPromise(program.pipe(Effect.provide(InMemoryEventStore.layer())))
    expect(published).toEqual([
      new Integration.CourseCompleted({
        learnerId,
        courseId,
        courseVersion: 1,
        topic: "KEMASAN",
        linkedNib: nib,
        completedAt: new Date("2025-01-11T17:00:00Z"),
        certificateNumber: issued.certificateNumber
      })
    ])
    expect(actors).toEqual([{ role: "LEARNER", id: learnerId }])

    const progress = events.reduce(LearnerProgress.apply, LearnerProgress.initial)
    expect(LearnerProgress.percent(progress, learnerId, courseId)).toEqual(Option.some(100))
    const funnel = Option.getOrThrow(CourseFunnel.funnel(events.reduce(CourseFunnel.apply, CourseFunnel.initial), courseId))
    expect(funnel).toEqual({
      courseId,
      enrolled: 1,
      modules: [
        { moduleId: m1, passed: 1 },
        { moduleId: m2, passed: 1 }
      ],
      completed: 1
    })
    const board = events.reduce(KabupatenLeaderboard.apply, KabupatenLeaderboard.initial)
    expect(KabupatenLeaderboard.regions(board)[0]).toMatchObject({ region: "35.78", name: "Kota Surabaya", completions: 1, rank: 1 })
    const registry = events.reduce(CertificateRegistry.apply, CertificateRegistry.initial)
    expect(CertificateRegistry.verify(registry, issued.certificateNumber)).toMatchObject({
      _tag: "Valid",
      certificate: { learnerId, courseId, courseVersion: 1 }
    })
    expect(Either.isRight(CertificateNumber.parse(published[0]!.certificateNumber))).toBe(true)
  })
})
