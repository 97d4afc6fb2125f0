/** OPOP's handlers: the command table's, and the queries', each answering what the request's viewer may see. */
import { HttpApiBuilder } from "@effect/platform"
import { Effect } from "effect"
import { KabupatenDashboard, PesantrenDirectory, ProductCatalogue, Santripreneur } from "@jatim/opop"
import { query } from "../../readModels/ReadModels.js"
import { Api } from "../Api.js"
import * as CommandTable from "../CommandTable.js"
import { visibleItems, visibleOrNotFound, visibleSummaryOrNotFound } from "../common.js"
import { opopCommands } from "./commands.js"

/** The OPOP command handlers. */
export const OpopLive = HttpApiBuilder.group(Api, "opop", (handlers) => handlers.pipe(CommandTable.handle(opopCommands)))

/** The OPOP query handlers: what the request's viewer may see. */
export const OpopQueriesLive = HttpApiBuilder.group(Api, "opopQueries", (handlers) =>
  handlers
    .handle("listPesantren", ({ urlParams }) =>
      Effect.gen(function* () {
        return yield* visibleItems(PesantrenDirectory.visibleTo, yield* query((m) => m.opop.pesantren(urlParams)))
      })
    )
    .handle("getPesantren", ({ path }) =>
      Effect.gen(function* () {
        const entry = yield* query((m) => m.opop.pesantrenOf(path.nspp))
        return yield* visibleOrNotFound(PesantrenDirectory.visibleTo, entry, {
          rule: "PesantrenNotRegistered",
          message: `No pesantren with NSPP ${path.nspp}.`
        })
      })
    )
    .handle("searchProducts", ({ urlParams }) =>
      Effect.gen(function* () {
        return yield* visibleItems(ProductCatalogue.visibleTo, yield* query((m) => m.opop.products(urlParams)))
      })
    )
    .handle("getProduct", ({ path }) =>
      Effect.gen(function* () {
        // A product the viewer may not see answers as one that does not exist.
        const entry = yield* query((m) => m.opop.product(path.productId))
        return yield* visibleOrNotFound(ProductCatalogue.visibleTo, entry, {
          rule: "ProductNotFound",
          message: `No product ${path.productId}.`
        })
      })
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
