/**
 * Where the CLI's store is: `DATABASE_URL`, or the host's embedded PostgreSQL in
 * `<repo>/.data/postgres`. When the host (or another CLI) runs that server, the CLI connects to
 * it (its port is in the data folder's `postmaster.pid`) instead of starting a second server on
 * the same folder; otherwise it starts the server for the command and stops it after.
 */
import type { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { Config, Console, Effect, Layer, Option, Redacted, type Scope } from "effect"
import { existsSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { Migrations, PostgresEventStore, PostgresPersonalDataKeys, PostgresProjections } from "@jatim/eventstore-postgres"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"
import { CliError } from "./errors.js"
import { withCryptoShredding } from "../personalData.js"

/** The repository's root: the first folder up from this module (a source, or the bundle in `dist/`) that holds the host. */
const repoRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, "examples", "http-host", "package.json"))) {
    const parent = dirname(dir)
    if (parent === dir) return process.cwd()
    dir = parent
  }
  return dir
})()

/** The embedded server's data folder, as the host keeps it (`npm start`). */
export const dataDir = join(repoRoot, ".data", "postgres")

/** The schema of the event store (the host's). */
export const storeSchema = PostgresEventStore.defaultSchema

/** A database to work on, and how to name it to the operator. */
export interface Database {
  readonly url: Redacted.Redacted<string>
  readonly description: string
  /** The embedded server of `.data/postgres` (running already or started), not `DATABASE_URL`. */
  readonly embedded: boolean
}

/** The port of the server running on `dir` (its `postmaster.pid`'s fourth line), if its process is alive. */
export const runningPort = (dir: string): Option.Option<number> => {
  const pidFile = join(dir, "postmaster.pid")
  if (!existsSync(pidFile)) return Option.none()
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n")
  const alive = (() => {
    try {
      process.kill(Number(pid), 0)
      return true
    } catch (error) {
      // EPERM: the process exists but belongs to another user (the server runs as `postgres`).
      return error instanceof Error && "code" in error && error.code === "EPERM"
    }
  })()
  return alive && Number.isInteger(Number(port)) ? Option.some(Number(port)) : Option.none()
}

/** `DATABASE_URL`, the running embedded server of `.data/postgres`, or that server started for the scope. */
export const database: Effect.Effect<Database, CliError, Scope.Scope> = Effect.gen(function* () {
  const configured = yield* Config.option(Config.redacted("DATABASE_URL")).pipe(
    Effect.mapError((error) => new CliError({ message: `DATABASE_URL cannot be read: ${error.message}` }))
  )
  if (Option.isSome(configured)) return { url: configured.value, description: "PostgreSQL at DATABASE_URL", embedded: false }
  const port = runningPort(dataDir)
  if (Option.isSome(port)) {
    return {
      url: Redacted.make(`postgresql://postgres:postgres@127.0.0.1:${port.value}/postgres`),
      description: `the embedded PostgreSQL already running on ${dataDir} (port ${port.value})`,
      embedded: true
    }
  }
  const server = yield* EmbeddedPostgres.start({ dataDir }).pipe(
    Effect.mapError((error) => new CliError({ message: `${error.message} (data folder ${dataDir})` }))
  )
  return { url: server.url, description: `the embedded PostgreSQL of ${dataDir} (started for this command)`, embedded: true }
})

/** Turns a database failure into one line that says what could not be done. */
export const orCliError =
  (doing: string) =>
  <A, E extends { readonly message: string }, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, CliError, R> =>
    Effect.mapError(effect, (error) => new CliError({ message: `Could not ${doing}: ${error.message}` }))

/** A client of the CLI's database (for the life of the layer). */
export const clientLayer: Layer.Layer<PgClient.PgClient | SqlClient.SqlClient, CliError> = Layer.unwrapScoped(
  // Which server, on stderr, unless DATABASE_URL named it.
  Effect.map(
    Effect.tap(database, (db) => (db.embedded ? Console.error(`jatim: on ${db.description}`) : Effect.void)),
    (db) =>
      PgClient.layer({ url: db.url, maxConnections: 5 }).pipe(
        Layer.mapError((error) => new CliError({ message: `Could not connect to ${db.description}: ${error.message}` }))
      )
  )
)

/** Fails unless the store is migrated: the CLI never changes the schema unless asked (`jatim migrate`, `jatim seed`). */
export const requireMigrated = Effect.gen(function* () {
  const status = yield* Migrations.check(storeSchema).pipe(orCliError("read the store's version"))
  if (!status.upToDate) {
    return yield* new CliError({
      message: `The event store (schema ${storeSchema}) is at version ${status.version} of ${status.latest}: run \`jatim migrate\` first.`
    })
  }
})

/**
 * The event store (reading personal data as the host does: decrypted, or erased), its key store,
 * checkpoints and leader election on the CLI's database (`migrate`: whether to create or upgrade
 * the store first; otherwise it must be migrated already).
 */
export const storeLayer = (options: { readonly migrate: boolean }) =>
  withCryptoShredding(
    Layer.mergeAll(
      PostgresEventStore.layer({ schema: storeSchema, migrate: options.migrate }),
      PostgresProjections.layer({ schema: storeSchema })
    ),
    PostgresPersonalDataKeys.layer({ schema: storeSchema })
  ).pipe(
    Layer.mapError((error) => new CliError({ message: `Could not open the event store: ${error.message}` })),
    Layer.provide(options.migrate ? Layer.empty : Layer.effectDiscard(requireMigrated)),
    Layer.provideMerge(clientLayer)
  )
