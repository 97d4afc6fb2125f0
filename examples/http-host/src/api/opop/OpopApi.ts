/**
 * OPOP's groups: pesantren and product commands (`opop`, a token needed; one endpoint per row of
 * `opopCommands`), and the directory, the catalogue, the dashboard, santri records
 * (`opopQueries`, a token optional). Every query answers what the domain's read policies let the
 * viewer see (adr/0014, adr/0050) — the token's actor, or anonymous without a token: lists are
 * filtered, and what exists but may not be seen answers 404 as if it did not exist.
 */
import { HttpApiEndpoint, HttpApiGroup, HttpApiSchema } from "@effect/platform"
import { Schema } from "effect"
import { Identifier, Region } from "@jatim/kernel"
import {
  Curation,
  ExpiringCertificates,
  FlagshipTargets,
  KabupatenDashboard,
  PesantrenDirectory,
  ProductCatalogue,
  ProductCategory,
  ProductId,
  SantriId,
  Santripreneur
} from "@jatim/opop"
import * as CommandTable from "../CommandTable.js"
import { commandGroup, queryEndpoints, queryGroup } from "../common.js"
import { pageParams } from "../paging.js"
import { opopCommands } from "./commands.js"
import { opopCommandDocs, opopProgram, opopQueryDocs } from "./docs.js"

const nsppParam = HttpApiSchema.param("nspp", Identifier.Nspp)
const productIdParam = HttpApiSchema.param("productId", ProductId.ProductId)
const santriIdParam = HttpApiSchema.param("santriId", SantriId.SantriId)

/** A URL parameter of an integer from `minimum` to `maximum`, described by `description`. */
const integerParam = (minimum: number, maximum: number, description: string) =>
  Schema.NumberFromString.pipe(Schema.int(), Schema.between(minimum, maximum)).annotations({ description })

/** An OPOP query endpoint, described by its entry in `opopQueryDocs`. */
const query = queryEndpoints(opopQueryDocs)

/** The OPOP commands (a bearer token needed). */
export class OpopApi extends CommandTable.group("opop", opopCommands, opopCommandDocs).pipe(commandGroup(opopProgram)) {}

/** The OPOP queries (a bearer token optional: anonymous readers see the public views). */
export class OpopQueriesApi extends HttpApiGroup.make("opopQueries")
  .add(
    query(
      HttpApiEndpoint.get("listPesantren", "/pesantren").setUrlParams(
        Schema.Struct({
          regionCode: Schema.optional(Region.RegionCode),
          status: Schema.optional(PesantrenDirectory.DirectoryStatus),
          nameContains: Schema.optional(Schema.String),
          ...pageParams(PesantrenDirectory.order)
        })
      ),
      Schema.Array(PesantrenDirectory.DirectoryEntry)
    )
  )
  .add(query(HttpApiEndpoint.get("getPesantren")`/pesantren/${nsppParam}`, PesantrenDirectory.DirectoryEntry))
  .add(
    query(
      HttpApiEndpoint.get("searchProducts", "/products").setUrlParams(
        Schema.Struct({
          category: Schema.optional(ProductCategory.ProductCategory),
          grade: Schema.optional(Curation.Grade),
          regionCode: Schema.optional(Region.RegionCode),
          marketedOnly: Schema.optional(Schema.BooleanFromString),
          flagshipsOnly: Schema.optional(Schema.BooleanFromString),
          ...pageParams(ProductCatalogue.order)
        })
      ),
      Schema.Array(ProductCatalogue.CatalogueEntry)
    )
  )
  .add(query(HttpApiEndpoint.get("getProduct")`/products/${productIdParam}`, ProductCatalogue.CatalogueEntry))
  .add(
    query(
      HttpApiEndpoint.get("expiringCertificates", "/certificates/expiring").setUrlParams(
        Schema.Struct({
          days: Schema.optional(integerParam(0, 3_650, "the window in days from today (WIB), 0 to 3650; 30 when absent"))
        })
      ),
      Schema.Array(ExpiringCertificates.ExpiringCertificate)
    )
  )
  .add(
    query(
      HttpApiEndpoint.get("flagshipTargets", "/targets").setUrlParams(
        Schema.Struct({
          through: Schema.optional(
            integerParam(FlagshipTargets.firstYear, 2100, "the last year of the report, 2019 to 2100; the current year (WIB) when absent")
          ),
          region: Schema.optional(Region.RegionCode.annotations({ description: "one kabupaten/kota; all 38 when absent" }))
        })
      ),
      FlagshipTargets.Report
    )
  )
  .add(query(HttpApiEndpoint.get("getSantri")`/santri/${santriIdParam}`, Santripreneur.Summary))
  .add(
    query(
      HttpApiEndpoint.get("dashboard", "/dashboard"),
      Schema.Struct({ province: KabupatenDashboard.Dashboard, regions: Schema.Array(KabupatenDashboard.Dashboard) })
    )
  )
  .pipe(queryGroup(opopProgram)) {}
