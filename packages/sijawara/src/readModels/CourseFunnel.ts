/**
 * Read model: each course's funnel — how many learners enrolled, passed each module, and
 * completed. Modules are listed in teaching order; modules that only a later version has come
 * after the earlier ones. Pure, and applying an event twice changes nothing (stages hold learner
 * ids, not bare counts).
 *
 * @since 0.1.0
 */
import { HashMap, HashSet, Option } from "effect"
import { Fold, Visibility } from "@jatim/kernel"
import type { EnrollmentEvent } from "../EnrollmentEvent.js"
import type { CourseId, ModuleId } from "../Ids.js"
import { valueOr } from "../internal/collections.js"

/** A course's counts. */
interface Entry {
  readonly enrolled: number
  /** As many as the modules of the course's versions: few, whatever the number of learners. */
  readonly moduleOrder: ReadonlyArray<ModuleId>
  readonly passed: ReadonlyMap<ModuleId, number>
  readonly completed: number
}

/** The read model's state. */
export interface State {
  /**
   * Each stage a learner reached in a course, once: `<courseId>/enrolled/<learnerId>`,
   * `<courseId>/passed/<moduleId>/<learnerId>`, `<courseId>/completed/<learnerId>` (Sijawara's ids
   * hold no `/`). One set, so that a batch edits it in place (`Fold`).
   */
  readonly reached: HashSet.HashSet<string>
  readonly courses: HashMap.HashMap<CourseId, Entry>
}

/** No enrollments yet. */
export const initial: State = { reached: HashSet.empty(), courses: HashMap.empty() }

const empty: Entry = { enrolled: 0, moduleOrder: [], passed: new Map(), completed: 0 }

const withModules = (order: ReadonlyArray<ModuleId>, moduleIds: ReadonlyArray<ModuleId>): ReadonlyArray<ModuleId> => {
  const added = moduleIds.filter((id) => !order.includes(id))
  return added.length === 0 ? order : [...order, ...added]
}

/** The stage an event marks, and how it changes the course's counts when a learner reaches it first. */
const stageOf = (
  event: EnrollmentEvent
): { readonly stage: string; readonly count: (entry: Entry) => Entry; readonly order: ReadonlyArray<ModuleId> } | undefined => {
  switch (event._tag) {
    case "Enrolled":
      return { stage: "enrolled", count: (entry) => ({ ...entry, enrolled: entry.enrolled + 1 }), order: event.plan.map((m) => m.moduleId) }
    case "ModulePassed":
      return {
        stage: `passed/${event.moduleId}`,
        count: (entry) => ({ ...entry, passed: new Map(entry.passed).set(event.moduleId, (entry.passed.get(event.moduleId) ?? 0) + 1) }),
        order: [event.moduleId]
      }
    case "EnrollmentCompleted":
      return { stage: "completed", count: (entry) => ({ ...entry, completed: entry.completed + 1 }), order: [] }
    default:
      return undefined
  }
}

/** The state after one enrollment event. */
export const apply = (state: State, event: EnrollmentEvent): State => {
  const marked = stageOf(event)
  if (marked === undefined) return state
  const key = `${event.courseId}/${marked.stage}/${event.learnerId}`
  const entry = valueOr(state.courses, event.courseId, empty)
  const first = !HashSet.has(state.reached, key)
  const moduleOrder = withModules(entry.moduleOrder, marked.order)
  if (!first && moduleOrder === entry.moduleOrder) return state
  const counted = first ? marked.count(entry) : entry
  return {
    reached: first ? HashSet.add(state.reached, key) : state.reached,
    courses: HashMap.set(state.courses, event.courseId, { ...counted, moduleOrder })
  }
}

/** The state after a batch of enrollment events, in order (the batch edits the state's maps in place while it runs: `Fold.applyAll`). */
export const applyAll = Fold.applyAll(apply)

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
    enrolled: entry.enrolled,
    modules: entry.moduleOrder.map((moduleId) => ({ moduleId, passed: entry.passed.get(moduleId) ?? 0 })),
    completed: entry.completed
  }))

/** A course's funnel is public: counts of learners at each stage, no learner named. */
export const visibleTo: Visibility.ReadPolicy<Funnel> = Visibility.everyone
