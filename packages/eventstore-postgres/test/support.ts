/** What the Postgres suites share: a `PgClient`, a new store in a schema of its own, an app instance (the database per suite comes from `@jatim/testing/postgres`). */
import { Layer, type Redacted } from "effect"
import { PgClient } from "@effect/sql-pg"
import { uniqueSchema } from "@jatim/testing/postgres"
import { PostgresEventStore, PostgresProjections } from "../src/index.js"

export { suiteDatabase, uniqueSchema } from "@jatim/testing/postgres"

/** A `PgClient` on `url`. */
export const clientLayer = (url: Redacted.Redacted<string>, maxConnections = 12) => PgClient.layer({ url, maxConnections })

/** A new, empty PostgreSQL event store on `url`, in a schema of its own unless one is given. */
export const storeLayer = (url: Redacted.Redacted<string>, options: PostgresEventStore.PostgresEventStoreOptions = {}) =>
  PostgresEventStore.layer({ schema: uniqueSchema(), ...options }).pipe(Layer.provideMerge(clientLayer(url)))

/** One app instance: its own connection pool, the store and the projection services in `schema`. */
export const instanceLayer = (
  url: Redacted.Redacted<string>,
  schema: string,
  options: PostgresEventStore.PostgresEventStoreOptions = {},
  connections = 8
) =>
  Layer.mergeAll(
    PostgresEventStore.layer({ ...options, schema }),
    PostgresProjections.layer({ schema, retry: "100 millis", checkInterval: "200 millis" })
  ).pipe(Layer.provideMerge(clientLayer(url, connections)))
