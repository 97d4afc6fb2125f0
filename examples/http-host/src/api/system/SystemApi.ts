/** The host's public endpoints: health, and the status of every projection and process manager. */
import { HttpApiEndpoint, HttpApiGroup } from "@effect/platform"
import { Schema } from "effect"
import { ProjectionRunner } from "@jatim/eventstore"

/** Public endpoints. */
export class SystemApi extends HttpApiGroup.make("system")
  .add(HttpApiEndpoint.get("health", "/health").addSuccess(Schema.Struct({ status: Schema.Literal("ok") })))
  .add(HttpApiEndpoint.get("projections", "/projections").addSuccess(Schema.Array(ProjectionRunner.ProjectionStatus))) {}
