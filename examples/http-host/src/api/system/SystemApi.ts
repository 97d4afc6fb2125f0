/** The host's public endpoints: health, and the status of every projection and process manager. */
import { HttpApiEndpoint, HttpApiGroup, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { ProjectionRunner } from "@jatim/eventstore"
import { annotations, wholeList } from "../docs.js"

/** Who may call a system endpoint. */
const publicEndpoint = "anyone: public, no bearer token needed."

/** Public endpoints. */
export class SystemApi extends HttpApiGroup.make("system")
  .add(
    HttpApiEndpoint.get("health", "/health")
      .addSuccess(Schema.Struct({ status: Schema.Literal("ok") }))
      .annotateContext(
        annotations({
          summary: "Check that the host answers",
          who: publicEndpoint,
          what: 'Answers `{"status":"ok"}` while the host serves.'
        })
      )
  )
  .add(
    HttpApiEndpoint.get("projections", "/projections")
      .addSuccess(Schema.Array(ProjectionRunner.ProjectionStatus))
      .annotateContext(
        annotations({
          summary: "Get the status of every projection and process manager",
          who: publicEndpoint,
          what:
            "Each read model's projection, then each process manager: its state, the position of the last event it applied, its lag (events " +
            `still to apply), its last error and since when. ${wholeList("the host's projections and process managers")}`
        })
      )
  )
  .annotate(
    OpenApi.Description,
    "The host itself: health, and how far its read models and process managers have followed the store. Public."
  ) {}
