/** What the PostgreSQL suites need: the store and projections in a schema (the database per suite comes from `@jatim/testing/postgres`). */
import { Layer, type Redacted } from "effect"
import { PgClient } from "@effect/sql-pg"
import { PostgresEventStore, PostgresProjections } from "@jatim/eventstore-postgres"
import { uniqueSchema as schemaNamed } from "@jatim/testing/postgres"

export { suiteDatabase } from "@jatim/testing/postgres"

/** A schema name no other store of the run uses. */
export const uniqueSchema = () => schemaNamed("tomiko")

/** The event store and the projection services in `schema`, over a pool of its own on `url`. */
export const instance = (url: Redacted.Redacted<string>, schema: string) =>
  Layer.mergeAll(
    PostgresEventStore.layer({ schema }),
    PostgresProjections.layer({ schema, retry: "100 millis", checkInterval: "200 millis" })
  ).pipe(Layer.provideMerge(PgClient.layer({ url, maxConnections: 8 })))
