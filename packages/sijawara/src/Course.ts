/**
 * The course decider (stream `course-<courseId>`).
 *
 * A Dinas officer drafts a course with its topic and content, revises the draft, publishes it as
 * version 1, 2, ... (a new version only after the draft changed), and retires the course. The
 * latest published version is what new enrollments follow (`offering`); enrollments already made
 * keep the version they enrolled in. A retired course takes no further revision, publication or
 * enrollment. A Dinas officer may offer the course as a cohort with start and end dates
 * (`ScheduleCohort`; again for the next intake): its offering carries the cohort, and enrollment
 * closes at the end of its end date (by the clock, in WIB: `Enrollment`; adr/0088). `summary` gives a course as its stream tells it now (`Summary`, a Schema), and
 * `visibleTo` what an actor may see of it: the answers only to the course's authors and the Dinas.
 *
 * @since 0.1.0
 */
import { Array as Arr, Clock, Effect, Either, Option, Schema } from "effect"
import { Aggregate, Decider, EventCodec, Lifecycle } from "@jatim/eventstore"
import { Actor, CalendarDate, Visibility } from "@jatim/kernel"
import type { CourseCommand } from "./CourseCommand.js"
import * as CourseContent from "./CourseContent.js"
import { CohortScheduled, CourseDrafted, CourseEvent, CoursePublished, CourseRetired, CourseRevised } from "./CourseEvent.js"
import { Cohort, CourseOffering } from "./CourseOffering.js"
import { CourseId, type ModuleId } from "./Ids.js"
import {
  CourseAlreadyDrafted,
  type CourseError,
  CourseIsRetired,
  CourseNotFound,
  CourseNotPublished,
  InvalidCohort,
  InvalidCourseContent,
  NothingToPublish
} from "./CourseError.js"
import { Topic } from "./Topic.js"

/** The streams of courses, one a course: `course-<courseId>`; a command is decided on its courseId's (category `"course"`). */
export const { category, streamName, streamNameOf } = Aggregate.streamsById("course", (command: CourseCommand) => command.courseId)

/** A published version of a course. */
export interface PublishedVersion {
  readonly version: number
  readonly content: CourseContent.CourseContent
  readonly publishedAt: Date
}

/** A course that has been drafted. */
export interface Course {
  readonly _tag: "Course"
  readonly courseId: CourseId
  readonly topic: Topic
  /** The content the next publication would publish. */
  readonly draft: CourseContent.CourseContent
  /** The published versions, oldest first. */
  readonly versions: ReadonlyArray<PublishedVersion>
  /** Whether the draft changed since the last publication (always true before the first). */
  readonly unpublishedChanges: boolean
  readonly retired: boolean
  /** The cohort the course runs as, if the Dinas scheduled one (the latest); `null` for a self-paced course. */
  readonly cohort: Cohort | null
}

/** The state of a course stream: nothing yet, or a course. */
export type State = { readonly _tag: "NoCourse" } | Course

/** Where a course is in its life. */
export type Status = "NONE" | DraftedStatus

/** Schema of where a drafted course is in its life. */
export const DraftedStatus = Schema.Literal("DRAFT", "PUBLISHED", "RETIRED").annotations({
  description: "DRAFT until its first publication, then PUBLISHED, RETIRED once retired"
})

/** Where a drafted course is in its life. */
export type DraftedStatus = typeof DraftedStatus.Type

const statusOf = (course: Course): DraftedStatus => (course.retired ? "RETIRED" : course.versions.length === 0 ? "DRAFT" : "PUBLISHED")

/** Where a course is in its life. */
export const status = (state: State): Status => (state._tag === "NoCourse" ? "NONE" : statusOf(state))

/**
 * `initialState` is the state of a course that has not been drafted (`NoCourse`), `evolve` the
 * state after one event. Events that do not fit the state (a revision before a draft) change
 * nothing.
 */
export const { initialState, evolve } = Lifecycle.make<State, CourseEvent>()({
  initial: "NoCourse",
  creation: "CourseDrafted",
  create: (event) => ({
    _tag: "Course",
    courseId: event.courseId,
    topic: event.topic,
    draft: event.content,
    versions: [],
    unpublishedChanges: true,
    retired: false,
    cohort: null
  }),
  next: (state, event) => {
    switch (event._tag) {
      case "CourseRevised":
        return { ...state, draft: event.content, unpublishedChanges: true }
      case "CoursePublished":
        return {
          ...state,
          draft: event.content,
          versions: [...state.versions, { version: event.version, content: event.content, publishedAt: event.at }],
          unpublishedChanges: false
        }
      case "CourseRetired":
        return { ...state, retired: true }
      case "CohortScheduled":
        return { ...state, cohort: { startsOn: event.startsOn, endsOn: event.endsOn } }
    }
  }
})

/** Every error of course commands (`CourseError.ts`). */
export type { CourseError } from "./CourseError.js"

const actions: { readonly [K in CourseCommand["_tag"]]: string } = {
  DraftCourse: "draft a course",
  ReviseCourse: "revise a course",
  PublishCourse: "publish a course",
  RetireCourse: "retire a course",
  ScheduleCohort: "schedule a course's cohort"
}

const checkContent = (courseId: CourseId, content: CourseContent.CourseContent) => {
  const problems = CourseContent.problems(content)
  return Arr.isNonEmptyReadonlyArray(problems) ? Either.left(new InvalidCourseContent({ courseId, problems })) : Either.right(content)
}

/** The events a course command produces, or the rule that refuses it. */
export const decide = (command: CourseCommand, state: State): Effect.Effect<ReadonlyArray<CourseEvent>, CourseError> =>
  Effect.gen(function* () {
    if (command.actor._tag !== "DINAS_OFFICER") {
      return yield* new Actor.ActorNotAuthorized({
        actor: command.actor,
        action: actions[command._tag],
        rule: "only Dinas officers draft, revise, publish and retire courses"
      })
    }
    const { courseId } = command
    const at = new Date(yield* Clock.currentTimeMillis)
    if (command._tag === "DraftCourse") {
      if (state._tag === "Course") return yield* new CourseAlreadyDrafted({ courseId })
      const content = yield* checkContent(courseId, command.content)
      return [new CourseDrafted({ courseId, topic: command.topic, content, at })]
    }
    if (state._tag === "NoCourse" || state.courseId !== courseId) return yield* new CourseNotFound({ courseId })
    if (state.retired) {
      const action =
        command._tag === "RetireCourse"
          ? "be retired again"
          : command._tag === "ScheduleCohort"
            ? "be offered as a cohort"
            : `be ${command._tag === "ReviseCourse" ? "revised" : "published"}`
      return yield* new CourseIsRetired({ courseId, action })
    }
    switch (command._tag) {
      case "ReviseCourse": {
        const content = yield* checkContent(courseId, command.content)
        return CourseContent.equivalent(content, state.draft) ? [] : [new CourseRevised({ courseId, content, at })]
      }
      case "PublishCourse": {
        const latest = state.versions.at(-1)
        if (latest !== undefined && !state.unpublishedChanges) {
          return yield* new NothingToPublish({ courseId, version: latest.version })
        }
        return [new CoursePublished({ courseId, version: (latest?.version ?? 0) + 1, content: state.draft, at })]
      }
      case "RetireCourse":
        return [new CourseRetired({ courseId, reason: command.reason, at })]
      case "ScheduleCohort": {
        const { startsOn, endsOn } = command
        const invalid = (reason: string) => new InvalidCohort({ courseId, startsOn, endsOn, reason })
        if (CalendarDate.isBefore(endsOn, startsOn)) return yield* invalid("a cohort ends on or after the day it starts")
        if (CalendarDate.isBefore(endsOn, CalendarDate.fromEpochMillis(at.getTime()))) {
          return yield* invalid("its end date has passed, and enrollment would be closed from the start")
        }
        const current = state.cohort
        return current !== null && current.startsOn === startsOn && current.endsOn === endsOn
          ? []
          : [new CohortScheduled({ courseId, startsOn, endsOn, at })]
      }
    }
  })

/** The course decider. */
export const decider: Decider.Decider<CourseCommand, CourseEvent, State, CourseError> = Decider.make({
  initialState,
  evolve,
  decide
})

/** The codec of course events. */
export const codec = EventCodec.make(CourseEvent)

/**
 * The offering of a course for new enrollments: its latest published version, and whether it is
 * retired (a retired course's offering is refused by the enrollment).
 */
export const offering = (state: State, courseId: CourseId): Either.Either<CourseOffering, CourseNotFound | CourseNotPublished> => {
  if (state._tag === "NoCourse" || state.courseId !== courseId) return Either.left(new CourseNotFound({ courseId }))
  const latest = state.versions.at(-1)
  if (latest === undefined) return Either.left(new CourseNotPublished({ courseId }))
  return Either.right({
    courseId,
    version: latest.version,
    title: latest.content.title,
    topic: state.topic,
    status: state.retired ? "RETIRED" : "OPEN",
    plan: CourseContent.planOf(latest.content),
    cohort: state.cohort
  })
}

/**
 * The answer key of module `moduleId` in the published version `version` of a course, if that
 * version has the module. Read only to grade an attempt, inside Sijawara.
 */
export const answerKey = (state: State, version: number, moduleId: ModuleId): Option.Option<CourseContent.AnswerKey> => {
  if (state._tag === "NoCourse") return Option.none()
  const published = state.versions.find((v) => v.version === version)
  return published === undefined ? Option.none() : CourseContent.answerKeyOf(published.content, moduleId)
}

/** Schema of what a course's authors and the Dinas see besides the public form: the contents with their answers. */
export const Authoring = Schema.Struct({
  /** The draft, with its answers: what the next publication would publish. */
  draft: CourseContent.CourseContent,
  /** The latest published version's content, with its answers; null before the first publication. */
  published: Schema.NullOr(CourseContent.CourseContent)
}).annotations({
  identifier: "CourseAuthoring",
  description: "for the course's authors and the Dinas only: the draft and the published content, with answers"
})

/** What a course's authors and the Dinas see besides the public form. */
export interface Authoring extends Schema.Schema.Type<typeof Authoring> {}

/** Schema of a course as its stream tells it now, as JSON for clients. */
export const Summary = Schema.Struct({
  courseId: CourseId,
  status: DraftedStatus,
  topic: Topic,
  /** The title of the draft, what the next publication would publish. */
  draftTitle: CourseContent.CourseContent.fields.title.annotations({
    description: "the title of the draft, what the next publication would publish"
  }),
  /** How many versions were published. */
  publishedVersions: Schema.NonNegativeInt.annotations({ description: "how many versions were published" }),
  /** What new enrollments follow: the latest published version; `null` before the first. */
  offering: Schema.NullOr(CourseOffering).annotations({
    description: "what new enrollments follow: the latest published version; null before the first"
  }),
  /** The latest published version as learners read it: lessons and questions, no answers; null before the first. */
  content: Schema.NullOr(CourseContent.PublicCourseContent).annotations({
    description: "the latest published version as learners read it: lessons and questions, no answers"
  }),
  /** The cohort the course is offered as (also before its first publication); `null` for a self-paced course. */
  cohort: Schema.NullOr(Cohort).annotations({
    description: "the cohort the course is offered as: enrollment closes at the end of endsOn; null for a self-paced course"
  }),
  /** Only for the course's authors and the Dinas: the contents with their answers. */
  authoring: Schema.optional(Authoring)
}).annotations({
  identifier: "CourseSummary",
  description: "a Sijawara course as its stream tells it now"
})

/** A course as its stream tells it now. */
export interface Summary extends Schema.Schema.Type<typeof Summary> {}

/** The summary of a course, if drafted: its full form, with `authoring` (see `visibleTo`). */
export const summary = (state: State): Option.Option<Summary> => {
  if (state._tag === "NoCourse") return Option.none()
  const offered = offering(state, state.courseId)
  const latest = state.versions.at(-1)
  return Option.some({
    courseId: state.courseId,
    status: statusOf(state),
    topic: state.topic,
    draftTitle: state.draft.title,
    publishedVersions: state.versions.length,
    offering: Either.isRight(offered) ? offered.right : null,
    content: latest === undefined ? null : CourseContent.withoutAnswers(latest.content),
    cohort: state.cohort,
    authoring: { draft: state.draft, published: latest?.content ?? null }
  })
}

/**
 * Whether `actor` is one of the course's authors. Only Dinas officers draft and revise courses,
 * so the authors of every course are Dinas officers, who see every course in full anyway.
 */
export const isAuthor = (actor: Visibility.Viewer): boolean => Visibility.isDinas(actor)

/**
 * What `actor` may see of a course: its authors and the Dinas see the full form (with the
 * answers, in `authoring`); everyone else sees the public form — the same view without
 * `authoring`, so no answer anywhere (`content` and `offering` never carry one). Courses are
 * public programs of the Dinas: that a course exists is no secret, its answers are.
 */
export const visibleTo: Visibility.ReadPolicy<Summary> = (actor, view) => {
  if (isAuthor(actor) || Visibility.isDinas(actor)) return Option.some(view)
  const { authoring: _authoring, ...publicForm } = view
  return Option.some(publicForm)
}
