/**
 * Who may issue which TOMIKO command: a domain rule, checked in `decide`, refused with the
 * kernel's `ActorNotAuthorized` whose message names the rule. This table is the single source
 * of truth (adr/0043 prints it):
 *
 * | command | who |
 * |---|---|
 * | RegisterPrimaryKoperasi, RegisterSecondaryKoperasi (permission `RegisterKoperasi`) | the cooperative's own admin, or a Dinas officer |
 * | JoinNetwork, LeaveNetwork | the primary cooperative's own admin |
 * | CreateListing | the seller cooperative's admin; an OPOP product only by the Kopontren OPOP's events name (adr/0044) |
 * | Restock, Reprice, Delist | the seller cooperative's admin |
 * | ReserveStock | the seller cooperative's admin (the acceptance saga acts for it) |
 * | CommitStock | the seller cooperative's admin, through the stock process, once the order shipped (adr/0044) |
 * | ReleaseStock | the seller's or the order's buyer's admin, through the order's process, once the order was cancelled or its acceptance failed (adr/0044) |
 * | PlaceOrder, CancelOrder, ConfirmDelivery, RecordPayment, DisputeOrder | the buyer's admin |
 * | StartAcceptance, CompleteAcceptance, FailAcceptance, RejectOrder, ShipOrder, InvoiceOrder, CancelOrderAsSeller, EscalateDelivery | the seller's admin |
 * | SettleOrder | the admin of the secondary cooperative whose network the order runs in |
 * | SetCreditLimit, ReserveCredit (the acceptance saga acts for it), ReleaseCredit (through the order's process, adr/0083) | the seller's admin |
 * | ResolveDispute, ResolveDisputeWithCreditNote, ConfirmDeliveryForBuyer, CancelEscalatedOrder | the order's arbiter (`authorizeArbiter`): the admin of the network's secondary; on the secondary's own sale, a Dinas officer (adr/0080) |
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { Actor, type Identifier } from "@jatim/kernel"

/** The permission of one command: what it does, whether Dinas officers may, and the rule. */
export interface Permission {
  /** What the command does, as in "… may not accept an order". */
  readonly action: string
  /** Whether a Dinas officer may issue it too. */
  readonly dinas: boolean
  /** The rule, in words. */
  readonly rule: string
}

/** A command only the admins of the cooperatives it names may issue. */
const adminOnly = (action: string, rule: string): Permission => ({ action, dinas: false, rule })

/** A command the admins of the cooperatives it names, or a Dinas officer, may issue. */
const adminOrDinas = (action: string, rule: string): Permission => ({ action, dinas: true, rule })

/** The permission of every TOMIKO command, by its `_tag`. */
export const permissions = {
  RegisterKoperasi: adminOrDinas("register a cooperative", "a cooperative is registered by its own admin or by a Dinas officer"),
  JoinNetwork: adminOnly("join a secondary cooperative's network", "only the primary cooperative's own admin joins a network for it"),
  LeaveNetwork: adminOnly("leave a secondary cooperative's network", "only the primary cooperative's own admin leaves a network for it"),
  CreateListing: adminOnly("create a listing", "only the seller cooperative's admin lists its products"),
  Restock: adminOnly("restock a listing", "only the seller cooperative's admin restocks its listings"),
  Reprice: adminOnly("reprice a listing", "only the seller cooperative's admin reprices its listings"),
  Delist: adminOnly("delist a listing", "only the seller cooperative's admin delists its listings"),
  ReserveStock: adminOnly("reserve stock", "only the seller cooperative's admin reserves its stock (by accepting an order)"),
  CommitStock: adminOnly(
    "commit reserved stock",
    "only the seller cooperative's admin commits its reserved stock, through the stock process when the order ships"
  ),
  ReleaseStock: adminOnly(
    "release reserved stock",
    "reserved stock is released by the order's own process, for the seller's admin or the admin of the order's buyer"
  ),
  PlaceOrder: adminOnly("place an order", "only the buyer cooperative's admin places its orders"),
  CancelOrder: adminOnly("cancel an order", "only the buyer cooperative's admin cancels its orders"),
  StartAcceptance: adminOnly("accept an order", "only the seller cooperative's admin accepts orders to it"),
  CompleteAcceptance: adminOnly("accept an order", "only the seller cooperative's admin accepts orders to it"),
  FailAcceptance: adminOnly("record a failed acceptance", "only the seller cooperative's admin accepts orders to it"),
  RejectOrder: adminOnly("reject an order", "only the seller cooperative's admin rejects orders to it"),
  ShipOrder: adminOnly("ship an order", "only the seller cooperative's admin ships its orders"),
  ConfirmDelivery: adminOnly("confirm a delivery", "only the buyer cooperative's admin confirms delivery (signs the BAST)"),
  InvoiceOrder: adminOnly("invoice an order", "only the seller cooperative's admin invoices its orders"),
  RecordPayment: adminOnly("record a payment", "only the buyer cooperative's admin records its payments"),
  SettleOrder: adminOnly("settle an order", "only the admin of the secondary cooperative running the network settles its orders"),
  DisputeOrder: adminOnly("dispute an order", "only the buyer cooperative's admin disputes its orders"),
  ResolveDispute: adminOnly("resolve a dispute", "only the order's arbiter resolves disputes"),
  ResolveDisputeWithCreditNote: adminOnly("issue a credit note", "only the order's arbiter resolves disputes with a credit note"),
  CancelOrderAsSeller: adminOnly("cancel an order as its seller", "only the seller cooperative's admin cancels the orders it received"),
  EscalateDelivery: adminOnly("escalate a delivery", "only the seller cooperative's admin escalates its unconfirmed shipments"),
  ConfirmDeliveryForBuyer: adminOnly(
    "confirm a delivery for the buyer",
    "only the order's arbiter confirms an escalated delivery for the buyer"
  ),
  CancelEscalatedOrder: adminOnly("cancel an escalated order", "only the order's arbiter cancels an escalated shipment"),
  SetCreditLimit: adminOnly("set a credit limit", "only the seller cooperative's admin sets the tempo credit limit it extends to a buyer"),
  ReserveCredit: adminOnly(
    "reserve credit",
    "only the seller cooperative's admin reserves a tempo order on its credit line (by accepting the order)"
  ),
  ReleaseCredit: adminOnly(
    "release reserved credit",
    "reserved credit is released by the order's own process, for the seller's admin, once the order is paid, cancelled or failed"
  )
} satisfies Record<string, Permission>

/** The `_tag` of every TOMIKO command. */
export type CommandTag = keyof typeof permissions

/**
 * Checks that `actor` may issue the command `tag`: it must be the `KOPERASI_ADMIN` of one of
 * `admins` (the cooperatives entitled to the command), or a Dinas officer where the table says so.
 */
export const authorize = (
  tag: CommandTag,
  actor: Actor.Actor,
  admins: ReadonlyArray<Identifier.NikKoperasi>
): Either.Either<void, Actor.ActorNotAuthorized> => {
  const permission: Permission = permissions[tag]
  const permitted = (actor._tag === "KOPERASI_ADMIN" && admins.includes(actor.nik)) || (permission.dinas && actor._tag === "DINAS_OFFICER")
  const who = admins.length === 0 ? "" : ` (KOPERASI_ADMIN ${admins.join(" or ")})`
  return permitted
    ? Either.void
    : Either.left(new Actor.ActorNotAuthorized({ actor, action: permission.action, rule: `${permission.rule}${who}` }))
}

/** The commands the order's arbiter issues. */
export type ArbiterCommandTag = "ResolveDispute" | "ResolveDisputeWithCreditNote" | "ConfirmDeliveryForBuyer" | "CancelEscalatedOrder"

/**
 * Checks that `actor` is the arbiter of an order run in `secondary`'s network and sold by
 * `seller`: the secondary's admin, who runs the network; but when the secondary is itself the
 * seller (adr/0080) it cannot judge its own sale, and a Dinas officer arbitrates instead.
 */
export const authorizeArbiter = (
  tag: ArbiterCommandTag,
  actor: Actor.Actor,
  order: { readonly secondary: Identifier.NikKoperasi; readonly seller: Identifier.NikKoperasi }
): Either.Either<void, Actor.ActorNotAuthorized> => {
  if (order.seller !== order.secondary) return authorize(tag, actor, [order.secondary])
  const permission: Permission = permissions[tag]
  return actor._tag === "DINAS_OFFICER"
    ? Either.void
    : Either.left(
        new Actor.ActorNotAuthorized({
          actor,
          action: permission.action,
          rule: `${permission.rule}: on a sale by the network's own secondary cooperative, a Dinas officer (DINAS_OFFICER)`
        })
      )
}
