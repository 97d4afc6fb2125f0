/**
 * What the OpenAPI document says of TOMIKO's operations. Who may issue a command is the domain's
 * own table (`Authorization.permissions`: whether a Dinas officer may, and its rule in words),
 * never restated here; examples are the demo's network (Pusat Koperasi Jawa Timur and its four
 * primary cooperatives), its listings and its orders TMK-0001 … TMK-0012.
 */
import { Authorization } from "@jatim/tomiko"
import type * as CommandTable from "../CommandTable.js"
import { byRule, type CommandDoc, type OperationDoc, type ProgramDoc, role, sees, wholeList } from "../docs.js"
import { paged } from "../paging.js"
import type { tomikoCommands } from "./commands.js"

/** Who may issue the TOMIKO command `tag`: the cooperative admin its rule names (or a Dinas officer), and the domain's rule. */
const who = (tag: Authorization.CommandTag): string => {
  const { dinas, rule }: Authorization.Permission = Authorization.permissions[tag]
  return byRule(`the ${role.koperasiAdmin} the rule names${dinas ? `, or ${role.dinas}` : ""}`, rule)
}

/**
 * Who may issue the arbiter's command `tag`: the admin of the order's network's secondary, or a
 * Dinas officer on the secondary's own sale (`Authorization.authorizeArbiter`).
 */
const arbiter = (tag: Authorization.ArbiterCommandTag): string =>
  byRule(
    `the ${role.koperasiAdmin} of the secondary cooperative running the order's network, or ${role.dinas} on the secondary's own sale`,
    Authorization.permissions[tag].rule
  )

/** The demo's secondary cooperative and a primary of its network. */
const secondary = "3578020000000100"
const kopontrenTebuireng = "3517010000000001"

/** Who sees a cooperative's own views (its order book, its statement): the Dinas and the cooperative's admin. */
const cooperativeViewers = sees.private(`${role.dinas} and the cooperative's own ${role.koperasiAdmin}`)

/** Who sees a network's views (its receivables, fees and trade): the Dinas and the admin of the secondary running it. */
const networkViewers = sees.private(
  `${role.dinas} and the ${role.koperasiAdmin} of the secondary cooperative running the network (its NIK Koperasi)`
)

/** TOMIKO's groups: their prefix, and what its commands are about. */
export const tomikoProgram: ProgramDoc = {
  prefix: "/tomiko",
  name: "TOMIKO",
  meaning:
    "Toko Online Milik Koperasi: cooperatives trade with each other through secondary cooperatives' networks. Cooperatives register and join " +
    "networks; sellers list products; an order goes placed → accepted (stock reserved) → shipped → delivered (BAST) → invoiced on tempo terms → " +
    "paid → settled with the network's fee."
}

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
  },
  cancelOrderAsSeller: {
    summary: "Cancel an order as its seller",
    who: who("CancelOrderAsSeller"),
    what:
      "The seller cancels an order it received before shipping it, with the reason (recorded with `cancelledBy: SELLER`): stock reserved for it " +
      "is released, and so is a tempo order's credit.",
    example: { orderId: "TMK-0003", reason: "Gudang kebanjiran, stok rusak" }
  },
  escalateDelivery: {
    summary: "Escalate a shipment the buyer has not confirmed",
    who: who("EscalateDelivery"),
    what:
      "The seller escalates a shipment whose delivery its buyer has not confirmed 14 days after it shipped to the network's arbiter (the " +
      "secondary cooperative; on the secondary's own sale, the Dinas), who then confirms the delivery for the buyer or cancels the order.",
    example: { orderId: "TMK-0002" }
  },
  confirmDeliveryForBuyer: {
    summary: "Confirm an escalated delivery for the buyer",
    who: arbiter("ConfirmDeliveryForBuyer"),
    what:
      "The network's arbiter confirms the delivery of an escalated shipment on the buyer's behalf, with the handover record's number (BAST): " +
      "the order goes on as if the buyer had confirmed it (`confirmedBy: ARBITER`).",
    example: { orderId: "TMK-0002", bastNumber: "BAST/2026/0002" }
  },
  cancelEscalatedOrder: {
    summary: "Cancel an escalated order",
    who: arbiter("CancelEscalatedOrder"),
    what: "The network's arbiter cancels an escalated shipment that was never delivered, with the reason (`cancelledBy: ARBITER`).",
    example: { orderId: "TMK-0002", reason: "Barang tidak pernah sampai di gudang pembeli" }
  },
  resolveDisputeWithCreditNote: {
    summary: "Resolve an order's dispute with a credit note",
    who: arbiter("ResolveDisputeWithCreditNote"),
    what:
      "The network's arbiter resolves the buyer's dispute with a credit note: the amount (whole rupiah) comes off what the buyer owes, never " +
      "beyond what is not credited yet (a full refund is possible). At settlement the fee and the payout add up to the total less the credit " +
      "notes, and what the buyer paid beyond it is refunded.",
    example: { orderId: "TMK-0011", amount: 225000, resolution: "Tiga karung beras rusak, dipotong dari tagihan" }
  },
  setCreditLimit: {
    summary: "Set a buyer's tempo credit limit",
    who: who("SetCreditLimit"),
    what:
      "The seller sets the tempo credit limit it extends to a buyer (whole rupiah), or lifts it with `null`. A tempo order whose total would " +
      "take the buyer's outstanding tempo total with the seller beyond the limit fails its acceptance, with the figures in the reason.",
    example: { seller: kopontrenTebuireng, buyer: "3509010000000013", limit: 5000000 }
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
    who: cooperativeViewers,
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
  sellerAgeing: {
    summary: "Age a seller's receivables",
    who: sees.private(`${role.dinas} and the seller cooperative's own ${role.koperasiAdmin}`),
    what:
      "Every unpaid tempo invoice of the seller (its total net of credit notes, what was paid, what is outstanding), aged on today's date (WIB): " +
      "`NOT_DUE`, or by days past the due date 1-30, 31-60, 61-90 and 90+; each bucket's count and sum, which add up to the outstanding total. " +
      "`CASH` orders are paid on delivery and never age. Most overdue first."
  },
  cooperativeStatement: {
    summary: "Get a cooperative's statement",
    who: cooperativeViewers,
    what:
      "Every order the cooperative was billed for (as buyer) or billed (as seller) — a tempo order once invoiced, a `CASH` order once delivered " +
      "(paid on delivery, without an invoice) — with what was billed, credited by credit notes, paid and is still outstanding, by billing date; " +
      "and the sums as buyer (what it owes) and as seller (what it is owed), in whole rupiah."
  },
  networks: {
    summary: "List the networks you may see",
    who: sees.privateList(
      `${role.dinas} (every network), the ${role.koperasiAdmin} of a secondary cooperative (its own) and of a primary (the one it is in)`
    ),
    what:
      "The secondary cooperatives' networks: the secondary (its NIK Koperasi names the network), name, kabupaten/kota, fee in basis points " +
      "and how many primaries are in it now; by NIK. " +
      wholeList("the province's secondary cooperatives")
  },
  networkAgeing: {
    summary: "Age a network's receivables",
    who: networkViewers,
    what:
      "Every unpaid tempo invoice of the orders in the secondary's network, aged on today's date (WIB) as a seller's are (`NOT_DUE`, 1-30, 31-60, " +
      "61-90, 90+ days overdue), with each bucket's count and sum."
  },
  feeStatement: {
    summary: "Get a network's monthly fee statement",
    who: networkViewers,
    what:
      "What the secondary earned from its network, month by month (WIB, by settlement date; oldest first) and in all: orders settled, their " +
      "value (net of credit notes), its fees and the sellers' payouts, in whole rupiah. Its own sales carry no fee."
  },
  creditLine: {
    summary: "Get the credit line a seller extends to a buyer",
    who: sees.private(`${role.dinas} and the ${role.koperasiAdmin} of the seller and of the buyer`),
    what:
      "The tempo credit limit the seller extends to the buyer (`null`: none), what the buyer owes on accepted tempo orders not paid in full " +
      "(outstanding) and what it may still take on credit, in whole rupiah. A line with no limit set answers `limit: null`."
  },
  monthlyTrade: {
    summary: "Get a network's trade in a month",
    who: networkViewers,
    what: "The settled trade of a secondary cooperative's network in a month (`YYYY-MM`, WIB): orders, their value, the secondary's fees and the sellers' payouts, in whole rupiah."
  }
} as const satisfies { readonly [name: string]: OperationDoc }
