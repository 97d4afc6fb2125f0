/**
 * The process managers the host runs: `StockProcess.processManager` and `CreditProcess.processManager`
 * (TOMIKO) and `TrainingFromSijawara` (JATIM ISO). They issue commands, so their checkpoints and leadership
 * are the store's (`PostgresProjections.layer`, or in memory for `--memory`): one instance runs
 * them at a time, and a restart resumes them instead of replaying every event.
 */
import { Context, Effect, Layer, Option, Stream } from "effect"
import {
  type Checkpoints,
  EventStore,
  EventStoreUnavailable,
  GlobalPosition,
  type LeaderElection,
  ProjectionRunner,
  type ReadError
} from "@jatim/eventstore"
import { CreditProcess, StockProcess } from "@jatim/tomiko"
import { TrainingFromSijawara } from "@jatim/jatim-iso"
import { CertificateExpiry } from "@jatim/opop"
import { ReadModels } from "./readModels/ReadModels.js"

/** The running process managers. */
export interface ProcessManagers {
  /** The runner's status of every process manager. */
  readonly status: Effect.Effect<ReadonlyArray<ProjectionRunner.ProjectionStatus>>
  /**
   * Waits until every process manager has handled every event stored now, including the events
   * their own commands append meanwhile (so that a process that stops next leaves nothing behind).
   */
  readonly settled: Effect.Effect<void, ProjectionRunner.ProjectionFailed | ReadError | ProjectionRunner.UnknownProjection>
}

export const ProcessManagers = Context.GenericTag<ProcessManagers>("@jatim/http-host/ProcessManagers")

/** The process managers' projections, by name: what the host runs and the operator CLI reports on. */
export const projections = () => [StockProcess.processManager, CreditProcess.processManager, TrainingFromSijawara.make()] as const

/** The process managers' runner (the store's checkpoints and leader election), for the life of the scope. */
const runProcessManagers = Effect.gen(function* () {
  const store = yield* EventStore.EventStore
  const runner = yield* ProjectionRunner.make(projections())
  const head = Effect.map(
    Stream.runHead(store.readAll({ direction: "backward", maxCount: 1 })),
    Option.map((e) => e.globalPosition)
  )
  /** One pass: each process manager handles what is stored now; whether nothing was appended meanwhile. */
  const pass = Effect.gen(function* () {
    const before = yield* head
    yield* Effect.forEach(projections(), (projection) => runner.awaitCaughtUp(projection.name), { discard: true })
    return Option.getEquivalence(GlobalPosition.equals)(before, yield* head)
  })
  return {
    status: runner.status.pipe(Effect.orElseSucceed(() => [])),
    settled: Effect.repeat(pass, { until: (still) => still, times: 10 }).pipe(Effect.asVoid)
  } satisfies ProcessManagers
})

/**
 * OPOP's `CertificateExpiry` scheduler (a sweep at start and at every WIB midnight, on the
 * instance that leads it; adr/0085), for the life of the scope. It finds what is due in the
 * host's `ExpiringCertificates` read model (its SQL table on PostgreSQL), so a start reads no
 * history for it and it holds no certificate in memory.
 */
const runCertificateExpiry = Effect.flatMap(ReadModels, (readModels) =>
  CertificateExpiry.run({
    due: CertificateExpiry.dueFrom(
      readModels.opop.lapsedCertificates,
      (failure) => new EventStoreUnavailable({ operation: "read the lapsed certificates", reason: failure.message })
    )
  })
)

/** The process managers alone, as loading the demo data needs them (some of its steps wait for them). */
export const processesLayer: Layer.Layer<
  ProcessManagers,
  never,
  EventStore.EventStore | LeaderElection.LeaderElection | Checkpoints.Checkpoints
> = Layer.scoped(ProcessManagers, runProcessManagers)

/** The process managers and the certificate expiry scheduler, as the host runs them beside its read models. */
export const layer: Layer.Layer<
  ProcessManagers,
  never,
  EventStore.EventStore | LeaderElection.LeaderElection | Checkpoints.Checkpoints | ReadModels
> = Layer.scoped(ProcessManagers, Effect.zipLeft(runProcessManagers, runCertificateExpiry))
