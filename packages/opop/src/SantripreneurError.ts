/**
 * The domain errors of the santripreneur stream. Each message names the rule that refused the
 * command and says what to do instead.
 * Each class declares its category (`ErrorCategory` of `@jatim/kernel`), which hosts map.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { type Actor, ErrorCategory } from "@jatim/kernel"
import { SantriId } from "./SantriId.js"

/** The santri is not enrolled. */
export class SantripreneurNotEnrolled extends ErrorCategory.DomainError<SantripreneurNotEnrolled>()(
  "SantripreneurNotEnrolled",
  { santriId: SantriId, action: Schema.String },
  ErrorCategory.notFound,
  ({ santriId, action }) =>
    `Santri ${santriId} is not enrolled as a santripreneur, so you cannot ${action}: their ` +
    `pesantren's admin enrolls them first (EnrollSantripreneur).`
) {}

/** The santri is enrolled already. */
export class SantripreneurAlreadyEnrolled extends ErrorCategory.DomainError<SantripreneurAlreadyEnrolled>()(
  "SantripreneurAlreadyEnrolled",
  { santriId: SantriId },
  ErrorCategory.ruleViolated,
  ({ santriId }) => `Santri id ${santriId} is taken: a santri is enrolled once, under an id of their own.`
) {}

/** The santri has graduated: their record is closed. */
export class SantripreneurAlreadyGraduated extends ErrorCategory.DomainError<SantripreneurAlreadyGraduated>()(
  "SantripreneurAlreadyGraduated",
  { santriId: SantriId, action: Schema.String },
  ErrorCategory.ruleViolated,
  ({ santriId, action }) =>
    `Santri ${santriId} has graduated as an independent santripreneur, so you cannot ${action}: a graduate's record is closed.`
) {}

/** A venture starts only after training. */
export class TrainingRequired extends ErrorCategory.DomainError<TrainingRequired>()(
  "TrainingRequired",
  { santriId: SantriId },
  ErrorCategory.ruleViolated,
  ({ santriId }) =>
    `Santri ${santriId} has no training recorded: a santripreneur starts a venture only after ` +
    `training. Record a training first (RecordTraining).`
) {}

/** The santri has a venture already. */
export class VentureAlreadyStarted extends ErrorCategory.DomainError<VentureAlreadyStarted>()(
  "VentureAlreadyStarted",
  { santriId: SantriId, ventureName: Schema.String },
  ErrorCategory.ruleViolated,
  ({ santriId, ventureName }) =>
    `Santri ${santriId} already runs the venture "${ventureName}": the program follows one venture per santripreneur.`
) {}

/** Graduation as independent needs a venture. */
export class VentureRequired extends ErrorCategory.DomainError<VentureRequired>()(
  "VentureRequired",
  { santriId: SantriId },
  ErrorCategory.ruleViolated,
  ({ santriId }) =>
    `Santri ${santriId} has not started a venture: a santripreneur graduates as independent ` +
    `(kemandirian santri) only with a venture of their own. Record it first (StartVenture).`
) {}

/** Every error of the santripreneur stream: what `Santripreneur.decide` fails with. */
export type SantripreneurError =
  | SantripreneurNotEnrolled
  | SantripreneurAlreadyEnrolled
  | SantripreneurAlreadyGraduated
  | TrainingRequired
  | VentureAlreadyStarted
  | VentureRequired
  | Actor.ActorNotAuthorized
