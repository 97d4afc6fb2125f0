/**
 * Builds the host: the event store (PostgreSQL or memory), projections, the API with its
 * handlers, Swagger UI at `/docs`, and the Node HTTP server. `start` runs it in a scope and
 * returns its URL, so `main.ts` and the tests start it the same way.
 */
import {
  HttpApi,
  HttpApiBuilder,
  HttpApiSwagger,
  HttpMethod,
  HttpServer,
  HttpServerRequest,
  HttpServerResponse,
  OpenApi
} from "@effect/platform"
import { NodeHttpServer } from "@effect/platform-node"
import { PgClient } from "@effect/sql-pg"
import { Effect, Either, Layer, Option, Redacted, Schema, Stream } from "effect"
import { createServer } from "node:http"
import { Checkpoints, InMemoryEventStore, LeaderElection } from "@jatim/eventstore"
import { PostgresEventStore, PostgresProjections } from "@jatim/eventstore-postgres"
import { OpopApi, OpopLive } from "./api/opop.js"
import { SijawaraApi, SijawaraLive } from "./api/sijawara.js"
import { TomikoApi, TomikoLive } from "./api/tomiko.js"
import { JatimIsoApi, JatimIsoLive } from "./api/jatimIso.js"
import { FeedApi, FeedLive, SystemApi, SystemLive } from "./api/system.js"
import { AuthenticationLive, TokenSecret } from "./auth.js"
import { PayloadTooLarge } from "./errors.js"
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
  // Any request whose body is over the limit (see `limitBody`).
  .addError(PayloadTooLarge)
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
  Layer.Layer.Success<ReturnType<typeof memoryStoreLayer>> | Idempotency.Idempotency,
  Layer.Layer.Error<ReturnType<typeof postgresStoreLayer>>,
  never
> =>
  store._tag === "memory"
    ? Layer.merge(memoryStoreLayer(), Idempotency.layerInMemory)
    : Layer.provideMerge(Idempotency.layerSql(Api), postgresStoreLayer(store))

/**
 * Reads a chunked body (no `Content-Length`) while it is within `limit` bytes. Past the limit
 * the rest is read and dropped, up to `drainLimit` bytes, so that the connection stays usable
 * for the 413 response; a body longer still is cut off with the connection.
 */
const readChunkedBody = (request: HttpServerRequest.HttpServerRequest, limit: number, drainLimit: number) =>
  Effect.suspend(() => {
    const kept: Array<Uint8Array> = []
    return Stream.runFoldWhile(request.stream, 0, (size) => size <= drainLimit, (size, chunk) => {
      if (size + chunk.length <= limit) kept.push(chunk)
      return size + chunk.length
    }).pipe(Effect.map((size) => (size > limit ? Option.none() : Option.some(Buffer.concat(kept)))))
  })

/** What a request reads its body with (the rest of a request is its head). */
const bodyMembers: ReadonlySet<string | symbol> = new Set([
  "text",
  "json",
  "arrayBuffer",
  "urlParamsBody",
  "stream",
  "multipart",
  "multipartStream"
])

/**
 * `request` with `body` (read already) as its body: the body is read from memory, everything
 * else (head, and the Node response the server writes to) stays the original request's.
 */
const withBody = (request: HttpServerRequest.HttpServerRequest, body: Uint8Array): HttpServerRequest.HttpServerRequest => {
  const headers = Object.entries(request.headers).filter(([name]) =>
    !["content-length", "transfer-encoding", "connection", "host", "keep-alive", "expect"].includes(name)
  )
  const buffered = HttpServerRequest.fromWeb(
    new Request(new URL(request.url, "http://localhost"), {
      method: request.method,
      headers,
      body: HttpMethod.hasBody(request.method) ? body : null
    })
  )
  return new Proxy(request, {
    get: (target, property) =>
      property === "modify"
        ? (options: Parameters<HttpServerRequest.HttpServerRequest["modify"]>[0]) => withBody(target.modify(options), body)
        : Reflect.get(bodyMembers.has(property) ? buffered : target, property)
  })
}

/**
 * Refuses bodies over `limit` bytes with 413: by `Content-Length` before reading, and for a
 * chunked body while reading it (it is read here, then handed to the API from memory).
 */
const limitBody = (limit: number) => <E, R>(app: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>) =>
  Effect.gen(function*() {
    const tooLarge = HttpServerResponse.unsafeJson(
      Schema.encodeSync(PayloadTooLarge)(new PayloadTooLarge({ message: `Request bodies are limited to ${limit} bytes.` })),
      { status: 413 }
    )
    const request = yield* HttpServerRequest.HttpServerRequest
    const limited = app.pipe(HttpServerRequest.withMaxBodySize(Option.some(limit)))
    const declared = request.headers["content-length"]
    if (declared !== undefined) {
      const length = Number(declared)
      return Number.isFinite(length) && length > limit ? tooLarge : yield* limited
    }
    if (request.headers["transfer-encoding"] === undefined) return yield* limited
    const body = yield* Effect.either(readChunkedBody(request, limit, Math.max(16 * limit, 1024 * 1024)))
    // The body could not be read (the client went away): 400, as the platform answers then.
    if (body._tag === "Left") return HttpServerResponse.empty({ status: 400 })
    const read = body.right
    if (Option.isNone(read)) return tooLarge
    // A head the Fetch API refuses (e.g. an invalid header value) is a bad request.
    const replaced = Either.try(() => withBody(request, read.value))
    if (Either.isLeft(replaced)) return HttpServerResponse.empty({ status: 400 })
    return yield* Effect.provideService(limited, HttpServerRequest.HttpServerRequest, replaced.right)
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
    Layer.provide(Layer.succeed(TokenSecret, Redacted.make(options.tokenSecret))),
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
