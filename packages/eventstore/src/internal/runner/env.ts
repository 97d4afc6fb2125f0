/**
 * What every step of the runner works with: the services, the settings resolved from the
 * runner's options, and the statuses.
 *
 * @internal
 */
import { Duration, Schedule } from "effect"
import type * as Checkpoints from "../../Checkpoints.js"
import type * as EventStore from "../../EventStore.js"
import type * as LeaderElection from "../../LeaderElection.js"
import type { ProjectionRunnerOptions } from "../../ProjectionRunner.js"
import type { Statuses } from "./status.js"

/** The runner's options, with their defaults. */
export interface Settings {
  readonly batchSize: number
  readonly maxBatchSize: number
  /** The first retry's delay, in milliseconds. */
  readonly retryDelay: number
  /** The longest pause between retries of a stalled batch, in milliseconds. */
  readonly maxRetryDelay: number
  /** Retries of a unit (and of a setup): `attempts` in all, with exponential backoff. */
  readonly retrySchedule: Schedule.Schedule<[Duration.Duration, number]>
  readonly resetCheckInterval: Duration.DurationInput
  readonly lagCap: number
}

/** Resolves the runner's options. */
export const settings = (options: ProjectionRunnerOptions): Settings => {
  const batchSize = options.batchSize ?? 100
  const attempts = options.attempts ?? 5
  const retryDelay = Duration.toMillis(Duration.decode(options.retryDelay ?? "50 millis"))
  return {
    batchSize,
    maxBatchSize: Math.max(batchSize, options.maxBatchSize ?? 4 * batchSize),
    retryDelay,
    maxRetryDelay: Math.max(retryDelay, Duration.toMillis(Duration.decode(options.maxRetryDelay ?? "5 seconds"))),
    retrySchedule: Schedule.exponential(Duration.millis(retryDelay)).pipe(Schedule.intersect(Schedule.recurs(Math.max(0, attempts - 1)))),
    resetCheckInterval: options.resetCheckInterval ?? "2 seconds",
    lagCap: options.lagCap ?? 100_000
  }
}

/** What the runner's steps work with. */
export interface RunnerEnv {
  readonly store: EventStore.EventStore
  readonly checkpoints: Checkpoints.Checkpoints
  readonly election: LeaderElection.LeaderElection
  readonly settings: Settings
  readonly statuses: Statuses
}
