/**
 * The process managers the host runs: `StockProcess.processManager` and `CreditProcess.processManager`
 * (TOMIKO) and `TrainingFromSijawara` (JATIM ISO). They issue commands, so their checkpoints and leadership
 * are the store's (`PostgresProjections.layer`, or in memory for `--memory`): one instance runs
 * them at a time, and a restart resumes them instead of replaying every event.
 */
import { Context, Effect, Layer } from "effect"
import { type Checkpoints, type EventStore, type LeaderElection, ProjectionRunner } from "@jatim/eventstore"
import { CreditProcess, StockProcess } from "@jatim/tomiko"
import { TrainingFromSijawara } from "@jatim/jatim-iso"
import { CertificateExpiry } from "@jatim/opop"

/** The running process managers. */
export interface ProcessManagers {
  /** The runner's status of every process manager. */
  readonly status: Effect.Effect<ReadonlyArray<ProjectionRunner.ProjectionStatus>>
}

export const ProcessManagers = Context.GenericTag<ProcessManagers>("@jatim/http-host/ProcessManagers")

/** The process managers' projections, by name: what the host runs and the operator CLI reports on. */
export const projections = () => [StockProcess.processManager, CreditProcess.processManager, TrainingFromSijawara.make()] as const

/**
 * Starts the process managers' runner (the store's checkpoints and leader election) for the life
 * of the layer, and OPOP's `CertificateExpiry` scheduler (a sweep at start and at every WIB
 * midnight, on the instance that leads it; adr/0085).
 */
export const layer: Layer.Layer<ProcessManagers, never, EventStore.EventStore | LeaderElection.LeaderElection | Checkpoints.Checkpoints> =
  Layer.scoped(
    ProcessManagers,
    Effect.map(ProjectionRunner.make(projections()), (runner) => ({
      status: runner.status.pipe(Effect.orElseSucceed(() => []))
    })).pipe(Effect.zipLeft(CertificateExpiry.run()))
  )
