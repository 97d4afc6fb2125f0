/**
 * Read model: every learner's progress in each enrolled course, in percent (see `Progress`).
 * Pure: an initial state, `apply` for each enrollment event, and queries. Applying an event
 * twice changes nothing, so a projection that redelivers is still right. Who may see it
 * (`visibleTo`): the learner themself and the Dinas; for anyone else it does not exist.
 *
 * @since 0.1.0
 */
import { HashMap, Option, Schema } from "effect"
import { Visibility } from "@jatim/kernel"
import * as CourseContent from "../CourseContent.js"
import type { EnrollmentEvent } from "../EnrollmentEvent.js"
import { CourseId, LearnerId, type LessonId, type ModuleId } from "../Ids.js"
import * as Progress from "../Progress.js"

/** One enrollment's progress. */
interface Entry {
  readonly learnerId: LearnerId
  readonly courseId: CourseId
  readonly courseVersion: number
  readonly lessons: ReadonlySet<LessonId>
  readonly modules: ReadonlySet<ModuleId>
  readonly steps: number
  readonly completedLessons: ReadonlySet<LessonId>
  readonly passedModules: ReadonlySet<ModuleId>
  readonly completed: boolean
}

/** The read model's state. */
export interface State {
  readonly entries: HashMap.HashMap<string, Entry>
}

/** No progress recorded yet. */
export const initial: State = { entries: HashMap.empty() }

const key = (learnerId: LearnerId, courseId: CourseId) => `${learnerId}_${courseId}`

const update = (state: State, learnerId: LearnerId, courseId: CourseId, f: (entry: Entry) => Entry): State => {
  const k = key(learnerId, courseId)
  return Option.match(HashMap.get(state.entries, k), {
    onNone: () => state,
    onSome: (entry) => {
      const next = f(entry)
      return next === entry ? state : { entries: HashMap.set(state.entries, k, next) }
    }
  })
}

/** The state after one enrollment event. */
export const apply = (state: State, event: EnrollmentEvent): State => {
  switch (event._tag) {
    case "Enrolled": {
      const k = key(event.learnerId, event.courseId)
      if (HashMap.has(state.entries, k)) return state
      return {
        entries: HashMap.set(state.entries, k, {
          learnerId: event.learnerId,
          courseId: event.courseId,
          courseVersion: event.courseVersion,
          lessons: new Set(event.plan.flatMap((m) => m.lessonIds)),
          modules: new Set(event.plan.map((m) => m.moduleId)),
          steps: CourseContent.stepsOf(event.plan),
          completedLessons: new Set(),
          passedModules: new Set(),
          completed: false
        })
      }
    }
    case "LessonCompleted":
      return update(state, event.learnerId, event.courseId, (entry) =>
        !entry.lessons.has(event.lessonId) || entry.completedLessons.has(event.lessonId)
          ? entry
          : { ...entry, completedLessons: new Set([...entry.completedLessons, event.lessonId]) }
      )
    case "ModulePassed":
      return update(state, event.learnerId, event.courseId, (entry) =>
        !entry.modules.has(event.moduleId) || entry.passedModules.has(event.moduleId)
          ? entry
          : { ...entry, passedModules: new Set([...entry.passedModules, event.moduleId]) }
      )
    case "EnrollmentCompleted":
      return update(state, event.learnerId, event.courseId, (entry) => (entry.completed ? entry : { ...entry, completed: true }))
    case "QuizAttempted":
      return state
  }
}

/** Schema of a learner's progress in one course, as JSON for clients. */
export const CourseProgress = Schema.Struct({
  learnerId: LearnerId,
  courseId: CourseId,
  /** The version of the course the learner enrolled in. */
  courseVersion: Schema.Int.pipe(Schema.positive()).annotations({
    description: "the version of the course the learner enrolled in"
  }),
  /** Whether the enrollment is completed (its certificate issued). */
  completed: Schema.Boolean.annotations({ description: "whether the enrollment is completed (its certificate issued)" }),
  ...Progress.Progress.fields
}).annotations({
  identifier: "CourseProgress",
  description: "a learner's progress in one Sijawara course"
})

/** A learner's progress in one course. */
export interface CourseProgress extends Schema.Schema.Type<typeof CourseProgress> {}

const view = (entry: Entry): CourseProgress => ({
  learnerId: entry.learnerId,
  courseId: entry.courseId,
  courseVersion: entry.courseVersion,
  completed: entry.completed,
  ...Progress.make(entry.completedLessons.size + entry.passedModules.size, entry.steps)
})

/** The progress of a learner in a course, if enrolled. */
export const progress = (state: State, learnerId: LearnerId, courseId: CourseId): Option.Option<CourseProgress> =>
  Option.map(HashMap.get(state.entries, key(learnerId, courseId)), view)

/** The progress of a learner in a course in whole percent, if enrolled. */
export const percent = (state: State, learnerId: LearnerId, courseId: CourseId): Option.Option<number> =>
  Option.map(progress(state, learnerId, courseId), (p) => p.percent)

/** Every course a learner is enrolled in, with progress, by course id. */
export const ofLearner = (state: State, learnerId: LearnerId): ReadonlyArray<CourseProgress> =>
  Array.from(HashMap.values(state.entries))
    .filter((entry) => entry.learnerId === learnerId)
    .map(view)
    .sort((a, b) => (a.courseId < b.courseId ? -1 : a.courseId > b.courseId ? 1 : 0))

/** A learner's progress in every course they enrolled in: the view `visibleTo` judges. */
export interface LearnerCourses {
  readonly learnerId: LearnerId
  readonly courses: ReadonlyArray<CourseProgress>
}

/** The progress of `learnerId` in every course, as a view of that learner's. */
export const learnerCourses = (state: State, learnerId: LearnerId): LearnerCourses => ({
  learnerId,
  courses: ofLearner(state, learnerId)
})

/** Whether `actor` may see the progress of `learnerId`: the learner themself, or a Dinas officer. */
export const mayRead = (actor: Visibility.Viewer, learnerId: LearnerId): boolean =>
  Visibility.isDinas(actor) || (actor._tag === "LEARNER" && actor.learnerId === learnerId)

/**
 * A learner's progress is the learner's and the Dinas's to see. Anyone else gets nothing ("not
 * found"), not even whether the learner enrolled anywhere.
 */
export const visibleTo: Visibility.ReadPolicy<LearnerCourses, ReadonlyArray<CourseProgress>> = (actor, view) =>
  mayRead(actor, view.learnerId) ? Option.some(view.courses) : Option.none()

/** One enrollment's progress, under the same rule as `visibleTo`. */
export const progressVisibleTo: Visibility.ReadPolicy<CourseProgress> = (actor, view) =>
  mayRead(actor, view.learnerId) ? Option.some(view) : Option.none()
