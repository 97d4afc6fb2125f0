/**
 * Read model: every learner's progress in each enrolled course, in percent (see `Progress`).
 * Pure: an initial state, `apply` for each enrollment event, and queries. Applying an event
 * twice changes nothing, so a projection that redelivers is still right. Who may see it
 * (`visibleTo`): the learner themself and the Dinas; for anyone else it does not exist.
 *
 * @since 0.1.0
 */
import { HashMap, HashSet, Option, Schema } from "effect"
import { Fold, ViewSchema, type Visibility } from "@jatim/kernel"
import * as CourseContent from "../CourseContent.js"
import type { EnrollmentEvent } from "../EnrollmentEvent.js"
import { CourseId, LearnerId, type LessonId, type ModuleId } from "../Ids.js"
import { valueOr } from "../internal/collections.js"
import * as Progress from "../Progress.js"
import * as LearnerRecords from "./learnerRecords.js"

/** One enrollment's progress. */
interface Entry {
  readonly learnerId: LearnerId
  readonly courseId: CourseId
  readonly courseVersion: number
  readonly lessons: ReadonlySet<LessonId>
  readonly modules: ReadonlySet<ModuleId>
  readonly steps: number
  readonly completedLessons: HashSet.HashSet<LessonId>
  readonly passedModules: HashSet.HashSet<ModuleId>
  readonly completed: boolean
}

/** The read model's state. */
export interface State {
  /** Each learner's enrollments, by course. */
  readonly learners: HashMap.HashMap<LearnerId, HashMap.HashMap<CourseId, Entry>>
}

/** No progress recorded yet. */
export const initial: State = { learners: HashMap.empty() }

const noCourses: HashMap.HashMap<CourseId, Entry> = HashMap.empty()

const entryOf = (state: State, learnerId: LearnerId, courseId: CourseId): Option.Option<Entry> =>
  HashMap.get(valueOr(state.learners, learnerId, noCourses), courseId)

const withEntry = (state: State, entry: Entry): State => ({
  learners: HashMap.set(
    state.learners,
    entry.learnerId,
    HashMap.set(valueOr(state.learners, entry.learnerId, noCourses), entry.courseId, entry)
  )
})

const update = (state: State, learnerId: LearnerId, courseId: CourseId, f: (entry: Entry) => Entry): State =>
  Option.match(entryOf(state, learnerId, courseId), {
    onNone: () => state,
    onSome: (entry) => {
      const next = f(entry)
      return next === entry ? state : withEntry(state, next)
    }
  })

/** The state after one enrollment event. */
export const apply = (state: State, event: EnrollmentEvent): State => {
  switch (event._tag) {
    case "Enrolled": {
      if (Option.isSome(entryOf(state, event.learnerId, event.courseId))) return state
      return withEntry(state, {
        learnerId: event.learnerId,
        courseId: event.courseId,
        courseVersion: event.courseVersion,
        lessons: new Set(event.plan.flatMap((m) => m.lessonIds)),
        modules: new Set(event.plan.map((m) => m.moduleId)),
        steps: CourseContent.stepsOf(event.plan),
        completedLessons: HashSet.empty(),
        passedModules: HashSet.empty(),
        completed: false
      })
    }
    case "LessonCompleted":
      return update(state, event.learnerId, event.courseId, (entry) =>
        !entry.lessons.has(event.lessonId) || HashSet.has(entry.completedLessons, event.lessonId)
          ? entry
          : { ...entry, completedLessons: HashSet.add(entry.completedLessons, event.lessonId) }
      )
    case "ModulePassed":
      return update(state, event.learnerId, event.courseId, (entry) =>
        !entry.modules.has(event.moduleId) || HashSet.has(entry.passedModules, event.moduleId)
          ? entry
          : { ...entry, passedModules: HashSet.add(entry.passedModules, event.moduleId) }
      )
    case "EnrollmentCompleted":
      return update(state, event.learnerId, event.courseId, (entry) => (entry.completed ? entry : { ...entry, completed: true }))
    case "QuizAttempted":
      return state
  }
}

/** The state after a batch of enrollment events, in order (the batch edits the state's maps in place while it runs: `Fold.applyAll`). */
export const applyAll = Fold.applyAll(apply)

/** Schema of a learner's progress in one course, as JSON for clients. */
export const CourseProgress = ViewSchema.struct("CourseProgress", "a learner's progress in one Sijawara course", {
  learnerId: LearnerId,
  courseId: CourseId,
  /** The version of the course the learner enrolled in. */
  courseVersion: Schema.Int.pipe(Schema.positive()).annotations({
    description: "the version of the course the learner enrolled in"
  }),
  /** Whether the enrollment is completed (its certificate issued). */
  completed: Schema.Boolean.annotations({ description: "whether the enrollment is completed (its certificate issued)" }),
  ...Progress.Progress.fields
})

/** A learner's progress in one course. */
export interface CourseProgress extends Schema.Schema.Type<typeof CourseProgress> {}

const view = (entry: Entry): CourseProgress => ({
  learnerId: entry.learnerId,
  courseId: entry.courseId,
  courseVersion: entry.courseVersion,
  completed: entry.completed,
  ...Progress.make(HashSet.size(entry.completedLessons) + HashSet.size(entry.passedModules), entry.steps)
})

/** The progress of a learner in a course, if enrolled. */
export const progress = (state: State, learnerId: LearnerId, courseId: CourseId): Option.Option<CourseProgress> =>
  Option.map(entryOf(state, learnerId, courseId), view)

/** The progress of a learner in a course in whole percent, if enrolled. */
export const percent = (state: State, learnerId: LearnerId, courseId: CourseId): Option.Option<number> =>
  Option.map(progress(state, learnerId, courseId), (p) => p.percent)

/** Every course a learner is enrolled in, with progress, by course id. */
export const ofLearner = (state: State, learnerId: LearnerId): ReadonlyArray<CourseProgress> =>
  Array.from(HashMap.values(valueOr(state.learners, learnerId, noCourses)), view).sort((a, b) =>
    a.courseId < b.courseId ? -1 : a.courseId > b.courseId ? 1 : 0
  )

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
export const mayRead: (actor: Visibility.Viewer, learnerId: LearnerId) => boolean = LearnerRecords.mayRead

/**
 * A learner's progress is the learner's and the Dinas's to see. Anyone else gets nothing ("not
 * found"), not even whether the learner enrolled anywhere.
 */
export const visibleTo: Visibility.ReadPolicy<LearnerCourses, ReadonlyArray<CourseProgress>> = LearnerRecords.policy((view) => view.courses)

/** One enrollment's progress, under the same rule as `visibleTo`. */
export const progressVisibleTo: Visibility.ReadPolicy<CourseProgress> = LearnerRecords.policy((view) => view)
