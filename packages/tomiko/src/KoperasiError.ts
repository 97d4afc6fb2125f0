/**
 * The domain errors of a cooperative's stream. Each message names the rule that refused the
 * command.
 * Each class declares its category (`ErrorCategory` of `@jatim/kernel`), which hosts map.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type Actor, ErrorCategory, Identifier } from "@jatim/kernel"
import type { FactUnverified } from "./FactError.js"

/** The smallest number of individual members of a primary cooperative. */
export const minimumIndividualMembers = 20

/** The smallest number of founding cooperatives of a secondary cooperative. */
export const minimumFounders = 3

/** The cooperative is registered already. */
export class KoperasiAlreadyRegistered extends ErrorCategory.DomainError<KoperasiAlreadyRegistered>()(
  "KoperasiAlreadyRegistered",
  { nik: Identifier.NikKoperasi },
  ErrorCategory.ruleViolated,
  ({ nik }) => `Cooperative ${nik} is already registered: an NIK Koperasi is registered once.`
) {}

/** The cooperative is not registered. */
export class KoperasiNotRegistered extends ErrorCategory.DomainError<KoperasiNotRegistered>()(
  "KoperasiNotRegistered",
  { nik: Identifier.NikKoperasi, action: Schema.String },
  ErrorCategory.notFound,
  ({ nik, action }) => `Cooperative ${nik} is not registered, so it cannot ${action}: register it first.`
) {}

/** A primary cooperative with fewer than 20 individual members. */
export class TooFewIndividualMembers extends ErrorCategory.DomainError<TooFewIndividualMembers>()(
  "TooFewIndividualMembers",
  { nik: Identifier.NikKoperasi, individualMembers: Schema.Int },
  ErrorCategory.ruleViolated,
  ({ nik, individualMembers }) =>
    `Cooperative ${nik} cannot be registered as PRIMER with ${individualMembers} individual members: ` +
    `a primary cooperative has at least ${minimumIndividualMembers} individual members.`
) {}

/** A secondary cooperative founded by fewer than 3 other cooperatives. */
export class TooFewFoundingCooperatives extends ErrorCategory.DomainError<TooFewFoundingCooperatives>()(
  "TooFewFoundingCooperatives",
  { nik: Identifier.NikKoperasi, founders: Schema.Int },
  ErrorCategory.ruleViolated,
  ({ nik, founders }) =>
    `Cooperative ${nik} cannot be registered as SEKUNDER with ${founders} distinct founding cooperatives: ` +
    `a secondary cooperative is founded by at least ${minimumFounders} other cooperatives.`
) {}

/** A founder of a secondary cooperative that is not a registered primary cooperative. */
export class FounderNotPrimary extends ErrorCategory.DomainError<FounderNotPrimary>()(
  "FounderNotPrimary",
  {
    nik: Identifier.NikKoperasi,
    founder: Identifier.NikKoperasi,
    /** What the founder's stream says it is: SEKUNDER, or null when it is not registered. */
    type: Schema.NullOr(Schema.Literal("PRIMER", "SEKUNDER"))
  },
  ErrorCategory.ruleViolated,
  ({ type, nik, founder }) => {
    const what = type === null ? "is not registered" : `is ${type}`
    return (
      `Cooperative ${nik} cannot be registered as SEKUNDER with founder ${founder}: ${founder} ` +
      `${what}, and a secondary cooperative is founded by registered primary cooperatives (register the founder first).`
    )
  }
) {}

/** Only primary cooperatives join networks. */
export class OnlyPrimaryJoinsNetwork extends ErrorCategory.DomainError<OnlyPrimaryJoinsNetwork>()(
  "OnlyPrimaryJoinsNetwork",
  { nik: Identifier.NikKoperasi },
  ErrorCategory.ruleViolated,
  ({ nik }) => `Cooperative ${nik} is SEKUNDER: only a primary cooperative joins or leaves a secondary cooperative's network.`
) {}

/** The network to join is not run by a registered secondary cooperative. */
export class NetworkNotSecondary extends ErrorCategory.DomainError<NetworkNotSecondary>()(
  "NetworkNotSecondary",
  { nik: Identifier.NikKoperasi, secondary: Identifier.NikKoperasi },
  ErrorCategory.ruleViolated,
  ({ nik, secondary }) =>
    `Cooperative ${nik} cannot join the network of ${secondary}: a network is run by a registered ` +
    `SEKUNDER cooperative, and ${secondary} is not one.`
) {}

/** The primary cooperative is in a network already. */
export class AlreadyInNetwork extends ErrorCategory.DomainError<AlreadyInNetwork>()(
  "AlreadyInNetwork",
  { nik: Identifier.NikKoperasi, current: Identifier.NikKoperasi },
  ErrorCategory.ruleViolated,
  ({ nik, current }) =>
    `Cooperative ${nik} is already in the network of ${current}: a primary cooperative trades in one ` +
    `secondary network at a time; leave it first.`
) {}

/** The primary cooperative is not in that network. */
export class NotInNetwork extends ErrorCategory.DomainError<NotInNetwork>()(
  "NotInNetwork",
  { nik: Identifier.NikKoperasi, secondary: Identifier.NikKoperasi },
  ErrorCategory.ruleViolated,
  ({ nik, secondary }) => `Cooperative ${nik} is not in the network of ${secondary}, so it cannot leave it.`
) {}

/** Every error of a cooperative's stream: what `Koperasi.decide` fails with. */
export type KoperasiError =
  | KoperasiAlreadyRegistered
  | KoperasiNotRegistered
  | TooFewIndividualMembers
  | TooFewFoundingCooperatives
  | FounderNotPrimary
  | OnlyPrimaryJoinsNetwork
  | NetworkNotSecondary
  | AlreadyInNetwork
  | NotInNetwork
  | Actor.ActorNotAuthorized
  | FactUnverified
