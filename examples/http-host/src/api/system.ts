/** The host's public endpoints: health, and the status of every projection and process manager. */
import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup } from "@effect/platform"
import { Effect, Schema } from "effect"
import { ProjectionRunner } from "@jatim/eventstore"
import { ProcessManagers } from "../processManagers.js"
import { ReadModels } from "../readModels.js"
import { apiId } from "./common.js"

/** Public endpoints. */
export class SystemApi extends HttpApiGroup.make("system")
  .add(HttpApiEndpoint.get("health", "/health").addSuccess(Schema.Struct({ status: Schema.Literal("ok") })))
  .add(HttpApiEndpoint.get("projections", "/projections").addSuccess(Schema.Array(ProjectionRunner.ProjectionStatus))) {}

/** The system handlers. */
export const SystemLive = HttpApiBuilder.group(HttpApi.make(apiId).add(SystemApi), "system", (handlers) =>
  handlers
    .handle("health", () => Effect.succeed({ status: "ok" as const }))
    .handle("projections", () =>
      Effect.gen(function* () {
        const readModels = yield* ReadModels
        const processManagers = yield* ProcessManagers
        // The read models' projections first, then the process managers.
        return yield* Effect.zipWith(readModels.status, processManagers.status, (models, managers) => [...models, ...managers])
      })
    )
)
