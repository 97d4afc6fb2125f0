/** What the PostgreSQL suites of this package share: the run's server, a database per suite. */
import { Effect, Redacted } from "effect"
import { inject } from "vitest"
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
