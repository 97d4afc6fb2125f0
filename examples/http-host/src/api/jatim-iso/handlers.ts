/** JATIM ISO's handlers: the command table's, and the queries', each answering what the request's viewer may see. */
import { HttpApiBuilder } from "@effect/platform"
import { Aggregate } from "@jatim/eventstore"
import { Clock, Effect } from "effect"
import { MarketplaceRegistry, OnboardingFunnel, StalledOnboardings, TimeToOnboard, Umkm } from "@jatim/jatim-iso"
import { Api } from "../Api.js"
import * as CommandTable from "../CommandTable.js"
import { queryVisibleOrNotFound, visibleOrNotFound, visibleSummaryOrNotFound } from "../common.js"
import { StoreFailure } from "../../errors.js"
import { visibleList } from "../paging.js"
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
      queryVisibleOrNotFound(OnboardingFunnel.visibleTo, (m) => m.jatimIso.funnel(urlParams.region), {
        rule: "FunnelNotVisible",
        message: "No onboarding funnel to show."
      })
    )
    .handle("marketplaces", () =>
      Effect.gen(function* () {
        const state = yield* Aggregate.currentState(MarketplaceRegistry, MarketplaceRegistry.registryStream).pipe(
          Effect.mapError((error) => new StoreFailure({ rule: error._tag, message: error.message }))
        )
        return yield* visibleOrNotFound(MarketplaceRegistry.visibleTo, MarketplaceRegistry.entries(state), {
          rule: "MarketplacesNotVisible",
          message: "No marketplace registry to show."
        })
      })
    )
    .handle("timeToOnboard", ({ urlParams }) =>
      queryVisibleOrNotFound(
        TimeToOnboard.reportVisibleTo,
        (m) => Effect.map(m.jatimIso.timeToOnboard(urlParams.region), (summary) => TimeToOnboard.report(urlParams.region, summary)),
        { rule: "TimeToOnboardNotVisible", message: "No time to onboard to show." }
      )
    )
    .handle(
      "stalled",
      visibleList(StalledOnboardings, (m, { days, region }, page) =>
        Effect.flatMap(Clock.currentTimeMillis, (now) => m.jatimIso.stalled({ now: new Date(now), days, region }, page))
      )
    )
)
