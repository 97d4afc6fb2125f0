/**
 * Read model: every issued certificate by number, and verification of a number as a person
 * types it — malformed (a typo, caught by the check characters), not issued, or valid with whose
 * certificate it is. Pure. A number is only ever issued once; should two completions ever carry
 * the same number (two random 60-bit codes alike, about one in 10^18 per pair), the first stays
 * and the second is listed in `collisions` for an officer to resolve. Numbers are drawn at random,
 * so a number not issued tells nothing about any learner or course: it is `NotIssued`, the same
 * for every one. `report` gives a verification as
 * clients read it (`VerificationReport`, a Schema): a malformed number with its message.
 *
 * @since 0.1.0
 */
import { Either, HashMap, Option, Schema } from "effect"
import { Fold, Region, ViewSchema, Visibility } from "@jatim/kernel"
import * as CertificateNumber from "../CertificateNumber.js"
import type { EnrollmentEvent } from "../EnrollmentEvent.js"
import { CourseId, LearnerId } from "../Ids.js"
import { Topic } from "../Topic.js"
import * as LearnerRecords from "./learnerRecords.js"

/** Schema of an issued certificate, as JSON for clients (`issuedAt` as an ISO 8601 string). */
export const Certificate = ViewSchema.struct(
  "IssuedCertificate",
  "a Sijawara certificate: whose it is, for which course, when it was issued",
  {
    number: CertificateNumber.CertificateNumber,
    learnerId: LearnerId,
    courseId: CourseId,
    /** The version of the course completed. */
    courseVersion: Schema.Int.pipe(Schema.positive()).annotations({ description: "the version of the course completed" }),
    topic: Topic,
    /** The kabupaten/kota the learner enrolled from. */
    region: Region.RegionCode.annotations({ description: "the kabupaten/kota the learner enrolled from" }),
    /** When the course was completed. */
    issuedAt: Schema.Date.annotations({ description: "when the course was completed" })
  }
)

/** An issued certificate. */
export interface Certificate extends Schema.Schema.Type<typeof Certificate> {}

/** The read model's state. */
export interface State {
  readonly certificates: HashMap.HashMap<CertificateNumber.CertificateNumber, Certificate>
  readonly collisions: ReadonlyArray<Certificate>
}

/** No certificates yet. */
export const initial: State = { certificates: HashMap.empty(), collisions: [] }

/** The state after one enrollment event (only `EnrollmentCompleted` issues a certificate). */
export const apply = (state: State, event: EnrollmentEvent): State => {
  if (event._tag !== "EnrollmentCompleted") return state
  const certificate: Certificate = {
    number: event.certificateNumber,
    learnerId: event.learnerId,
    courseId: event.courseId,
    courseVersion: event.courseVersion,
    topic: event.topic,
    region: event.region,
    issuedAt: event.at
  }
  return Option.match(HashMap.get(state.certificates, event.certificateNumber), {
    onNone: () => ({ ...state, certificates: HashMap.set(state.certificates, event.certificateNumber, certificate) }),
    onSome: (existing) =>
      existing.learnerId === event.learnerId && existing.courseId === event.courseId
        ? state
        : { ...state, collisions: [...state.collisions, certificate] }
  })
}

/** The state after a batch of enrollment events, in order (the batch edits the state's maps in place while it runs: `Fold.applyAll`). */
export const applyAll = Fold.applyAll(apply)

/** The outcome of verifying a certificate number. */
export type Verification =
  | { readonly _tag: "Valid"; readonly certificate: Certificate }
  | { readonly _tag: "NotIssued"; readonly number: CertificateNumber.CertificateNumber }
  | { readonly _tag: "Malformed"; readonly error: CertificateNumber.InvalidCertificateNumber }

/** Verifies a certificate number as typed by a person. */
export const verify = (state: State, input: string): Verification =>
  Either.match(CertificateNumber.parse(input), {
    onLeft: (error): Verification => ({ _tag: "Malformed", error }),
    onRight: (number): Verification =>
      Option.match(HashMap.get(state.certificates, number), {
        onNone: () => ({ _tag: "NotIssued", number }),
        onSome: (certificate) => ({ _tag: "Valid", certificate })
      })
  })

/**
 * Schema of the outcome of verifying a certificate number as clients read it: a malformed
 * number comes with the message that says what is wrong with it.
 */
export const VerificationReport = Schema.Union(
  Schema.TaggedStruct("Valid", { certificate: Certificate }),
  Schema.TaggedStruct("NotIssued", { number: CertificateNumber.CertificateNumber }),
  Schema.TaggedStruct("Malformed", {
    message: Schema.String.annotations({ description: "what is wrong with the number, and how to read one" })
  })
).annotations({
  identifier: "CertificateVerification",
  description: "the outcome of verifying a Sijawara certificate number"
})

/** The outcome of verifying a certificate number, as clients read it. */
export type VerificationReport = typeof VerificationReport.Type

/** A verification as clients read it: a malformed number's error becomes its message. */
export const report = (verification: Verification): VerificationReport => {
  switch (verification._tag) {
    case "Valid":
    case "NotIssued":
      return verification
    case "Malformed":
      return { _tag: "Malformed", message: verification.error.message }
  }
}

/** Every certificate of a learner, oldest first. */
export const ofLearner = (state: State, learnerId: LearnerId): ReadonlyArray<Certificate> =>
  Array.from(HashMap.values(state.certificates))
    .filter((c) => c.learnerId === learnerId)
    .sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime())

/**
 * Verifying a certificate by its number is public: whoever holds a number may check it (an
 * employer, the Dinas, JATIM ISO). The report names the learner by id, never by name.
 */
export const verificationVisibleTo: Visibility.ReadPolicy<VerificationReport> = Visibility.everyone

/** A learner's certificates: the view `certificatesVisibleTo` judges. */
export interface LearnerCertificates {
  readonly learnerId: LearnerId
  readonly certificates: ReadonlyArray<Certificate>
}

/** Every certificate of `learnerId`, oldest first, as a view of that learner's. */
export const learnerCertificates = (state: State, learnerId: LearnerId): LearnerCertificates => ({
  learnerId,
  certificates: ofLearner(state, learnerId)
})

/**
 * The list of a learner's certificates: the learner themself and the Dinas; for anyone else, none
 * (not even whether the learner holds any: a host answers "not found").
 */
export const certificatesVisibleTo: Visibility.ReadPolicy<LearnerCertificates, ReadonlyArray<Certificate>> = LearnerRecords.policy(
  (view) => view.certificates
)
