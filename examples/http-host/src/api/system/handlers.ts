/** The handlers of the public endpoints: health, and the status of every projection and process manager. */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { ProcessManagers } from "../../processManagers.js"
import { ReadModels } from "../../readModels/ReadModels.js"
import { Api } from "../Api.js"

/** The system handlers. */
export const SystemLive = HttpApiBuilder.group(Api, "system", (handlers) =>
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
