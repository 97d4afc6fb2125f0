/**
 * The errors of the marketplace registry (`MarketplaceRegistry`) and of a storefront on a
 * marketplace the registry does not list as active. Authorization refusals are the kernel's
 * `ActorNotAuthorized`.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type Actor, ErrorCategory, Identifier } from "@jatim/kernel"
import { Marketplace } from "./Marketplace.js"

/** Adding a code the registry already holds (active or retired: a code is never reused). */
export class MarketplaceAlreadyRegistered extends ErrorCategory.DomainError<MarketplaceAlreadyRegistered>()(
  "MarketplaceAlreadyRegistered",
  { code: Marketplace, status: Schema.Literal("ACTIVE", "RETIRED") },
  ErrorCategory.ruleViolated,
  ({ code, status }) =>
    status === "ACTIVE"
      ? `Marketplace ${code} is already in the registry.`
      : `Marketplace ${code} was retired, and a code is never reused (storefronts recorded on it keep meaning it): add it under a new code.`
) {}

/** Retiring a code the registry does not hold. */
export class MarketplaceNotFound extends ErrorCategory.DomainError<MarketplaceNotFound>()(
  "MarketplaceNotFound",
  { code: Marketplace },
  ErrorCategory.notFound,
  ({ code }) => `The marketplace registry holds no marketplace ${code}.`
) {}

/** Retiring a marketplace already retired. */
export class MarketplaceAlreadyRetired extends ErrorCategory.DomainError<MarketplaceAlreadyRetired>()(
  "MarketplaceAlreadyRetired",
  { code: Marketplace },
  ErrorCategory.ruleViolated,
  ({ code }) => `Marketplace ${code} is already retired.`
) {}

/** A storefront on a marketplace the registry does not list as active (unknown, or retired). */
export class MarketplaceNotActive extends ErrorCategory.DomainError<MarketplaceNotActive>()(
  "MarketplaceNotActive",
  { nib: Identifier.Nib, marketplace: Marketplace, status: Schema.Literal("UNKNOWN", "RETIRED") },
  ErrorCategory.ruleViolated,
  ({ nib, marketplace, status }) =>
    `UMKM ${nib} cannot open a storefront on ${marketplace}: ` +
    (status === "RETIRED" ? "the Dinas retired that marketplace" : "the marketplace registry holds no such marketplace") +
    ". Storefronts open only on the active marketplaces of the registry the Dinas keeps."
) {}

/**
 * A storefront whose marketplace was not read from the registry's events by
 * `VerifiedMarketplace` (built by hand, or a command built with its validation turned off).
 */
export class UnverifiedMarketplace extends ErrorCategory.DomainError<UnverifiedMarketplace>()(
  "UnverifiedMarketplace",
  { nib: Identifier.Nib },
  ErrorCategory.ruleViolated,
  ({ nib }) =>
    `The marketplace of the storefront presented for UMKM ${nib} was not read from the marketplace registry: ` +
    "name the marketplace by its code and let JATIM ISO look it up."
) {}

/** Every error a marketplace registry command may fail with. */
export type MarketplaceError = Actor.ActorNotAuthorized | MarketplaceAlreadyRegistered | MarketplaceNotFound | MarketplaceAlreadyRetired
