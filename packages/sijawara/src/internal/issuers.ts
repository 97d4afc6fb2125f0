/**
 * The issuers of the facts an enrollment takes from other streams of Sijawara, one kernel
 * `Verified` kind each, with the Schemas of their content: from a course's stream, its offering
 * (`VerifiedOffering`) and a module's answer key in one version (`VerifiedAnswerKey`); from a
 * learner's stream, the learner's profile (`VerifiedProfile`) and the UMKM whose link with the
 * learner is in effect (`VerifiedLink`).
 *
 * Package-internal: only the readers (`VerifiedOffering.read`, `VerifiedAnswerKey.read`,
 * `VerifiedProfile.read`, `VerifiedLink.read`) issue facts, and the package's tests
 * (test/facts.ts), whose facts stand for facts read from a store holding such events. The
 * package's public modules export only the facts' Schemas, checks and readers, never an issuer
 * nor anything that generates facts (no arbitrary does). The kernel issues each fact as a deep,
 * frozen copy of its content, so nothing a fact holds (a plan, a key) can be edited.
 */
import { Schema } from "effect"
import { Identifier, Verified } from "@jatim/kernel"
import { AnswerKey } from "../CourseContent.js"
import { CourseOffering } from "../CourseOffering.js"
import { CourseId, LearnerId, ModuleId } from "../Ids.js"
import { LearnerProfile } from "../LearnerProfile.js"

/** A course's offering, as read from its stream. */
export const offerings = Verified.make("VerifiedOffering", CourseOffering, {
  description:
    "a course's latest published version as new enrollments follow it, read from the course's stream by VerifiedOffering.read (never from a request)",
  what: "a course offering",
  source: "the course's stream",
  reader: "VerifiedOffering.read",
  pretty: (offering) => `VerifiedOffering(${offering.courseId}, version ${offering.version}, ${offering.status})`
})

/** A learner's profile, as read from the learner's stream. */
export const profiles = Verified.make("VerifiedProfile", LearnerProfile, {
  description:
    "a learner's region, role and links in effect, read from the learner's stream by VerifiedProfile.read (never from a request)",
  what: "a learner profile",
  source: "the learner's stream",
  reader: "VerifiedProfile.read",
  pretty: (profile) => `VerifiedProfile(${profile.learnerId}, ${profile.region})`
})

/** Schema of a module's answer key in one version of a course, as the course's stream holds it. */
export const AnswerKeyContent = Schema.Struct({
  /** The course. */
  courseId: CourseId,
  /** The published version whose key this is. */
  courseVersion: Schema.Int.pipe(Schema.positive()),
  /** The module. */
  moduleId: ModuleId,
  /** The index of each question's correct choice, in order. Secret. */
  answerKey: AnswerKey
})

/** A module's answer key in one version of a course, as read from the course's stream. */
export const answerKeys = Verified.make("VerifiedAnswerKey", AnswerKeyContent, {
  description:
    "a module's answer key in one published version of a course, read from the course's stream by VerifiedAnswerKey.read (never from a request)",
  what: "an answer key",
  source: "the course's stream",
  reader: "VerifiedAnswerKey.read",
  // The key itself is never shown, not even in a refusal or a test report.
  pretty: (key) => `VerifiedAnswerKey(${key.courseId}, version ${key.courseVersion}, ${key.moduleId})`
})

/** Schema of the UMKM whose link with a learner is in effect, as the learner's stream says. */
export const LinkContent = Schema.Struct({
  /** The learner. */
  learnerId: LearnerId,
  /** The UMKM whose link with the learner is in effect (both sides agreed), or null. */
  linkedNib: Schema.NullOr(Identifier.Nib)
})

/** The UMKM whose link with a learner is in effect, as read from the learner's stream. */
export const links = Verified.make("VerifiedLink", LinkContent, {
  description:
    "the UMKM whose link with a learner is in effect, read from the learner's stream by VerifiedLink.read (never from a request)",
  what: "a learner's link in effect",
  source: "the learner's stream",
  reader: "VerifiedLink.read",
  pretty: (link) => `VerifiedLink(${link.learnerId}, ${link.linkedNib ?? "no UMKM"})`
})
