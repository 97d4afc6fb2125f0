/** TOMIKO over HTTP: cooperatives and networks, listings, orders with the acceptance saga; read models. */
import { HttpApi, HttpApiBuilder, HttpApiEndpoint, HttpApiGroup, HttpApiSchema } from "@effect/platform"
import { Effect, Schema } from "effect"
import { type CommandHandler } from "@jatim/eventstore"
import { Actor, Identifier } from "@jatim/kernel"
import {
  AcceptanceSaga,
  CalendarDate,
  Koperasi,
  KoperasiCommand,
  KoperasiEvent,
  Listing,
  ListingCommand,
  ListingEvent,
  ListingStock,
  MonthlyTrade,
  Order,
  OrderBook,
  OrderCommand,
  OrderEvent,
  OrderId,
  PaymentTerms,
  TomikoCommands
} from "@jatim/tomiko"
import { Authentication, CurrentActor } from "../auth.js"
import {
  Conflict,
  Forbidden,
  IdempotencyKeyReused,
  IdempotentRequestInProgress,
  NotFound,
  RuleViolated,
  StoreFailure,
  toHttpError
} from "../errors.js"
import { Idempotency } from "../idempotency/Idempotency.js"
import { ReadModels } from "../readModels.js"
import { CommandHeaders, commandEndpoint, runCommand } from "./common.js"

const options = (actor: Actor.Actor, rest: Omit<CommandHandler.HandleOptions, "actor">): CommandHandler.HandleOptions => ({
  ...rest,
  actor: Actor.toActorRef(actor)
})

const nikParam = HttpApiSchema.param("nik", Identifier.NikKoperasi)
const monthParam = HttpApiSchema.param("month", CalendarDate.Month)

/** The TOMIKO endpoints. */
export class TomikoApi extends HttpApiGroup.make("tomiko")
  .add(commandEndpoint("registerPrimaryKoperasi", "/koperasi/register-primary", KoperasiCommand.RegisterPrimaryKoperasi, KoperasiEvent.KoperasiEvent))
  .add(
    commandEndpoint("registerSecondaryKoperasi", "/koperasi/register-secondary", KoperasiCommand.RegisterSecondaryKoperasi, KoperasiEvent.KoperasiEvent)
  )
  .add(
    commandEndpoint("joinNetwork", "/koperasi/join-network", {
      fields: { nik: Identifier.NikKoperasi, secondary: Identifier.NikKoperasi }
    }, KoperasiEvent.KoperasiEvent)
  )
  .add(commandEndpoint("leaveNetwork", "/koperasi/leave-network", KoperasiCommand.LeaveNetwork, KoperasiEvent.KoperasiEvent))
  .add(commandEndpoint("createListing", "/listings/create", ListingCommand.CreateListing, ListingEvent.ListingEvent))
  .add(commandEndpoint("restock", "/listings/restock", ListingCommand.Restock, ListingEvent.ListingEvent))
  .add(commandEndpoint("reprice", "/listings/reprice", ListingCommand.Reprice, ListingEvent.ListingEvent))
  .add(commandEndpoint("delist", "/listings/delist", ListingCommand.Delist, ListingEvent.ListingEvent))
  .add(
    commandEndpoint("placeOrder", "/orders/place", {
      fields: {
        orderId: OrderId.OrderId,
        buyer: Identifier.NikKoperasi,
        seller: Identifier.NikKoperasi,
        terms: PaymentTerms.PaymentTerms,
        lines: Schema.Array(TomikoCommands.LineToOrder)
      }
    }, OrderEvent.OrderEvent)
  )
  .add(
    HttpApiEndpoint.post("acceptOrder", "/orders/accept")
      .setPayload(Schema.Struct({ orderId: OrderId.OrderId }))
      .setHeaders(CommandHeaders)
      .addSuccess(AcceptanceSaga.Outcome)
      .addError(IdempotencyKeyReused)
      .addError(IdempotentRequestInProgress)
      .addError(Forbidden)
      .addError(Conflict)
      .addError(RuleViolated)
  )
  .add(commandEndpoint("rejectOrder", "/orders/reject", OrderCommand.RejectOrder, OrderEvent.OrderEvent))
  .add(commandEndpoint("cancelOrder", "/orders/cancel", OrderCommand.CancelOrder, OrderEvent.OrderEvent))
  .add(commandEndpoint("shipOrder", "/orders/ship", OrderCommand.ShipOrder, OrderEvent.OrderEvent))
  .add(commandEndpoint("confirmDelivery", "/orders/confirm-delivery", OrderCommand.ConfirmDelivery, OrderEvent.OrderEvent))
  .add(commandEndpoint("invoiceOrder", "/orders/invoice", OrderCommand.InvoiceOrder, OrderEvent.OrderEvent))
  .add(commandEndpoint("recordPayment", "/orders/record-payment", OrderCommand.RecordPayment, OrderEvent.OrderEvent))
  .add(commandEndpoint("settleOrder", "/orders/settle", OrderCommand.SettleOrder, OrderEvent.OrderEvent))
  .add(commandEndpoint("disputeOrder", "/orders/dispute", OrderCommand.DisputeOrder, OrderEvent.OrderEvent))
  .add(commandEndpoint("resolveDispute", "/orders/resolve-dispute", OrderCommand.ResolveDispute, OrderEvent.OrderEvent))
  .add(
    HttpApiEndpoint.get("orderBook")`/koperasi/${nikParam}/orders`.addSuccess(Schema.Array(OrderBook.Entry))
  )
  .add(HttpApiEndpoint.get("listingStock", "/listings").addSuccess(Schema.Array(ListingStock.Stock)))
  .add(
    HttpApiEndpoint.get("monthlyTrade")`/networks/${nikParam}/trade/${monthParam}`.addSuccess(MonthlyTrade.MonthTrade)
  )
  .addError(NotFound)
  .addError(StoreFailure)
  .middleware(Authentication)
  .prefix("/tomiko")
{}

/** The TOMIKO handlers. */
export const TomikoLive = HttpApiBuilder.group(HttpApi.make("jatim").add(TomikoApi), "tomiko", (handlers) =>
  handlers
    .handle("registerPrimaryKoperasi", (req) =>
      runCommand("registerPrimaryKoperasi", req, (actor, rest) =>
        TomikoCommands.koperasi(
          Koperasi.streamName(req.payload.nik),
          new KoperasiCommand.RegisterPrimaryKoperasi({ ...req.payload, actor }),
          options(actor, rest)
        )))
    .handle("registerSecondaryKoperasi", (req) =>
      runCommand("registerSecondaryKoperasi", req, (actor, rest) =>
        TomikoCommands.koperasi(
          Koperasi.streamName(req.payload.nik),
          new KoperasiCommand.RegisterSecondaryKoperasi({ ...req.payload, actor }),
          options(actor, rest)
        )))
    .handle("joinNetwork", (req) =>
      runCommand("joinNetwork", req, (actor, rest) =>
        Effect.gen(function*() {
          // The join carries what the application read about the secondary cooperative.
          const secondary = TomikoCommands.partyOf(req.payload.secondary, yield* TomikoCommands.koperasiState(req.payload.secondary))
          return yield* TomikoCommands.koperasi(
            Koperasi.streamName(req.payload.nik),
            new KoperasiCommand.JoinNetwork({ actor, nik: req.payload.nik, secondary: { nik: secondary.nik, type: secondary.type } }),
            options(actor, rest)
          )
        })))
    .handle("leaveNetwork", (req) =>
      runCommand("leaveNetwork", req, (actor, rest) =>
        TomikoCommands.koperasi(
          Koperasi.streamName(req.payload.nik),
          new KoperasiCommand.LeaveNetwork({ ...req.payload, actor }),
          options(actor, rest)
        )))
    .handle("createListing", (req) =>
      runCommand("createListing", req, (actor, rest) =>
        TomikoCommands.listing(
          Listing.streamName(req.payload.listingId),
          new ListingCommand.CreateListing({ ...req.payload, actor }),
          options(actor, rest)
        )))
    .handle("restock", (req) =>
      runCommand("restock", req, (actor, rest) =>
        TomikoCommands.listing(Listing.streamName(req.payload.listingId), new ListingCommand.Restock({ ...req.payload, actor }), options(actor, rest))))
    .handle("reprice", (req) =>
      runCommand("reprice", req, (actor, rest) =>
        TomikoCommands.listing(Listing.streamName(req.payload.listingId), new ListingCommand.Reprice({ ...req.payload, actor }), options(actor, rest))))
    .handle("delist", (req) =>
      runCommand("delist", req, (actor, rest) =>
        TomikoCommands.listing(Listing.streamName(req.payload.listingId), new ListingCommand.Delist({ ...req.payload, actor }), options(actor, rest))))
    .handle("placeOrder", (req) =>
      runCommand("placeOrder", req, (actor, rest) =>
        TomikoCommands.placeOrder({ ...req.payload, actor, correlationId: rest.correlationId })))
    .handle("acceptOrder", (req) =>
      Effect.gen(function*() {
        const actor = yield* CurrentActor
        const idempotency = yield* Idempotency
        // The saga is deduplicated by causation: running it again resumes it, never reserves twice.
        return yield* idempotency.run(
          { key: req.headers["idempotency-key"], actor, endpoint: "acceptOrder", body: req.payload },
          AcceptanceSaga.accept(req.payload.orderId, actor).pipe(Effect.mapError(toHttpError))
        )
      }))
    .handle("rejectOrder", (req) =>
      runCommand("rejectOrder", req, (actor, rest) =>
        TomikoCommands.order(Order.streamName(req.payload.orderId), new OrderCommand.RejectOrder({ ...req.payload, actor }), options(actor, rest))))
    .handle("cancelOrder", (req) =>
      runCommand("cancelOrder", req, (actor, rest) =>
        TomikoCommands.order(Order.streamName(req.payload.orderId), new OrderCommand.CancelOrder({ ...req.payload, actor }), options(actor, rest))))
    .handle("shipOrder", (req) =>
      runCommand("shipOrder", req, (actor, rest) =>
        TomikoCommands.order(Order.streamName(req.payload.orderId), new OrderCommand.ShipOrder({ ...req.payload, actor }), options(actor, rest))))
    .handle("confirmDelivery", (req) =>
      runCommand("confirmDelivery", req, (actor, rest) =>
        TomikoCommands.order(
          Order.streamName(req.payload.orderId),
          new OrderCommand.ConfirmDelivery({ ...req.payload, actor }),
          options(actor, rest)
        )))
    .handle("invoiceOrder", (req) =>
      runCommand("invoiceOrder", req, (actor, rest) =>
        TomikoCommands.order(Order.streamName(req.payload.orderId), new OrderCommand.InvoiceOrder({ ...req.payload, actor }), options(actor, rest))))
    .handle("recordPayment", (req) =>
      runCommand("recordPayment", req, (actor, rest) =>
        TomikoCommands.order(Order.streamName(req.payload.orderId), new OrderCommand.RecordPayment({ ...req.payload, actor }), options(actor, rest))))
    .handle("settleOrder", (req) =>
      runCommand("settleOrder", req, (actor, rest) =>
        TomikoCommands.order(Order.streamName(req.payload.orderId), new OrderCommand.SettleOrder({ ...req.payload, actor }), options(actor, rest))))
    .handle("disputeOrder", (req) =>
      runCommand("disputeOrder", req, (actor, rest) =>
        TomikoCommands.order(Order.streamName(req.payload.orderId), new OrderCommand.DisputeOrder({ ...req.payload, actor }), options(actor, rest))))
    .handle("resolveDispute", (req) =>
      runCommand("resolveDispute", req, (actor, rest) =>
        TomikoCommands.order(
          Order.streamName(req.payload.orderId),
          new OrderCommand.ResolveDispute({ ...req.payload, actor }),
          options(actor, rest)
        )))
    .handle("orderBook", ({ path }) =>
      Effect.flatMap(ReadModels, (models) =>
        Effect.map(models.read(models.tomiko.orderBook), (book) => OrderBook.forCooperative(book, path.nik))))
    .handle("listingStock", () =>
      Effect.flatMap(ReadModels, (models) =>
        Effect.map(models.read(models.tomiko.listingStock), (stock: ListingStock.ListingStock) => Object.values(stock))))
    .handle("monthlyTrade", ({ path }) =>
      Effect.flatMap(ReadModels, (models) =>
        Effect.map(models.read(models.tomiko.monthlyTrade), (trade) => MonthlyTrade.of(trade, path.nik, path.month))))
)

