/** The host's API contract: every group, as the OpenAPI document describes it. */
import { HttpApi, OpenApi } from "@effect/platform"
import { PayloadTooLarge } from "../errors.js"
import { apiId } from "./common.js"
import { FeedApi } from "./feed.js"
import { JatimIsoApi } from "./jatimIso.js"
import { OpopApi } from "./opop.js"
import { SijawaraApi } from "./sijawara.js"
import { SystemApi } from "./system.js"
import { TomikoApi } from "./tomiko.js"

/** The host's API: every group, as the OpenAPI document describes it. */
export class Api extends HttpApi.make(apiId)
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
