/** What the Postgres suites share: the run's server, a database per suite, a schema per store. */
import { Effect, Layer, Redacted } from "effect"
import { PgClient } from "@effect/sql-pg"
import { inject } from "vitest"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"
import { PostgresEventStore } from "../src/index.js"

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

/** A `PgClient` on `url`. */
export const clientLayer = (url: Redacted.Redacted<string>, maxConnections = 12) =>
  PgClient.layer({ url, maxConnections })

/** A schema name no other store of the run uses. */
export const uniqueSchema = () => `store_${++stores}_${Math.random().toString(36).slice(2, 8)}`

/** A new, empty PostgreSQL event store on `url`, in a schema of its own unless one is given. */
export const storeLayer = (
  url: Redacted.Redacted<string>,
  options: PostgresEventStore.PostgresEventStoreOptions = {}
) =>
  PostgresEventStore.layer({ schema: uniqueSchema(), ...options }).pipe(Layer.provideMerge(clientLayer(url)))
