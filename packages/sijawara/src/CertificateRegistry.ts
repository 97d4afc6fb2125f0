/**
 * Read model: every issued certificate by number, and verification of a number as a person
 * types it — malformed (a typo, caught by the check characters), not issued, or valid with whose
 * certificate it is. Pure. A number is only ever issued once; should two completions ever carry
 * the same number (a hash collision, about one in 10^18 per pair), the first stays and the
 * second is listed in `collisions` for an officer to resolve.
 *
 * @since 0.1.0
 */
import { Either, HashMap, Option } from "effect"
import type { Region } from "@jatim/kernel"
import * as CertificateNumber from "./CertificateNumber.js"
import type { EnrollmentEvent } from "./EnrollmentEvent.js"
import type { CourseId, LearnerId } from "./Ids.js"
import type { Topic } from "./Topic.js"

/** An issued certificate. */
export interface Certificate {
  readonly number: CertificateNumber.CertificateNumber
  readonly learnerId: LearnerId
  readonly courseId: CourseId
  readonly courseVersion: number
  readonly topic: Topic
  readonly region: Region.RegionCode
  readonly issuedAt: Date
}

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

/** Every certificate of a learner, oldest first. */
export const ofLearner = (state: State, learnerId: LearnerId): ReadonlyArray<Certificate> =>
  Array.from(HashMap.values(state.certificates))
    .filter((c) => c.learnerId === learnerId)
    .sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime())
