/**
 * JATIM ISO's groups: UMKM onboarding commands (`jatimIso`, a token needed; one endpoint per row
 * of `jatimIsoCommands`); queries (`jatimIsoQueries`, a token optional): a UMKM's progress (its
 * owner and the Dinas), the funnel (counts, public, also anonymously), stalled onboardings (the
 * Dinas; an owner its own entry), time to onboard (numbers of days, public), the marketplace
 * registry (public).
 */
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema } from "@effect/platform"
import { Schema } from "effect"
import { Identifier, Region } from "@jatim/kernel"
import { MarketplaceRegistry, OnboardingFunnel, StalledOnboardings, TimeToOnboard, Umkm } from "@jatim/jatim-iso"
import * as CommandTable from "../CommandTable.js"
import { commandGroup, queryGroup } from "../common.js"
import { annotations } from "../docs.js"
import { pageParams } from "../paging.js"
import { jatimIsoCommands } from "./commands.js"
import { jatimIsoCommandDocs, jatimIsoQueryDocs } from "./docs.js"

const nibParam = HttpApiSchema.param("nib", Identifier.Nib)

/** The JATIM ISO commands (a bearer token needed). */
export class JatimIsoApi extends HttpApiGroup.make("jatimIso").pipe(
  CommandTable.addEndpoints(jatimIsoCommands, jatimIsoCommandDocs),
  commandGroup(
    "/jatim-iso",
    "JATIM ISO",
    "Bringing UMKM into e-commerce: a UMKM registers, the Dinas verifies its legality, trainings in packaging and digital marketing are " +
      "recorded, its listings are reviewed (and revised when sent back), storefronts open and close on the marketplaces of the registry " +
      "the Dinas keeps, and the Dinas completes its onboarding."
  )
) {}

/** The JATIM ISO queries (a bearer token optional: anonymous readers see the public views). */
export class JatimIsoQueriesApi extends HttpApiGroup.make("jatimIsoQueries")
  .add(HttpApiEndpoint.get("getUmkm")`/umkm/${nibParam}`.addSuccess(Umkm.Summary).annotateContext(annotations(jatimIsoQueryDocs.getUmkm)))
  .add(
    HttpApiEndpoint.get("funnel", "/funnel")
      .setUrlParams(Schema.Struct({ region: Schema.optional(Region.RegionCode) }))
      .addSuccess(OnboardingFunnel.Funnel)
      .annotateContext(annotations(jatimIsoQueryDocs.funnel))
  )
  .add(
    HttpApiEndpoint.get("stalled", "/stalled")
      .setUrlParams(
        Schema.Struct({
          days: Schema.optionalWith(Schema.NumberFromString.pipe(Schema.int(), Schema.nonNegative()), { default: () => 14 }),
          region: Schema.optional(Region.RegionCode),
          ...pageParams(StalledOnboardings.order)
        })
      )
      .addSuccess(Schema.Array(StalledOnboardings.Stalled))
      .annotateContext(annotations(jatimIsoQueryDocs.stalled))
  )
  .add(
    HttpApiEndpoint.get("marketplaces", "/marketplaces")
      .addSuccess(Schema.Array(MarketplaceRegistry.Entry))
      .annotateContext(annotations(jatimIsoQueryDocs.marketplaces))
  )
  .add(
    HttpApiEndpoint.get("timeToOnboard", "/time-to-onboard")
      .setUrlParams(Schema.Struct({ region: Schema.optional(Region.RegionCode) }))
      .addSuccess(TimeToOnboard.Report)
      .annotateContext(annotations(jatimIsoQueryDocs.timeToOnboard))
  )
  .pipe(queryGroup("/jatim-iso", "JATIM ISO")) {}
