/**
 * The PostgreSQL example of `packages/eventstore-postgres/README.md`, as written there, between
 * the markers below. Its last two lines (a fixed URL, and running the program to print the
 * result) are replaced by the test: the URL is a database of this suite's own on the test run's
 * server, and the result is asserted. Keep the two in step.
 */
import { describe, expect, it } from "@effect/vitest"
import { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { EventId, EventStore, ExpectedVersion, Projection, ProjectionRunner } from "@jatim/eventstore"
import { PostgresEventStore, PostgresProjections } from "@jatim/eventstore-postgres"
import { Effect, Layer, type Redacted } from "effect"
import { suiteDatabaseBeforeAll } from "./support.js"

const databaseUrl = suiteDatabaseBeforeAll("readme")

// --- README example: start ---

const schema = "koperasi_store"

/** One app instance: a pool, the store, and checkpoints, leader election and snapshots. */
const postgres = (url: Redacted.Redacted<string>) =>
  Layer.mergeAll(
    PostgresEventStore.layer({ schema }), // creates or upgrades the tables in `schema` when built
    PostgresProjections.layer({ schema })
  ).pipe(Layer.provideMerge(PgClient.layer({ url, maxConnections: 10 })))

/** A SQL read model: its rows change in the same transaction as its checkpoint. */
const memberCounts = Projection.make<SqlClient.SqlClient>({
  name: "member-counts",
  filter: { categories: ["koperasi"], eventTypes: ["MemberJoined"] },
  setup: Effect.flatMap(
    SqlClient.SqlClient,
    (sql) => sql`CREATE TABLE IF NOT EXISTS ${sql(schema)}.member_counts (koperasi text PRIMARY KEY, members int NOT NULL)`
  ),
  handle: (events) =>
    Effect.flatMap(SqlClient.SqlClient, (sql) =>
      Effect.forEach(
        events,
        (event) =>
          sql`INSERT INTO ${sql(schema)}.member_counts VALUES (${event.streamName}, 1)
          ON CONFLICT (koperasi) DO UPDATE SET members = ${sql(schema)}.member_counts.members + 1`,
        { discard: true }
      )
    ),
  reset: Effect.flatMap(SqlClient.SqlClient, (sql) => sql`TRUNCATE ${sql(schema)}.member_counts`)
})

const program = Effect.gen(function* () {
  const runner = yield* ProjectionRunner.make([memberCounts])
  const joined = (nik: string) => Effect.map(EventId.make, (eventId) => ({ eventId, type: "MemberJoined", data: { nik } }))
  yield* EventStore.appendToStream("koperasi-3578010000000001", [yield* joined("3578010101900001")], {
    expectedVersion: ExpectedVersion.noStream
  })
  yield* EventStore.appendToStream("koperasi-3578010000000001", [yield* joined("3578010101900002")], {
    expectedVersion: ExpectedVersion.exact(1)
  })
  yield* runner.awaitCaughtUp("member-counts")
  const sql = yield* SqlClient.SqlClient
  return yield* sql<{ koperasi: string; members: number }>`SELECT koperasi, members FROM ${sql(schema)}.member_counts`
})

// --- README example: end ---

describe("the README's PostgreSQL example", () => {
  it.live("appends, and the SQL read model follows with its checkpoint", () =>
    Effect.gen(function* () {
      const rows = yield* program
      expect(rows).toEqual([{ koperasi: "koperasi-3578010000000001", members: 2 }])
      const stream = yield* EventStore.readStream("koperasi-3578010000000001")
      expect(stream.events.map((e) => e.data)).toEqual([{ nik: "3578010101900001" }, { nik: "3578010101900002" }])
      const sql = yield* SqlClient.SqlClient
      const checkpoints = yield* sql<{ name: string; global_position: string }>`
        SELECT name, global_position::text FROM ${sql(schema)}.checkpoints`
      expect(checkpoints).toEqual([{ name: "member-counts", global_position: String(stream.events[1]!.globalPosition.sequence) }])
    }).pipe(Effect.scoped, Effect.provide(postgres(databaseUrl())))
  )
})
