/**
 * Runs the registry app twice: first on the in-memory store (tests, demos), then on a real
 * PostgreSQL (DATABASE_URL, or an embedded server started for the run). Only the layer changes.
 */
import { Console, Effect, Either, Layer } from "effect"
import { PgClient } from "@effect/sql-pg"
import { InMemoryEventStore } from "@jatim/eventstore"
import { PostgresEventStore } from "@jatim/eventstore-postgres"
import { Identifier } from "@jatim/kernel"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"
import { funnelOf, registerAndVerify } from "./registry.js"

const program = Effect.gen(function* () {
  yield* registerAndVerify({
    nib: Either.getOrThrow(Identifier.parse(Identifier.Nib, "9120001234567")),
    businessName: "Keripik Tempe Bu Sri",
    ownerName: "Sri Wahyuni",
    region: "35.07"
  })
  return yield* funnelOf("35.07")
})

const onPostgres = Layer.unwrapScoped(
  Effect.map(EmbeddedPostgres.fromEnvironmentOrStart(), (server) =>
    PostgresEventStore.layer({ schema: "registry_example" }).pipe(Layer.provide(PgClient.layer({ url: server.url })))
  )
)

Effect.gen(function* () {
  yield* Console.log("in memory: ", yield* Effect.provide(program, InMemoryEventStore.layer()))
  yield* Console.log("PostgreSQL:", yield* Effect.provide(program, onPostgres))
}).pipe(Effect.scoped, Effect.runPromise)
