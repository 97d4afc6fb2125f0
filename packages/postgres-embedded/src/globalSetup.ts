/**
 * A vitest `globalSetup`: one PostgreSQL server for the whole test run — the one of
 * `DATABASE_URL` when it is set, otherwise an embedded server started here and stopped after
 * the run. Tests read its URL with `inject("databaseUrl")` and create a database of their own
 * on it (`EmbeddedPostgres.createDatabase`).
 *
 * @since 0.1.0
 */
import { Effect, Exit, Redacted, Scope } from "effect"
import * as EmbeddedPostgres from "./EmbeddedPostgres.js"
import { keepExitCode } from "./exitCode.js"

/** What the setup hands to the tests. */
export interface ProvidedDatabase {
  /** The URL of the server's maintenance database. */
  readonly databaseUrl: string
}

/** Something that can hand values to tests: vitest's `TestProject`. */
export interface Provider {
  readonly provide: (key: "databaseUrl", value: string) => void
}

/** Starts (or finds) the server and provides its URL; returns the teardown. */
export default async function setup(project: Provider): Promise<() => Promise<void>> {
  const scope = Effect.runSync(Scope.make())
  const server = await Effect.runPromise(Scope.extend(EmbeddedPostgres.fromEnvironmentOrStart(), scope))
  project.provide("databaseUrl", Redacted.value(server.url))
  return async () => {
    await Effect.runPromise(Scope.close(scope, Exit.void))
    // The server is stopped: a failed run must end with the runner's exit code, not 0.
    keepExitCode()
  }
}
