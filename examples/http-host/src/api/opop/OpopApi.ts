/**
 * OPOP's groups: pesantren and product commands (`opop`, a token needed; one endpoint per row of
 * `opopCommands`), and the directory, the catalogue, the dashboard, santri records
 * (`opopQueries`, a token optional). Every query answers what the domain's read policies let the
 * viewer see (adr/0014, adr/0050) — the token's actor, or anonymous without a token: lists are
 * filtered, and what exists but may not be seen answers 404 as if it did not exist.
 */
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Schema } from "effect"
import { Identifier, Region } from "@jatim/kernel"
import {
  Curation,
  KabupatenDashboard,
  PesantrenDirectory,
  ProductCatalogue,
  ProductCategory,
  ProductId,
  SantriId,
  Santripreneur
} from "@jatim/opop"
import * as CommandTable from "../CommandTable.js"
import { commandGroup, queryGroup, withoutToken } from "../common.js"
import { paged, pageParams } from "../paging.js"
import { opopCommands } from "./commands.js"

const nsppParam = HttpApiSchema.param("nspp", Identifier.Nspp)
const productIdParam = HttpApiSchema.param("productId", ProductId.ProductId)
const santriIdParam = HttpApiSchema.param("santriId", SantriId.SantriId)

/** The OPOP commands (a bearer token needed). */
export class OpopApi extends HttpApiGroup.make("opop").pipe(CommandTable.addEndpoints(opopCommands), commandGroup("/opop")) {}

/** The OPOP queries (a bearer token optional: anonymous readers see the public views). */
export class OpopQueriesApi extends HttpApiGroup.make("opopQueries")
  .add(
    HttpApiEndpoint.get("listPesantren", "/pesantren")
      .setUrlParams(
        Schema.Struct({
          regionCode: Schema.optional(Region.RegionCode),
          status: Schema.optional(PesantrenDirectory.DirectoryStatus),
          nameContains: Schema.optional(Schema.String),
          ...pageParams(PesantrenDirectory.order)
        })
      )
      .addSuccess(Schema.Array(PesantrenDirectory.DirectoryEntry))
      .annotate(OpenApi.Description, paged(withoutToken.trimmed("The pesantren directory, by name.", "without the pengasuh's name")))
  )
  .add(
    HttpApiEndpoint.get("getPesantren")`/pesantren/${nsppParam}`
      .addSuccess(PesantrenDirectory.DirectoryEntry)
      .annotate(OpenApi.Description, withoutToken.trimmed("A pesantren of the directory.", "without the pengasuh's name"))
  )
  .add(
    HttpApiEndpoint.get("searchProducts", "/products")
      .setUrlParams(
        Schema.Struct({
          category: Schema.optional(ProductCategory.ProductCategory),
          grade: Schema.optional(Curation.Grade),
          regionCode: Schema.optional(Region.RegionCode),
          marketedOnly: Schema.optional(Schema.BooleanFromString),
          flagshipsOnly: Schema.optional(Schema.BooleanFromString),
          ...pageParams(ProductCatalogue.order)
        })
      )
      .addSuccess(Schema.Array(ProductCatalogue.CatalogueEntry))
      .annotate(
        OpenApi.Description,
        paged(withoutToken.trimmed("The OPOP product catalogue, by name.", "the public products only (curated, or on a market channel)"))
      )
  )
  .add(
    HttpApiEndpoint.get("getProduct")`/products/${productIdParam}`
      .addSuccess(ProductCatalogue.CatalogueEntry)
      .annotate(
        OpenApi.Description,
        withoutToken.trimmed("A product of the catalogue.", "a public product only (one not public yet answers 404)")
      )
  )
  .add(
    HttpApiEndpoint.get("getSantri")`/santri/${santriIdParam}`
      .addSuccess(Santripreneur.Summary)
      .annotate(OpenApi.Description, withoutToken.private("A santripreneur's record.", "the santri's pesantren's admin and the Dinas"))
  )
  .add(
    HttpApiEndpoint.get("dashboard", "/dashboard")
      .addSuccess(
        Schema.Struct({
          province: KabupatenDashboard.Dashboard,
          regions: Schema.Array(KabupatenDashboard.Dashboard)
        })
      )
      .annotate(OpenApi.Description, withoutToken.public("The per-kabupaten dashboards (counts only)."))
  )
  .pipe(queryGroup("/opop", "OPOP")) {}
