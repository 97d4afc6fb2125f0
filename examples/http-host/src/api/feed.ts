/** The live feed over HTTP (authenticated): new events as Server-Sent Events (see `../feed.ts`). */
import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup, HttpServerRequest } from "@effect/platform"
import { Effect, Option, Schema } from "effect"
import { GlobalPosition } from "@jatim/eventstore"
import { Authentication, CurrentActor } from "../auth.js"
import { feed, FeedParams } from "../feed.js"
import { feedPolicies } from "../feedPolicies.js"
import { apiId } from "./common.js"

/** The live feed (authenticated): each actor gets the events it may see. */
export class FeedApi extends HttpApiGroup.make("feed")
  .add(
    HttpApiEndpoint.get("events", "/events/live")
      .setUrlParams(FeedParams)
      .addSuccess(Schema.String.annotations({ description: "text/event-stream: one message per new event" }))
  )
  .middleware(Authentication)
{}

/** The feed handler: resumes after `?after=`, else after `Last-Event-ID`, else after the last event stored now. */
export const FeedLive = HttpApiBuilder.group(HttpApi.make(apiId).add(FeedApi), "feed", (handlers) =>
  handlers.handle("events", ({ urlParams }) =>
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const lastEventId = Option.getOrUndefined(
        Schema.decodeUnknownOption(GlobalPosition.GlobalPositionFromString)(request.headers["last-event-id"])
      )
      const category = urlParams.category
      return yield* feed({
        actor: yield* CurrentActor,
        policies: feedPolicies,
        categories: category === undefined ? undefined : typeof category === "string" ? [category] : category,
        after: urlParams.after ?? lastEventId
      })
    })))
