/**
 * What the chaos run writes and runs: its streams, its events, the SQL read model that counts
 * every apply, and the process manager that turns orders on the hot stream into commands on a
 * stream the writers also append to.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import { SqlClient } from "@effect/sql"
import { CommandHandler, Decider, EventCodec, type EventStore, ProcessManager, Projection, type SnapshotStore } from "@jatim/eventstore"
import type { ObservedEvent, ProcessManagerShape } from "./Check.js"

/** The streams that most writers hit: contention on their versions, the process manager's triggers. */
export const hotStreams = ["hot-1", "hot-2"] as const

/** The stream whose `Ordered` events trigger the process manager. */
export const triggerStream = "hot-1"

/** The stream the process manager's commands append to, which writers append to as well. */
export const tallyStream = "tally-1"

/** Streams every writer appends to now and then. */
export const sharedStream = (i: number): string => `shared-${i}`

/** A stream of one writer's own. */
export const ownStream = (writer: number, n: number): string => `own-w${writer}x${n}`

/** The read model's projection name. */
export const readModelName = "chaos_read_model"

/** The process manager's name. */
export const processManagerName = "chaos_tally"

/** An order on the hot stream: the process manager's trigger. */
export class Ordered extends Schema.TaggedClass<Ordered>()("Ordered", { quantity: Schema.Int }) {}

/** A count on the tally stream, from a writer or from the process manager. */
export class Counted extends Schema.TaggedClass<Counted>()("Counted", { quantity: Schema.Int, source: Schema.String }) {}

/** The tally's decider: every command counts its quantity. */
const tally = Decider.make<{ readonly quantity: number }, Counted, number>({
  initialState: 0,
  evolve: (total, event) => total + event.quantity,
  decide: (command) => Effect.succeed([new Counted({ quantity: command.quantity, source: "process-manager" })])
})

/** Counts an order on the tally stream: a command handler as an application has one (snapshots every 50 events). */
export const countOrder = CommandHandler.make({
  decider: tally,
  codec: EventCodec.make(Schema.Union(Counted)),
  snapshots: { name: "tally", every: 50, schema: Schema.Number, version: 1 }
})

/** The process manager: each order on the hot stream becomes one count on the tally stream. */
export const processManager: Projection.Projection<EventStore.EventStore | SnapshotStore.SnapshotStore> = ProcessManager.make({
  name: processManagerName,
  codec: EventCodec.make(Schema.Union(Ordered)),
  categories: ["hot"],
  handle: (event) =>
    event.streamName === triggerStream
      ? Effect.asVoid(countOrder(tallyStream, { quantity: event.data.quantity }, ProcessManager.commandOptions(event)))
      : Effect.void
})

/** The process manager's triggers and commands, as the checker sees them. */
export const processManagerShape: ProcessManagerShape = {
  name: processManagerName,
  isTrigger: (event: ObservedEvent) => event.streamName === triggerStream && event.type === "Ordered",
  isCommandEvent: (event: ObservedEvent) => event.streamName === tallyStream && event.causationId !== undefined
}

/** The read model's table in `schema`. */
export const readModelTable = (schema: string): string => `"${schema}".chaos_applied`

/**
 * A SQL read model with one row per event id and the number of times it was applied: a second
 * apply increments the count (the primary key does not hide it), within a batch too. Its
 * reset is a `DELETE`, not a `TRUNCATE`, so that it sees only committed rows, as most resets do.
 */
export const readModel = (schema: string, instance: string): Projection.Projection<SqlClient.SqlClient> => {
  const table = readModelTable(schema)
  return Projection.make<SqlClient.SqlClient>({
    name: readModelName,
    setup: Effect.flatMap(SqlClient.SqlClient, (sql) =>
      sql.unsafe(`CREATE TABLE IF NOT EXISTS ${table} (event_id text PRIMARY KEY, applied int NOT NULL, applied_by text NOT NULL)`)
    ),
    handle: (events) =>
      Effect.flatMap(SqlClient.SqlClient, (sql) =>
        sql.unsafe(
          `INSERT INTO ${table} AS t (event_id, applied, applied_by)
           SELECT id, count(*), $2 FROM unnest($1::text[]) AS batch(id) GROUP BY id
           ON CONFLICT (event_id) DO UPDATE SET applied = t.applied + excluded.applied, applied_by = excluded.applied_by`,
          [events.map((event) => event.eventId), instance]
        )
      ),
    reset: Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(`DELETE FROM ${table}`))
  })
}
