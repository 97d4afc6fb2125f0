/** What the PostgreSQL suites need: the run's server, a database per suite, a schema per store. */
import { Effect, Layer, Redacted } from "effect"
import { PgClient } from "@effect/sql-pg"
import { inject } from "vitest"
import { PostgresEventStore, PostgresProjections } from "@jatim/eventstore-postgres"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"

declare module "vitest" {
  interface ProvidedContext {
    readonly databaseUrl: string
  }
}

/** Creates a database of this suite's own on the run's server (`suite` + a random suffix). */
export const suiteDatabase = (suite: string): Promise<Redacted.Redacted<string>> =>
  Effect.runPromise(
    EmbeddedPostgres.createUniqueDatabase(Redacted.make(inject("databaseUrl")), suite)
  )

/** A schema name no other store of the run uses. */
export const uniqueSchema = () => `tomiko_${Math.random().toString(36).slice(2, 10)}`

/** The event store and the projection services in `schema`, over a pool of its own on `url`. */
export const instance = (url: Redacted.Redacted<string>, schema: string) =>
  Layer.mergeAll(
    PostgresEventStore.layer({ schema }),
    PostgresProjections.layer({ schema, retry: "100 millis", checkInterval: "200 millis" })
  ).pipe(Layer.provideMerge(PgClient.layer({ url, maxConnections: 8 })))
