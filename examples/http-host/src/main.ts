/**
 * `npm start`: the demo host on an embedded PostgreSQL kept in `<repo>/.data/postgres` (or on
 * `DATABASE_URL`), or in memory with `--memory` / `STORE=memory`. Prints the URL, the docs and
 * a demo token per role; loads the demo data on first start (`--seed` forces it; with
 * `--exit` it only seeds, for `npm run demo:seed`).
 */
import { NodeRuntime } from "@effect/platform-node"
import { Config, Duration, Effect, Layer, Option } from "effect"
import { fileURLToPath } from "node:url"
import { EmbeddedPostgres } from "@jatim/postgres-embedded"
import { fromConfig, generateSecret, signToken } from "./auth.js"
import { oneActorPerRole } from "./demo/actors.js"
import { seedIfEmpty } from "./demo/loader.js"
import { corsOriginsConfig } from "./cors.js"
import * as ProcessManagers from "./processManagers.js"
import { serverTimeoutsConfig, start, storeLayer, type StoreOption } from "./server.js"
import * as Telemetry from "./telemetry/Telemetry.js"

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url))

const program = Effect.gen(function* () {
  const argv = process.argv.slice(2)
  const memory = argv.includes("--memory") || (yield* Config.string("STORE").pipe(Config.withDefault(""))) === "memory"
  const port = yield* Config.integer("PORT").pipe(Config.withDefault(3000))
  const configuredSecret = yield* Config.option(Config.string("TOKEN_SECRET"))
  const tokenSecret = Option.getOrElse(configuredSecret, generateSecret)
  const tokenKeys = yield* fromConfig(tokenSecret)

  let store: StoreOption = { _tag: "memory" }
  let storeDescription = "in memory (gone when the host stops)"
  if (!memory) {
    const server = yield* EmbeddedPostgres.fromEnvironmentOrStart({ dataDir: `${repoRoot}.data/postgres` })
    // Queries of the read models may run on a read replica (the read models are kept on the primary).
    const readUrl = Option.getOrUndefined(yield* Config.option(Config.redacted("READ_DATABASE_URL")))
    store = { _tag: "postgres", url: server.url, readUrl }
    storeDescription =
      (server.embedded ? `embedded PostgreSQL, data in ${repoRoot}.data/postgres` : "PostgreSQL at DATABASE_URL") +
      (readUrl === undefined ? "" : "; queries on READ_DATABASE_URL")
  }
  if (argv.includes("--exit")) {
    // `npm run demo:seed`: load the demo data through the commands, then stop.
    // The process managers run meanwhile, as some steps wait for them.
    const result = yield* seedIfEmpty({ force: true }).pipe(
      // The process managers finish what the demo data started before the process exits.
      Effect.tap(() => Effect.flatMap(ProcessManagers.ProcessManagers, (managers) => managers.settled)),
      Effect.provide(ProcessManagers.processesLayer.pipe(Layer.provideMerge(storeLayer(store))))
    )
    yield* Effect.sync(() => console.log(`Demo data (${storeDescription}): ${result}`))
    return
  }
  const timeouts = yield* serverTimeoutsConfig
  const corsOrigins = yield* corsOriginsConfig
  const telemetry = yield* Telemetry.config()
  const { url, context } = yield* start({
    store,
    port,
    tokenKeys,
    timeouts,
    corsOrigins,
    telemetry: Option.match(telemetry, { onNone: () => undefined, onSome: Telemetry.layer })
  })
  const seeded = yield* seedIfEmpty({ force: argv.includes("--seed") }).pipe(Effect.provide(context))

  const lines = [
    "",
    `Jatim Koperasi demo host listening on ${url}`,
    `  store:    ${storeDescription}`,
    `  page:     ${url}/  (the dashboard; paste a token below in it to see more than the public views)`,
    `  docs:     ${url}/docs  (OpenAPI: ${url}/docs/openapi.json)`,
    `  feed:     ${url}/events/live?category=product  (Server-Sent Events, bearer token)`,
    `  public:   ${url}/opop/products  (queries need no token: without one, the public views only)`,
    `  status:   ${url}/projections`,
    `  timeouts: headers ${Duration.format(timeouts.headers)}, request ${Duration.format(timeouts.request)}, keep-alive ${Duration.format(
      timeouts.keepAlive
    )}  (HTTP_HEADERS_TIMEOUT, HTTP_REQUEST_TIMEOUT, HTTP_KEEP_ALIVE_TIMEOUT)`,
    "  logs:     one JSON line per request on stdout",
    Option.match(telemetry, {
      onNone: () => "  telemetry: off  (OTEL_EXPORTER_OTLP_ENDPOINT to export spans and metrics over OTLP)",
      onSome: (settings) => `  telemetry: spans and metrics to ${settings.endpoint} (OTLP/HTTP JSON) as ${settings.serviceName}`
    }),
    `  CORS:     ${corsOrigins.length === 0 ? "no origin  (CORS_ORIGINS to allow browser apps elsewhere)" : corsOrigins.join(", ")}`,
    `  demo data: ${seeded}`,
    Option.isSome(configuredSecret)
      ? "  tokens signed with TOKEN_SECRET"
      : `  TOKEN_SECRET=${tokenSecret}  (generated; set it to keep tokens valid across restarts)`,
    "",
    "Demo bearer tokens (Authorization: Bearer <token>):",
    ...(yield* Effect.forEach(oneActorPerRole, (actor) =>
      Effect.map(signToken(tokenKeys, actor), (token) => `  ${actor._tag.padEnd(16)} ${JSON.stringify(actor)}\n    ${token}`)
    )),
    "",
    `Tokens last ${Duration.format(tokenKeys.ttl)}. A token for any actor of the demo data (or any other):`,
    `  ${Option.isSome(configuredSecret) ? "" : `TOKEN_SECRET=${tokenSecret} `}npm run token -- --role LEARNER --id L-2025-000123 [--ttl 1h]`,
    ""
  ]
  yield* Effect.sync(() => console.log(lines.join("\n")))
  return yield* Effect.never
})

// The host logs JSON lines (`start`'s logger); the pretty logger would print every line again.
NodeRuntime.runMain(Effect.scoped(program), { disablePrettyLogger: true })
