/**
 * The commands of a santripreneur's stream. Each carries the actor who issues it.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Actor, Identifier, Text } from "@jatim/kernel"
import { ProductCategory } from "./ProductCategory.js"
import { SantriId } from "./SantriId.js"
import { TrainingTopic } from "./SantripreneurEvent.js"

/** Enroll a santri of the pesantren `nspp` (the pesantren's own admin). */
export class EnrollSantripreneur extends Schema.TaggedClass<EnrollSantripreneur>()("EnrollSantripreneur", {
  actor: Actor.Actor,
  santriId: SantriId,
  nspp: Identifier.Nspp,
  name: Text.Name
}) {}

/** Record a completed training; recording it again changes nothing (the pesantren's admin, or a Dinas officer). */
export class RecordTraining extends Schema.TaggedClass<RecordTraining>()("RecordTraining", {
  actor: Actor.Actor,
  santriId: SantriId,
  topic: TrainingTopic
}) {}

/** Record the venture the santripreneur started (the pesantren's admin). */
export class StartVenture extends Schema.TaggedClass<StartVenture>()("StartVenture", {
  actor: Actor.Actor,
  santriId: SantriId,
  ventureName: Text.Name,
  category: ProductCategory
}) {}

/** Graduate the santripreneur as independent (the pesantren's admin, or a Dinas officer). */
export class GraduateSantripreneur extends Schema.TaggedClass<GraduateSantripreneur>()("GraduateSantripreneur", {
  actor: Actor.Actor,
  santriId: SantriId
}) {}

/** Schema of every command of a santripreneur stream. */
export const SantripreneurCommand = Schema.Union(EnrollSantripreneur, RecordTraining, StartVenture, GraduateSantripreneur)

/** A command of a santripreneur stream. */
export type SantripreneurCommand = typeof SantripreneurCommand.Type
