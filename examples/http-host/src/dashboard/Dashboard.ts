/**
 * The dashboard page: `/` and its assets under `/dashboard/`, static files served by the host
 * beside the API (the page calls the API like any client, so the same read models and read
 * policies apply). Chart.js comes from the host's own `node_modules`, never a CDN.
 *
 * Every asset is read once, by `assetsLayer`, before the server listens (a missing file stops the
 * host with the path it looked for; a request never waits on a port whose routes are not there), and answered with its content type, `Cache-Control: no-cache` with an
 * `ETag` (a browser revalidates and gets a 304 while the file is unchanged), a strict
 * `Content-Security-Policy` that allows only the host's own origin, and `nosniff`. Only the
 * files listed in `assets` are served: no path from the request ever reaches the file system.
 */
import { HttpApiBuilder, HttpServerRequest, HttpServerResponse } from "@effect/platform"
import { Context, Effect, Layer, Schema } from "effect"
import { createHash } from "node:crypto"
import { readFile } from "node:fs/promises"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/** An asset of the dashboard could not be read when the host started. */
export class DashboardAssetUnreadable extends Schema.TaggedError<DashboardAssetUnreadable>()("DashboardAssetUnreadable", {
  route: Schema.String,
  file: Schema.String,
  message: Schema.String
}) {}

/** One file the dashboard serves: the route it answers and where it lies. */
export interface Asset {
  readonly route: `/${string}`
  readonly file: string
  readonly contentType: string
}

const here = dirname(fileURLToPath(import.meta.url))

/** Chart.js's browser build (UMD, minified), resolved from the host's `node_modules`. */
const chartJsFile = (): string => join(dirname(createRequire(import.meta.url).resolve("chart.js")), "chart.umd.min.js")

/** The files of the dashboard: the page at `/`, its script and style, and Chart.js. */
export const assets = (): ReadonlyArray<Asset> => [
  { route: "/", file: join(here, "index.html"), contentType: "text/html; charset=utf-8" },
  { route: "/dashboard/dashboard.mjs", file: join(here, "dashboard.mjs"), contentType: "text/javascript; charset=utf-8" },
  { route: "/dashboard/dashboard.css", file: join(here, "dashboard.css"), contentType: "text/css; charset=utf-8" },
  { route: "/dashboard/vendor/chart.umd.min.js", file: chartJsFile(), contentType: "text/javascript; charset=utf-8" }
]

/**
 * The page may load scripts, styles, images and connections from its own origin only: no inline
 * script or style, no plugin, no frame around it, no `<base>` elsewhere, forms only to itself.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'"
].join("; ")

/** The headers of every dashboard response (the content type is the asset's). */
const commonHeaders = {
  "cache-control": "no-cache",
  "content-security-policy": contentSecurityPolicy,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer"
}

/** Reads `asset` and prepares its answer: the bytes and their strong `ETag`. */
const load = (asset: Asset) =>
  Effect.tryPromise({
    try: () => readFile(asset.file),
    catch: (error) =>
      new DashboardAssetUnreadable({
        route: asset.route,
        file: asset.file,
        message: `The dashboard's file for ${asset.route} cannot be read at ${asset.file} (${
          error instanceof Error ? error.message : String(error)
        }): reinstall the host's dependencies (chart.js) or restore the file.`
      })
  }).pipe(
    Effect.map((bytes) => {
      const etag = `"${createHash("sha256").update(bytes).digest("base64url").slice(0, 27)}"`
      const body = new Uint8Array(bytes)
      const handler = Effect.map(HttpServerRequest.HttpServerRequest, (request) =>
        matches(request.headers["if-none-match"], etag)
          ? HttpServerResponse.empty({ status: 304, headers: { ...commonHeaders, etag } })
          : HttpServerResponse.uint8Array(body, { contentType: asset.contentType, headers: { ...commonHeaders, etag } })
      )
      return { route: asset.route, handler }
    })
  )

/** Whether an `If-None-Match` header names `etag` (one of a list, or `*`). */
const matches = (ifNoneMatch: string | undefined, etag: string): boolean =>
  (ifNoneMatch ?? "").split(",").some((tag) => tag.trim() === etag || tag.trim() === "*")

/** The dashboard's files, read and ready to answer. */
export class Assets extends Context.Tag("@jatim/http-host/Dashboard/Assets")<
  Assets,
  ReadonlyArray<Effect.Effect.Success<ReturnType<typeof load>>>
>() {}

/** Reads every asset (build it before the server listens). Fails with `DashboardAssetUnreadable` when a file is missing. */
export const assetsLayer = Layer.effect(Assets, Effect.forEach(assets(), load))

/**
 * The dashboard's routes on the API's router (`GET` of each asset read by `assetsLayer`): provide
 * it beside the API as `HttpApiSwagger.layer` is.
 */
export const layer = HttpApiBuilder.Router.use((router) =>
  Effect.gen(function* () {
    for (const { route, handler } of yield* Assets) {
      yield* router.get(route, handler)
    }
  })
)
