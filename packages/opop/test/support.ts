/** What the PostgreSQL suites of this package share: the run's server, a database per suite, a schema per store. */
import { Effect, Layer, Redacted } from "effect"
import { PgClient } from "@effect/sql-pg"
import { inject } from "vitest"
import { PostgresEventStore } from "@jatim/eventstore-postgres"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"

declare module "vitest" {
  interface ProvidedContext {
    readonly databaseUrl: string
  }
}

let stores = 0

/** Creates a database of this suite's own on the run's server (`suite` + a random suffix). */
export const suiteDatabase = (suite: string): Promise<Redacted.Redacted<string>> =>
  Effect.runPromise(
    EmbeddedPostgres.createUniqueDatabase(Redacted.make(inject("databaseUrl")), suite)
  )

/** A new, empty PostgreSQL event store on `url`, in a schema of its own. */
export const storeLayer = (url: Redacted.Redacted<string>) =>
  PostgresEventStore.layer({ schema: `opop_${++stores}_${Math.random().toString(36).slice(2, 8)}` }).pipe(
    Layer.provide(PgClient.layer({ url, maxConnections: 4 }))
  )
