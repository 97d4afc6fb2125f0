/**
 * A province's workload: a deterministic stream of the four programs' events, as East Java would
 * write them over a few years, for benchmarks (read-model rebuilds, start-up on a seeded store).
 *
 * Every event comes from a command decided by its domain's own decider on its stream's current
 * state (pure `decide` and `evolve`, in memory, no store); facts from other streams travel as
 * the domains' `Verified` values, read by the domains' own readers. A refused command emits
 * nothing, so every event is one the rules accepted, and each stream's events come in the order
 * they were decided.
 *
 * The mix: of the events, about 12 % OPOP (thousands of pesantren at 1M events, each with one to
 * three products through curation, certificates and markets, a flagship, a few santripreneurs),
 * 45 % Sijawara (tens of thousands of learners, a few dozen courses, enrollments with lessons and
 * quizzes), 23 % JATIM ISO (tens of thousands of UMKM onboardings) and 20 % TOMIKO (thousands of
 * cooperatives in secondary networks, tens of thousands of orders). Lives run interleaved, a pool
 * of them at a time, on a simulated calendar from 2023 spanning three years; the memory held
 * follows the lives in play, not the events handed out.
 *
 * Same seed and size, same events (the certificate numbers too: the deciders' `Random` is seeded).
 */
import type { Program, WorkloadEvent } from "./Aggregates.js"
import { programs } from "./Aggregates.js"
import * as JatimIso from "./JatimIso.js"
import * as Opop from "./Opop.js"
import type { Script } from "./Script.js"
import * as Sijawara from "./Sijawara.js"
import * as Tomiko from "./Tomiko.js"
import * as World from "./World.js"

export type { Program, WorkloadEvent } from "./Aggregates.js"
export { programs, toNewEvent } from "./Aggregates.js"

/** The share of the events each program aims at. */
export const mix: Readonly<Record<Program, number>> = { OPOP: 0.12, Sijawara: 0.45, "JATIM ISO": 0.23, TOMIKO: 0.2 }

/** Options of `generate`. */
export interface Options {
  /** The seed of every random choice. */
  readonly seed: number
  /** How many events to hand out. */
  readonly events: number
  /** The first instant of the simulated calendar (2023-01-01T08:00+07:00 by default). */
  readonly start?: Date | undefined
  /** How many years the calendar spans over the run (3 by default). */
  readonly years?: number | undefined
}

/** What a generation did so far. */
export interface Stats {
  /** Events handed out, per program. */
  readonly events: Readonly<Record<Program, number>>
  /** Lives started, per program. */
  readonly lives: Readonly<Record<Program, number>>
  /** Commands their deciders refused, by command (they emitted nothing). */
  readonly refusals: ReadonlyMap<string, number>
  /** Streams in play at the end, and streams whose recorded events were kept for facts. */
  readonly inPlay: { readonly streams: number; readonly factStreams: number }
}

/** A generation: iterate it once for its events; `stats` tells what it did. */
export interface Generation extends Iterable<WorkloadEvent> {
  readonly stats: () => Stats
}

/** Events a life of each program produces, before any has finished (then the measured average). */
const priorEventsPerLife: Readonly<Record<Program, number>> = { OPOP: 25, Sijawara: 30, "JATIM ISO": 9, TOMIKO: 12 }

const perProgram = (value: number): Record<Program, number> => ({ OPOP: value, Sijawara: value, "JATIM ISO": value, TOMIKO: value })

/** The workload of `options.events` events. */
export const generate = (options: Options): Generation => {
  const target = Math.max(0, Math.floor(options.events))
  const start = options.start ?? new Date("2023-01-01T01:00:00.000Z")
  const years = options.years ?? 3
  const world = World.make(options.seed, start)
  const opop = Opop.make(world)
  const sijawara = Sijawara.make(world)
  const jatimIso = JatimIso.make(world)
  const tomiko = Tomiko.make(world)
  const events = perProgram(0)
  const lives = perProgram(0)
  const finished = perProgram(0)
  const finishedEvents = perProgram(0)

  /** A new life of the program furthest behind its share, each weighed by the events a life makes. */
  const spawn = (): Script => {
    const weights = programs.map((program) => {
      const perLife = finished[program] >= 20 ? finishedEvents[program] / finished[program] : priorEventsPerLife[program]
      return mix[program] / Math.max(1, perLife)
    })
    const total = weights.reduce((sum, weight) => sum + weight, 0)
    let draw = world.int(0, 999_999) / 1_000_000
    let program: Program = "Sijawara"
    for (const [index, weight] of weights.entries()) {
      draw -= weight / total
      if (draw < 0) {
        program = programs[index] ?? "Sijawara"
        break
      }
    }
    lives[program]++
    const script =
      program === "OPOP"
        ? opop.spawn()
        : program === "JATIM ISO"
          ? jatimIso.spawn()
          : program === "TOMIKO"
            ? tomiko.spawn()
            : sijawara.needsCourse(target)
              ? sijawara.spawnCourse()
              : sijawara.spawnLearner()
    return script
  }

  function* run(): Generator<WorkloadEvent, void, void> {
    // Enough lives at once that each moves a step every few simulated days.
    const poolSize = Math.min(1000, Math.max(20, Math.floor(target / 200)))
    const stepMillis = (years * 365.25 * 86_400_000) / Math.max(1, target)
    const pool: Array<{ readonly script: Script; emitted: number }> = []
    let handedOut = 0
    while (handedOut < target) {
      while (pool.length < poolSize) pool.push({ script: spawn(), emitted: 0 })
      const index = world.int(0, pool.length - 1)
      const life = pool[index]
      if (life === undefined) break
      const done = life.script.steps.next().done === true
      world.clock.advance(stepMillis * (0.5 + world.int(0, 99) / 100))
      for (const event of world.drain()) {
        if (handedOut >= target) return
        handedOut++
        events[event.program]++
        life.emitted++
        yield event
      }
      if (done) {
        finished[life.script.program]++
        finishedEvents[life.script.program] += life.emitted
        pool[index] = pool[pool.length - 1] ?? life
        pool.pop()
      }
    }
  }

  return {
    [Symbol.iterator]: run,
    stats: () => ({ events: { ...events }, lives: { ...lives }, refusals: new Map(world.refusals), inPlay: world.inPlay() })
  }
}
