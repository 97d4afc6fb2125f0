/**
 * TOMIKO's command endpoints (`/tomiko/…`, a bearer token needed), one row per endpoint: each
 * cooperative, listing and order command is built from the payload and the token's actor and
 * handled by `Commands.koperasi`, `Commands.listing`, `Commands.order` or `Commands.creditLine`. Where a command needs
 * facts of other streams (a secondary's founders, the network joined, an OPOP product's maker,
 * the parties and listings of an order), the payload names them by id and `Commands` reads them.
 * Accepting an order runs the acceptance saga: not a command, it is declared by the group itself.
 */
import { Effect, Schema } from "effect"
import { Identifier, Region, Rupiah } from "@jatim/kernel"
import { ProductId } from "@jatim/opop"
import {
  Commands,
  CreditLineCommand,
  CreditLineEvent,
  KoperasiCommand,
  KoperasiEvent,
  ListingCommand,
  ListingEvent,
  OrderCommand,
  OrderEvent,
  OrderId,
  PaymentTerms
} from "@jatim/tomiko"
import * as CommandTable from "../CommandTable.js"
import { handleOptions } from "../common.js"

const koperasi = CommandTable.aggregate(KoperasiEvent.KoperasiEvent, Commands.koperasi)
const listing = CommandTable.aggregate(ListingEvent.ListingEvent, Commands.listing)
const order = CommandTable.aggregate(OrderEvent.OrderEvent, Commands.order)
const creditLine = CommandTable.aggregate(CreditLineEvent.CreditLineEvent, Commands.creditLine)

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

/** The payload of join-network: the cooperative and the secondary whose network it joins (read from its stream). */
const JoinNetworkPayload = { fields: { nik: Identifier.NikKoperasi, secondary: Identifier.NikKoperasi } }

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

/** The payload of place-order: the parties and the listings by id (each is read from its stream). */
const PlaceOrderPayload = {
  fields: {
    orderId: OrderId.OrderId,
    buyer: Identifier.NikKoperasi,
    seller: Identifier.NikKoperasi,
    terms: PaymentTerms.PaymentTerms,
    lines: Schema.Array(Commands.LineToOrder)
  }
}

/** The TOMIKO command endpoints, by name. */
export const tomikoCommands = {
  registerPrimaryKoperasi: koperasi.command("/koperasi/register-primary", KoperasiCommand.RegisterPrimaryKoperasi),
  registerSecondaryKoperasi: koperasi.request("/koperasi/register-secondary", RegisterSecondaryPayload, (input, options) =>
    // Each founder is read from its own stream: it must be a registered primary cooperative.
    Commands.registerSecondaryKoperasi({ ...input, handleOptions: handleOptions(input.actor, options) })
  ),
  joinNetwork: koperasi.request("/koperasi/join-network", JoinNetworkPayload, ({ actor, nik, secondary }, options) =>
    Effect.gen(function* () {
      // The join carries what the application read about the secondary cooperative.
      const party = Commands.partyOf(secondary, yield* Commands.koperasiState(secondary))
      return yield* Commands.koperasi(
        new KoperasiCommand.JoinNetwork({ actor, nik, secondary: { nik: party.nik, type: party.type } }),
        options
      )
    })
  ),
  leaveNetwork: koperasi.command("/koperasi/leave-network", KoperasiCommand.LeaveNetwork),
  createListing: listing.request("/listings/create", CreateListingPayload, ({ opop, ...request }, options) =>
    // An OPOP product's maker (and its Kopontren) is read from OPOP's events, never the request.
    Commands.createListing({ ...request, opopProductId: opop?.productId, handleOptions: handleOptions(request.actor, options) })
  ),
  restock: listing.command("/listings/restock", ListingCommand.Restock),
  reprice: listing.command("/listings/reprice", ListingCommand.Reprice),
  delist: listing.command("/listings/delist", ListingCommand.Delist),
  placeOrder: order.request("/orders/place", PlaceOrderPayload, (input, options) =>
    Commands.placeOrder({ ...input, correlationId: options.correlationId })
  ),
  rejectOrder: order.command("/orders/reject", OrderCommand.RejectOrder),
  cancelOrder: order.command("/orders/cancel", OrderCommand.CancelOrder),
  shipOrder: order.command("/orders/ship", OrderCommand.ShipOrder),
  confirmDelivery: order.command("/orders/confirm-delivery", OrderCommand.ConfirmDelivery),
  invoiceOrder: order.command("/orders/invoice", OrderCommand.InvoiceOrder),
  recordPayment: order.command("/orders/record-payment", OrderCommand.RecordPayment),
  settleOrder: order.command("/orders/settle", OrderCommand.SettleOrder),
  disputeOrder: order.command("/orders/dispute", OrderCommand.DisputeOrder),
  resolveDispute: order.command("/orders/resolve-dispute", OrderCommand.ResolveDispute),
  cancelOrderAsSeller: order.command("/orders/cancel-as-seller", OrderCommand.CancelOrderAsSeller),
  escalateDelivery: order.command("/orders/escalate", OrderCommand.EscalateDelivery),
  confirmDeliveryForBuyer: order.command("/orders/confirm-delivery-for-buyer", OrderCommand.ConfirmDeliveryForBuyer),
  cancelEscalatedOrder: order.command("/orders/cancel-escalated", OrderCommand.CancelEscalatedOrder),
  resolveDisputeWithCreditNote: order.command("/orders/resolve-dispute-with-credit-note", OrderCommand.ResolveDisputeWithCreditNote),
  setCreditLimit: creditLine.command("/credit-lines/set-limit", CreditLineCommand.SetCreditLimit)
}
