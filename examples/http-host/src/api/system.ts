/** The host's own endpoints: projection status, the live feed, health. */
import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup, HttpServerRequest } from "@effect/platform"
import { Effect, Option, Schema } from "effect"
import { GlobalPosition, ProjectionRunner } from "@jatim/eventstore"
import { Authentication } from "../auth.js"
import { feed, FeedParams } from "../feed.js"
import { ReadModels } from "../readModels.js"

/** Public endpoints. */
export class SystemApi extends HttpApiGroup.make("system")
  .add(HttpApiEndpoint.get("health", "/health").addSuccess(Schema.Struct({ status: Schema.Literal("ok") })))
  .add(HttpApiEndpoint.get("projections", "/projections").addSuccess(Schema.Array(ProjectionRunner.ProjectionStatus)))
{}

/** The live feed (authenticated). */
export class FeedApi extends HttpApiGroup.make("feed")
  .add(
    HttpApiEndpoint.get("events", "/events/live")
      .setUrlParams(FeedParams)
      .addSuccess(Schema.String.annotations({ description: "text/event-stream: one message per new event" }))
  )
  .middleware(Authentication)
{}

export const SystemLive = HttpApiBuilder.group(HttpApi.make("jatim").add(SystemApi), "system", (handlers) =>
  handlers
    .handle("health", () => Effect.succeed({ status: "ok" as const }))
    .handle("projections", () =>
      Effect.gen(function*() {
        const models = yield* ReadModels
        return yield* models.status
      })))

export const FeedLive = HttpApiBuilder.group(HttpApi.make("jatim").add(FeedApi), "feed", (handlers) =>
  handlers.handle("events", ({ urlParams }) =>
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const lastEventId = Option.getOrUndefined(
        Schema.decodeUnknownOption(GlobalPosition.GlobalPositionFromString)(request.headers["last-event-id"])
      )
      const category = urlParams.category
      return yield* feed({
        categories: category === undefined ? undefined : typeof category === "string" ? [category] : category,
        after: urlParams.after ?? lastEventId
      })
    })))
