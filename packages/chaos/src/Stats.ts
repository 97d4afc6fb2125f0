/**
 * The counts a chaos run prints, and the record of which instance led each projection.
 *
 * @since 0.1.0
 */

/** Counts of a run (a harness's tally, mutated by its fibers on Node's one thread). */
export class Stats {
  committedTransactions = 0
  committedEvents = 0
  rolledBackTransactions = 0
  rolledBackEvents = 0
  abandonedTransactions = 0
  uncertainTransactions = 0
  /** Transactions retried after an expected-version conflict, an error or a killed connection. */
  retries = 0
  conflicts = 0
  longTransactions = 0
  writerConnectionsKilled = 0
  listenerConnectionsKilled = 0
  runnerConnectionsKilled = 0
  instancesClosed = 0
  rebuilds = 0
  rebuildFailures = 0
  resubscriptions = 0
  leaderships = 0
  leaderChanges = 0
  /** The instance that last took the lead of each projection. */
  readonly leaders = new Map<string, string>()
  /** What failed in the harness's own work and may (a killed connection fails a rebuild): printed, not a violation. */
  readonly notes: Array<string> = []
  /** What must not happen though no event invariant names it (an instance that does not shut down): fails the run. */
  readonly problems: Array<string> = []

  /** Records that `instance` took the lead of `projection`. */
  led(projection: string, instance: string): void {
    const previous = this.leaders.get(projection)
    this.leaderships += 1
    if (previous !== undefined && previous !== instance) this.leaderChanges += 1
    this.leaders.set(projection, instance)
  }

  /** Connections killed in all. */
  get connectionsKilled(): number {
    return this.writerConnectionsKilled + this.listenerConnectionsKilled + this.runnerConnectionsKilled
  }
}
