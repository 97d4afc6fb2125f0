/**
 * What PostgreSQL test suites share: the run's server (vitest's provided `databaseUrl`, from
 * `@jatim/postgres-embedded`'s global setup), a database per suite and a schema name per store.
 *
 * A subpath export, `@jatim/testing/postgres`, so that the main entry point does not pull
 * PostgreSQL for suites that run on the in-memory store.
 *
 * @since 0.1.0
 */
import { Effect, Redacted } from "effect"
import { beforeAll, inject } from "vitest"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"

declare module "vitest" {
  interface ProvidedContext {
    /** The URL of the run's PostgreSQL server, provided by the global setup. */
    readonly databaseUrl: string
  }
}

/** Creates a database of this suite's own on the run's server (`suite` + a random suffix). */
export const suiteDatabase = (suite: string): Promise<Redacted.Redacted<string>> =>
  Effect.runPromise(EmbeddedPostgres.createUniqueDatabase(Redacted.make(inject("databaseUrl")), suite))

/**
 * Creates this suite's database before its tests run (in a `beforeAll` hook of the file that
 * calls it) and returns its URL's getter, for use inside the tests.
 */
export const suiteDatabaseBeforeAll = (suite: string): (() => Redacted.Redacted<string>) => {
  let url: Redacted.Redacted<string> | undefined
  beforeAll(async () => {
    url = await suiteDatabase(suite)
  })
  return () => {
    if (url === undefined) throw new Error(`the database of suite "${suite}" is made in beforeAll: read its URL inside a test`)
    return url
  }
}

let schemas = 0

/** A schema name no other store of the run uses: `prefix`, a counter and a random suffix. */
export const uniqueSchema = (prefix = "store"): string => `${prefix}_${++schemas}_${Math.random().toString(36).slice(2, 8)}`
