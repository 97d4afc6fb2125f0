/**
 * OPOP over HTTP: pesantren and product commands (`opop`, a token needed), and the directory,
 * the catalogue, the dashboard, santri records (`opopQueries`, a token optional). Every query
 * answers what the domain's read policies let the viewer see (adr/0014, adr/0050) — the token's
 * actor, or anonymous without a token: lists are filtered, and what exists but may not be seen
 * answers 404 as if it did not exist.
 */
import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Effect, Option, Schema } from "effect"
import { Identifier, Region } from "@jatim/kernel"
import {
  Curation,
  KabupatenDashboard,
  Commands,
  PesantrenCommand,
  PesantrenDirectory,
  PesantrenEvent,
  ProductCatalogue,
  ProductCategory,
  ProductCommand,
  ProductEvent,
  ProductId,
  SantriId,
  Santripreneur
} from "@jatim/opop"
import { Authentication, CurrentViewer, OptionalAuthentication } from "../auth.js"
import { NotFound, StoreFailure } from "../errors.js"
import { readModel } from "../readModels.js"
import {
  apiId,
  commandEndpoint,
  optionalBearer,
  queryGroupDescription,
  runCommand,
  summaryOrNotFound,
  visibleOrNotFound,
  withoutToken
} from "./common.js"
import { JsonBody } from "../jsonBody.js"

const Pesantren = PesantrenEvent.PesantrenEvent
const Product = ProductEvent.ProductEvent

const nsppParam = HttpApiSchema.param("nspp", Identifier.Nspp)
const productIdParam = HttpApiSchema.param("productId", ProductId.ProductId)
const santriIdParam = HttpApiSchema.param("santriId", SantriId.SantriId)

/** The OPOP commands (a bearer token needed). */
export class OpopApi extends HttpApiGroup.make("opop")
  .add(commandEndpoint("registerPesantren", "/pesantren/register", PesantrenCommand.RegisterPesantren, Pesantren))
  .add(commandEndpoint("linkKopontren", "/pesantren/link-kopontren", PesantrenCommand.LinkKopontren, Pesantren))
  .add(commandEndpoint("verifyPesantren", "/pesantren/verify", PesantrenCommand.VerifyPesantren, Pesantren))
  .add(commandEndpoint("suspendPesantren", "/pesantren/suspend", PesantrenCommand.SuspendPesantren, Pesantren))
  .add(commandEndpoint("reinstatePesantren", "/pesantren/reinstate", PesantrenCommand.ReinstatePesantren, Pesantren))
  .add(commandEndpoint("retireFlagship", "/pesantren/retire-flagship", PesantrenCommand.RetireFlagship, Pesantren))
  .add(commandEndpoint("designateFlagship", "/pesantren/designate-flagship", Commands.DesignationRequest, Pesantren))
  .add(commandEndpoint("proposeProduct", "/products/propose", Commands.ProposalRequest, Product))
  .add(commandEndpoint("submitProductForCuration", "/products/submit-for-curation", ProductCommand.SubmitProductForCuration, Product))
  .add(commandEndpoint("scoreProduct", "/products/score", ProductCommand.ScoreProduct, Product))
  .add(commandEndpoint("addCertificate", "/products/add-certificate", ProductCommand.AddCertificate, Product))
  .add(commandEndpoint("revokeCertificate", "/products/revoke-certificate", ProductCommand.RevokeCertificate, Product))
  .add(commandEndpoint("marketProduct", "/products/market", ProductCommand.MarketProduct, Product))
  .add(commandEndpoint("withdrawProductFromMarket", "/products/withdraw", ProductCommand.WithdrawProductFromMarket, Product))
  .addError(NotFound)
  // Listed before Authentication so that it runs after it (a 401 comes before a body's 400 or 415).
  .middleware(JsonBody)
  .middleware(Authentication)
  .prefix("/opop") {}

/** The OPOP queries (a bearer token optional: anonymous readers see the public views). */
export class OpopQueriesApi extends HttpApiGroup.make("opopQueries")
  .add(
    HttpApiEndpoint.get("listPesantren", "/pesantren")
      .setUrlParams(
        Schema.Struct({
          regionCode: Schema.optional(Region.RegionCode),
          status: Schema.optional(PesantrenDirectory.DirectoryStatus),
          nameContains: Schema.optional(Schema.String)
        })
      )
      .addSuccess(Schema.Array(PesantrenDirectory.DirectoryEntry))
      .annotate(OpenApi.Description, withoutToken.trimmed("The pesantren directory.", "without the pengasuh's name"))
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
          flagshipsOnly: Schema.optional(Schema.BooleanFromString)
        })
      )
      .addSuccess(Schema.Array(ProductCatalogue.CatalogueEntry))
      .annotate(
        OpenApi.Description,
        withoutToken.trimmed("The OPOP product catalogue.", "the public products only (curated, or on a market channel)")
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
      .addError(StoreFailure)
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
  .annotateEndpoints(OpenApi.Transform, optionalBearer)
  .addError(NotFound)
  .middleware(OptionalAuthentication)
  .prefix("/opop")
  .annotate(OpenApi.Description, queryGroupDescription("OPOP")) {}

/** The OPOP command handlers. */
export const OpopLive = HttpApiBuilder.group(HttpApi.make(apiId).add(OpopApi), "opop", (handlers) =>
  handlers
    .handle("registerPesantren", (req) =>
      runCommand("registerPesantren", req, (actor, options) =>
        Commands.pesantren(new PesantrenCommand.RegisterPesantren({ ...req.payload, actor }), options)
      )
    )
    .handle("linkKopontren", (req) =>
      runCommand("linkKopontren", req, (actor, options) =>
        Commands.pesantren(new PesantrenCommand.LinkKopontren({ ...req.payload, actor }), options)
      )
    )
    .handle("verifyPesantren", (req) =>
      runCommand("verifyPesantren", req, (actor, options) =>
        Commands.pesantren(new PesantrenCommand.VerifyPesantren({ ...req.payload, actor }), options)
      )
    )
    .handle("suspendPesantren", (req) =>
      runCommand("suspendPesantren", req, (actor, options) =>
        Commands.pesantren(new PesantrenCommand.SuspendPesantren({ ...req.payload, actor }), options)
      )
    )
    .handle("reinstatePesantren", (req) =>
      runCommand("reinstatePesantren", req, (actor, options) =>
        Commands.pesantren(new PesantrenCommand.ReinstatePesantren({ ...req.payload, actor }), options)
      )
    )
    .handle("retireFlagship", (req) =>
      runCommand("retireFlagship", req, (actor, options) =>
        Commands.pesantren(new PesantrenCommand.RetireFlagship({ ...req.payload, actor }), options)
      )
    )
    .handle("designateFlagship", (req) =>
      runCommand("designateFlagship", req, (actor, options) => Commands.designateFlagship({ ...req.payload, actor }, options))
    )
    .handle("proposeProduct", (req) =>
      runCommand("proposeProduct", req, (actor, options) => Commands.proposeProduct({ ...req.payload, actor }, options))
    )
    .handle("submitProductForCuration", (req) =>
      runCommand("submitProductForCuration", req, (actor, options) =>
        Commands.product(new ProductCommand.SubmitProductForCuration({ ...req.payload, actor }), options)
      )
    )
    .handle("scoreProduct", (req) =>
      runCommand("scoreProduct", req, (actor, options) =>
        Commands.product(new ProductCommand.ScoreProduct({ ...req.payload, actor }), options)
      )
    )
    .handle("addCertificate", (req) =>
      runCommand("addCertificate", req, (actor, options) =>
        Commands.product(new ProductCommand.AddCertificate({ ...req.payload, actor }), options)
      )
    )
    .handle("revokeCertificate", (req) =>
      runCommand("revokeCertificate", req, (actor, options) =>
        Commands.product(new ProductCommand.RevokeCertificate({ ...req.payload, actor }), options)
      )
    )
    .handle("marketProduct", (req) =>
      runCommand("marketProduct", req, (actor, options) =>
        Commands.product(new ProductCommand.MarketProduct({ ...req.payload, actor }), options)
      )
    )
    .handle("withdrawProductFromMarket", (req) =>
      runCommand("withdrawProductFromMarket", req, (actor, options) =>
        Commands.product(new ProductCommand.WithdrawProductFromMarket({ ...req.payload, actor }), options)
      )
    )
)

/** The OPOP query handlers: what the request's viewer may see. */
export const OpopQueriesLive = HttpApiBuilder.group(HttpApi.make(apiId).add(OpopQueriesApi), "opopQueries", (handlers) =>
  handlers
    .handle("listPesantren", ({ urlParams }) =>
      Effect.gen(function* () {
        const directory = yield* readModel((m) => m.opop.pesantrenDirectory)
        return PesantrenDirectory.listFor(directory, yield* CurrentViewer, urlParams)
      })
    )
    .handle("getPesantren", ({ path }) =>
      Effect.gen(function* () {
        const notFound = { rule: "PesantrenNotRegistered", message: `No pesantren with NSPP ${path.nspp}.` }
        const entry = PesantrenDirectory.get(yield* readModel((m) => m.opop.pesantrenDirectory), path.nspp)
        return yield* entry === undefined ? new NotFound(notFound) : visibleOrNotFound(PesantrenDirectory.visibleTo, entry, notFound)
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
        const notFound = { rule: "ProductNotFound", message: `No product ${path.productId}.` }
        const entry = ProductCatalogue.get(yield* readModel((m) => m.opop.productCatalogue), path.productId)
        return yield* entry === undefined ? new NotFound(notFound) : visibleOrNotFound(ProductCatalogue.visibleTo, entry, notFound)
      })
    )
    .handle("getSantri", ({ path }) =>
      Effect.gen(function* () {
        const notFound = { rule: "SantripreneurNotEnrolled", message: `No santripreneur ${path.santriId}.` }
        const record = yield* summaryOrNotFound({
          codec: Santripreneur.codec,
          decider: Santripreneur.decider,
          streamName: Santripreneur.streamName(path.santriId),
          summary: Santripreneur.summary,
          notFound
        })
        // A santri's record the viewer may not see answers as one that does not exist.
        return yield* visibleOrNotFound(Santripreneur.visibleTo, record, notFound)
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
