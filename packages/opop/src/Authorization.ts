/**
 * Who may issue which OPOP command: a domain rule, checked in `decide`, refused with the
 * kernel's `ActorNotAuthorized` whose message names the rule. The table below is the single
 * source of truth (adr/0010 prints it):
 *
 * | command | who |
 * |---|---|
 * | RegisterPesantren, LinkKopontren | the pesantren's own admin, or a Dinas officer |
 * | ReplaceKopontren, VerifyPesantren, SuspendPesantren, ReinstatePesantren | a Dinas officer |
 * | DesignateFlagship | the pesantren's own admin |
 * | RetireFlagship | the pesantren's own admin, or a Dinas officer |
 * | ProposeProduct, SubmitProductForCuration | the admin of the product's pesantren |
 * | ScoreProduct | a curator |
 * | AddCertificate, MarketProduct, WithdrawProductFromMarket | the admin of the product's pesantren, or a Dinas officer |
 * | RevokeCertificate, ExpireCertificates | a Dinas officer |
 * | EnrollSantripreneur, StartVenture | the admin of the santri's pesantren |
 * | RecordTraining, GraduateSantripreneur | the admin of the santri's pesantren, or a Dinas officer |
 *
 * @since 0.1.0
 */
import { Either } from "effect"
import { Actor, type Identifier } from "@jatim/kernel"

/** Who a permission admits. "Own admin" is the `PESANTREN_ADMIN` of the pesantren the command concerns. */
export type Policy = "DINAS_OFFICER" | "CURATOR" | "OWN_PESANTREN_ADMIN" | "OWN_PESANTREN_ADMIN_OR_DINAS_OFFICER"

/** The permission of one command: who may issue it, what it does, and the rule in words. */
export interface Permission {
  readonly policy: Policy
  /** What the command does, as in "… may not verify a pesantren". */
  readonly action: string
  /** The rule, given the NSPP of the pesantren concerned. */
  readonly rule: (nspp: Identifier.Nspp | undefined) => string
}

const admin = (nspp: Identifier.Nspp | undefined) =>
  nspp === undefined ? "the pesantren's own admin" : `the pesantren's own admin (PESANTREN_ADMIN ${nspp})`

/** The permission of every OPOP command, by its `_tag`. */
export const permissions = {
  RegisterPesantren: {
    policy: "OWN_PESANTREN_ADMIN_OR_DINAS_OFFICER",
    action: "register a pesantren",
    rule: (nspp) => `a pesantren is registered by ${admin(nspp)} or by a Dinas officer`
  },
  LinkKopontren: {
    policy: "OWN_PESANTREN_ADMIN_OR_DINAS_OFFICER",
    action: "link a Kopontren to a pesantren",
    rule: (nspp) => `a Kopontren is linked by ${admin(nspp)} or by a Dinas officer`
  },
  ReplaceKopontren: {
    policy: "DINAS_OFFICER",
    action: "replace a pesantren's Kopontren",
    rule: () => "only a Dinas officer replaces a pesantren's Kopontren, by a Dinas decision"
  },
  VerifyPesantren: {
    policy: "DINAS_OFFICER",
    action: "verify a pesantren",
    rule: () => "only Dinas officers verify pesantren"
  },
  SuspendPesantren: {
    policy: "DINAS_OFFICER",
    action: "suspend a pesantren",
    rule: () => "only Dinas officers suspend pesantren"
  },
  ReinstatePesantren: {
    policy: "DINAS_OFFICER",
    action: "reinstate a pesantren",
    rule: () => "only Dinas officers reinstate pesantren"
  },
  DesignateFlagship: {
    policy: "OWN_PESANTREN_ADMIN",
    action: "designate a pesantren's flagship product",
    rule: (nspp) => `only ${admin(nspp)} designates its flagship product`
  },
  RetireFlagship: {
    policy: "OWN_PESANTREN_ADMIN_OR_DINAS_OFFICER",
    action: "retire a pesantren's flagship product",
    rule: (nspp) => `a flagship product is retired by ${admin(nspp)} or by a Dinas officer`
  },
  ProposeProduct: {
    policy: "OWN_PESANTREN_ADMIN",
    action: "propose a product",
    rule: (nspp) => `only ${admin(nspp)} proposes its products`
  },
  SubmitProductForCuration: {
    policy: "OWN_PESANTREN_ADMIN",
    action: "submit a product for curation",
    rule: (nspp) => `only ${admin(nspp)} submits its products for curation`
  },
  ScoreProduct: {
    policy: "CURATOR",
    action: "score a product",
    rule: () => "only curators score products"
  },
  AddCertificate: {
    policy: "OWN_PESANTREN_ADMIN_OR_DINAS_OFFICER",
    action: "add a certificate to a product",
    rule: (nspp) => `certificates are added by ${admin(nspp)} or by a Dinas officer`
  },
  RevokeCertificate: {
    policy: "DINAS_OFFICER",
    action: "revoke a product's certificate",
    rule: () => "only Dinas officers revoke certificates"
  },
  ExpireCertificates: {
    policy: "DINAS_OFFICER",
    action: "record the expiry of a product's certificates",
    rule: () => "only Dinas officers (or their scheduler) record certificate expiries"
  },
  MarketProduct: {
    policy: "OWN_PESANTREN_ADMIN_OR_DINAS_OFFICER",
    action: "market a product",
    rule: (nspp) => `a product is marketed by ${admin(nspp)} or by a Dinas officer`
  },
  WithdrawProductFromMarket: {
    policy: "OWN_PESANTREN_ADMIN_OR_DINAS_OFFICER",
    action: "withdraw a product from a market channel",
    rule: (nspp) => `a product is withdrawn from a channel by ${admin(nspp)} or by a Dinas officer`
  },
  RepriceProduct: {
    policy: "OWN_PESANTREN_ADMIN",
    action: "reprice a product",
    rule: (nspp) => `only ${admin(nspp)} sets the price of its products`
  },
  ChangeMonthlyCapacity: {
    policy: "OWN_PESANTREN_ADMIN",
    action: "change a product's monthly capacity",
    rule: (nspp) => `only ${admin(nspp)} says how much of its products it can make`
  },
  EnrollSantripreneur: {
    policy: "OWN_PESANTREN_ADMIN",
    action: "enroll a santripreneur",
    rule: (nspp) => `only ${admin(nspp)} enrolls its santri`
  },
  RecordTraining: {
    policy: "OWN_PESANTREN_ADMIN_OR_DINAS_OFFICER",
    action: "record a santripreneur's training",
    rule: (nspp) => `training is recorded by ${admin(nspp)} or by a Dinas officer`
  },
  StartVenture: {
    policy: "OWN_PESANTREN_ADMIN",
    action: "start a santripreneur's venture",
    rule: (nspp) => `only ${admin(nspp)} records its santri's ventures`
  },
  GraduateSantripreneur: {
    policy: "OWN_PESANTREN_ADMIN_OR_DINAS_OFFICER",
    action: "graduate a santripreneur",
    rule: (nspp) => `a santripreneur is graduated by ${admin(nspp)} or by a Dinas officer`
  }
} as const satisfies Record<string, Permission>

/** The `_tag` of every OPOP command. */
export type CommandTag = keyof typeof permissions

/** Whether `policy` admits `actor` for a command concerning the pesantren `nspp`. */
export const isPermitted = (policy: Policy, actor: Actor.Actor, nspp: Identifier.Nspp | undefined): boolean => {
  const isOwnAdmin = actor._tag === "PESANTREN_ADMIN" && nspp !== undefined && actor.nspp === nspp
  switch (policy) {
    case "DINAS_OFFICER":
      return actor._tag === "DINAS_OFFICER"
    case "CURATOR":
      return actor._tag === "CURATOR"
    case "OWN_PESANTREN_ADMIN":
      return isOwnAdmin
    case "OWN_PESANTREN_ADMIN_OR_DINAS_OFFICER":
      return isOwnAdmin || actor._tag === "DINAS_OFFICER"
  }
}

/**
 * Checks that `actor` may issue the command `tag` concerning the pesantren `nspp` (the
 * pesantren itself, the owner of the product, or the santri's pesantren).
 */
export const authorize = (tag: CommandTag, actor: Actor.Actor, nspp?: Identifier.Nspp): Either.Either<void, Actor.ActorNotAuthorized> => {
  const permission: Permission = permissions[tag]
  return isPermitted(permission.policy, actor, nspp)
    ? Either.void
    : Either.left(new Actor.ActorNotAuthorized({ actor, action: permission.action, rule: permission.rule(nspp) }))
}
