/** The live feed over HTTP (authenticated): new events as Server-Sent Events (see `../../feed.ts`). */
import { HttpApiEndpoint, HttpApiGroup } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "../../auth.js"
import { FeedHeaders, FeedParams } from "../../feed.js"

/** The live feed (authenticated): each actor gets the events it may see. */
export class FeedApi extends HttpApiGroup.make("feed")
  .add(
    HttpApiEndpoint.get("events", "/events/live")
      .setUrlParams(FeedParams)
      .setHeaders(FeedHeaders)
      .addSuccess(Schema.String.annotations({ description: "text/event-stream: one message per new event" }))
  )
  .middleware(Authentication) {}
