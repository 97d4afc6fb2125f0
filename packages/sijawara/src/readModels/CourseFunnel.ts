/**
 * Read model: each course's funnel — how many learners enrolled, passed each module, and
 * completed. Modules are listed in teaching order; modules that only a later version has come
 * after the earlier ones. Pure, and applying an event twice changes nothing (each stage keeps who
 * reached it, and counts a learner once).
 *
 * @since 0.1.0
 */
import { HashMap, HashSet, Option, Schema } from "effect"
import { Fold, ViewSchema, Visibility } from "@jatim/kernel"
import type { EnrollmentEvent } from "../EnrollmentEvent.js"
import { CourseId, type LearnerId, ModuleId } from "../Ids.js"
import { valueOr } from "../internal/collections.js"

/** The counts of one course, and its modules in teaching order (few, whatever the number of learners). */
interface Counts {
  readonly enrolled: number
  readonly moduleOrder: ReadonlyArray<ModuleId>
  readonly passed: Readonly<Record<string, number>>
  readonly completed: number
}

/**
 * The read model's state: who reached each stage of which course, as keys of flat sets (so a
 * batch adds to them in place: `Fold.applyAll`), and each course's counts.
 */
export interface State {
  /** `course \0 learner` of every enrollment. */
  readonly enrolled: HashSet.HashSet<string>
  /** `course \0 module \0 learner` of every module passed. */
  readonly passed: HashSet.HashSet<string>
  /** `course \0 learner` of every course completed. */
  readonly completed: HashSet.HashSet<string>
  readonly courses: HashMap.HashMap<CourseId, Counts>
}

/** No enrollments yet. */
export const initial: State = { enrolled: HashSet.empty(), passed: HashSet.empty(), completed: HashSet.empty(), courses: HashMap.empty() }

const none: Counts = { enrolled: 0, moduleOrder: [], passed: {}, completed: 0 }

const keyOf = (...parts: ReadonlyArray<string>) => parts.join("\u0000")

const withModules = (order: ReadonlyArray<ModuleId>, moduleIds: ReadonlyArray<ModuleId>): ReadonlyArray<ModuleId> => {
  const added = moduleIds.filter((id) => !order.includes(id))
  return added.length === 0 ? order : [...order, ...added]
}

/** `state` with `key` in its set `stage`, or `undefined` when it was there already. */
const reach = (state: State, stage: "enrolled" | "passed" | "completed", key: string): State | undefined =>
  HashSet.has(state[stage], key) ? undefined : { ...state, [stage]: HashSet.add(state[stage], key) }

/** The state after one enrollment event. */
export const apply = (state: State, event: EnrollmentEvent): State => {
  if (event._tag === "QuizAttempted" || event._tag === "LessonCompleted") return state
  const counts = valueOr(state.courses, event.courseId, none)
  const learner: LearnerId = event.learnerId
  switch (event._tag) {
    case "Enrolled": {
      const moduleOrder = withModules(
        counts.moduleOrder,
        event.plan.map((m) => m.moduleId)
      )
      const reached = reach(state, "enrolled", keyOf(event.courseId, learner))
      if (reached === undefined && moduleOrder === counts.moduleOrder) return state
      const next = reached ?? state
      return {
        ...next,
        courses: HashMap.set(next.courses, event.courseId, { ...counts, moduleOrder, enrolled: counts.enrolled + (reached ? 1 : 0) })
      }
    }
    case "ModulePassed": {
      const moduleOrder = withModules(counts.moduleOrder, [event.moduleId])
      const reached = reach(state, "passed", keyOf(event.courseId, event.moduleId, learner))
      if (reached === undefined && moduleOrder === counts.moduleOrder) return state
      const next = reached ?? state
      const passed = reached ? { ...counts.passed, [event.moduleId]: (counts.passed[event.moduleId] ?? 0) + 1 } : counts.passed
      return { ...next, courses: HashMap.set(next.courses, event.courseId, { ...counts, moduleOrder, passed }) }
    }
    case "EnrollmentCompleted": {
      const reached = reach(state, "completed", keyOf(event.courseId, learner))
      if (reached === undefined) return state
      return { ...reached, courses: HashMap.set(reached.courses, event.courseId, { ...counts, completed: counts.completed + 1 }) }
    }
  }
}

/** The state after a batch of enrollment events, in order (the batch edits the state's maps in place while it runs: `Fold.applyAll`). */
export const applyAll = Fold.applyAll(apply)

const Count = Schema.Int.pipe(Schema.nonNegative())

/** Schema of a course's funnel, as JSON for clients: counts of learners only, no learner named. */
export const Funnel = ViewSchema.struct("CourseFunnel", "a Sijawara course's funnel: learners enrolled, passing each module, completed", {
  courseId: CourseId,
  /** How many learners enrolled (in any version). */
  enrolled: Count.annotations({ description: "how many learners enrolled (in any version)" }),
  /** Each module in teaching order, with how many learners passed it. */
  modules: Schema.Array(Schema.Struct({ moduleId: ModuleId, passed: Count })).annotations({
    description: "each module in teaching order (modules only a later version has come last), with how many learners passed it"
  }),
  /** How many learners completed the course (their certificate issued). */
  completed: Count.annotations({ description: "how many learners completed the course (their certificate issued)" })
})

/** A course's funnel. */
export interface Funnel extends Schema.Schema.Type<typeof Funnel> {}

/** The funnel of a course, if anyone enrolled. */
export const funnel = (state: State, courseId: CourseId): Option.Option<Funnel> =>
  Option.map(HashMap.get(state.courses, courseId), (counts) => ({
    courseId,
    enrolled: counts.enrolled,
    modules: counts.moduleOrder.map((moduleId) => ({ moduleId, passed: counts.passed[moduleId] ?? 0 })),
    completed: counts.completed
  }))

/** A course's funnel is public: counts of learners at each stage, no learner named (adr/0088). */
export const visibleTo: Visibility.ReadPolicy<Funnel> = Visibility.everyone
