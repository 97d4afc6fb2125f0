/** JATIM ISO's handlers: the command table's, and the queries', each answering what the request's viewer may see. */
import { HttpApiBuilder } from "@effect/platform"
import { Clock, Effect } from "effect"
import { OnboardingFunnel, StalledOnboardings, Umkm } from "@jatim/jatim-iso"
import { CurrentViewer } from "../../auth.js"
import { query } from "../../readModels/ReadModels.js"
import { Api } from "../Api.js"
import * as CommandTable from "../CommandTable.js"
import { visibleOrNotFound, visibleSummaryOrNotFound } from "../common.js"
import { jatimIsoCommands } from "./commands.js"

/** The JATIM ISO command handlers. */
export const JatimIsoLive = HttpApiBuilder.group(Api, "jatimIso", (handlers) => handlers.pipe(CommandTable.handle(jatimIsoCommands)))

/** The JATIM ISO query handlers: what the request's viewer may see. */
export const JatimIsoQueriesLive = HttpApiBuilder.group(Api, "jatimIsoQueries", (handlers) =>
  handlers
    .handle("getUmkm", ({ path }) =>
      // A UMKM the viewer may not see answers exactly as one that does not exist.
      visibleSummaryOrNotFound(Umkm, path.nib, { rule: "UmkmNotRegistered", message: `No UMKM with NIB ${path.nib}.` })
    )
    .handle("funnel", ({ urlParams }) =>
      Effect.gen(function* () {
        const funnel = yield* query((m) => m.jatimIso.funnel(urlParams.region))
        return yield* visibleOrNotFound(OnboardingFunnel.visibleTo, funnel, {
          rule: "FunnelNotVisible",
          message: "No onboarding funnel to show."
        })
      })
    )
    .handle("stalled", ({ urlParams }) =>
      Effect.gen(function* () {
        const viewer = yield* CurrentViewer
        const now = new Date(yield* Clock.currentTimeMillis)
        const stalled = yield* query((m) => m.jatimIso.stalled({ now, days: urlParams.days, region: urlParams.region }))
        return StalledOnboardings.visible(viewer, stalled)
      })
    )
)
