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
 * | StartAcceptance, CompleteAcceptance, FailAcceptance, RejectOrder, ShipOrder, InvoiceOrder | the seller's admin |
 * | SettleOrder, ResolveDispute | the admin of the secondary cooperative whose network the order runs in |
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

/** The permission of every TOMIKO command, by its `_tag`. */
export const permissions = {
  RegisterKoperasi: {
    action: "register a cooperative",
    dinas: true,
    rule: "a cooperative is registered by its own admin or by a Dinas officer"
  },
  JoinNetwork: {
    action: "join a secondary cooperative's network",
    dinas: false,
    rule: "only the primary cooperative's own admin joins a network for it"
  },
  LeaveNetwork: {
    action: "leave a secondary cooperative's network",
    dinas: false,
    rule: "only the primary cooperative's own admin leaves a network for it"
  },
  CreateListing: { action: "create a listing", dinas: false, rule: "only the seller cooperative's admin lists its products" },
  Restock: { action: "restock a listing", dinas: false, rule: "only the seller cooperative's admin restocks its listings" },
  Reprice: { action: "reprice a listing", dinas: false, rule: "only the seller cooperative's admin reprices its listings" },
  Delist: { action: "delist a listing", dinas: false, rule: "only the seller cooperative's admin delists its listings" },
  ReserveStock: {
    action: "reserve stock",
    dinas: false,
    rule: "only the seller cooperative's admin reserves its stock (by accepting an order)"
  },
  CommitStock: {
    action: "commit reserved stock",
    dinas: false,
    rule: "only the seller cooperative's admin commits its reserved stock, through the stock process when the order ships"
  },
  ReleaseStock: {
    action: "release reserved stock",
    dinas: false,
    rule: "reserved stock is released by the order's own process, for the seller's admin or the admin of the order's buyer"
  },
  PlaceOrder: { action: "place an order", dinas: false, rule: "only the buyer cooperative's admin places its orders" },
  CancelOrder: { action: "cancel an order", dinas: false, rule: "only the buyer cooperative's admin cancels its orders" },
  StartAcceptance: { action: "accept an order", dinas: false, rule: "only the seller cooperative's admin accepts orders to it" },
  CompleteAcceptance: {
    action: "accept an order",
    dinas: false,
    rule: "only the seller cooperative's admin accepts orders to it"
  },
  FailAcceptance: {
    action: "record a failed acceptance",
    dinas: false,
    rule: "only the seller cooperative's admin accepts orders to it"
  },
  RejectOrder: { action: "reject an order", dinas: false, rule: "only the seller cooperative's admin rejects orders to it" },
  ShipOrder: { action: "ship an order", dinas: false, rule: "only the seller cooperative's admin ships its orders" },
  ConfirmDelivery: {
    action: "confirm a delivery",
    dinas: false,
    rule: "only the buyer cooperative's admin confirms delivery (signs the BAST)"
  },
  InvoiceOrder: { action: "invoice an order", dinas: false, rule: "only the seller cooperative's admin invoices its orders" },
  RecordPayment: { action: "record a payment", dinas: false, rule: "only the buyer cooperative's admin records its payments" },
  SettleOrder: {
    action: "settle an order",
    dinas: false,
    rule: "only the admin of the secondary cooperative running the network settles its orders"
  },
  DisputeOrder: { action: "dispute an order", dinas: false, rule: "only the buyer cooperative's admin disputes its orders" },
  ResolveDispute: {
    action: "resolve a dispute",
    dinas: false,
    rule: "only the admin of the secondary cooperative running the network resolves disputes"
  }
} as const satisfies Record<string, Permission>

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
