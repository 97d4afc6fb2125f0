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
export class SantripreneurNotEnrolled extends Schema.TaggedError<SantripreneurNotEnrolled>()(
  "SantripreneurNotEnrolled",
  {
    santriId: SantriId,
    action: Schema.String
  },
  ErrorCategory.notFound
) {
  override get message(): string {
    return (
      `Santri ${this.santriId} is not enrolled as a santripreneur, so you cannot ${this.action}: their ` +
      `pesantren's admin enrolls them first (EnrollSantripreneur).`
    )
  }
}

/** The santri is enrolled already. */
export class SantripreneurAlreadyEnrolled extends Schema.TaggedError<SantripreneurAlreadyEnrolled>()(
  "SantripreneurAlreadyEnrolled",
  { santriId: SantriId },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `Santri id ${this.santriId} is taken: a santri is enrolled once, under an id of their own.`
  }
}

/** The santri has graduated: their record is closed. */
export class SantripreneurAlreadyGraduated extends Schema.TaggedError<SantripreneurAlreadyGraduated>()(
  "SantripreneurAlreadyGraduated",
  { santriId: SantriId, action: Schema.String },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Santri ${this.santriId} has graduated as an independent santripreneur, so you cannot ${this.action}: ` +
      `a graduate's record is closed.`
    )
  }
}

/** A venture starts only after training. */
export class TrainingRequired extends Schema.TaggedError<TrainingRequired>()(
  "TrainingRequired",
  {
    santriId: SantriId
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Santri ${this.santriId} has no training recorded: a santripreneur starts a venture only after ` +
      `training. Record a training first (RecordTraining).`
    )
  }
}

/** The santri has a venture already. */
export class VentureAlreadyStarted extends Schema.TaggedError<VentureAlreadyStarted>()(
  "VentureAlreadyStarted",
  {
    santriId: SantriId,
    ventureName: Schema.String
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return `Santri ${this.santriId} already runs the venture "${this.ventureName}": the program follows one venture per santripreneur.`
  }
}

/** Graduation as independent needs a venture. */
export class VentureRequired extends Schema.TaggedError<VentureRequired>()(
  "VentureRequired",
  {
    santriId: SantriId
  },
  ErrorCategory.ruleViolated
) {
  override get message(): string {
    return (
      `Santri ${this.santriId} has not started a venture: a santripreneur graduates as independent ` +
      `(kemandirian santri) only with a venture of their own. Record it first (StartVenture).`
    )
  }
}

/** Every error of the santripreneur stream: what `Santripreneur.decide` fails with. */
export type SantripreneurError =
  | SantripreneurNotEnrolled
  | SantripreneurAlreadyEnrolled
  | SantripreneurAlreadyGraduated
  | TrainingRequired
  | VentureAlreadyStarted
  | VentureRequired
  | Actor.ActorNotAuthorized
