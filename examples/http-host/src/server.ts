/**
 * Builds the host: the event store (PostgreSQL or memory), projections, the API with its
 * handlers, Swagger UI at `/docs`, and the Node HTTP server. `start` runs it in a scope and
 * returns its URL, so `main.ts` and the tests start it the same way.
 */
import { HttpApi, HttpApiBuilder, OpenApi, HttpApiSwagger, HttpServer, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { PgClient } from "@effect/sql-pg"
import { Effect, Layer, Option, Redacted } from "effect"
import { createServer } from "node:http"
import { Checkpoints, InMemoryEventStore, LeaderElection } from "@jatim/eventstore"
import { PostgresEventStore, PostgresProjections } from "@jatim/eventstore-postgres"
import { OpopApi, OpopLive } from "./api/opop.js"
import { SijawaraApi, SijawaraLive } from "./api/sijawara.js"
import { TomikoApi, TomikoLive } from "./api/tomiko.js"
import { JatimIsoApi, JatimIsoLive } from "./api/jatimIso.js"
import { FeedApi, FeedLive, SystemApi, SystemLive } from "./api/system.js"
import { AuthenticationLive, TokenSecret } from "./auth.js"
import * as Idempotency from "./idempotency.js"
import * as ReadModels from "./readModels.js"

/** The host's API: every group, as the OpenAPI document describes it. */
export class Api extends HttpApi.make("jatim")
  .add(SystemApi)
  .add(FeedApi)
  .add(OpopApi)
  .add(SijawaraApi)
  .add(JatimIsoApi)
  .add(TomikoApi)
  .annotate(OpenApi.Title, "Jatim Koperasi demo host")
  .annotate(OpenApi.Description, "OPOP, Sijawara, JATIM ISO and TOMIKO over HTTP. Bearer tokens carry the actor.")
{}

/** Where the events live. */
export type StoreOption =
  | { readonly _tag: "memory" }
  | { readonly _tag: "postgres"; readonly url: Redacted.Redacted<string>; readonly schema?: string | undefined }

/** Options of the host. */
export interface HostOptions {
  readonly store: StoreOption
  /** 0 for any free port. */
  readonly port: number
  readonly tokenSecret: string
  /** Largest request body accepted, in bytes; 64 KiB by default. */
  readonly maxBodyBytes?: number | undefined
}

/** The event store, checkpoints and leader election of `store`. */
export const storeLayer = (store: StoreOption) =>
  store._tag === "memory"
    ? Layer.mergeAll(InMemoryEventStore.layer(), Checkpoints.layerInMemory, LeaderElection.layerInMemory)
    : Layer.mergeAll(
      PostgresEventStore.layer({ schema: store.schema ?? PostgresEventStore.defaultSchema }),
      PostgresProjections.layer({ schema: store.schema ?? PostgresEventStore.defaultSchema })
    ).pipe(Layer.provideMerge(PgClient.layer({ url: store.url, maxConnections: 20 })))

/** Refuses bodies over `limit` bytes with 413 (by `Content-Length`, and while reading). */
const limitBody = (limit: number) => <E, R>(app: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const length = Number(request.headers["content-length"] ?? "0")
    if (Number.isFinite(length) && length > limit) {
      return HttpServerResponse.unsafeJson(
        { _tag: "PayloadTooLarge", message: `Request bodies are limited to ${limit} bytes.` },
        { status: 413 }
      )
    }
    return yield* app.pipe(HttpServerRequest.withMaxBodySize(Option.some(limit)))
  })

/** The whole host as a layer (the HTTP server included). */
export const hostLayer = (options: HostOptions) => {
  const api = HttpApiBuilder.api(Api).pipe(
    Layer.provide([OpopLive, SijawaraLive, JatimIsoLive, TomikoLive, SystemLive, FeedLive]),
    Layer.provide(AuthenticationLive)
  )
  return HttpApiBuilder.serve(limitBody(options.maxBodyBytes ?? 64 * 1024)).pipe(
    Layer.provide(HttpApiSwagger.layer({ path: "/docs" })),
    Layer.provide(HttpApiBuilder.middlewareOpenApi({ path: "/docs/openapi.json" })),
    Layer.provide(api),
    Layer.provide(ReadModels.layer),
    Layer.provide(Idempotency.layerInMemory),
    Layer.provide(Layer.succeed(TokenSecret, Redacted.make(options.tokenSecret))),
    Layer.provideMerge(storeLayer(options.store)),
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
