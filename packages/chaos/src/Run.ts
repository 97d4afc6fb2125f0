/**
 * One chaos run on a database of its own: start the instances, the three live subscribers, the
 * two projection runners, the writers and the chaos; stop the writers and the chaos after the
 * run's time; wait for the projections and subscribers to catch up; read all events; check.
 *
 * @since 0.1.0
 */
import { Clock, Context, Effect, Fiber, Layer, Option, Ref, Schema, Stream, type Redacted, type Scope } from "effect"
import { PgClient } from "@effect/sql-pg"
import { SqlClient } from "@effect/sql"
import { Checkpoints, type Event, EventStore, GlobalPosition, type ProjectionRunner } from "@jatim/eventstore"
import { PostgresEventStore } from "@jatim/eventstore-postgres"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"
import * as Chaos from "./Chaos.js"
import { check, type ObservedEvent, type SubscriberLog, type Violation, type WriterTransaction } from "./Check.js"
import type { Settings } from "./Flags.js"
import * as Instances from "./Instances.js"
import { processManagerName, processManagerShape, readModelName, readModelTable } from "./Scenario.js"
import { Stats } from "./Stats.js"
import * as Writers from "./Writers.js"

/** What a run found. */
export interface Result {
  readonly stats: Stats
  readonly violations: ReadonlyArray<Violation>
  readonly storedEvents: number
  /** Events of the process manager's commands in the final read. */
  readonly commandEvents: number
  readonly subscribers: ReadonlyArray<{ readonly name: string; readonly events: number }>
  readonly durationMillis: number
}

const schema = "chaos"

/** Logs progress to stderr (the report goes to stdout). */
export const log = (message: string) => Effect.sync(() => process.stderr.write(`[chaos] ${message}\n`))

const observe = (event: Event.RecordedEvent): ObservedEvent => ({
  eventId: event.eventId,
  streamName: event.streamName,
  streamVersion: event.streamVersion,
  type: event.type,
  position: event.globalPosition,
  causationId: event.metadata.causationId
})

/** A live subscriber from the first event; when its stream fails, it subscribes again after the last event it saw. */
const subscriber = (store: EventStore.EventStore, batchSize: number, seen: Array<ObservedEvent>, stats: Stats) =>
  Effect.gen(function* () {
    while (true) {
      yield* store.subscribe({ from: seen.at(-1)?.position, batchSize }).pipe(
        Stream.runForEach((event) => Effect.sync(() => seen.push(observe(event)))),
        Effect.exit
      )
      stats.resubscriptions += 1
      yield* Effect.sleep("100 millis")
    }
  })

const Applied = Schema.Array(Schema.Struct({ event_id: Schema.String, applied: Schema.Number }))

/** The position of the last event `filter` selects, if any. */
const lastPosition = (store: EventStore.EventStore, filter: EventStore.EventFilter) =>
  Effect.map(
    Stream.runHead(store.readAll({ ...filter, direction: "backward", maxCount: 1 })),
    Option.map((event) => event.globalPosition)
  )

const samePosition = Option.getEquivalence(GlobalPosition.equals)

/**
 * Waits until both projections have applied everything (their checkpoints at the last event
 * they select); returns why not when they do not within the time, or fail on every instance.
 */
const settle = (
  store: EventStore.EventStore,
  checkpoints: Checkpoints.Checkpoints,
  slots: ReadonlyArray<Instances.Slot>,
  settings: Settings
) =>
  Effect.gen(function* () {
    const deadline = (yield* Clock.currentTimeMillis) + settings.settleMillis
    let statuses: ReadonlyArray<readonly [string, ReadonlyArray<ProjectionRunner.ProjectionStatus>]> = []
    while ((yield* Clock.currentTimeMillis) < deadline) {
      const head = yield* lastPosition(store, {})
      const triggers = yield* lastPosition(store, { categories: ["hot"], eventTypes: ["Ordered"] })
      const readModelAt = yield* checkpoints.load(readModelName)
      const processManagerAt = yield* checkpoints.load(processManagerName)
      if (samePosition(readModelAt, head) && samePosition(processManagerAt, triggers)) return Option.none<string>()
      statuses = yield* Effect.forEach(
        slots.flatMap((slot) => Option.toArray(slot.current)),
        (running) =>
          Effect.map(
            Effect.catchAllCause(running.runner.status, () => Effect.succeed([])),
            (s) => [running.instance, s] as const
          )
      )
      for (const name of [readModelName, processManagerName]) {
        const states = statuses.map(([, list]) => list.find((s) => s.name === name))
        if (states.length > 0 && states.every((s) => s?.state === "failed")) {
          return Option.some(`projection ${name} failed on every instance: ${states[0]?.lastError ?? "(no error given)"}`)
        }
      }
      yield* Effect.sleep("250 millis")
    }
    const described = statuses
      .map(
        ([instance, list]) =>
          `${instance}: ${list.map((s) => `${s.name} ${s.state}${s.lastError === undefined ? "" : ` (${s.lastError})`}`).join(", ")}`
      )
      .join("; ")
    return Option.some(`the projections did not catch up within ${settings.settleMillis / 1000} s (${described})`)
  })

/** Runs the chaos on the server at `serverUrl`, in a new database. */
export const run = (settings: Settings, serverUrl: Redacted.Redacted<string>): Effect.Effect<Result, unknown, Scope.Scope> =>
  Effect.gen(function* () {
    const url = yield* EmbeddedPostgres.createDatabase(serverUrl, `chaos_${settings.seed}_${process.pid}`)
    const target: Instances.Target = { url, schema }
    const stats = new Stats()
    // The writers' instance migrates the schema; the others find it ready.
    const writers = yield* Layer.build(
      Instances.appLayer(target, {
        app: "chaos-writers",
        instance: "writers",
        maxConnections: settings.writers + 3,
        migrate: true,
        stats
      })
    )
    const observer = yield* Layer.build(
      Instances.appLayer(target, {
        app: "chaos-observer",
        instance: "observer",
        maxConnections: 4,
        migrate: false,
        stats
      })
    )
    const admin = Context.get(
      yield* Layer.build(PgClient.layer({ url, maxConnections: 2, applicationName: "chaos-admin" })),
      SqlClient.SqlClient
    )
    const observerStore = Context.get(observer, EventStore.EventStore)
    const checkpoints = Context.get(observer, Checkpoints.Checkpoints)
    const started = yield* Clock.currentTimeMillis

    // Three live subscribers from the first event: two on the observer's store, one on the writers'.
    const logs: Array<{ readonly name: string; readonly seen: Array<ObservedEvent> }> = [
      { name: "observer-100", seen: [] },
      { name: "observer-7", seen: [] },
      { name: "writers-31", seen: [] }
    ]
    const subscribers = yield* Effect.all([
      Effect.fork(subscriber(observerStore, 100, logs[0]!.seen, stats)),
      Effect.fork(subscriber(observerStore, 7, logs[1]!.seen, stats)),
      Effect.fork(
        Effect.flatMap(EventStore.EventStore, (store) => subscriber(store, 31, logs[2]!.seen, stats)).pipe(Effect.provide(writers))
      )
    ])

    const slots = [Instances.makeSlot("a"), Instances.makeSlot("b")]
    for (const slot of slots) yield* Instances.start(slot, target, stats)

    const stop = yield* Ref.make(false)
    const ledger: Array<WriterTransaction> = []
    const writerFibers = yield* Effect.forEach(
      Array.from({ length: settings.writers }, (_, i) => i),
      (i) => Effect.fork(Writers.writer(i, settings, stop, ledger, stats).pipe(Effect.provide(writers)))
    )
    const chaosFibers = yield* Effect.forEach(
      Chaos.all({ settings, stop, stats, admin, slots, target, listenStatement: `LISTEN "${PostgresEventStore.channelOf(schema)}"` }),
      (work) => Effect.fork(work)
    )
    // A projection that stops as failed is a problem even when a restart later clears it.
    const failures = new Set<string>()
    const watch = yield* Effect.fork(
      Effect.forever(
        Effect.zipRight(
          Effect.sleep("250 millis"),
          Effect.forEach(
            slots.flatMap((slot) => Option.toArray(slot.current)),
            (running) =>
              Effect.map(
                Effect.catchAllCause(running.runner.status, () => Effect.succeed([])),
                (statuses) => {
                  for (const status of statuses) {
                    const key = `${running.instance}/${status.name}`
                    if (status.state !== "failed" || failures.has(key)) continue
                    failures.add(key)
                    stats.problems.push(
                      `projection ${status.name} stopped as failed on instance ${running.instance}: ${status.lastError ?? "(no error given)"}`
                    )
                  }
                }
              ),
            { discard: true }
          )
        )
      )
    )
    const progress = yield* Effect.fork(
      Effect.forever(
        Effect.zipRight(
          Effect.sleep("5 seconds"),
          Effect.flatMap(Clock.currentTimeMillis, (now) =>
            log(
              `${((now - started) / 1000).toFixed(0)} s: ${stats.committedEvents} events committed, ${stats.rolledBackEvents} rolled back, ` +
                `${stats.connectionsKilled} connections killed, ${stats.rebuilds} rebuilds, ${stats.leaderChanges} leader changes; ` +
                `subscribers ${logs.map((l) => l.seen.length).join(" / ")}`
            )
          )
        )
      )
    )

    while (true) {
      yield* Effect.sleep("200 millis")
      const elapsed = (yield* Clock.currentTimeMillis) - started
      if (elapsed >= settings.durationMillis) break
      if (settings.events !== undefined && stats.committedEvents >= settings.events) break
    }
    yield* Ref.set(stop, true)
    yield* log("stopping the writers and the chaos")
    yield* Fiber.joinAll([...writerFibers, ...chaosFibers])
    for (const slot of slots) if (Option.isNone(slot.current)) yield* Instances.start(slot, target, stats)

    yield* log("waiting for the projections to catch up")
    const unsettled = yield* settle(observerStore, checkpoints, slots, settings)
    if (Option.isSome(unsettled)) stats.problems.push(unsettled.value)

    const finalRead = Array.from(yield* Stream.runCollect(observerStore.readAll({ batchSize: 1000 })), observe)
    yield* log(`final read: ${finalRead.length} events; waiting for the subscribers`)
    for (let waited = 0; waited < 20_000 && logs.some((l) => l.seen.length < finalRead.length); waited += 100) {
      yield* Effect.sleep("100 millis")
    }
    // A little longer, so that a duplicate delivered late is seen too.
    yield* Effect.sleep("500 millis")
    yield* Fiber.interruptAll([...subscribers, progress, watch])

    const applied = yield* admin.unsafe(`SELECT event_id, applied FROM ${readModelTable(schema)}`).pipe(
      Effect.flatMap(Schema.decodeUnknown(Applied)),
      Effect.map((rows) => new Map(rows.map((row) => [row.event_id, row.applied]))),
      Effect.catchAll((error) =>
        Effect.sync(() => {
          stats.problems.push(`the read model could not be read: ${error.message}`)
          return new Map<string, number>()
        })
      )
    )
    for (const slot of slots) {
      if (!(yield* Instances.stop(slot))) stats.problems.push(`instance of slot ${slot.name} did not shut down at the end`)
    }

    const subscriberLogs: ReadonlyArray<SubscriberLog> = logs.map((l) => ({ name: l.name, events: l.seen }))
    const violations = check({
      transactions: ledger,
      finalRead,
      subscribers: subscriberLogs,
      readModels: [{ name: readModelName, applied }],
      processManager: processManagerShape
    })
    return {
      stats,
      violations,
      storedEvents: finalRead.length,
      commandEvents: finalRead.filter(processManagerShape.isCommandEvent).length,
      subscribers: logs.map((l) => ({ name: l.name, events: l.seen.length })),
      durationMillis: (yield* Clock.currentTimeMillis) - started
    }
  })
