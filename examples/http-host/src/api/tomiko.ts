/**
 * TOMIKO over HTTP: commands on cooperatives and networks, listings, orders with the acceptance
 * saga (`tomiko`, a token needed); read models (`tomikoQueries`, a token optional), each answered
 * as its read policy lets the request's viewer see it (a cooperative's order book and a
 * network's trade answer 404 to those who may not see them, anonymous readers included; the
 * listings are filtered).
 */
import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup, HttpApiSchema, OpenApi } from "@effect/platform"
import { Effect, Option, Schema } from "effect"
import { CalendarDate, Identifier, Region, Rupiah } from "@jatim/kernel"
import { ProductId } from "@jatim/opop"
import {
  AcceptanceSaga,
  Commands,
  KoperasiCommand,
  KoperasiEvent,
  ListingCommand,
  ListingEvent,
  ListingStock,
  MonthlyTrade,
  OrderBook,
  OrderCommand,
  OrderEvent,
  OrderId,
  PaymentTerms
} from "@jatim/tomiko"
import { Authentication, CurrentViewer, OptionalAuthentication } from "../auth.js"
import { NotFound, StoreFailure } from "../errors.js"
import { readModel } from "../readModels.js"
import {
  actionEndpoint,
  apiId,
  commandEndpoint,
  handleOptions,
  optionalBearer,
  queryGroupDescription,
  runAction,
  runCommand,
  visibleOrNotFound,
  withoutToken
} from "./common.js"
import { JsonBody } from "../jsonBody.js"

const nikParam = HttpApiSchema.param("nik", Identifier.NikKoperasi)
const monthParam = HttpApiSchema.param("month", CalendarDate.Month)

/**
 * The payload of create-listing: the listing, and for an OPOP product only its id (its maker and
 * Kopontren are read from OPOP's events, never taken from the request).
 */
const CreateListingPayload = {
  fields: {
    ...ListingCommand.CreateListing.fields,
    opop: Schema.optional(
      Schema.Struct({
        /** The OPOP product listed: only its pesantren's Kopontren may list it. */
        productId: ProductId.ProductId
      }).annotations({ description: "the OPOP product listed (only its pesantren's Kopontren may list it)" })
    )
  }
}

/** The payload of register-secondary: the founders by NIK Koperasi (each is read from its own stream). */
const RegisterSecondaryPayload = {
  fields: {
    nik: Identifier.NikKoperasi,
    name: KoperasiCommand.RegisterSecondaryKoperasi.fields.name,
    regionCode: Region.RegionCode,
    founders: Schema.Array(Identifier.NikKoperasi).annotations({
      description: "the founding cooperatives: at least 3 registered primary cooperatives"
    }),
    feeBasisPoints: Rupiah.BasisPoints
  }
}

/** The TOMIKO commands (a bearer token needed). */
export class TomikoApi extends HttpApiGroup.make("tomiko")
  .add(
    commandEndpoint(
      "registerPrimaryKoperasi",
      "/koperasi/register-primary",
      KoperasiCommand.RegisterPrimaryKoperasi,
      KoperasiEvent.KoperasiEvent
    )
  )
  .add(commandEndpoint("registerSecondaryKoperasi", "/koperasi/register-secondary", RegisterSecondaryPayload, KoperasiEvent.KoperasiEvent))
  .add(
    commandEndpoint(
      "joinNetwork",
      "/koperasi/join-network",
      {
        fields: { nik: Identifier.NikKoperasi, secondary: Identifier.NikKoperasi }
      },
      KoperasiEvent.KoperasiEvent
    )
  )
  .add(commandEndpoint("leaveNetwork", "/koperasi/leave-network", KoperasiCommand.LeaveNetwork, KoperasiEvent.KoperasiEvent))
  .add(commandEndpoint("createListing", "/listings/create", CreateListingPayload, ListingEvent.ListingEvent))
  .add(commandEndpoint("restock", "/listings/restock", ListingCommand.Restock, ListingEvent.ListingEvent))
  .add(commandEndpoint("reprice", "/listings/reprice", ListingCommand.Reprice, ListingEvent.ListingEvent))
  .add(commandEndpoint("delist", "/listings/delist", ListingCommand.Delist, ListingEvent.ListingEvent))
  .add(
    commandEndpoint(
      "placeOrder",
      "/orders/place",
      {
        fields: {
          orderId: OrderId.OrderId,
          buyer: Identifier.NikKoperasi,
          seller: Identifier.NikKoperasi,
          terms: PaymentTerms.PaymentTerms,
          lines: Schema.Array(Commands.LineToOrder)
        }
      },
      OrderEvent.OrderEvent
    )
  )
  .add(actionEndpoint("acceptOrder", "/orders/accept", { fields: { orderId: OrderId.OrderId } }, AcceptanceSaga.Outcome))
  .add(commandEndpoint("rejectOrder", "/orders/reject", OrderCommand.RejectOrder, OrderEvent.OrderEvent))
  .add(commandEndpoint("cancelOrder", "/orders/cancel", OrderCommand.CancelOrder, OrderEvent.OrderEvent))
  .add(commandEndpoint("shipOrder", "/orders/ship", OrderCommand.ShipOrder, OrderEvent.OrderEvent))
  .add(commandEndpoint("confirmDelivery", "/orders/confirm-delivery", OrderCommand.ConfirmDelivery, OrderEvent.OrderEvent))
  .add(commandEndpoint("invoiceOrder", "/orders/invoice", OrderCommand.InvoiceOrder, OrderEvent.OrderEvent))
  .add(commandEndpoint("recordPayment", "/orders/record-payment", OrderCommand.RecordPayment, OrderEvent.OrderEvent))
  .add(commandEndpoint("settleOrder", "/orders/settle", OrderCommand.SettleOrder, OrderEvent.OrderEvent))
  .add(commandEndpoint("disputeOrder", "/orders/dispute", OrderCommand.DisputeOrder, OrderEvent.OrderEvent))
  .add(commandEndpoint("resolveDispute", "/orders/resolve-dispute", OrderCommand.ResolveDispute, OrderEvent.OrderEvent))
  .addError(NotFound)
  .addError(StoreFailure)
  // Listed before Authentication so that it runs after it (a 401 comes before a body's 400 or 415).
  .middleware(JsonBody)
  .middleware(Authentication)
  .prefix("/tomiko") {}

/** The TOMIKO queries (a bearer token optional; none of them is public, so anonymous readers get 404 or empty lists). */
export class TomikoQueriesApi extends HttpApiGroup.make("tomikoQueries")
  .add(
    HttpApiEndpoint.get("orderBook")`/koperasi/${nikParam}/orders`
      .addSuccess(Schema.Array(OrderBook.Entry))
      .annotate(OpenApi.Description, withoutToken.private("A cooperative's order book.", "its admin and the Dinas"))
  )
  .add(
    HttpApiEndpoint.get("listingStock", "/listings")
      .addSuccess(Schema.Array(ListingStock.Stock))
      .annotate(OpenApi.Description, withoutToken.privateList("The listings and their stock.", "cooperatives' admins and the Dinas"))
  )
  .add(
    HttpApiEndpoint.get("monthlyTrade")`/networks/${nikParam}/trade/${monthParam}`
      .addSuccess(MonthlyTrade.MonthTrade)
      .annotate(OpenApi.Description, withoutToken.private("A network's monthly trade.", "the secondary's admin and the Dinas"))
  )
  .annotateEndpoints(OpenApi.Transform, optionalBearer)
  .addError(NotFound)
  .addError(StoreFailure)
  .middleware(OptionalAuthentication)
  .prefix("/tomiko")
  .annotate(OpenApi.Description, queryGroupDescription("TOMIKO")) {}

/** The TOMIKO command handlers. */
export const TomikoLive = HttpApiBuilder.group(HttpApi.make(apiId).add(TomikoApi), "tomiko", (handlers) =>
  handlers
    .handle("registerPrimaryKoperasi", (req) =>
      runCommand("registerPrimaryKoperasi", req, (actor, options) =>
        Commands.koperasi(new KoperasiCommand.RegisterPrimaryKoperasi({ ...req.payload, actor }), options)
      )
    )
    .handle("registerSecondaryKoperasi", (req) =>
      runCommand("registerSecondaryKoperasi", req, (actor, options) =>
        // Each founder is read from its own stream: it must be a registered primary cooperative.
        Commands.registerSecondaryKoperasi({ ...req.payload, actor, handleOptions: handleOptions(actor, options) })
      )
    )
    .handle("joinNetwork", (req) =>
      runCommand("joinNetwork", req, (actor, options) =>
        Effect.gen(function* () {
          // The join carries what the application read about the secondary cooperative.
          const secondary = Commands.partyOf(req.payload.secondary, yield* Commands.koperasiState(req.payload.secondary))
          return yield* Commands.koperasi(
            new KoperasiCommand.JoinNetwork({ actor, nik: req.payload.nik, secondary: { nik: secondary.nik, type: secondary.type } }),
            options
          )
        })
      )
    )
    .handle("leaveNetwork", (req) =>
      runCommand("leaveNetwork", req, (actor, options) =>
        Commands.koperasi(new KoperasiCommand.LeaveNetwork({ ...req.payload, actor }), options)
      )
    )
    .handle("createListing", (req) =>
      runCommand("createListing", req, (actor, options) => {
        // An OPOP product's maker (and its Kopontren) is read from OPOP's events, never the request.
        const { opop, ...listing } = req.payload
        return Commands.createListing({
          ...listing,
          actor,
          opopProductId: opop?.productId,
          handleOptions: handleOptions(actor, options)
        })
      })
    )
    .handle("restock", (req) =>
      runCommand("restock", req, (actor, options) => Commands.listing(new ListingCommand.Restock({ ...req.payload, actor }), options))
    )
    .handle("reprice", (req) =>
      runCommand("reprice", req, (actor, options) => Commands.listing(new ListingCommand.Reprice({ ...req.payload, actor }), options))
    )
    .handle("delist", (req) =>
      runCommand("delist", req, (actor, options) => Commands.listing(new ListingCommand.Delist({ ...req.payload, actor }), options))
    )
    .handle("placeOrder", (req) =>
      runCommand("placeOrder", req, (actor, options) =>
        Commands.placeOrder({ ...req.payload, actor, correlationId: options.correlationId })
      )
    )
    .handle("acceptOrder", (req) =>
      // The saga is deduplicated by causation: running it again resumes it, never reserves twice.
      // It takes neither `If-Match` nor the key as correlation id (its steps correlate by order).
      runAction("acceptOrder", req, (actor) => AcceptanceSaga.accept(req.payload.orderId, actor))
    )
    .handle("rejectOrder", (req) =>
      runCommand("rejectOrder", req, (actor, options) => Commands.order(new OrderCommand.RejectOrder({ ...req.payload, actor }), options))
    )
    .handle("cancelOrder", (req) =>
      runCommand("cancelOrder", req, (actor, options) => Commands.order(new OrderCommand.CancelOrder({ ...req.payload, actor }), options))
    )
    .handle("shipOrder", (req) =>
      runCommand("shipOrder", req, (actor, options) => Commands.order(new OrderCommand.ShipOrder({ ...req.payload, actor }), options))
    )
    .handle("confirmDelivery", (req) =>
      runCommand("confirmDelivery", req, (actor, options) =>
        Commands.order(new OrderCommand.ConfirmDelivery({ ...req.payload, actor }), options)
      )
    )
    .handle("invoiceOrder", (req) =>
      runCommand("invoiceOrder", req, (actor, options) => Commands.order(new OrderCommand.InvoiceOrder({ ...req.payload, actor }), options))
    )
    .handle("recordPayment", (req) =>
      runCommand("recordPayment", req, (actor, options) =>
        Commands.order(new OrderCommand.RecordPayment({ ...req.payload, actor }), options)
      )
    )
    .handle("settleOrder", (req) =>
      runCommand("settleOrder", req, (actor, options) => Commands.order(new OrderCommand.SettleOrder({ ...req.payload, actor }), options))
    )
    .handle("disputeOrder", (req) =>
      runCommand("disputeOrder", req, (actor, options) => Commands.order(new OrderCommand.DisputeOrder({ ...req.payload, actor }), options))
    )
    .handle("resolveDispute", (req) =>
      runCommand("resolveDispute", req, (actor, options) =>
        Commands.order(new OrderCommand.ResolveDispute({ ...req.payload, actor }), options)
      )
    )
)

/** The TOMIKO query handlers: what the request's viewer may see. */
export const TomikoQueriesLive = HttpApiBuilder.group(HttpApi.make(apiId).add(TomikoQueriesApi), "tomikoQueries", (handlers) =>
  handlers
    .handle("orderBook", ({ path }) =>
      Effect.gen(function* () {
        const book = yield* readModel((m) => m.tomiko.orderBook)
        const own = yield* visibleOrNotFound(
          OrderBook.visibleTo,
          { nik: path.nik, entries: OrderBook.forCooperative(book, path.nik) },
          { rule: "OrderBookNotFound", message: `No order book of cooperative ${path.nik} that you may see.` }
        )
        return own.entries
      })
    )
    .handle("listingStock", () =>
      Effect.gen(function* () {
        const viewer = yield* CurrentViewer
        const stock: ListingStock.ListingStock = yield* readModel((m) => m.tomiko.listingStock)
        return Object.values(stock).flatMap((s) => Option.toArray(ListingStock.visibleTo(viewer, s)))
      })
    )
    .handle("monthlyTrade", ({ path }) =>
      Effect.gen(function* () {
        const trade = yield* readModel((m) => m.tomiko.monthlyTrade)
        const view = yield* visibleOrNotFound(
          MonthlyTrade.visibleTo,
          { secondary: path.nik, month: path.month, trade: MonthlyTrade.of(trade, path.nik, path.month) },
          { rule: "NetworkTradeNotFound", message: `No trade of network ${path.nik} that you may see.` }
        )
        return view.trade
      })
    )
)
