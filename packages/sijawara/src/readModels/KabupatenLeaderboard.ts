/**
 * Read model: the per-kabupaten/kota leaderboard. Each completed course counts for the
 * kabupaten/kota the learner enrolled from. `regions` ranks all 38 kabupaten/kota by completed
 * courses; `learners` ranks the learners of one kabupaten/kota. Ranks are competition ranks
 * (equal scores share a rank: 1, 1, 3). Pure, and applying an event twice changes nothing.
 *
 * @since 0.1.0
 */
import { HashMap, HashSet, Option, Schema } from "effect"
import { Fold, Region, ViewSchema, Visibility } from "@jatim/kernel"
import type { EnrollmentEvent } from "../EnrollmentEvent.js"
import { LearnerId } from "../Ids.js"
import { addTo, valueOr } from "../internal/collections.js"

interface LearnerEntry {
  readonly courses: HashSet.HashSet<string>
  /** When the learner reached their current count (earlier ranks first on equal counts). */
  readonly lastCompletedAt: number
}

/** The read model's state. */
export interface State {
  /** Learners who enrolled, per kabupaten/kota. */
  readonly enrolled: HashMap.HashMap<Region.RegionCode, HashSet.HashSet<LearnerId>>
  /** Completions per kabupaten/kota and learner. */
  readonly completions: HashMap.HashMap<Region.RegionCode, HashMap.HashMap<LearnerId, LearnerEntry>>
  /** Courses completed per kabupaten/kota: the sum over its learners of `completions`, kept as they come. */
  readonly completed: HashMap.HashMap<Region.RegionCode, number>
}

/** Nothing recorded yet. */
export const initial: State = { enrolled: HashMap.empty(), completions: HashMap.empty(), completed: HashMap.empty() }

const noLearners: HashSet.HashSet<LearnerId> = HashSet.empty()
const noCompletions: HashMap.HashMap<LearnerId, LearnerEntry> = HashMap.empty()
const noCourses: HashSet.HashSet<string> = HashSet.empty()

/** The state after one enrollment event. */
export const apply = (state: State, event: EnrollmentEvent): State => {
  switch (event._tag) {
    case "Enrolled": {
      const learners = valueOr(state.enrolled, event.region, noLearners)
      const next = addTo(learners, event.learnerId)
      return next === learners ? state : { ...state, enrolled: HashMap.set(state.enrolled, event.region, next) }
    }
    case "EnrollmentCompleted": {
      const region = valueOr(state.completions, event.region, noCompletions)
      const entry = Option.getOrUndefined(HashMap.get(region, event.learnerId))
      if (entry !== undefined && HashSet.has(entry.courses, event.courseId)) return state
      const next: LearnerEntry = {
        courses: addTo(entry?.courses ?? noCourses, event.courseId),
        lastCompletedAt: Math.max(entry?.lastCompletedAt ?? Number.NEGATIVE_INFINITY, event.at.getTime())
      }
      return {
        ...state,
        completions: HashMap.set(state.completions, event.region, HashMap.set(region, event.learnerId, next)),
        completed: HashMap.set(state.completed, event.region, valueOr(state.completed, event.region, 0) + 1)
      }
    }
    default:
      return state
  }
}

/** The state after a batch of enrollment events, in order (the batch edits the state's maps in place while it runs: `Fold.applyAll`). */
export const applyAll = Fold.applyAll(apply)

const Rank = Schema.Int.pipe(Schema.positive()).annotations({
  description: "competition rank: equal scores share a rank (1, 1, 3)"
})

/** Schema of a kabupaten/kota on the leaderboard. */
export const RegionStanding = ViewSchema.struct("RegionStanding", "a kabupaten/kota on the Sijawara leaderboard", {
  rank: Rank,
  region: Region.RegionCode,
  /** "Kota Surabaya". */
  name: Schema.String.annotations({ description: "the kabupaten/kota's name", examples: ["Kota Surabaya"] }),
  /** Learners who enrolled from there. */
  learners: Schema.NonNegativeInt.annotations({ description: "learners who enrolled from there" }),
  /** Courses completed by learners from there. */
  completions: Schema.NonNegativeInt.annotations({ description: "courses completed by learners from there" })
})

/** A kabupaten/kota on the leaderboard. */
export interface RegionStanding extends Schema.Schema.Type<typeof RegionStanding> {}

/** Schema of a learner on a kabupaten/kota's leaderboard. */
export const LearnerStanding = ViewSchema.struct("LearnerStanding", "a learner on a kabupaten/kota's Sijawara leaderboard", {
  rank: Rank,
  learnerId: LearnerId,
  /** Courses the learner completed. */
  completions: Schema.NonNegativeInt.annotations({ description: "courses the learner completed" })
})

/** A learner on a kabupaten/kota's leaderboard. */
export interface LearnerStanding extends Schema.Schema.Type<typeof LearnerStanding> {}

/** Competition ranks of items sorted by score, highest first: 1 + how many score higher, the first of its score's position. */
const withRanks = <A extends { readonly score: number }>(sorted: ReadonlyArray<A>): ReadonlyArray<A & { readonly rank: number }> => {
  let rank = 0
  return sorted.map((item, i) => {
    if (i === 0 || sorted[i - 1]!.score !== item.score) rank = i + 1
    return { ...item, rank }
  })
}

/** Every kabupaten/kota, most completed courses first (then most learners, then by code). */
export const regions = (state: State): ReadonlyArray<RegionStanding> => {
  const rows = Region.all.map((region) => ({
    region: region.code,
    name: Region.displayName(region.code),
    learners: HashSet.size(valueOr(state.enrolled, region.code, noLearners)),
    score: valueOr(state.completed, region.code, 0)
  }))
  rows.sort((a, b) => b.score - a.score || b.learners - a.learners || (a.region < b.region ? -1 : 1))
  return withRanks(rows).map(({ rank, region, name, learners, score }) => ({ rank, region, name, learners, completions: score }))
}

/** The top `limit` learners of a kabupaten/kota: most completed courses first, then who got there first. */
export const learners = (state: State, region: Region.RegionCode, limit = 10): ReadonlyArray<LearnerStanding> => {
  const entries = Option.match(HashMap.get(state.completions, region), {
    onNone: () => [],
    onSome: (m) => Array.from(m, ([learnerId, entry]) => ({ learnerId, score: HashSet.size(entry.courses), at: entry.lastCompletedAt }))
  })
  entries.sort((a, b) => b.score - a.score || a.at - b.at || (a.learnerId < b.learnerId ? -1 : 1))
  return withRanks(entries)
    .slice(0, Math.max(0, limit))
    .map(({ rank, learnerId, score }) => ({ rank, learnerId, completions: score }))
}

/** The kabupaten/kota leaderboard is public: counts per kabupaten/kota, no person in it. */
export const regionsVisibleTo: Visibility.ReadPolicy<ReadonlyArray<RegionStanding>> = Visibility.everyone

/**
 * A kabupaten/kota's ranking of learners names learners: the Dinas sees it all, a learner only
 * their own row, anyone else nothing.
 */
export const learnersVisibleTo: Visibility.ReadPolicy<ReadonlyArray<LearnerStanding>> = (actor, view) => {
  if (Visibility.isDinas(actor)) return Option.some(view)
  if (actor._tag !== "LEARNER") return Option.none()
  return Option.some(view.filter((row) => row.learnerId === actor.learnerId))
}
