/** OPOP's handlers: the command table's, and the queries', each answering what the request's viewer may see. */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { CalendarDate } from "@jatim/kernel"
import { ExpiringCertificates, FlagshipTargets, KabupatenDashboard, PesantrenDirectory, ProductCatalogue, Santripreneur } from "@jatim/opop"
import { query } from "../../readModels/ReadModels.js"
import { Api } from "../Api.js"
import * as CommandTable from "../CommandTable.js"
import { queryVisibleOrNotFound, visibleItems, visibleSummaryOrNotFound } from "../common.js"
import { visibleList } from "../paging.js"
import { opopCommands } from "./commands.js"

/** The OPOP command handlers. */
export const OpopLive = HttpApiBuilder.group(Api, "opop", (handlers) => handlers.pipe(CommandTable.handle(opopCommands)))

/** The OPOP query handlers: what the request's viewer may see. */
export const OpopQueriesLive = HttpApiBuilder.group(Api, "opopQueries", (handlers) =>
  handlers
    .handle(
      "listPesantren",
      visibleList(PesantrenDirectory, (m, filter, page) => m.opop.pesantren(filter, page))
    )
    .handle("getPesantren", ({ path }) =>
      queryVisibleOrNotFound(PesantrenDirectory.visibleTo, (m) => m.opop.pesantrenOf(path.nspp), {
        rule: "PesantrenNotRegistered",
        message: `No pesantren with NSPP ${path.nspp}.`
      })
    )
    .handle(
      "searchProducts",
      visibleList(ProductCatalogue, (m, filter, page) => m.opop.products(filter, page))
    )
    .handle("getProduct", ({ path }) =>
      // A product the viewer may not see answers as one that does not exist.
      queryVisibleOrNotFound(ProductCatalogue.visibleTo, (m) => m.opop.product(path.productId), {
        rule: "ProductNotFound",
        message: `No product ${path.productId}.`
      })
    )
    .handle("expiringCertificates", ({ urlParams }) =>
      Effect.flatMap(
        query((m) => m.opop.expiringCertificates(urlParams.days ?? 30)),
        (list) => visibleItems(ExpiringCertificates.visibleTo, list)
      )
    )
    .handle("flagshipTargets", ({ urlParams }) =>
      Effect.flatMap(CalendarDate.today, (today) =>
        queryVisibleOrNotFound(
          FlagshipTargets.visibleTo,
          (m) => m.opop.flagshipTargets({ throughYear: urlParams.through ?? Number(today.slice(0, 4)), region: urlParams.region }),
          { rule: "FlagshipTargetsNotFound", message: "No flagship targets report." }
        )
      )
    )
    .handle("getSantri", ({ path }) =>
      // A santri's record the viewer may not see answers as one that does not exist.
      visibleSummaryOrNotFound(Santripreneur, path.santriId, {
        rule: "SantripreneurNotEnrolled",
        message: `No santripreneur ${path.santriId}.`
      })
    )
    .handle("dashboard", () =>
      Effect.gen(function* () {
        const { province, regions } = yield* query((m) => m.opop.dashboards)
        return { province, regions: yield* visibleItems(KabupatenDashboard.visibleTo, regions) }
      })
    )
)
