/** OPOP's handlers: the command table's, and the queries', each answering what the request's viewer may see. */
import { HttpApiBuilder } from "@effect/platform"
import { Effect, Option } from "effect"
import { KabupatenDashboard, PesantrenDirectory, ProductCatalogue, Santripreneur } from "@jatim/opop"
import { CurrentViewer } from "../../auth.js"
import { readModel } from "../../readModels.js"
import { Api } from "../Api.js"
import * as CommandTable from "../CommandTable.js"
import { visibleOrNotFound, visibleSummaryOrNotFound } from "../common.js"
import { opopCommands } from "./commands.js"

/** The OPOP command handlers. */
export const OpopLive = HttpApiBuilder.group(Api, "opop", (handlers) => handlers.pipe(CommandTable.handle(opopCommands)))

/** The OPOP query handlers: what the request's viewer may see. */
export const OpopQueriesLive = HttpApiBuilder.group(Api, "opopQueries", (handlers) =>
  handlers
    .handle("listPesantren", ({ urlParams }) =>
      Effect.gen(function* () {
        const directory = yield* readModel((m) => m.opop.pesantrenDirectory)
        return PesantrenDirectory.listFor(directory, yield* CurrentViewer, urlParams)
      })
    )
    .handle("getPesantren", ({ path }) =>
      Effect.gen(function* () {
        const entry = PesantrenDirectory.get(yield* readModel((m) => m.opop.pesantrenDirectory), path.nspp)
        return yield* visibleOrNotFound(PesantrenDirectory.visibleTo, entry, {
          rule: "PesantrenNotRegistered",
          message: `No pesantren with NSPP ${path.nspp}.`
        })
      })
    )
    .handle("searchProducts", ({ urlParams }) =>
      Effect.gen(function* () {
        const catalogue = yield* readModel((m) => m.opop.productCatalogue)
        return ProductCatalogue.searchFor(catalogue, yield* CurrentViewer, urlParams)
      })
    )
    .handle("getProduct", ({ path }) =>
      Effect.gen(function* () {
        // A product the viewer may not see answers as one that does not exist.
        const entry = ProductCatalogue.get(yield* readModel((m) => m.opop.productCatalogue), path.productId)
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
        const viewer = yield* CurrentViewer
        const state = yield* readModel((m) => m.opop.kabupatenDashboard)
        const visible = (dashboard: KabupatenDashboard.Dashboard) => Option.toArray(KabupatenDashboard.visibleTo(viewer, dashboard))
        const province = KabupatenDashboard.province(state)
        return { province, regions: KabupatenDashboard.all(state).flatMap(visible) }
      })
    )
)
