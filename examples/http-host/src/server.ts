/**
 * Builds the host: the event store (PostgreSQL or memory), read models and process managers,
 * the API with its handlers, Swagger UI at `/docs`, and the Node HTTP server. `start` runs it in
 * a scope and returns its URL, so `main.ts` and the tests start it the same way.
 */
import { HttpApiBuilder, HttpApiSwagger, HttpServer } from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { PgClient } from "@effect/sql-pg"
import { Effect, Layer, Redacted } from "effect"
import { createServer } from "node:http"
import { Checkpoints, InMemoryEventStore, LeaderElection } from "@jatim/eventstore"
import { PostgresEventStore, PostgresProjections } from "@jatim/eventstore-postgres"
import { Api } from "./api/Api.js"
import { FeedLive } from "./api/feed.js"
import { JatimIsoLive, JatimIsoQueriesLive } from "./api/jatimIso.js"
import { OpopLive, OpopQueriesLive } from "./api/opop.js"
import { SijawaraLive, SijawaraQueriesLive } from "./api/sijawara.js"
import { SystemLive } from "./api/system.js"
import { TomikoLive, TomikoQueriesLive } from "./api/tomiko.js"
import { AuthenticationLive, OptionalAuthenticationLive, TokenKeys } from "./auth.js"
import { defaultMaxBodyBytes, limitBody } from "./bodyLimit.js"
import type { Idempotency } from "./idempotency/Idempotency.js"
import * as InMemoryIdempotency from "./idempotency/InMemoryIdempotency.js"
import * as PostgresIdempotency from "./idempotency/PostgresIdempotency.js"
import * as ProcessManagers from "./processManagers.js"
import * as ReadModels from "./readModels.js"

/** Where the events live. */
export type StoreOption =
  | { readonly _tag: "memory" }
  | { readonly _tag: "postgres"; readonly url: Redacted.Redacted<string>; readonly schema?: string | undefined }

/** Options of the host. */
export interface HostOptions {
  readonly store: StoreOption
  /** 0 for any free port. */
  readonly port: number
  /** The keys bearer tokens are verified with (`fromSecret`, `fromConfig`). */
  readonly tokenKeys: TokenKeys
  /** Largest request body accepted, in bytes; `defaultMaxBodyBytes` (64 KiB) by default. */
  readonly maxBodyBytes?: number | undefined
}

/** The event store, checkpoints and leader election in memory. */
const memoryStoreLayer = () => Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory)

/** The event store, checkpoints and leader election in PostgreSQL, with the `SqlClient` they use. */
const postgresStoreLayer = (store: Extract<StoreOption, { readonly _tag: "postgres" }>) =>
  Layer.mergeAll(
    PostgresEventStore.layer({ schema: store.schema ?? PostgresEventStore.defaultSchema }),
    PostgresProjections.layer({ schema: store.schema ?? PostgresEventStore.defaultSchema })
  ).pipe(Layer.provideMerge(PgClient.layer({ url: store.url, maxConnections: 20 })))

/** The event store, checkpoints and leader election of `store`. */
export const storeLayer = (store: StoreOption) => store._tag === "memory" ? memoryStoreLayer() : postgresStoreLayer(store)

/**
 * What the host keeps: the store's layers and the `Idempotency-Key` store beside them, in the
 * same place (in PostgreSQL, table `http_host.idempotency_keys`; in memory with the events).
 */
const persistenceLayer = (store: StoreOption): Layer.Layer<
  Layer.Layer.Success<ReturnType<typeof memoryStoreLayer>> | Idempotency,
  Layer.Layer.Error<ReturnType<typeof postgresStoreLayer>>,
  never
> =>
  store._tag === "memory"
    ? Layer.merge(memoryStoreLayer(), InMemoryIdempotency.layerInMemory)
    : Layer.provideMerge(PostgresIdempotency.layerSql(Api), postgresStoreLayer(store))

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
    Layer.provide([AuthenticationLive, OptionalAuthenticationLive])
  )
  return HttpApiBuilder.serve(limitBody(options.maxBodyBytes ?? defaultMaxBodyBytes)).pipe(
    Layer.provide(HttpApiSwagger.layer({ path: "/docs" })),
    Layer.provide(HttpApiBuilder.middlewareOpenApi({ path: "/docs/openapi.json" })),
    Layer.provide(api),
    Layer.provide(Layer.merge(ReadModels.layer, ProcessManagers.layer)),
    Layer.provide(Layer.succeed(TokenKeys, options.tokenKeys)),
    Layer.provideMerge(persistenceLayer(options.store)),
    Layer.provideMerge(NodeHttpServer.layer(createServer, { port: options.port, host: "127.0.0.1" }))
  )
}

/** Starts the host in the scope; returns its base URL. */
export const start = (options: HostOptions) =>
  Effect.gen(function*() {
    const context = yield* Layer.build(hostLayer(options))
    const server = yield* Effect.provide(HttpServer.HttpServer, context)
    const address = server.address
    const url = address._tag === "TcpAddress" ? `http://${address.hostname}:${address.port}` : `unix:${address.path}`
    return { url, context }
  })
