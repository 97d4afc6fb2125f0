/**
 * JATIM ISO's groups: UMKM onboarding commands (`jatimIso`, a token needed; one endpoint per row
 * of `jatimIsoCommands`); queries (`jatimIsoQueries`, a token optional): a UMKM's progress (its
 * owner and the Dinas), the funnel (counts, public, also anonymously), stalled onboardings (the
 * Dinas; an owner its own entry).
 */
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Identifier, Region } from "@jatim/kernel"
import { OnboardingFunnel, StalledOnboardings, Umkm } from "@jatim/jatim-iso"
import * as CommandTable from "../CommandTable.js"
import { commandGroup, queryGroup, withoutToken } from "../common.js"
import { paged, pageParams } from "../paging.js"
import { jatimIsoCommands } from "./commands.js"

const nibParam = HttpApiSchema.param("nib", Identifier.Nib)

/** The JATIM ISO commands (a bearer token needed). */
export class JatimIsoApi extends HttpApiGroup.make("jatimIso").pipe(
  CommandTable.addEndpoints(jatimIsoCommands),
  commandGroup("/jatim-iso")
) {}

/** The JATIM ISO queries (a bearer token optional: anonymous readers see the public views). */
export class JatimIsoQueriesApi extends HttpApiGroup.make("jatimIsoQueries")
  .add(
    HttpApiEndpoint.get("getUmkm")`/umkm/${nibParam}`
      .addSuccess(Umkm.Summary)
      .annotate(OpenApi.Description, withoutToken.private("A UMKM's onboarding.", "its owner and the Dinas"))
  )
  .add(
    HttpApiEndpoint.get("funnel", "/funnel")
      .setUrlParams(Schema.Struct({ region: Schema.optional(Region.RegionCode) }))
      .addSuccess(OnboardingFunnel.Funnel)
      .annotate(OpenApi.Description, withoutToken.public("The onboarding funnel (counts only)."))
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
      .annotate(
        OpenApi.Description,
        paged(withoutToken.privateList("Stalled onboardings, longest idle first.", "the Dinas (all) and each owner (its own)"))
      )
  )
  .pipe(queryGroup("/jatim-iso", "JATIM ISO")) {}
