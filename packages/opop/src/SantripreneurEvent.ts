/**
 * The events of a santripreneur's stream `santripreneur-<santriId>`: enrolled by a pesantren,
 * trained, venture started, graduated as independent.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { PersonalData } from "@jatim/eventstore"
import { CalendarDate, Identifier, Text } from "@jatim/kernel"
import { ProductCategory } from "./ProductCategory.js"
import { SantriId } from "./SantriId.js"

/** The trainings of the santripreneur program. */
export const trainingTopics = ["KEWIRAUSAHAAN", "PRODUKSI", "KEMASAN", "PEMASARAN_DIGITAL", "KEUANGAN"] as const

/** Schema of a training topic: entrepreneurship, production, packaging, digital marketing, bookkeeping. */
export const TrainingTopic = Schema.Literal(...trainingTopics).annotations({
  identifier: "TrainingTopic",
  message: () => "a training topic is one of KEWIRAUSAHAAN, PRODUKSI, KEMASAN, PEMASARAN_DIGITAL, KEUANGAN"
})

/** A training topic. */
export type TrainingTopic = typeof TrainingTopic.Type

/** A pesantren enrolled one of its santri in the santripreneur program. */
export class SantripreneurEnrolled extends Schema.TaggedClass<SantripreneurEnrolled>()("SantripreneurEnrolled", {
  santriId: SantriId,
  nspp: Identifier.Nspp,
  /** The santri's name: personal data of `santri:<santriId>`. */
  name: PersonalData.field(Text.Name, { subject: "santri", idField: "santriId" }),
  enrolledOn: CalendarDate.CalendarDate
}) {}

/** The santripreneur completed a training. */
export class SantripreneurTrained extends Schema.TaggedClass<SantripreneurTrained>()("SantripreneurTrained", {
  santriId: SantriId,
  topic: TrainingTopic,
  trainedOn: CalendarDate.CalendarDate
}) {}

/** The santripreneur started a venture of their own. */
export class VentureStarted extends Schema.TaggedClass<VentureStarted>()("VentureStarted", {
  santriId: SantriId,
  ventureName: Text.Name,
  category: ProductCategory,
  startedOn: CalendarDate.CalendarDate
}) {}

/** The santripreneur graduated as independent (kemandirian santri). */
export class SantripreneurGraduated extends Schema.TaggedClass<SantripreneurGraduated>()("SantripreneurGraduated", {
  santriId: SantriId,
  graduatedOn: CalendarDate.CalendarDate
}) {}

/** Schema of every event of a santripreneur stream. */
export const SantripreneurEvent = Schema.Union(SantripreneurEnrolled, SantripreneurTrained, VentureStarted, SantripreneurGraduated)

/** An event of a santripreneur stream. */
export type SantripreneurEvent = typeof SantripreneurEvent.Type
