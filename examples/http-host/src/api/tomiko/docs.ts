/**
 * What the OpenAPI document says of TOMIKO's operations. Who may issue a command is the domain's
 * own table (`Authorization.permissions`: whether a Dinas officer may, and its rule in words),
 * never restated here; examples are the demo's network (Pusat Koperasi Jawa Timur and its four
 * primary cooperatives), its listings and its orders TMK-0001 … TMK-0012.
 */
import { Authorization } from "@jatim/tomiko"
import type * as CommandTable from "../CommandTable.js"
import { byRule, type CommandDoc, type OperationDoc, role, sees } from "../docs.js"
import { paged } from "../paging.js"
import type { tomikoCommands } from "./commands.js"

/** Who may issue the TOMIKO command `tag`: the cooperative admin its rule names (or a Dinas officer), and the domain's rule. */
const who = (tag: Authorization.CommandTag): string => {
  const { dinas, rule }: Authorization.Permission = Authorization.permissions[tag]
  return byRule(`the ${role.koperasiAdmin} the rule names${dinas ? `, or ${role.dinas}` : ""}`, rule)
}

/** The demo's secondary cooperative and a primary of its network. */
const secondary = "3578020000000100"
const kopontrenTebuireng = "3517010000000001"

/** The TOMIKO command endpoints' documentation, by endpoint name. */
export const tomikoCommandDocs: CommandTable.Docs<typeof tomikoCommands> = {
  registerPrimaryKoperasi: {
    summary: "Register a primary cooperative",
    who: who("RegisterKoperasi"),
    what: "Registers a primary cooperative (`PRIMER`) by its NIK Koperasi: name, kabupaten/kota and individual members (at least 20).",
    example: { nik: "3509010000000013", name: "Koperasi Nelayan Puger Jember", regionCode: "35.09", individualMembers: 60 }
  },
  registerSecondaryKoperasi: {
    summary: "Register a secondary cooperative",
    who: who("RegisterKoperasi"),
    what:
      "Registers a secondary cooperative (`SEKUNDER`), founded by at least 3 registered primary cooperatives (each read from its own stream), " +
      "with the fee in basis points it takes on each order settled in its network.",
    example: {
      nik: secondary,
      name: "Pusat Koperasi Jawa Timur",
      regionCode: "35.78",
      founders: [kopontrenTebuireng, "3578010000000011", "3507010000000012", "3509010000000013"],
      feeBasisPoints: 150
    }
  },
  joinNetwork: {
    summary: "Join a secondary cooperative's network",
    who: who("JoinNetwork"),
    what: "A primary cooperative joins the network a secondary cooperative runs: primaries trade with each other only within a shared network.",
    example: { nik: "3509010000000013", secondary }
  },
  leaveNetwork: {
    summary: "Leave a secondary cooperative's network",
    who: who("LeaveNetwork"),
    what: "A primary cooperative leaves a secondary cooperative's network.",
    example: { nik: "3509010000000013", secondary }
  },
  createListing: {
    summary: "Create a listing",
    who: who("CreateListing"),
    what:
      "Lists a product of the seller cooperative: unit price in whole rupiah, stock and minimum order quantity. An OPOP product is named by its id " +
      "(`opop.productId`) and only its pesantren's Kopontren, as OPOP's events name it, may list it.",
    example: {
      listingId: "keripik-tempe-santri",
      seller: kopontrenTebuireng,
      name: "Keripik Tempe Santri (dus 20 bungkus)",
      unitPrice: 240000,
      stock: 60,
      minimumOrderQuantity: 2,
      opop: { productId: "keripik-tempe" }
    }
  },
  restock: {
    summary: "Restock a listing",
    who: who("Restock"),
    what: "Adds stock to a listing.",
    example: { listingId: "beras-premium-5kg", quantity: 200 }
  },
  reprice: {
    summary: "Reprice a listing",
    who: who("Reprice"),
    what: "Changes the listing's unit price for orders placed from now on (placed orders keep their prices).",
    example: { listingId: "minyak-goreng-2l", unitPrice: 37000 }
  },
  delist: {
    summary: "Delist a listing",
    who: who("Delist"),
    what: "Takes the listing off the marketplace, with the reason: no new orders.",
    example: { listingId: "minyak-goreng-2l", reason: "Pemasok berhenti produksi" }
  },
  placeOrder: {
    summary: "Place an order",
    who: who("PlaceOrder"),
    what:
      "A buyer cooperative orders from a seller in a network it shares (never from itself; a secondary may sell to the primaries of its own " +
      "network), lines priced from the listings when placed, on terms `CASH` (paid on delivery) or `TEMPO_14` / `TEMPO_30` (invoiced, due in 14 " +
      "or 30 days). The parties and listings are read from their streams.",
    example: {
      orderId: "TMK-0013",
      buyer: "3509010000000013",
      seller: kopontrenTebuireng,
      terms: "TEMPO_14",
      lines: [{ listingId: "beras-premium-5kg", quantity: 10 }]
    }
  },
  rejectOrder: {
    summary: "Reject an order",
    who: who("RejectOrder"),
    what: "The seller rejects a placed order, with the reason.",
    example: { orderId: "TMK-0004", reason: "Stok untuk pesanan lain" }
  },
  cancelOrder: {
    summary: "Cancel an order",
    who: who("CancelOrder"),
    what: "The buyer cancels an order before it is shipped, with the reason: stock reserved for it is released.",
    example: { orderId: "TMK-0003", reason: "Salah pesan" }
  },
  shipOrder: {
    summary: "Ship an order",
    who: who("ShipOrder"),
    what: "The seller ships an accepted order: its reserved stock is committed.",
    example: { orderId: "TMK-0003" }
  },
  confirmDelivery: {
    summary: "Confirm an order's delivery (BAST)",
    who: who("ConfirmDelivery"),
    what: "The buyer confirms delivery with the handover record's number (BAST). A `CASH` order is paid on delivery, without an invoice.",
    example: { orderId: "TMK-0002", bastNumber: "BAST/2026/0002" }
  },
  invoiceOrder: {
    summary: "Invoice a delivered tempo order",
    who: who("InvoiceOrder"),
    what: "The seller invoices a delivered order on credit terms (`TEMPO_14`, `TEMPO_30`): the due date follows from the terms.",
    example: { orderId: "TMK-0007" }
  },
  recordPayment: {
    summary: "Record a payment of an order",
    who: who("RecordPayment"),
    what: "The buyer records a payment (by its own id, once) in whole rupiah: an order may be paid in several payments, never above its total.",
    example: { orderId: "TMK-0009", paymentId: "PAY-0009-2", amount: 464000 }
  },
  settleOrder: {
    summary: "Settle a paid order",
    who: who("SettleOrder"),
    what: "Settles a paid order: the secondary cooperative's fee (basis points, rounded half-up) and the seller's payout add up to the total.",
    example: { orderId: "TMK-0010" }
  },
  disputeOrder: {
    summary: "Dispute a delivered order",
    who: who("DisputeOrder"),
    what: "The buyer disputes an order after delivery, with the reason: the order cannot be settled until the dispute is resolved.",
    example: { orderId: "TMK-0007", reason: "Dua karton minyak bocor saat diterima" }
  },
  resolveDispute: {
    summary: "Resolve an order's dispute",
    who: who("ResolveDispute"),
    what: "The secondary cooperative running the network resolves the buyer's dispute, with the resolution.",
    example: { orderId: "TMK-0011", resolution: "Penjual mengganti tiga karung beras" }
  }
}

/** Accepting an order: the acceptance saga, not a command of the table. */
export const acceptOrderDoc: CommandDoc<{ readonly orderId: string }> = {
  summary: "Accept an order (reserve its stock)",
  who: who("StartAcceptance"),
  what:
    "The seller accepts a placed order: the acceptance saga reserves each line's stock across the listings; when any line cannot be reserved, " +
    "it releases what it reserved and the order ends `ACCEPTANCE_FAILED`. Running it again resumes it and never reserves twice. Answers the outcome.",
  example: { orderId: "TMK-0004" }
}

/** The TOMIKO queries' documentation, by endpoint name. */
export const tomikoQueryDocs = {
  orderBook: {
    summary: "List a cooperative's order book",
    who: sees.private(`${role.dinas} and the cooperative's own ${role.koperasiAdmin}`),
    what: paged(
      "A cooperative's orders, as buyer and as seller, by date placed: counterparty, total, paid, terms, status and whether disputed."
    )
  },
  listingStock: {
    summary: "List the listings and their stock",
    who: sees.privateList(`${role.dinas} and every ${role.koperasiAdmin}`),
    what: paged(
      "Every listing with its seller, unit price and stock (on hand, reserved for accepted orders, available), and whether it is still listed; by listing id."
    )
  },
  monthlyTrade: {
    summary: "Get a network's trade in a month",
    who: sees.private(`${role.dinas} and the ${role.koperasiAdmin} of the secondary cooperative running the network (its NIK Koperasi)`),
    what: "The settled trade of a secondary cooperative's network in a month (`YYYY-MM`, WIB): orders, their value, the secondary's fees and the sellers' payouts, in whole rupiah."
  }
} as const satisfies { readonly [name: string]: OperationDoc }
