/** The host's API contract: every group, as the OpenAPI document describes it. */
import { HttpApi, OpenApi } from "@effect/platform"
import hostPackage from "../../package.json" with { type: "json" }
import { InternalServerError, PayloadTooLarge } from "../errors.js"
import { FeedApi } from "./feed/FeedApi.js"
import { JatimIsoApi, JatimIsoQueriesApi } from "./jatim-iso/JatimIsoApi.js"
import { OpopApi, OpopQueriesApi } from "./opop/OpopApi.js"
import { SijawaraApi, SijawaraQueriesApi } from "./sijawara/SijawaraApi.js"
import { SystemApi } from "./system/SystemApi.js"
import { TomikoApi, TomikoQueriesApi } from "./tomiko/TomikoApi.js"

/** The id of the host's API. */
const apiId = "jatim"

/**
 * The host's API: every group, as the OpenAPI document describes it. Each program has a command
 * group (a bearer token needed) and a query group under the same prefix (a token optional:
 * without one, the public views only).
 */
export class Api extends HttpApi.make(apiId)
  .add(SystemApi)
  .add(FeedApi)
  .add(OpopApi)
  .add(OpopQueriesApi)
  .add(SijawaraApi)
  .add(SijawaraQueriesApi)
  .add(JatimIsoApi)
  .add(JatimIsoQueriesApi)
  .add(TomikoApi)
  .add(TomikoQueriesApi)
  // Any request whose body is over the limit (see `limitBody`).
  .addError(PayloadTooLarge)
  // Any request the host fails on (a defect): answered by `logRequests`, its cause logged.
  .addError(InternalServerError)
  .annotate(OpenApi.Title, "Jatim Koperasi demo host")
  // The package's own version, not the default 0.0.1.
  .annotate(OpenApi.Version, hostPackage.version)
  .annotate(
    OpenApi.Description,
    "OPOP, Sijawara, JATIM ISO and TOMIKO over HTTP. Bearer tokens carry the actor: commands and the live feed need one; " +
      "queries take one optionally, and without it answer anonymously with the public views only (the OPOP catalogue, " +
      "the pesantren directory, certificate verification, courses' public form and the aggregate dashboards)."
  ) {}
