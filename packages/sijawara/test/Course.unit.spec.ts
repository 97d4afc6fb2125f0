import { describe, expect, it } from "vitest"
import { Either, Option, Schema } from "effect"
import { DeciderSpecification } from "@jatim/testing"
import { Course, CourseCommand, CourseContent, CourseEvent, Ids } from "../src/index.js"
import {
  content,
  courseId,
  curator,
  d,
  drafted,
  koperasiAdmin,
  learner,
  officer,
  pesantrenAdmin,
  published,
  revisedContent,
  umkmOwner
} from "./fixtures.js"

const spec = DeciderSpecification.for(Course.decider)
const now = "2025-02-01T02:00:00Z"

const draft = new CourseCommand.DraftCourse({ actor: officer, courseId, topic: "KEMASAN", content })
const publish = new CourseCommand.PublishCourse({ actor: officer, courseId })
const revise = (c: CourseContent.CourseContent) => new CourseCommand.ReviseCourse({ actor: officer, courseId, content: c })
const retire = new CourseCommand.RetireCourse({ actor: officer, courseId, reason: "Diganti kurikulum 2026" })
const revised = new CourseEvent.CourseRevised({ courseId, content: revisedContent, at: d("2025-01-20T01:00:00Z") })
const retired = new CourseEvent.CourseRetired({ courseId, reason: "Diganti kurikulum 2026", at: d("2025-01-25T01:00:00Z") })

describe("Course: drafting", () => {
  it("a Dinas officer drafts a course with modules, lessons and a quiz per module", () => {
    spec
      .given([])
      .at(now)
      .when(draft)
      .then([new CourseEvent.CourseDrafted({ courseId, topic: "KEMASAN", content, at: d(now) })])
  })

  it("only Dinas officers draft, revise, publish and retire courses", () => {
    for (const actor of [learner, curator, umkmOwner, koperasiAdmin, pesantrenAdmin]) {
      const error = spec
        .given([])
        .when(new CourseCommand.DraftCourse({ ...draft, actor }))
        .thenFailsWith("ActorNotAuthorized")
      expect(error.message).toContain("only Dinas officers draft, revise, publish and retire courses")
      spec.given([drafted()]).when(new CourseCommand.PublishCourse({ actor, courseId })).thenFailsWith("ActorNotAuthorized")
      spec
        .given([drafted(), published()])
        .when(new CourseCommand.RetireCourse({ ...retire, actor }))
        .thenFailsWith("ActorNotAuthorized")
      spec
        .given([drafted()])
        .when(new CourseCommand.ReviseCourse({ actor, courseId, content: revisedContent }))
        .thenFailsWith("ActorNotAuthorized")
    }
  })

  it("a course id is drafted once", () => {
    spec.given([drafted()]).when(draft).thenFailsWith("CourseAlreadyDrafted")
  })

  it("content with repeated ids or an answer outside its choices is refused, naming every problem", () => {
    const [first, second] = content.modules
    const broken: CourseContent.CourseContent = {
      ...content,
      modules: [
        first,
        {
          ...second!,
          moduleId: first.moduleId,
          lessons: [{ lessonId: first.lessons[0].lessonId, title: "Salinan" }],
          quiz: { passMark: 60, questions: [{ prompt: "?", choices: ["a", "b"], answer: 2 }] }
        }
      ]
    }
    const error = spec
      .given([])
      .when(new CourseCommand.DraftCourse({ ...draft, content: broken }))
      .thenFailsWith("InvalidCourseContent")
    expect(error.message).toContain(`module ids must be unique within a course, but "m1" is used more than once`)
    expect(error.message).toContain(`lesson ids must be unique within a course (across modules), but "m1.l1"`)
    expect(error.message).toContain(`question 1 of the quiz of module "m1" gives answer 2, but its choices are numbered 0 to 1`)
  })

  it("the Schema refuses a module without lessons, a module without its quiz, and a pass mark outside 1-100", () => {
    const decode = Schema.decodeUnknownEither(CourseCommand.DraftCourse)
    const encoded = Schema.encodeSync(CourseCommand.DraftCourse)(draft)
    const withModule = (change: Record<string, unknown>) => ({
      ...encoded,
      content: { ...encoded.content, modules: [{ ...encoded.content.modules[0], ...change }] }
    })
    expect(Either.isRight(decode(encoded))).toBe(true)
    expect(Either.isLeft(decode(withModule({ lessons: [] })))).toBe(true)
    expect(Either.isLeft(decode(withModule({ quiz: undefined })))).toBe(true)
    for (const passMark of [0, 101, 50.5]) {
      const quiz = { ...encoded.content.modules[0].quiz, passMark }
      expect(Either.isLeft(decode(withModule({ quiz })))).toBe(true)
    }
    expect(Either.isLeft(decode({ ...encoded, topic: "PERTANIAN" }))).toBe(true)
    expect(Either.isLeft(decode({ ...encoded, courseId: "kemasan_101" }))).toBe(true)
  })
})

describe("Course: versions", () => {
  it("publishing the draft makes version 1", () => {
    spec
      .given([drafted()])
      .at(now)
      .when(publish)
      .then([published(1, d(now))])
  })

  it("a new version is published only after the draft changed", () => {
    const error = spec.given([drafted(), published()]).when(publish).thenFailsWith("NothingToPublish")
    expect(error.message).toContain("has not changed since version 1 was published")
    spec
      .given([drafted(), published(), revised])
      .at(now)
      .when(publish)
      .then([published(2, d(now), revisedContent)])
  })

  it("a revision that changes nothing records nothing; a real one is recorded", () => {
    spec.given([drafted(), published()]).when(revise(content)).then([])
    spec
      .given([drafted(), published()])
      .at(now)
      .when(revise(revisedContent))
      .then([new CourseEvent.CourseRevised({ courseId, content: revisedContent, at: d(now) })])
  })

  it("commands on a course never drafted are refused", () => {
    spec.given([]).when(publish).thenFailsWith("CourseNotFound")
    spec.given([]).when(revise(content)).thenFailsWith("CourseNotFound")
    spec.given([]).when(retire).thenFailsWith("CourseNotFound")
    const other = new CourseCommand.PublishCourse({ actor: officer, courseId: Ids.CourseId.make("other-1") })
    spec.given([drafted()]).when(other).thenFailsWith("CourseNotFound")
  })

  it("the offering for new enrollments is the latest version; none before the first publication", () => {
    const fold = (events: ReadonlyArray<CourseEvent.CourseEvent>) => events.reduce(Course.evolve, Course.initialState)
    expect(Course.offering(fold([drafted()]), courseId)).toMatchObject({ _tag: "Left", left: { _tag: "CourseNotPublished" } })
    expect(Course.offering(fold([]), courseId)).toMatchObject({ _tag: "Left", left: { _tag: "CourseNotFound" } })
    const v2 = Either.getOrThrow(Course.offering(fold([drafted(), published(), revised, published(2, d(now), revisedContent)]), courseId))
    expect(v2).toMatchObject({ courseId, version: 2, topic: "KEMASAN", status: "OPEN" })
    expect(v2.plan.map((m) => m.lessonIds)).toEqual([
      ["m1.l1", "m1.l2"],
      ["m2.l1", "m2.l2"]
    ])
    expect(Course.status(fold([drafted()]))).toBe("DRAFT")
    expect(Course.status(fold([drafted(), published()]))).toBe("PUBLISHED")
  })
})

describe("Course: retirement", () => {
  it("a Dinas officer retires a course, with a reason", () => {
    spec
      .given([drafted(), published()])
      .at(now)
      .when(retire)
      .then([new CourseEvent.CourseRetired({ courseId, reason: "Diganti kurikulum 2026", at: d(now) })])
  })

  it("a retired course is not revised, published or retired again, and its offering says so", () => {
    const history = [drafted(), published(), retired]
    const error = spec.given(history).when(revise(revisedContent)).thenFailsWith("CourseIsRetired")
    expect(error.message).toBe(
      `Course "kemasan-101" is retired, and a retired course cannot be revised. Draft a new course to teach it again.`
    )
    spec.given(history).when(publish).thenFailsWith("CourseIsRetired")
    spec.given(history).when(retire).thenFailsWith("CourseIsRetired")
    const state = history.reduce(Course.evolve, Course.initialState)
    expect(Course.status(state)).toBe("RETIRED")
    expect(Either.getOrThrow(Course.offering(state, courseId)).status).toBe("RETIRED")
  })

  it("stream names are course-<courseId>", () => {
    expect(Course.streamName(courseId)).toBe("course-kemasan-101")
  })
})

describe("Course: summary", () => {
  const fold = (events: ReadonlyArray<CourseEvent.CourseEvent>) => events.reduce(Course.evolve, Course.initialState)

  it("none before the draft; a draft has no offering yet", () => {
    expect(Course.summary(fold([]))).toEqual(Option.none())
    expect(Course.summary(fold([drafted()]))).toEqual(
      Option.some({
        courseId,
        status: "DRAFT",
        topic: "KEMASAN",
        draftTitle: "Kemasan produk UMKM",
        publishedVersions: 0,
        offering: null,
        content: null,
        cohort: null,
        authoring: { draft: content, published: null }
      })
    )
  })

  it("a published course offers its latest version; a retired one still shows it, as RETIRED", () => {
    const published2 = fold([drafted(), published(), revised, published(2, d(now), revisedContent)])
    expect(Course.summary(published2)).toEqual(
      Option.some({
        courseId,
        status: "PUBLISHED",
        topic: "KEMASAN",
        draftTitle: "Kemasan produk UMKM",
        publishedVersions: 2,
        offering: Either.getOrThrow(Course.offering(published2, courseId)),
        content: CourseContent.withoutAnswers(revisedContent),
        cohort: null,
        authoring: { draft: revisedContent, published: revisedContent }
      })
    )
    const summary = Option.getOrThrow(Course.summary(fold([drafted(), published(), retired])))
    expect(summary).toMatchObject({ status: "RETIRED", publishedVersions: 1, offering: { version: 1, status: "RETIRED" } })
  })

  it("is served as JSON by its Schema, dates and all, and read back unchanged", () => {
    const summary = Option.getOrThrow(Course.summary(fold([drafted(), published()])))
    const json: unknown = JSON.parse(JSON.stringify(Schema.encodeSync(Course.Summary)(summary)))
    expect(json).toMatchObject({ courseId: "kemasan-101", status: "PUBLISHED", offering: { version: 1, status: "OPEN" } })
    expect(Schema.decodeUnknownSync(Course.Summary)(json)).toStrictEqual(summary)
  })
})
