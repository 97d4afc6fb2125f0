/**
 * Trainings JATIM ISO records on a UMKM, and where each came from: a Sijawara certificate
 * (recorded by the process manager when a linked learner completes a course) or a workshop
 * at the provincial training unit (recorded by a Dinas officer).
 *
 * @since 0.1.0
 */
import { Option, Schema } from "effect"
import { Text } from "@jatim/kernel"
import * as Integration from "@jatim/sijawara/integration"

/** Every training. `KEMASAN` and `PEMASARAN_DIGITAL` are the core ones onboarding needs. */
export const trainings = ["KEMASAN", "PEMASARAN_DIGITAL", "FOTO_PRODUK"] as const

/** Schema of a training: packaging, digital marketing or product photography. */
export const TrainingType = Schema.Literal(...trainings).annotations({
  identifier: "TrainingType",
  message: () => "a training is KEMASAN (packaging), PEMASARAN_DIGITAL (digital marketing) or FOTO_PRODUK (product photos)"
})

/** A training. */
export type TrainingType = typeof TrainingType.Type

/** The trainings onboarding cannot complete without. */
export const core: ReadonlyArray<TrainingType> = ["KEMASAN", "PEMASARAN_DIGITAL"]

/**
 * The training a completed Sijawara course on `topic` counts as: `KEMASAN` for `KEMASAN`,
 * `PEMASARAN_DIGITAL` for `PEMASARAN_DIGITAL`, none for any other topic.
 */
export const ofTopic = (topic: Integration.CourseCompleted["topic"]): Option.Option<TrainingType> =>
  topic === "KEMASAN" || topic === "PEMASARAN_DIGITAL" ? Option.some(topic) : Option.none()

/**
 * A training earned with a Sijawara certificate: its number, the learner and the course it names.
 * In a `TrainingRecorded` event it is a certificate checked against Sijawara's published facts;
 * in a request it is only a claim, until `VerifiedCompletion.find` confirms it.
 */
export const SijawaraCertificate = Schema.TaggedStruct("SIJAWARA_CERTIFICATE", {
  certificateNumber: Integration.CourseCompleted.fields.certificateNumber,
  learnerId: Integration.CourseCompleted.fields.learnerId,
  courseId: Integration.CourseCompleted.fields.courseId
})

/** A Sijawara certificate: its number, the learner and the course it names. */
export type SijawaraCertificate = typeof SijawaraCertificate.Type

/** A training attended at a workshop of the provincial training unit. */
export const Workshop = Schema.TaggedStruct("WORKSHOP", {
  workshopName: Text.bounded(200, "a workshop name"),
  heldOn: Schema.Date
})

/** A workshop training. */
export type Workshop = typeof Workshop.Type

/** Schema of where a training came from. */
export const TrainingSource = Schema.Union(SijawaraCertificate, Workshop)

/** Where a training came from. */
export type TrainingSource = typeof TrainingSource.Type

/** "Kemasan (packaging)": a training as people read it. */
export const label = (training: TrainingType): string =>
  training === "KEMASAN"
    ? "Kemasan (packaging)"
    : training === "PEMASARAN_DIGITAL"
      ? "Pemasaran digital (digital marketing)"
      : "Foto produk (product photos)"
