/**
 * Read model: each course's funnel — how many learners enrolled, passed each module, and
 * completed. Modules are listed in teaching order; modules that only a later version has come
 * after the earlier ones. Pure, and applying an event twice changes nothing (stages hold learner
 * ids, not bare counts).
 *
 * @since 0.1.0
 */
import { HashMap, Option } from "effect"
import { Visibility } from "@jatim/kernel"
import type { EnrollmentEvent } from "../EnrollmentEvent.js"
import type { CourseId, LearnerId, ModuleId } from "../Ids.js"

interface Entry {
  readonly enrolled: ReadonlySet<LearnerId>
  readonly moduleOrder: ReadonlyArray<ModuleId>
  readonly passed: ReadonlyMap<ModuleId, ReadonlySet<LearnerId>>
  readonly completed: ReadonlySet<LearnerId>
}

/** The read model's state. */
export interface State {
  readonly courses: HashMap.HashMap<CourseId, Entry>
}

/** No enrollments yet. */
export const initial: State = { courses: HashMap.empty() }

const empty: Entry = { enrolled: new Set(), moduleOrder: [], passed: new Map(), completed: new Set() }

const add = <A>(set: ReadonlySet<A>, value: A): ReadonlySet<A> => (set.has(value) ? set : new Set([...set, value]))

/** The state after one enrollment event. */
export const apply = (state: State, event: EnrollmentEvent): State => {
  if (event._tag === "QuizAttempted" || event._tag === "LessonCompleted") return state
  const entry = Option.getOrElse(HashMap.get(state.courses, event.courseId), () => empty)
  let next: Entry
  switch (event._tag) {
    case "Enrolled": {
      const newModules = event.plan.map((m) => m.moduleId).filter((id) => !entry.moduleOrder.includes(id))
      next = {
        ...entry,
        enrolled: add(entry.enrolled, event.learnerId),
        moduleOrder: newModules.length === 0 ? entry.moduleOrder : [...entry.moduleOrder, ...newModules]
      }
      break
    }
    case "ModulePassed": {
      const learners = entry.passed.get(event.moduleId) ?? new Set<LearnerId>()
      next = {
        ...entry,
        moduleOrder: entry.moduleOrder.includes(event.moduleId) ? entry.moduleOrder : [...entry.moduleOrder, event.moduleId],
        passed: new Map([...entry.passed, [event.moduleId, add(learners, event.learnerId)]])
      }
      break
    }
    case "EnrollmentCompleted":
      next = { ...entry, completed: add(entry.completed, event.learnerId) }
      break
  }
  return { courses: HashMap.set(state.courses, event.courseId, next) }
}

/** A course's funnel. */
export interface Funnel {
  readonly courseId: CourseId
  readonly enrolled: number
  readonly modules: ReadonlyArray<{ readonly moduleId: ModuleId; readonly passed: number }>
  readonly completed: number
}

/** The funnel of a course, if anyone enrolled. */
export const funnel = (state: State, courseId: CourseId): Option.Option<Funnel> =>
  Option.map(HashMap.get(state.courses, courseId), (entry) => ({
    courseId,
    enrolled: entry.enrolled.size,
    modules: entry.moduleOrder.map((moduleId) => ({ moduleId, passed: entry.passed.get(moduleId)?.size ?? 0 })),
    completed: entry.completed.size
  }))

/** A course's funnel is public: counts of learners at each stage, no learner named. */
export const visibleTo: Visibility.ReadPolicy<Funnel> = Visibility.everyone
