/**
 * Builds the host: the event store (PostgreSQL or memory), read models and process managers,
 * the API with its handlers, Swagger UI at `/docs`, and the Node HTTP server. `start` runs it in
 * a scope and returns its URL, so `main.ts` and the tests start it the same way.
 */
import { HttpApiBuilder, HttpApiSwagger, HttpServer } from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { SqlClient } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { PgClient } from "@effect/sql-pg"
import { Config, Duration, Effect, Layer, Logger, type Redacted } from "effect"
import { createServer } from "node:http"
import { Checkpoints, InMemoryEventStore, LeaderElection, PersonalDataKeys } from "@jatim/eventstore"
import { PostgresEventStore, PostgresPersonalDataKeys, PostgresProjections } from "@jatim/eventstore-postgres"
import { Api } from "./api/Api.js"
import { RequestTurns } from "./api/common.js"
import { FeedLive } from "./api/feed/handlers.js"
import { JatimIsoLive, JatimIsoQueriesLive } from "./api/jatim-iso/handlers.js"
import { OpopLive, OpopQueriesLive } from "./api/opop/handlers.js"
import { SijawaraLive, SijawaraQueriesLive } from "./api/sijawara/handlers.js"
import { SystemLive } from "./api/system/handlers.js"
import { TomikoLive, TomikoQueriesLive } from "./api/tomiko/handlers.js"
import { AuthenticationLive, OptionalAuthenticationLive, TokenKeys } from "./auth.js"
import { defaultMaxBodyBytes, limitBody } from "./bodyLimit.js"
import { cors } from "./cors.js"
import * as Dashboard from "./dashboard/Dashboard.js"
import type { Idempotency } from "./idempotency/Idempotency.js"
import * as InMemoryIdempotency from "./idempotency/InMemoryIdempotency.js"
import * as PostgresIdempotency from "./idempotency/PostgresIdempotency.js"
import { JsonBodyLive } from "./jsonBody.js"
import * as ProcessManagers from "./processManagers.js"
import { withCryptoShredding } from "./personalData.js"
import * as InMemoryReadModels from "./readModels/inMemory.js"
import * as PostgresReadModels from "./readModels/postgres.js"
import type { ReadModels } from "./readModels/ReadModels.js"
import { logRequests, recordFailures } from "./requestLog.js"

/** Where the events live. */
export type StoreOption =
  | { readonly _tag: "memory" }
  | {
      readonly _tag: "postgres"
      readonly url: Redacted.Redacted<string>
      readonly schema?: string | undefined
      /** A read replica the queries of the read models run on; the primary (`url`) when absent. */
      readonly readUrl?: Redacted.Redacted<string> | undefined
    }

/** Options of the host. */
export interface HostOptions {
  readonly store: StoreOption
  /** 0 for any free port. */
  readonly port: number
  /** The keys bearer tokens are verified with (`fromSecret`, `fromConfig`). */
  readonly tokenKeys: TokenKeys
  /** Largest request body accepted, in bytes; `defaultMaxBodyBytes` (64 KiB) by default. */
  readonly maxBodyBytes?: number | undefined
  /** How long the server waits for slow or idle clients; `defaultServerTimeouts` by default. */
  readonly timeouts?: ServerTimeouts | undefined
  /**
   * Where the host's logs go (one JSON line per request, `src/requestLog.ts`, and the rest):
   * `Logger.jsonLogger` on the console (stdout) by default.
   */
  readonly logger?: Logger.Logger<unknown, void> | undefined
  /**
   * The origins (exact, e.g. `https://app.example.org`) whose browser apps may call the host
   * (CORS, `src/cors.ts`); none by default (`CORS_ORIGINS` in `main.ts`).
   */
  readonly corsOrigins?: ReadonlyArray<string> | undefined
  /**
   * Where the host's spans and metrics go (`Telemetry.layer`, built from `OTEL_*` in `main.ts`):
   * provided under everything the host builds; nowhere by default.
   */
  readonly telemetry?: Layer.Layer<never> | undefined
}

/**
 * How long the Node server waits for a client (Node's `headersTimeout`, `requestTimeout` and
 * `keepAliveTimeout`): a request whose headers, or whole request, have not arrived in time is
 * answered 408 and its connection closed; an idle kept-alive connection is closed.
 */
export interface ServerTimeouts {
  /** For the request's headers, from the connection's first byte (a slowloris guard). */
  readonly headers: Duration.DurationInput
  /** For the whole request, body included (not the response: the live feed streams on); at least `headers`. */
  readonly request: Duration.DurationInput
  /** An idle connection between requests. */
  readonly keepAlive: Duration.DurationInput
}

/**
 * The timeouts unless told otherwise: headers 20 s, whole request 60 s, idle keep-alive 5 s
 * (Node's own are 60 s, 300 s checked every 30 s, and 5 s). Generous for a client on a slow
 * link or a host busy under load; a slowloris holding connections open is cut off in 20 s.
 */
export const defaultServerTimeouts: ServerTimeouts = { headers: "20 seconds", request: "60 seconds", keepAlive: "5 seconds" }

/**
 * The timeouts from the environment: `HTTP_HEADERS_TIMEOUT`, `HTTP_REQUEST_TIMEOUT`,
 * `HTTP_KEEP_ALIVE_TIMEOUT` (durations such as `10 seconds` or `500 millis`), each
 * `defaultServerTimeouts`'s by default; the headers' may not exceed the request's.
 */
export const serverTimeoutsConfig: Config.Config<ServerTimeouts> = Config.all({
  headers: Config.duration("HTTP_HEADERS_TIMEOUT").pipe(Config.withDefault(Duration.decode(defaultServerTimeouts.headers))),
  request: Config.duration("HTTP_REQUEST_TIMEOUT").pipe(Config.withDefault(Duration.decode(defaultServerTimeouts.request))),
  keepAlive: Config.duration("HTTP_KEEP_ALIVE_TIMEOUT").pipe(Config.withDefault(Duration.decode(defaultServerTimeouts.keepAlive)))
}).pipe(
  Config.validate({
    message: "HTTP_HEADERS_TIMEOUT must not exceed HTTP_REQUEST_TIMEOUT",
    validation: (timeouts) => Duration.lessThanOrEqualTo(timeouts.headers, timeouts.request)
  })
)

/**
 * A Node HTTP server with `timeouts`. Node checks the header and request timeouts every
 * `connectionsCheckingInterval` (30 s by default): here half the header timeout, at most 1 s,
 * so that a slow client is cut off close to its timeout.
 */
const nodeServer = (timeouts: ServerTimeouts) => () => {
  const headersTimeout = Duration.toMillis(timeouts.headers)
  const server = createServer({
    headersTimeout,
    requestTimeout: Duration.toMillis(timeouts.request),
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(headersTimeout / 2)))
  })
  server.keepAliveTimeout = Duration.toMillis(timeouts.keepAlive)
  return server
}

/**
 * Serves the `Api` (as `HttpApiBuilder.serve` does) inside `logRequests` (request ids, JSON
 * answers to every failure, one log line per request) around `cors` (the CORS headers of
 * `corsOrigins`, preflights) around `limitBody` (413).
 */
const serveApi = (maxBodyBytes: number, corsOrigins: ReadonlyArray<string>) =>
  HttpApiBuilder.httpApp.pipe(
    Effect.map((app) => HttpServer.serve(logRequests(cors(corsOrigins)(limitBody(maxBodyBytes)(app))))),
    Layer.unwrapEffect,
    Layer.provide(recordFailures),
    Layer.provide([HttpApiBuilder.Router.Live, HttpApiBuilder.Middleware.layer])
  )

/** The event store (personal data encrypted per person), its key store, checkpoints and leader election in memory. */
const memoryStoreLayer = () =>
  withCryptoShredding(
    Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory),
    PersonalDataKeys.layerInMemory
  )

/**
 * The event store (personal data encrypted per person), its key store, checkpoints and leader
 * election in PostgreSQL, with the `SqlClient` they use.
 */
const postgresStoreLayer = (store: Extract<StoreOption, { readonly _tag: "postgres" }>) =>
  withCryptoShredding(
    Layer.mergeAll(
      PostgresEventStore.layer({ schema: store.schema ?? PostgresEventStore.defaultSchema }),
      PostgresProjections.layer({ schema: store.schema ?? PostgresEventStore.defaultSchema })
    ),
    PostgresPersonalDataKeys.layer({ schema: store.schema ?? PostgresEventStore.defaultSchema })
  ).pipe(Layer.provideMerge(PgClient.layer({ url: store.url, maxConnections: 20 })))

/** The event store, its key store, checkpoints and leader election of `store`. */
export const storeLayer = (store: StoreOption) => (store._tag === "memory" ? memoryStoreLayer() : postgresStoreLayer(store))

/**
 * The client the read models' queries run on: a read replica at `readUrl`, or the primary's
 * client of the context.
 */
const readClientLayer = (
  store: Extract<StoreOption, { readonly _tag: "postgres" }>
): Layer.Layer<PostgresReadModels.ReadClient, SqlError, SqlClient.SqlClient> =>
  store.readUrl === undefined
    ? Layer.effect(PostgresReadModels.ReadClient, SqlClient.SqlClient)
    : Layer.effect(PostgresReadModels.ReadClient, PgClient.PgClient).pipe(
        Layer.provide(PgClient.layer({ url: store.readUrl, maxConnections: 10 }))
      )

/**
 * What the host keeps: the store's layers, the read models and the `Idempotency-Key` store
 * beside them, in the same place (in PostgreSQL, table `http_host.idempotency_keys` and the
 * read models' schema; in memory with the events).
 */
const persistenceLayer = (
  store: StoreOption
): Layer.Layer<
  Layer.Layer.Success<ReturnType<typeof memoryStoreLayer>> | Idempotency | ReadModels,
  Layer.Layer.Error<ReturnType<typeof postgresStoreLayer>>,
  never
> =>
  store._tag === "memory"
    ? Layer.mergeAll(InMemoryIdempotency.layerInMemory, InMemoryReadModels.layer).pipe(Layer.provideMerge(memoryStoreLayer()))
    : Layer.mergeAll(
        PostgresIdempotency.layerSql(Api),
        PostgresReadModels.layer(store.schema ?? PostgresEventStore.defaultSchema).pipe(Layer.provide(readClientLayer(store)))
      ).pipe(Layer.provideMerge(postgresStoreLayer(store)))

/** The whole host as a layer (the HTTP server included). */
export const hostLayer = (options: HostOptions) => {
  const api = HttpApiBuilder.api(Api).pipe(
    Layer.provide([
      OpopLive,
      OpopQueriesLive,
      SijawaraLive,
      SijawaraQueriesLive,
      JatimIsoLive,
      JatimIsoQueriesLive,
      TomikoLive,
      TomikoQueriesLive,
      SystemLive,
      FeedLive
    ]),
    Layer.provide([AuthenticationLive, OptionalAuthenticationLive, JsonBodyLive, RequestTurns.layer])
  )
  // What the handlers use: the store, read models, process managers, token keys and the dashboard's files. It is built
  // before the server, which listens only then: a request never reaches a port whose handlers
  // are not attached yet (it would wait unanswered).
  const backend = Layer.mergeAll(ProcessManagers.layer, Layer.succeed(TokenKeys, options.tokenKeys), Dashboard.assetsLayer).pipe(
    Layer.provideMerge(persistenceLayer(options.store))
  )
  return serveApi(options.maxBodyBytes ?? defaultMaxBodyBytes, options.corsOrigins ?? []).pipe(
    Layer.provide(HttpApiSwagger.layer({ path: "/docs" })),
    // The dashboard page at `/` and its assets under `/dashboard/` (src/dashboard/).
    Layer.provide(Dashboard.layer),
    Layer.provide(HttpApiBuilder.middlewareOpenApi({ path: "/docs/openapi.json" })),
    Layer.provide(api),
    Layer.provideMerge(
      NodeHttpServer.layer(nodeServer(options.timeouts ?? defaultServerTimeouts), { port: options.port, host: "127.0.0.1" })
    ),
    Layer.provideMerge(backend),
    Layer.provide(Logger.replace(Logger.defaultLogger, options.logger ?? Logger.withConsoleLog(Logger.jsonLogger))),
    // The tracer is set before anything is built: every span of the host goes to the exporter.
    Layer.provide(options.telemetry ?? Layer.empty)
  )
}

/** Starts the host in the scope; returns its base URL. */
export const start = (options: HostOptions) =>
  Effect.gen(function* () {
    const context = yield* Layer.build(hostLayer(options))
    const server = yield* Effect.provide(HttpServer.HttpServer, context)
    const address = server.address
    const url = address._tag === "TcpAddress" ? `http://${address.hostname}:${address.port}` : `unix:${address.path}`
    return { url, context }
  })
