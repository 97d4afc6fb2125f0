/**
 * The chaos itself, each kind in a fiber of its own with its own seeded `Random`, until told to
 * stop: `pg_terminate_backend` of writers' connections and of the stores' listener connections,
 * the death of the instance leading a projection (all its connections terminated, one of them
 * terminated mid-batch, or its scope closed and a new instance started in its place), and
 * rebuilds of the read model on either instance.
 *
 * @since 0.1.0
 */
import { Cause, Duration, Effect, Option, Random, type Ref, Schema } from "effect"
import type { SqlClient } from "@effect/sql"
import * as Instances from "./Instances.js"
import { processManagerName, readModelName } from "./Scenario.js"
import type { Settings } from "./Flags.js"
import type { Stats } from "./Stats.js"

const Pids = Schema.Array(Schema.Struct({ pid: Schema.Number }))
const Killed = Schema.Array(Schema.Struct({ killed: Schema.Boolean }))

/** The pids of this database's backends that match `condition` (SQL over `pg_stat_activity`). */
const backends = (sql: SqlClient.SqlClient, condition: string, params: ReadonlyArray<string>) =>
  sql
    .unsafe(
      `SELECT pid FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND ${condition} ORDER BY pid`,
      params
    )
    .pipe(
      Effect.flatMap(Schema.decodeUnknown(Pids)),
      Effect.map((rows) => rows.map((row) => row.pid))
    )

/** Terminates backend `pid`; whether it was there to terminate. */
const terminate = (sql: SqlClient.SqlClient, pid: number) =>
  sql.unsafe(`SELECT pg_terminate_backend($1) AS killed`, [pid]).pipe(
    Effect.flatMap(Schema.decodeUnknown(Killed)),
    Effect.map((rows) => rows[0]?.killed === true)
  )

/** One of `items`, or none when it is empty. */
const pick = <A>(items: ReadonlyArray<A>) =>
  items.length === 0 ? Effect.succeed(Option.none<A>()) : Effect.map(Random.nextIntBetween(0, items.length), (i) => Option.some(items[i]!))

/** Terminates one of `pids` at random; whether one was terminated. */
const terminateOne = (sql: SqlClient.SqlClient, pids: ReadonlyArray<number>) =>
  Effect.flatMap(pick(pids), Option.match({ onNone: () => Effect.succeed(false), onSome: (pid) => terminate(sql, pid) }))

/** Repeats `action` after a random pause in `[min, max)` ms until `stop` is set; its errors are noted, never fatal. */
const every = (
  label: string,
  [min, max]: readonly [number, number],
  stop: Ref.Ref<boolean>,
  stats: Stats,
  action: Effect.Effect<void, unknown>
) =>
  Effect.gen(function* () {
    while (true) {
      yield* Effect.sleep(yield* Random.nextIntBetween(min, max))
      if (yield* stop.get) return
      yield* action.pipe(
        Effect.catchAllCause((cause) =>
          Effect.sync(() => {
            if (stats.notes.length < 50) stats.notes.push(`${label} failed: ${Cause.pretty(cause).split("\n")[0]}`)
          })
        )
      )
    }
  })

/** Everything the chaos needs. */
export interface ChaosContext {
  readonly settings: Settings
  readonly stop: Ref.Ref<boolean>
  readonly stats: Stats
  /** A connection pool of the harness's own, for `pg_terminate_backend`. */
  readonly admin: SqlClient.SqlClient
  readonly slots: ReadonlyArray<Instances.Slot>
  readonly target: Instances.Target
  /** The listen channel's statement, to find the stores' listener connections. */
  readonly listenStatement: string
}

/** Kills a writer's connection, preferably one inside a transaction or a statement. */
const killWriter = (context: ChaosContext) =>
  Effect.gen(function* () {
    const busy = yield* backends(context.admin, `application_name = 'chaos-writers' AND state IN ('active', 'idle in transaction')`, [])
    const pids = busy.length > 0 ? busy : yield* backends(context.admin, `application_name = 'chaos-writers'`, [])
    if (yield* terminateOne(context.admin, pids)) context.stats.writerConnectionsKilled += 1
  })

/** Kills one store's listener connection (the LISTEN of any instance). */
const killListener = (context: ChaosContext) =>
  Effect.gen(function* () {
    const pids = yield* backends(context.admin, `query = $1`, [context.listenStatement])
    if (yield* terminateOne(context.admin, pids)) context.stats.listenerConnectionsKilled += 1
  })

/** Kills the instance leading a projection, in one of three ways. */
const killLeader = (context: ChaosContext) =>
  Effect.gen(function* () {
    const { admin, slots, stats } = context
    const projection = Option.getOrElse(yield* pick([readModelName, processManagerName]), () => readModelName)
    const leader = stats.leaders.get(projection)
    const slot = slots.find((s) => Option.isSome(s.current) && s.current.value.instance === leader)
    if (slot === undefined) return
    const way = yield* Random.nextIntBetween(0, 10)
    if (way < 4) {
      // Every connection of the instance: its lock, its batch, its listener.
      const pids = yield* backends(admin, `application_name = $1`, [slot.app])
      for (const pid of pids) if (yield* terminate(admin, pid)) stats.runnerConnectionsKilled += 1
    } else if (way < 7) {
      // One connection, preferably the one applying a batch.
      const busy = yield* backends(admin, `application_name = $1 AND state IN ('active', 'idle in transaction')`, [slot.app])
      const pids = busy.length > 0 ? busy : yield* backends(admin, `application_name = $1`, [slot.app])
      if (yield* terminateOne(admin, pids)) stats.runnerConnectionsKilled += 1
    } else {
      // The instance dies; a new one takes its place a little later.
      const closed = yield* Instances.stop(slot)
      stats.instancesClosed += 1
      if (!closed) stats.problems.push(`instance of slot ${slot.name} did not shut down within ${Duration.format(Instances.shutdownLimit)}`)
      yield* Effect.sleep(yield* Random.nextIntBetween(200, 1500))
      yield* Instances.start(slot, context.target, stats)
    }
  })

/** Rebuilds the read model on one of the running instances (the leader or the standby). */
const rebuildOnce = (context: ChaosContext, where: "anywhere" | "standby") =>
  Effect.gen(function* () {
    const running = context.slots.flatMap((slot) => Option.toArray(slot.current))
    const leader = context.stats.leaders.get(readModelName)
    const chosen = yield* pick(where === "anywhere" ? running : running.filter((r) => r.instance !== leader))
    if (Option.isNone(chosen)) return
    const outcome = yield* chosen.value.runner.rebuild(readModelName).pipe(Effect.timeout("30 seconds"), Effect.either)
    if (outcome._tag === "Right") context.stats.rebuilds += 1
    else {
      context.stats.rebuildFailures += 1
      const reason = outcome.left instanceof Error ? outcome.left.message : String(outcome.left)
      if (context.stats.notes.length < 50) context.stats.notes.push(`rebuild on ${chosen.value.instance} failed: ${reason}`)
    }
  })

/**
 * A rebuild; half the time a second one on the standby soon after, while the leader replays
 * the first one's events (batch after batch in flight).
 */
const rebuild = (context: ChaosContext) =>
  Effect.gen(function* () {
    yield* rebuildOnce(context, "anywhere")
    if (yield* Effect.map(Random.next, (x) => x < 0.5)) {
      yield* Effect.sleep(yield* Random.nextIntBetween(200, 1200))
      yield* rebuildOnce(context, "standby")
    }
  })

/** The chaos fibers' work, each seeded from the run's seed; they end soon after `stop` is set. */
export const all = (context: ChaosContext): ReadonlyArray<Effect.Effect<void>> => {
  const { settings, stats, stop } = context
  const seeded = (name: string) => Effect.withRandom(Random.make(`${settings.seed}:${name}`))
  return [
    every("writer kill", [150, 900], stop, stats, killWriter(context)).pipe(seeded("writer-kill")),
    every("listener kill", [1500, 5000], stop, stats, killListener(context)).pipe(seeded("listener-kill")),
    every("leader kill", settings.short ? [1500, 4000] : [3000, 8000], stop, stats, killLeader(context)).pipe(seeded("leader-kill")),
    every("rebuild", settings.short ? [2500, 6000] : [4000, 10000], stop, stats, rebuild(context)).pipe(seeded("rebuild"))
  ]
}
