/** The live feed over HTTP (authenticated): new events as Server-Sent Events (see `../feed.ts`). */
import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup } from "@effect/platform"
import { Effect, Schema } from "effect"
import { Authentication, CurrentActor } from "../auth.js"
import { feed, FeedHeaders, FeedParams } from "../feed.js"
import { feedPolicies } from "../feedPolicies.js"
import { apiId } from "./common.js"

/** The live feed (authenticated): each actor gets the events it may see. */
export class FeedApi extends HttpApiGroup.make("feed")
  .add(
    HttpApiEndpoint.get("events", "/events/live")
      .setUrlParams(FeedParams)
      .setHeaders(FeedHeaders)
      .addSuccess(Schema.String.annotations({ description: "text/event-stream: one message per new event" }))
  )
  .middleware(Authentication) {}

/**
 * The feed handler: resumes after `?after=`, else after `Last-Event-ID`, else after the last
 * event stored now. A position or a category that does not read is a 400, never a silent restart.
 */
export const FeedLive = HttpApiBuilder.group(HttpApi.make(apiId).add(FeedApi), "feed", (handlers) =>
  handlers.handle("events", ({ headers, urlParams }) =>
    Effect.gen(function* () {
      const category = urlParams.category
      return yield* feed({
        actor: yield* CurrentActor,
        policies: feedPolicies,
        categories: category === undefined ? undefined : typeof category === "string" ? [category] : category,
        after: urlParams.after ?? headers["last-event-id"]
      })
    })
  )
)
