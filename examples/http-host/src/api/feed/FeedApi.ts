/** The live feed over HTTP (authenticated): new events as Server-Sent Events (see `../../feed.ts`). */
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Authentication } from "../../auth.js"
import { FeedHeaders, FeedParams } from "../../feed.js"
import { annotations, role } from "../docs.js"

/** The live feed (authenticated): each actor gets the events it may see. */
export class FeedApi extends HttpApiGroup.make("feed")
  .add(
    HttpApiEndpoint.get("events", "/events/live")
      .setUrlParams(FeedParams)
      .setHeaders(FeedHeaders)
      .addSuccess(Schema.String.annotations({ description: "text/event-stream: one message per new event" }))
      .annotateContext(
        annotations({
          summary: "Follow new events live (Server-Sent Events)",
          who:
            `any role, with a bearer token. Each actor gets only the events the programs' feed policies let it see, as it may see them: ` +
            `${role.dinas} every event as stored; the others never who issued a command, and no personal data or secret of another party.`,
          what:
            "New events as Server-Sent Events, from the events stored after the request (or after `?after=` / `Last-Event-ID`, a global " +
            "position such as `12.3`, to resume), optionally of some stream categories only (`?category=product&category=order`). Each " +
            "message's `id` is the event's global position."
        })
      )
  )
  .middleware(Authentication)
  .annotate(
    OpenApi.Description,
    "The live feed of new events, for every role: each actor sees what the programs' feed policies let it see."
  ) {}
