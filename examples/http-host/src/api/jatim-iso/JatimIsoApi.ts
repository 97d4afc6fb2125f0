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
import { commandGroup, queryEndpoints, queryGroup } from "../common.js"
import { pageParams } from "../paging.js"
import { jatimIsoCommands } from "./commands.js"
import { jatimIsoCommandDocs, jatimIsoProgram, jatimIsoQueryDocs } from "./docs.js"

const nibParam = HttpApiSchema.param("nib", Identifier.Nib)

/** One kabupaten/kota (`?region=`), or the province when absent. */
const regionFilter = Schema.Struct({ region: Schema.optional(Region.RegionCode) })

/** A JATIM ISO query endpoint, described by its entry in `jatimIsoQueryDocs`. */
const query = queryEndpoints(jatimIsoQueryDocs)

/** The JATIM ISO commands (a bearer token needed). */
export class JatimIsoApi extends CommandTable.group("jatimIso", jatimIsoCommands, jatimIsoCommandDocs).pipe(
  commandGroup(jatimIsoProgram)
) {}

/** The JATIM ISO queries (a bearer token optional: anonymous readers see the public views). */
export class JatimIsoQueriesApi extends HttpApiGroup.make("jatimIsoQueries")
  .add(query(HttpApiEndpoint.get("getUmkm")`/umkm/${nibParam}`, Umkm.Summary))
  .add(query(HttpApiEndpoint.get("funnel", "/funnel").setUrlParams(regionFilter), OnboardingFunnel.Funnel))
  .add(
    query(
      HttpApiEndpoint.get("stalled", "/stalled").setUrlParams(
        Schema.Struct({
          days: Schema.optionalWith(Schema.NumberFromString.pipe(Schema.int(), Schema.nonNegative()), { default: () => 14 }),
          region: Schema.optional(Region.RegionCode),
          ...pageParams(StalledOnboardings.order)
        })
      ),
      Schema.Array(StalledOnboardings.Stalled)
    )
  )
  .add(query(HttpApiEndpoint.get("marketplaces", "/marketplaces"), Schema.Array(MarketplaceRegistry.Entry)))
  .add(query(HttpApiEndpoint.get("timeToOnboard", "/time-to-onboard").setUrlParams(regionFilter), TimeToOnboard.Report))
  .pipe(queryGroup(jatimIsoProgram)) {}
