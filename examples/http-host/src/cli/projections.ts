/**
 * `jatim projections status` and `jatim projections rebuild NAME`: the host's read models and
 * process managers as the store keeps them (checkpoints, leaders, lag), read without the host,
 * and a read model rebuilt from the first event.
 */
import { Args, Command } from "@effect/cli"
import { Clock, Console, Effect, Fiber, Option } from "effect"
import { Checkpoints, GlobalPosition, ProjectionRunner } from "@jatim/eventstore"
import { PostgresCheckpoints, StoredProjections } from "@jatim/eventstore-postgres"
import * as ProcessManagers from "../processManagers.js"
import { sqlReadModels } from "../readModels/postgres.js"
import { orCliError, storeLayer, storeSchema } from "./database.js"
import { CliError, UnknownName } from "./errors.js"
import { reporter } from "./progress.js"
import { textTable } from "./table.js"

/** The host's read models' projections (rebuildable), then its process managers'. */
const readModelProjections = () => sqlReadModels(storeSchema).projections
const allProjections = () => [...readModelProjections(), ...ProcessManagers.projections()]

/** Lag is counted up to this many events, as the host's `/projections` does. */
const lagCap = 100_000

/** One projection's status as the store keeps it. */
export interface StoredStatus {
  readonly name: string
  /** `live` / `catching_up` while an instance leads it; `failed` when none does and it stopped on an error; `stopped` otherwise. */
  readonly state: "live" | "catching_up" | "failed" | "stopped"
  readonly position: GlobalPosition.GlobalPosition | undefined
  readonly lag: number
  /** Why it stopped, as the instance that ran it recorded it (`Checkpoints.recordFailure`). */
  readonly lastError: string | undefined
}

/** Every projection's status from the store: checkpoint, whether an instance leads it, and lag. */
export const storedStatuses = Effect.gen(function* () {
  const projections = allProjections()
  const checkpoints = new Map((yield* StoredProjections.checkpoints(storeSchema)).map((c) => [c.name, c.position]))
  const led = yield* StoredProjections.led(
    projections.map((p) => p.name),
    storeSchema
  )
  const failures = new Map((yield* (yield* PostgresCheckpoints.make(storeSchema)).failures).map((f) => [f.name, f.message]))
  return yield* Effect.forEach(projections, (projection) =>
    Effect.map(
      StoredProjections.lag(projection.filter, checkpoints.get(projection.name), lagCap),
      (lag): StoredStatus => ({
        name: projection.name,
        state: led.has(projection.name) ? (lag === 0 ? "live" : "catching_up") : failures.has(projection.name) ? "failed" : "stopped",
        position: checkpoints.get(projection.name),
        lag,
        lastError: failures.get(projection.name)
      })
    )
  )
})

const status = Command.make("status", {}, () =>
  Effect.gen(function* () {
    const statuses = yield* storedStatuses.pipe(orCliError("read the projections' checkpoints"))
    yield* Console.log(
      textTable(
        ["name", "state", "position", "lag", "last error"],
        statuses.map((s) => [
          s.name,
          s.state,
          s.position === undefined ? "-" : GlobalPosition.format(s.position),
          s.lag >= lagCap ? `${lagCap}+` : String(s.lag),
          s.lastError ?? "-"
        ])
      )
    )
    yield* Console.log(
      "\nstate: live / catching_up while a host leads it; failed when it stopped on the last error shown (until a host leads it again or it is rebuilt); stopped when none runs."
    )
  }).pipe(Effect.provide(storeLayer({ migrate: false })))
).pipe(Command.withDescription("A table of every read model's projection and process manager: state, position, lag, last error."))

const name = Args.text({ name: "NAME" }).pipe(Args.withDescription("The read model's projection, as `projections status` names it"))

const rebuild = Command.make("rebuild", { name }, ({ name }) =>
  Effect.gen(function* () {
    const projections = readModelProjections()
    const projection = projections.find((p) => p.name === name)
    if (projection === undefined) {
      const managers = ProcessManagers.projections().map((p) => p.name)
      return yield* new UnknownName({
        message: managers.includes(name)
          ? `"${name}" is a process manager: it issues commands, so it is never replayed. Read models: ${projections.map((p) => p.name).join(", ")}.`
          : `No read model named "${name}". Read models: ${projections.map((p) => p.name).join(", ")}.`
      })
    }
    const total = yield* StoredProjections.lag(projection.filter, undefined, Number.MAX_SAFE_INTEGER).pipe(
      orCliError("count the events to replay")
    )
    const checkpoints = yield* Checkpoints.Checkpoints
    const runner = yield* ProjectionRunner.make([projection], { resetCheckInterval: "500 millis" })
    const started = yield* Clock.currentTimeMillis
    const progress = reporter(`Rebuilding ${name}`, { tty: process.stderr.isTTY === true })
    const report = (final: boolean) =>
      Effect.gen(function* () {
        const position = Option.getOrUndefined(yield* checkpoints.load(name).pipe(Effect.orElseSucceed(() => Option.none())))
        const left = yield* StoredProjections.lag(projection.filter, position, total).pipe(Effect.orElseSucceed(() => total))
        const now = yield* Clock.currentTimeMillis
        yield* progress.update({ done: Math.max(0, total - left), total, elapsedMillis: now - started }, final)
      })
    // Its tables exist before the reset empties them (on a database no host has run on yet).
    yield* projection.setup.pipe(Effect.mapError((error) => new CliError({ message: `Could not set up ${name}: ${String(error)}` })))
    yield* runner.rebuild(name).pipe(orCliError(`rebuild ${name}`))
    const caughtUp = yield* Effect.fork(runner.awaitCaughtUp(name).pipe(orCliError(`rebuild ${name}`)))
    while (Option.isNone(yield* Fiber.poll(caughtUp))) {
      yield* report(false)
      yield* Effect.sleep("250 millis")
    }
    yield* Fiber.join(caughtUp)
    yield* report(true)
    const position = Option.getOrUndefined(yield* checkpoints.load(name).pipe(orCliError(`read the checkpoint of ${name}`)))
    const seconds = ((yield* Clock.currentTimeMillis) - started) / 1000
    yield* Console.log(
      `Rebuilt ${name}: ${total} events in ${seconds.toFixed(1)} s, at position ${position === undefined ? "-" : GlobalPosition.format(position)}.`
    )
  }).pipe(Effect.scoped, Effect.provide(storeLayer({ migrate: false })))
).pipe(
  Command.withDescription(
    "Empty a read model's tables and checkpoint, and replay every event into it, with progress (a host running meanwhile keeps serving; if it leads the projection, it does the replay)."
  )
)

/** The `projections` command group. */
export const projections = Command.make("projections").pipe(
  Command.withDescription("The host's read models and process managers: their status, and rebuilding a read model."),
  Command.withSubcommands([status, rebuild])
)
