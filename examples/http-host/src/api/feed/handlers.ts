/** The live feed's handler: new events as Server-Sent Events, each as the actor may see it (see `../../feed.ts`). */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CurrentActor } from "../../auth.js"
import { feed } from "../../feed.js"
import { feedPolicies } from "../../feedPolicies.js"
import { Api } from "../Api.js"

/**
 * The feed handler: resumes after `?after=`, else after `Last-Event-ID`, else after the last
 * event stored now. A position or a category that does not read is a 400, never a silent restart.
 */
export const FeedLive = HttpApiBuilder.group(Api, "feed", (handlers) =>
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
