/** What the PostgreSQL suites of this package share: a new store in a schema of its own (the database per suite comes from `@jatim/testing/postgres`). */
import { Layer, type Redacted } from "effect"
import { PgClient } from "@effect/sql-pg"
import { PostgresEventStore } from "@jatim/eventstore-postgres"
import { uniqueSchema } from "@jatim/testing/postgres"

export { suiteDatabase } from "@jatim/testing/postgres"

/** A new, empty PostgreSQL event store on `url`, in a schema of its own. */
export const storeLayer = (url: Redacted.Redacted<string>) =>
  PostgresEventStore.layer({ schema: uniqueSchema("opop") }).pipe(Layer.provide(PgClient.layer({ url, maxConnections: 4 })))
