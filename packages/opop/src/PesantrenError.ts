/**
 * The domain errors of the pesantren stream. Each message names the rule that refused the
 * command and says what to do instead.
 * Each class declares its category (`ErrorCategory` of `@jatim/kernel`), which hosts map.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type Actor, ErrorCategory, Identifier } from "@jatim/kernel"
import { ProductId } from "./ProductId.js"

/** The pesantren has no registration yet. */
export class PesantrenNotRegistered extends ErrorCategory.DomainError<PesantrenNotRegistered>()(
  "PesantrenNotRegistered",
  { nspp: Identifier.Nspp, action: Schema.String },
  ErrorCategory.notFound,
  ({ nspp, action }) => `Pesantren ${nspp} is not registered, so you cannot ${action}: register it first (RegisterPesantren).`
) {}

/** The NSPP is registered already. */
export class PesantrenAlreadyRegistered extends ErrorCategory.DomainError<PesantrenAlreadyRegistered>()(
  "PesantrenAlreadyRegistered",
  { nspp: Identifier.Nspp, name: Schema.String },
  ErrorCategory.ruleViolated,
  ({ nspp, name }) => `Pesantren ${nspp} is already registered as "${name}": an NSPP is registered once.`
) {}

/** The pesantren's Kopontren is linked already, to another cooperative. */
export class KopontrenAlreadyLinked extends ErrorCategory.DomainError<KopontrenAlreadyLinked>()(
  "KopontrenAlreadyLinked",
  { nspp: Identifier.Nspp, linked: Identifier.NikKoperasi, requested: Identifier.NikKoperasi },
  ErrorCategory.ruleViolated,
  ({ nspp, linked, requested }) =>
    `Pesantren ${nspp} already has its Kopontren (NIK Koperasi ${linked}); it cannot be linked to ` +
    `${requested}: a pesantren has one Kopontren. Ask the Dinas to correct the register if ${linked} is wrong.`
) {}

/** The pesantren cannot be verified: no Kopontren is linked. */
export class KopontrenNotLinked extends ErrorCategory.DomainError<KopontrenNotLinked>()(
  "KopontrenNotLinked",
  { nspp: Identifier.Nspp },
  ErrorCategory.ruleViolated,
  ({ nspp }) =>
    `Pesantren ${nspp} cannot be verified yet: OPOP registration needs a registered cooperative, so ` +
    `link its Kopontren (LinkKopontren with its NIK Koperasi) first.`
) {}

/** The pesantren is verified already. */
export class PesantrenAlreadyVerified extends ErrorCategory.DomainError<PesantrenAlreadyVerified>()(
  "PesantrenAlreadyVerified",
  { nspp: Identifier.Nspp },
  ErrorCategory.ruleViolated,
  ({ nspp }) => `Pesantren ${nspp} is already verified by the Dinas: a pesantren is verified once.`
) {}

/** The command needs a pesantren the Dinas has verified. */
export class PesantrenNotVerified extends ErrorCategory.DomainError<PesantrenNotVerified>()(
  "PesantrenNotVerified",
  { nspp: Identifier.Nspp, action: Schema.String },
  ErrorCategory.ruleViolated,
  ({ nspp, action }) =>
    `Pesantren ${nspp} is not verified by the Dinas, so you cannot ${action}: only verified ` +
    `pesantren take part in OPOP. Ask a Dinas officer to verify it (VerifyPesantren).`
) {}

/** The pesantren is suspended. */
export class PesantrenUnderSuspension extends ErrorCategory.DomainError<PesantrenUnderSuspension>()(
  "PesantrenUnderSuspension",
  { nspp: Identifier.Nspp, reason: Schema.String, action: Schema.String },
  ErrorCategory.ruleViolated,
  ({ nspp, reason, action }) =>
    `Pesantren ${nspp} is suspended (${reason}), so you cannot ${action}: a suspended pesantren must be reinstated by the Dinas first.`
) {}

/** The pesantren is not suspended, so it cannot be reinstated. */
export class PesantrenNotSuspended extends ErrorCategory.DomainError<PesantrenNotSuspended>()(
  "PesantrenNotSuspended",
  { nspp: Identifier.Nspp },
  ErrorCategory.ruleViolated,
  ({ nspp }) => `Pesantren ${nspp} is not suspended: only a suspended pesantren is reinstated.`
) {}

/** The product is the active flagship already. */
export class FlagshipAlreadyActive extends ErrorCategory.DomainError<FlagshipAlreadyActive>()(
  "FlagshipAlreadyActive",
  { nspp: Identifier.Nspp, productId: ProductId },
  ErrorCategory.ruleViolated,
  ({ productId, nspp }) => `Product ${productId} is already the active flagship of pesantren ${nspp}: nothing to designate.`
) {}

/**
 * One Pesantren One Product: a designation names the flagship it retires, and that must be
 * the active flagship when it is decided. Two designations made from the same state race; the
 * first wins and the other ends here.
 */
export class FlagshipDesignationOutdated extends ErrorCategory.DomainError<FlagshipDesignationOutdated>()(
  "FlagshipDesignationOutdated",
  {
    nspp: Identifier.Nspp,
    productId: ProductId,
    retiring: Schema.optional(ProductId),
    active: Schema.optional(ProductId)
  },
  ErrorCategory.ruleViolated,
  (error) => {
    const retiring = error.retiring === undefined ? "no active flagship" : `${error.retiring} as the flagship it retires`
    const active = error.active === undefined ? "the pesantren has no active flagship" : `the active flagship is ${error.active}`
    return (
      `One Pesantren One Product: pesantren ${error.nspp} has at most one active flagship, and a new designation ` +
      `must retire the active one. The designation of ${error.productId} names ${retiring}, but ${active}. ` +
      `Read the pesantren again and, if ${error.productId} should still be the flagship, designate it naming ` +
      `${error.active ?? "no flagship"} as the one it retires.`
    )
  }
) {}

/** The product cannot be a flagship of this pesantren. */
export class FlagshipCandidateIneligible extends ErrorCategory.DomainError<FlagshipCandidateIneligible>()(
  "FlagshipCandidateIneligible",
  { nspp: Identifier.Nspp, productId: ProductId, reason: Schema.String },
  ErrorCategory.ruleViolated,
  ({ productId, nspp, reason }) => `Product ${productId} cannot be the flagship of pesantren ${nspp}: ${reason}.`
) {}

/**
 * A designation's candidate was not read from the product's stream by `FlagshipCandidate.read`:
 * a look-alike whose grade and pesantren are the caller's word.
 */
export class FlagshipCandidateUnverified extends ErrorCategory.DomainError<FlagshipCandidateUnverified>()(
  "FlagshipCandidateUnverified",
  { nspp: Identifier.Nspp },
  ErrorCategory.ruleViolated,
  ({ nspp }) =>
    `The flagship candidate for pesantren ${nspp} was not read from the product's stream, so it cannot be ` +
    `designated: a product's pesantren and grade come from its own events (FlagshipCandidate.read, or ` +
    `Commands.designateFlagship), never from the caller.`
) {}

/** The product to retire is not the active flagship. */
export class FlagshipNotActive extends ErrorCategory.DomainError<FlagshipNotActive>()(
  "FlagshipNotActive",
  { nspp: Identifier.Nspp, productId: ProductId, active: Schema.optional(ProductId) },
  ErrorCategory.ruleViolated,
  (error) => {
    const active = error.active === undefined ? "it has no active flagship" : `its active flagship is ${error.active}`
    return (
      `Product ${error.productId} is not the active flagship of pesantren ${error.nspp} (${active}): only the ` +
      `active flagship is retired.`
    )
  }
) {}

/** Every error of the pesantren stream: what `Pesantren.decide` fails with. */
export type PesantrenError =
  | PesantrenNotRegistered
  | PesantrenAlreadyRegistered
  | KopontrenAlreadyLinked
  | KopontrenNotLinked
  | PesantrenAlreadyVerified
  | PesantrenNotVerified
  | PesantrenUnderSuspension
  | PesantrenNotSuspended
  | FlagshipAlreadyActive
  | FlagshipDesignationOutdated
  | FlagshipCandidateIneligible
  | FlagshipCandidateUnverified
  | FlagshipNotActive
  | Actor.ActorNotAuthorized
