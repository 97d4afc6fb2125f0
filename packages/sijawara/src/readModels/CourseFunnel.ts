/**
 * Read model: each course's funnel — how many learners enrolled, passed each module, and
 * completed. Modules are listed in teaching order; modules that only a later version has come
 * after the earlier ones. Pure, and applying an event twice changes nothing (stages hold learner
 * ids, not bare counts).
 *
 * @since 0.1.0
 */
import { HashMap, HashSet, Option, Schema } from "effect"
import { Fold, Visibility } from "@jatim/kernel"
import type { EnrollmentEvent } from "../EnrollmentEvent.js"
import { CourseId, type LearnerId, ModuleId } from "../Ids.js"
import { addTo, updateOr, valueOr } from "../internal/collections.js"

interface Entry {
  readonly enrolled: HashSet.HashSet<LearnerId>
  /** As many as the modules of the course's versions: few, whatever the number of learners. */
  readonly moduleOrder: ReadonlyArray<ModuleId>
  readonly passed: HashMap.HashMap<ModuleId, HashSet.HashSet<LearnerId>>
  readonly completed: HashSet.HashSet<LearnerId>
}

/** The read model's state. */
export interface State {
  readonly courses: HashMap.HashMap<CourseId, Entry>
}

/** No enrollments yet. */
export const initial: State = { courses: HashMap.empty() }

const empty: Entry = { enrolled: HashSet.empty(), moduleOrder: [], passed: HashMap.empty(), completed: HashSet.empty() }

const noLearners: HashSet.HashSet<LearnerId> = HashSet.empty()

const withModules = (order: ReadonlyArray<ModuleId>, moduleIds: ReadonlyArray<ModuleId>): ReadonlyArray<ModuleId> => {
  const added = moduleIds.filter((id) => !order.includes(id))
  return added.length === 0 ? order : [...order, ...added]
}

/** The state after one enrollment event. */
export const apply = (state: State, event: EnrollmentEvent): State => {
  if (event._tag === "QuizAttempted" || event._tag === "LessonCompleted") return state
  const entry = valueOr(state.courses, event.courseId, empty)
  let next: Entry
  switch (event._tag) {
    case "Enrolled": {
      const enrolled = addTo(entry.enrolled, event.learnerId)
      const moduleOrder = withModules(
        entry.moduleOrder,
        event.plan.map((m) => m.moduleId)
      )
      next = enrolled === entry.enrolled && moduleOrder === entry.moduleOrder ? entry : { ...entry, enrolled, moduleOrder }
      break
    }
    case "ModulePassed": {
      const passed = updateOr(entry.passed, event.moduleId, noLearners, (learners) => addTo(learners, event.learnerId))
      const moduleOrder = withModules(entry.moduleOrder, [event.moduleId])
      next = passed === entry.passed && moduleOrder === entry.moduleOrder ? entry : { ...entry, moduleOrder, passed }
      break
    }
    case "EnrollmentCompleted": {
      const completed = addTo(entry.completed, event.learnerId)
      next = completed === entry.completed ? entry : { ...entry, completed }
      break
    }
  }
  return next === entry ? state : { courses: HashMap.set(state.courses, event.courseId, next) }
}

/** The state after a batch of enrollment events, in order (the batch edits the state's maps in place while it runs: `Fold.applyAll`). */
export const applyAll = Fold.applyAll(apply)

const Count = Schema.Int.pipe(Schema.nonNegative())

/** Schema of a course's funnel, as JSON for clients: counts of learners only, no learner named. */
export const Funnel = Schema.Struct({
  courseId: CourseId,
  /** How many learners enrolled (in any version). */
  enrolled: Count.annotations({ description: "how many learners enrolled (in any version)" }),
  /** Each module in teaching order, with how many learners passed it. */
  modules: Schema.Array(Schema.Struct({ moduleId: ModuleId, passed: Count })).annotations({
    description: "each module in teaching order (modules only a later version has come last), with how many learners passed it"
  }),
  /** How many learners completed the course (their certificate issued). */
  completed: Count.annotations({ description: "how many learners completed the course (their certificate issued)" })
}).annotations({ identifier: "CourseFunnel", description: "a Sijawara course's funnel: learners enrolled, passing each module, completed" })

/** A course's funnel. */
export interface Funnel extends Schema.Schema.Type<typeof Funnel> {}

/** The funnel of a course, if anyone enrolled. */
export const funnel = (state: State, courseId: CourseId): Option.Option<Funnel> =>
  Option.map(HashMap.get(state.courses, courseId), (entry) => ({
    courseId,
    enrolled: HashSet.size(entry.enrolled),
    modules: entry.moduleOrder.map((moduleId) => ({ moduleId, passed: HashSet.size(valueOr(entry.passed, moduleId, noLearners)) })),
    completed: HashSet.size(entry.completed)
  }))

/** A course's funnel is public: counts of learners at each stage, no learner named (adr/0088). */
export const visibleTo: Visibility.ReadPolicy<Funnel> = Visibility.everyone
