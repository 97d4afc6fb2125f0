/** Issue 14 in Sijawara: answer keys stay inside, links need both sides, completions record the link in effect then. */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Option, Schema, Stream } from "effect"
import { EventStore, InMemoryEventStore } from "@jatim/eventstore"
import { Identifier } from "@jatim/kernel"
import {
  Course,
  CourseCommand,
  Enrollment,
  EnrollmentCommand,
  EnrollmentEvent,
  FeedPolicy,
  Ids,
  Integration,
  LearnerCommand,
  LearnerProgress,
  Link,
  Commands
} from "../src/index.js"
import {
  allLessonsOf1,
  content,
  courseId,
  curator,
  drafted,
  enrolled,
  hasAnswers,
  koperasiAdmin,
  l11,
  l12,
  l21,
  learner,
  learnerId,
  m1,
  m2,
  nib,
  numberDrawnWith,
  officer,
  otherLearner,
  otherLearnerId,
  otherNib,
  otherUmkmOwner,
  published,
  umkmOwner
} from "./fixtures.js"
import { issued, keyFactOf, linkOf } from "./facts.js"

const umkm = Link.Umkm.make({ nib })
const register = (id = learnerId, actor = learner) =>
  Commands.learner(
    new LearnerCommand.RegisterLearner({ actor, learnerId: id, name: "Siti Aminah", region: "35.78", role: { _tag: "PUBLIC" } })
  )
const publishCourse = Effect.gen(function* () {
  yield* Commands.course(new CourseCommand.DraftCourse({ actor: officer, courseId, topic: "KEMASAN", content }))
  yield* Commands.course(new CourseCommand.PublishCourse({ actor: officer, courseId }))
})
const link = Effect.gen(function* () {
  yield* Commands.learner(new LearnerCommand.ProposeLink({ actor: learner, learnerId, business: umkm }))
  yield* Commands.learner(new LearnerCommand.ConfirmLink({ actor: umkmOwner, learnerId, business: umkm }))
})
const lesson = (lessonId: Ids.LessonId) =>
  Commands.enrollment(new EnrollmentCommand.CompleteLesson({ actor: learner, learnerId, courseId, lessonId }))
const quiz = (moduleId: Ids.ModuleId, answers: ReadonlyArray<number>) =>
  Commands.attemptQuiz(new EnrollmentCommand.AttemptQuiz({ actor: learner, learnerId, courseId, moduleId, answers }))
/** Every lesson, and each module's quiz with the right answers: the last attempt completes the course. */
const completeCourse = Effect.gen(function* () {
  for (const id of [l11, l12, l21]) yield* lesson(id)
  yield* quiz(m1, [0, 1])
  return yield* quiz(m2, [1, 0])
})
/** The learner enrolls in the course. */
const enroll = Commands.enroll({ actor: learner, learnerId, courseId })
/** Publishes the course, registers the learner, takes `steps`, then completes the course: the last attempt's events. */
const completedAfter = (...steps: ReadonlyArray<Effect.Effect<unknown, unknown, EventStore.EventStore>>) =>
  Effect.gen(function* () {
    yield* publishCourse
    yield* register()
    for (const step of steps) yield* step
    return (yield* completeCourse).newEvents
  })
const completion = (events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent>) =>
  events.find((e): e is EnrollmentEvent.EnrollmentCompleted => e._tag === "EnrollmentCompleted")

describe("answer keys stay inside Sijawara", () => {
  it.effect("grading reads the key from the course's stream; no event of the enrollment carries it", () =>
    Effect.gen(function* () {
      yield* publishCourse
      yield* register()
      const enrolledNow = yield* Commands.enroll({ actor: learner, learnerId, courseId })
      const json = Schema.encodeSync(Schema.Array(EnrollmentEvent.EnrollmentEvent))(enrolledNow.newEvents)
      expect(hasAnswers(json)).toBe(false)
      expect(enrolledNow.newEvents[0]).toMatchObject({
        plan: [
          { moduleId: m1, questions: 2 },
          { moduleId: m2, questions: 2 }
        ]
      })
      for (const id of [l11, l12]) yield* lesson(id)
      const wrong = yield* quiz(m1, [1, 0])
      expect(wrong.newEvents).toMatchObject([{ _tag: "QuizAttempted", correct: 0, passed: false }])
      const right = yield* quiz(m1, [0, 1])
      expect(right.newEvents.map((e) => e._tag)).toEqual(["QuizAttempted", "ModulePassed"])
      const { events } = yield* EventStore.readStream(Enrollment.streamName(learnerId, courseId))
      expect(hasAnswers(events.map((e) => e.data))).toBe(false)
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it("an attempt decided without the enrolled version's key is refused, never graded", () => {
    const state = [enrolled(), ...allLessonsOf1()].reduce(Enrollment.evolve, Enrollment.initialState)
    const decide = (key: EnrollmentCommand.GradeAttempt["key"]) =>
      Effect.runSync(
        Effect.either(
          Enrollment.decide(
            new EnrollmentCommand.GradeAttempt({
              actor: learner,
              learnerId,
              courseId,
              moduleId: m1,
              answers: [0, 1],
              key,
              link: linkOf(null)
            }),
            state
          )
        )
      )
    // Keys as a course's stream would hold them: of another version, of the wrong length, of another module or course.
    const key = (courseVersion: number, answerKey: readonly [number, ...Array<number>], moduleId = m1, of = courseId) =>
      issued.key({ courseId: of, courseVersion, moduleId, answerKey })
    expect(decide(null)).toMatchObject({ _tag: "Left", left: { _tag: "AnswerKeyUnavailable" } })
    expect(decide(key(2, [0, 1]))).toMatchObject({ _tag: "Left", left: { _tag: "AnswerKeyUnavailable" } })
    expect(decide(key(1, [0]))).toMatchObject({ _tag: "Left", left: { _tag: "AnswerKeyUnavailable" } })
    expect(decide(key(1, [0, 1], m2))).toMatchObject({ _tag: "Left", left: { _tag: "AnswerKeyUnavailable" } })
    expect(decide(key(1, [0, 1], m1, Ids.CourseId.make("shu-201")))).toMatchObject({ _tag: "Left", left: { _tag: "AnswerKeyUnavailable" } })
    expect(decide(key(1, [0, 1]))._tag).toBe("Right")
    expect(decide(keyFactOf(m1))._tag).toBe("Right")
  })

  it.effect("enrollments written with answer keys (schema version 1) still read, without the keys", () =>
    Effect.gen(function* () {
      const v1 = {
        learnerId,
        courseId,
        courseVersion: 1,
        title: content.title,
        topic: "KEMASAN",
        plan: [
          { moduleId: "m1", lessonIds: ["m1.l1", "m1.l2"], passMark: 50, answerKey: [0, 1] },
          { moduleId: "m2", lessonIds: ["m2.l1"], passMark: 100, answerKey: [1, 0] }
        ],
        region: "35.78",
        linkedNib: nib,
        at: "2025-01-10T02:00:00.000Z"
      }
      yield* EventStore.appendToStream(Enrollment.streamName(learnerId, courseId), [
        { eventId: "old-enrolled", type: "Enrolled", data: v1, metadata: { schemaVersion: 1 } }
      ])
      const { events } = yield* EventStore.readStream(Enrollment.streamName(learnerId, courseId))
      const decoded = yield* Enrollment.codec.decode(events[0]!)
      expect(decoded.data).toEqual(enrolled())
      expect(hasAnswers(Schema.encodeSync(EnrollmentEvent.EnrollmentEvent)(decoded.data))).toBe(false)
      // The feed sees only type and data: it reads the old event the same way.
      const seen = yield* FeedPolicy.feedPolicy.visible(learner, {
        streamName: Enrollment.streamName(learnerId, courseId),
        type: "Enrolled",
        data: v1
      })
      expect(Option.isSome(seen)).toBe(true)
      expect(hasAnswers(Option.getOrNull(seen))).toBe(false)
      expect(Option.getOrNull(seen)).toMatchObject({
        plan: [
          { moduleId: "m1", questions: 2 },
          { moduleId: "m2", questions: 2 }
        ]
      })
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it("the course view: the full form with answers for the Dinas (its authors), the public form without for everyone else", () => {
    const course = [drafted(), published()].reduce(Course.evolve, Course.initialState)
    const view = Option.getOrThrow(Course.summary(course))
    const json = (actor: typeof learner) => Schema.encodeSync(Course.Summary)(Option.getOrThrow(Course.visibleTo(actor, view)))
    expect(hasAnswers(json(officer))).toBe(true)
    expect(json(officer).authoring?.published?.modules[0].quiz.questions[1]?.answer).toBe(1)
    for (const actor of [learner, otherLearner, umkmOwner, koperasiAdmin, curator]) {
      expect(hasAnswers(json(actor))).toBe(false)
      expect(json(actor).content?.modules[0].quiz.questions[1]).toEqual({
        prompt: "Label wajib memuat?",
        choices: ["Harga", "Komposisi", "Warna"]
      })
    }
    expect(Course.answerKey(course, 1, m2)).toEqual(Option.some([1, 0]))
    expect(Course.answerKey(course, 2, m2)).toEqual(Option.none())
  })
})

describe("authorization comes before the rules that reveal state", () => {
  it.effect("enrolling someone else answers ActorNotAuthorized, whether the learner and course exist or not", () =>
    Effect.gen(function* () {
      const refused = () => Effect.flip(Commands.enroll({ actor: otherLearner, learnerId, courseId }))
      expect((yield* refused())._tag).toBe("ActorNotAuthorized")
      yield* register()
      expect((yield* refused())._tag).toBe("ActorNotAuthorized")
      yield* Commands.course(new CourseCommand.DraftCourse({ actor: officer, courseId, topic: "KEMASAN", content }))
      for (const actor of [otherLearner, umkmOwner, curator, koperasiAdmin]) {
        const error = yield* Effect.flip(Commands.enroll({ actor, learnerId, courseId }))
        expect(error._tag).toBe("ActorNotAuthorized")
      }
      // The learner may enroll: to them the course's state is told.
      expect((yield* Effect.flip(Commands.enroll({ actor: learner, learnerId, courseId })))._tag).toBe("CourseNotPublished")
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("a quiz attempt by someone else is refused before anything about the enrollment is told", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Commands.attemptQuiz(new EnrollmentCommand.AttemptQuiz({ actor: otherLearner, learnerId, courseId, moduleId: m1, answers: [0, 1] }))
      )
      expect(error._tag).toBe("ActorNotAuthorized")
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )
})

describe("CourseCompleted records the link in effect when the course is completed", () => {
  const publishedFrom = (events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent>) => {
    const completed = completion(events)
    if (completed === undefined) throw new Error("the course was not completed")
    return Integration.fromEnrollmentCompleted(completed)
  }

  it.effect("a link confirmed after enrolling counts; the link at enrolling does not", () =>
    Effect.gen(function* () {
      expect(completion(yield* completedAfter(enroll, link))).toMatchObject({ linkedNib: nib })
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("a link ended before completion does not count, nor does a one-sided proposal", () =>
    Effect.gen(function* () {
      const events = yield* completedAfter(
        link,
        enroll,
        Commands.learner(new LearnerCommand.EndLink({ actor: learner, learnerId, business: umkm })),
        // The learner proposes a link to another UMKM, whose owner never confirms.
        Commands.learner(new LearnerCommand.ProposeLink({ actor: learner, learnerId, business: Link.Umkm.make({ nib: otherNib }) }))
      )
      expect(completion(events)).toMatchObject({ linkedNib: null })
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect("findCompletion finds the number Sijawara issued, and nothing for a number it never issued or issued to another", () =>
    Effect.gen(function* () {
      const events = yield* completedAfter(link, enroll)
      const issued = publishedFrom(events).certificateNumber
      const found = yield* Integration.findCompletion({ certificateNumber: issued, learnerId, courseId })
      expect(found).toEqual(Option.some(publishedFrom(events)))
      expect(Option.getOrThrow(found)).toMatchObject({ learnerId, courseId, linkedNib: nib, topic: "KEMASAN" })
      // Well-formed numbers Sijawara never issued, or issued for another learner or course, find nothing.
      const otherCourse = Ids.CourseId.make("shu-201")
      for (const claim of [
        { certificateNumber: numberDrawnWith(`${otherLearnerId}/${courseId}`), learnerId, courseId },
        { certificateNumber: numberDrawnWith(`${learnerId}/${otherCourse}`), learnerId, courseId },
        { certificateNumber: issued, learnerId: otherLearnerId, courseId },
        { certificateNumber: issued, learnerId, courseId: otherCourse }
      ]) {
        expect(yield* Integration.findCompletion(claim)).toEqual(Option.none())
      }
    }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )
})

describe("read policies and the feed", () => {
  it("a learner's progress: the learner and the Dinas; nobody else", () => {
    const view = { learnerId, courses: [] }
    expect(LearnerProgress.visibleTo(learner, view)).toEqual(Option.some([]))
    expect(LearnerProgress.visibleTo(officer, view)).toEqual(Option.some([]))
    for (const actor of [otherLearner, umkmOwner, koperasiAdmin, curator]) {
      expect(LearnerProgress.visibleTo(actor, view)).toEqual(Option.none())
    }
  })

  it.effect(
    "the feed: course events without answers but for the Dinas; a learner's events to the learner, the Dinas and the business its link names",
    () =>
      Effect.gen(function* () {
        yield* publishCourse
        yield* register()
        yield* link
        yield* Commands.enroll({ actor: learner, learnerId, courseId })
        const all = { events: Chunk.toReadonlyArray(yield* Stream.runCollect(EventStore.readAll())) }
        const seen = (actor: typeof learner) =>
          Effect.forEach(all.events, (e) => Effect.map(FeedPolicy.feedPolicy.visible(actor, e), (data) => [e.type, data] as const))
        const byDinas = yield* seen(officer)
        expect(byDinas.every(([, data]) => Option.isSome(data))).toBe(true)
        expect(hasAnswers(byDinas.map(([, d]) => Option.getOrNull(d)))).toBe(true)
        const byLearner = yield* seen(learner)
        expect(byLearner.map(([type]) => type)).toEqual(all.events.map((e) => e.type))
        expect(hasAnswers(byLearner.map(([, d]) => Option.getOrNull(d)))).toBe(false)
        const byOther = yield* seen(otherLearner)
        // The published version, not the draft (work in progress is its authors').
        expect(byOther.filter(([, d]) => Option.isSome(d)).map(([type]) => type)).toEqual(["CoursePublished"])
        const byOwner = yield* seen(umkmOwner)
        expect(byOwner.filter(([, d]) => Option.isSome(d)).map(([type]) => type)).toEqual([
          "CoursePublished",
          "LinkProposed",
          "LinkConfirmed"
        ])
      }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )

  it.effect(
    "the feed of a replacement: the old link's business sees it ended, not by whom it was replaced; a superseded proposal's business sees it closed",
    () =>
      Effect.gen(function* () {
        yield* register()
        const otherUmkm = Link.Umkm.make({ nib: otherNib })
        const thirdNib = Identifier.Nib.make("9120005555555")
        const third = Link.Umkm.make({ nib: thirdNib })
        // The learner proposes to a third UMKM, then links with the first; the third's proposal lapses.
        yield* Commands.learner(new LearnerCommand.ProposeLink({ actor: learner, learnerId, business: third }))
        yield* link
        // Then the learner moves to another UMKM, whose owner confirms.
        yield* Commands.learner(new LearnerCommand.ProposeLink({ actor: learner, learnerId, business: otherUmkm }))
        const replaced = yield* Commands.learner(new LearnerCommand.ConfirmLink({ actor: otherUmkmOwner, learnerId, business: otherUmkm }))
        expect(replaced.newEvents).toMatchObject([
          { _tag: "LinkEnded", business: umkm, by: "LEARNER", reason: "REPLACED", replacedBy: otherUmkm },
          { _tag: "LinkConfirmed", business: otherUmkm, by: "BUSINESS" }
        ])
        // Much later, the third UMKM's owner finds nothing to confirm: the link in effect stays.
        const late = yield* Effect.flip(
          Commands.learner(new LearnerCommand.ConfirmLink({ actor: { _tag: "UMKM_OWNER", nib: thirdNib }, learnerId, business: third }))
        )
        expect(late._tag).toBe("NoLinkProposal")
        const all = Chunk.toReadonlyArray(yield* Stream.runCollect(EventStore.readAll()))
        const seen = (actor: typeof learner) =>
          Effect.map(
            Effect.forEach(all, (e) => FeedPolicy.feedPolicy.visible(actor, e)),
            (data) => data.flatMap((d, i) => (Option.isSome(d) ? [{ type: all[i]!.type, data: d.value }] : []))
          )
        const ended = (entries: ReadonlyArray<{ readonly type: string; readonly data: unknown }>) =>
          entries.find((e) => e.type === "LinkEnded")?.data
        expect(ended(yield* seen(learner))).toMatchObject({ business: umkm, by: "LEARNER", replacedBy: otherUmkm })
        expect(ended(yield* seen(officer))).toMatchObject({ replacedBy: otherUmkm })
        const byOldOwner = ended(yield* seen(umkmOwner))
        expect(byOldOwner).toMatchObject({ business: umkm, by: "LEARNER", reason: "REPLACED" })
        expect(byOldOwner).not.toHaveProperty("replacedBy")
        const byThird = yield* seen({ _tag: "UMKM_OWNER", nib: thirdNib })
        expect(byThird.map((e) => e.type)).toEqual(["LinkProposed", "LinkProposalSuperseded"])
      }).pipe(Effect.provide(InMemoryEventStore.layer()))
  )
})
