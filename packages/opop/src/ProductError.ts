/**
 * The domain errors of the product stream. Each message names the rule that refused the
 * command and says what to do instead.
 * Each class declares its category (`ErrorCategory` of `@jatim/kernel`), which hosts map.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type Actor, CalendarDate, ErrorCategory, Identifier } from "@jatim/kernel"
import { CertificateKind } from "./Certificate.js"
import { Grade } from "./Curation.js"
import { MarketChannel } from "./MarketChannel.js"
import { ProductCategory } from "./ProductCategory.js"
import { ProductId } from "./ProductId.js"
import { ProductStatus } from "./ProductStatus.js"

/** No product has been proposed under this id. */
export class ProductNotFound extends ErrorCategory.DomainError<ProductNotFound>()(
  "ProductNotFound",
  { productId: ProductId, action: Schema.String },
  ErrorCategory.notFound,
  ({ productId, action }) =>
    `There is no product ${productId}, so you cannot ${action}: its pesantren's admin proposes it first (ProposeProduct).`
) {}

/** A product with this id exists already. */
export class ProductAlreadyProposed extends ErrorCategory.DomainError<ProductAlreadyProposed>()(
  "ProductAlreadyProposed",
  { productId: ProductId },
  ErrorCategory.ruleViolated,
  ({ productId }) => `Product ${productId} was already proposed: choose another product id for a new product.`
) {}

/** The product's status does not allow the command. */
export class InvalidProductTransition extends ErrorCategory.DomainError<InvalidProductTransition>()(
  "InvalidProductTransition",
  { productId: ProductId, status: ProductStatus, action: Schema.String, rule: Schema.String },
  ErrorCategory.ruleViolated,
  ({ productId, status, action, rule }) => `Product ${productId} is ${status}, so you cannot ${action}: ${rule}.`
) {}

/** A food or drink product lacks the certificates the market rule asks for. */
export class CertificationRequired extends ErrorCategory.DomainError<CertificationRequired>()(
  "CertificationRequired",
  {
    productId: ProductId,
    category: ProductCategory,
    action: Schema.String,
    missing: Schema.Array(Schema.String),
    on: CalendarDate.CalendarDate
  },
  ErrorCategory.ruleViolated,
  ({ productId, category, action, on, missing }) =>
    `Product ${productId} (${category.toLowerCase()}) cannot ${action}: food and drink need a ` +
    `valid halal certificate and a valid P-IRT or BPOM registration before they are graded market-ready or ` +
    `marketed, and on ${on} it lacks ${missing.join(" and ")}. Add the certificates (AddCertificate), then try again.`
) {}

/** Only market-ready grades are marketed. */
export class ProductNotMarketReady extends ErrorCategory.DomainError<ProductNotMarketReady>()(
  "ProductNotMarketReady",
  { productId: ProductId, grade: Grade },
  ErrorCategory.ruleViolated,
  ({ productId, grade }) =>
    `Product ${productId} is graded ${grade}, so it cannot be marketed: only products graded ` +
    `BERKEMBANG or UNGGULAN are market-ready. Coach it and submit it for curation again.`
) {}

/** The same certificate, issued on the same day, is recorded already. */
export class CertificateAlreadyRecorded extends ErrorCategory.DomainError<CertificateAlreadyRecorded>()(
  "CertificateAlreadyRecorded",
  { productId: ProductId, kind: CertificateKind, number: Schema.String, issuedOn: CalendarDate.CalendarDate },
  ErrorCategory.ruleViolated,
  ({ productId, kind, number, issuedOn }) =>
    `Product ${productId} already holds ${kind} ${number} issued on ${issuedOn}: a renewal carries its new issue date.`
) {}

/** The certificate to revoke is not in force on the product. */
export class CertificateNotInForce extends ErrorCategory.DomainError<CertificateNotInForce>()(
  "CertificateNotInForce",
  { productId: ProductId, kind: CertificateKind, number: Schema.String },
  ErrorCategory.ruleViolated,
  ({ productId, kind, number }) =>
    `Product ${productId} holds no ${kind} ${number} in force (never added, revoked, or ` +
    `recorded as expired): only a certificate in force is revoked.`
) {}

/** The certificate's dates do not make a certificate that can be added today. */
export class InvalidCertificateDates extends ErrorCategory.DomainError<InvalidCertificateDates>()(
  "InvalidCertificateDates",
  {
    productId: ProductId,
    kind: CertificateKind,
    number: Schema.String,
    issuedOn: CalendarDate.CalendarDate,
    /** Absent for a halal certificate without a term. */
    validUntil: Schema.optional(CalendarDate.CalendarDate),
    today: CalendarDate.CalendarDate,
    reason: Schema.String
  },
  ErrorCategory.ruleViolated,
  ({ kind, number, issuedOn, validUntil, productId, today, reason }) =>
    `${kind} ${number} (issued ${issuedOn}${validUntil === undefined ? ", without a term" : `, valid until ${validUntil}`}) ` +
    `cannot be added to product ${productId} on ${today}: ${reason}.`
) {}

/** The product is on this channel already. */
export class AlreadyMarketedOnChannel extends ErrorCategory.DomainError<AlreadyMarketedOnChannel>()(
  "AlreadyMarketedOnChannel",
  { productId: ProductId, channel: MarketChannel },
  ErrorCategory.ruleViolated,
  ({ productId, channel }) => `Product ${productId} is already marketed on ${channel}.`
) {}

/** The product is not on this channel. */
export class NotMarketedOnChannel extends ErrorCategory.DomainError<NotMarketedOnChannel>()(
  "NotMarketedOnChannel",
  { productId: ProductId, channel: MarketChannel },
  ErrorCategory.ruleViolated,
  ({ productId, channel }) => `Product ${productId} is not marketed on ${channel}: only a channel it is on is withdrawn.`
) {}

/**
 * A proposal's pesantren standing was not read from the pesantren's stream by
 * `PesantrenStanding.read` (a look-alike), or is another pesantren's.
 */
export class PesantrenStandingUnverified extends ErrorCategory.DomainError<PesantrenStandingUnverified>()(
  "PesantrenStandingUnverified",
  { productId: ProductId, nspp: Identifier.Nspp, reason: Schema.String },
  ErrorCategory.ruleViolated,
  ({ productId, nspp, reason }) =>
    `Product ${productId} cannot be proposed for pesantren ${nspp}: ${reason}. A pesantren's ` +
    `standing is read from its own stream (PesantrenStanding.read, or Commands.proposeProduct), never given by the caller.`
) {}

/** A product is proposed only for a registered pesantren. */
export class ProposalPesantrenNotRegistered extends ErrorCategory.DomainError<ProposalPesantrenNotRegistered>()(
  "ProposalPesantrenNotRegistered",
  { productId: ProductId, nspp: Identifier.Nspp },
  ErrorCategory.notFound,
  ({ nspp, productId }) =>
    `Pesantren ${nspp} is not registered in OPOP, so product ${productId} cannot be proposed for it: ` +
    `register the pesantren first (RegisterPesantren).`
) {}

/** A suspended pesantren proposes no product. */
export class ProposalPesantrenSuspended extends ErrorCategory.DomainError<ProposalPesantrenSuspended>()(
  "ProposalPesantrenSuspended",
  { productId: ProductId, nspp: Identifier.Nspp, reason: Schema.String },
  ErrorCategory.ruleViolated,
  ({ nspp, reason, productId }) =>
    `Pesantren ${nspp} is suspended (${reason}), so product ${productId} cannot be proposed for ` +
    `it: a suspended pesantren must be reinstated by the Dinas first.`
) {}

/** A revoked certificate number stays revoked for the product, whatever dates it is added with again. */
export class CertificateNumberRevoked extends ErrorCategory.DomainError<CertificateNumberRevoked>()(
  "CertificateNumberRevoked",
  { productId: ProductId, kind: CertificateKind, number: Schema.String },
  ErrorCategory.ruleViolated,
  ({ kind, number, productId }) =>
    `${kind} ${number} was revoked for product ${productId}, and a revoked certificate stays ` +
    `revoked for the product whatever its dates: add a new certificate, with a new number, from its issuer.`
) {}

/** Every error of the product stream: what `Product.decide` fails with. */
export type ProductError =
  | ProductNotFound
  | ProductAlreadyProposed
  | InvalidProductTransition
  | CertificationRequired
  | ProductNotMarketReady
  | CertificateAlreadyRecorded
  | CertificateNotInForce
  | InvalidCertificateDates
  | AlreadyMarketedOnChannel
  | NotMarketedOnChannel
  | PesantrenStandingUnverified
  | ProposalPesantrenNotRegistered
  | ProposalPesantrenSuspended
  | CertificateNumberRevoked
  | Actor.ActorNotAuthorized
