/** Leader election on PostgreSQL: one check per lock connection, and what a failed check does. */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { SqlClient } from "@effect/sql"
import { LeaderElection } from "@jatim/eventstore"
import { PostgresLeaderElection } from "../src/index.js"
import { clientLayer, suiteDatabaseBeforeAll, uniqueSchema } from "./support.js"

const url = suiteDatabaseBeforeAll("leader_election")

/** An instance's leader election: a pool of its own. */
const instance = (options: PostgresLeaderElection.PostgresLeaderElectionOptions) =>
  PostgresLeaderElection.layer(options).pipe(Layer.provideMerge(clientLayer(url(), 4)))

describe("PostgreSQL leader election", () => {
  it.live("twelve leaderships of one instance share one lock connection, and none is lost while it answers its checks", () =>
    Effect.gen(function* () {
      const schema = uniqueSchema()
      const context = yield* Layer.build(instance({ schema, checkInterval: "50 millis" }))
      const election = yield* Effect.provide(LeaderElection.LeaderElection, context)
      const names = Array.from({ length: 12 }, (_, i) => `projection-${i}`)
      const leaderships = yield* Effect.forEach(names, (name) => election.lead(name))
      // Every lock is held by one backend: the instance's lock connection.
      const holders = yield* Effect.provide(
        Effect.flatMap(
          SqlClient.SqlClient,
          (sql) => sql<{ pid: number }>`SELECT DISTINCT pid FROM pg_locks WHERE locktype = 'advisory' AND granted`
        ),
        context
      )
      expect(holders).toHaveLength(1)
      // Ten checks later, nothing is lost.
      yield* Effect.sleep("500 millis")
      const lost = yield* Effect.forEach(leaderships, (leadership) => Effect.timeout(leadership.lost, "10 millis").pipe(Effect.option))
      expect(lost.every((outcome) => outcome._tag === "None")).toBe(true)
    }).pipe(Effect.scoped)
  )

  it.live("a check slower than checkTimeout loses every leadership on the connection and releases its locks", () =>
    Effect.gen(function* () {
      const schema = uniqueSchema()
      // A timeout no check can meet: the first check after leading counts the connection as dead.
      const slow = yield* Layer.build(instance({ schema, checkInterval: "50 millis", checkTimeout: "0 millis" }))
      const election = yield* Effect.provide(LeaderElection.LeaderElection, slow)
      const leaderships = yield* Effect.forEach(["a", "b"], (name) => Effect.scoped(Effect.flatMap(election.lead(name), (l) => l.lost)))
      expect(leaderships).toHaveLength(2)
      // Its locks were released: another instance takes both names at once.
      const other = yield* Layer.build(instance({ schema }))
      const otherElection = yield* Effect.provide(LeaderElection.LeaderElection, other)
      yield* Effect.forEach(["a", "b"], (name) =>
        otherElection.lead(name).pipe(Effect.timeoutFail({ duration: "3 seconds", onTimeout: () => `${name} was not released` }))
      )
    }).pipe(Effect.scoped)
  )
})
