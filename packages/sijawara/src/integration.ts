/**
 * What Sijawara publishes for other contexts. JATIM ISO (and anyone else) depends on this module
 * only, never on enrollments' internals: the `CourseCompleted` integration event, the stored
 * event it is mapped from, and the mapping.
 *
 * Contract:
 * - one `CourseCompleted` per completed enrollment (learner × course), never more;
 * - `certificateNumber` is unique per completion, so a consumer applies each completion once by
 *   keying on it (delivery is at least once);
 * - `linkedNib` is the UMKM whose link with the learner was IN EFFECT WHEN THE COURSE WAS
 *   COMPLETED — proposed by one side and confirmed by the other (the learner and the UMKM's
 *   owner), and not ended before the completing attempt — read by Sijawara from the learner's
 *   stream, never from a request; `null` when no link was in effect then. A link made, ended or
 *   replaced after the completion does not change it;
 * - fields are only ever added (as optional), never removed or renamed, within schema version 1.
 *
 * To consume: subscribe to category `sourceCategory` and event type `sourceEventType`, and map
 * each recorded event's data with `fromRecordedData`. To check a certificate someone presents,
 * ask `findCompletion`: it answers from Sijawara's own events, never from the claim.
 *
 * @since 0.1.0
 */
import { Effect, Option, type ParseResult, Schema } from "effect"
import { type EventStore, type ReadError, TypedEventStore } from "@jatim/eventstore"
import { Identifier } from "@jatim/kernel"
import { CertificateNumber } from "./CertificateNumber.js"
import { codec as enrollmentCodec, streamName as enrollmentStreamName } from "./Enrollment.js"
import { EnrollmentCompleted } from "./EnrollmentEvent.js"
import { CourseId, LearnerId } from "./Ids.js"
import { Topic } from "./Topic.js"

/** A learner completed a course and received its certificate. Published for other contexts. */
export class CourseCompleted extends Schema.TaggedClass<CourseCompleted>()("CourseCompleted", {
  learnerId: LearnerId,
  courseId: CourseId,
  /** The course version the learner enrolled in and completed. */
  courseVersion: Schema.Int.pipe(Schema.positive()),
  topic: Topic,
  /** The NIB of the UMKM whose link with the learner was in effect when the course was completed, or `null`. */
  linkedNib: Schema.NullOr(Identifier.Nib),
  completedAt: Schema.Date,
  certificateNumber: CertificateNumber
}) {}

/** The category of the streams the source event is written to. */
export const sourceCategory = "enrollment"

/** The stored event type `CourseCompleted` is mapped from. */
export const sourceEventType = "EnrollmentCompleted"

/** Maps the enrollment's internal completion event to the published event. Pure. */
export const fromEnrollmentCompleted = (event: EnrollmentCompleted): CourseCompleted =>
  new CourseCompleted({
    learnerId: event.learnerId,
    courseId: event.courseId,
    courseVersion: event.courseVersion,
    topic: event.topic,
    linkedNib: event.linkedNib,
    completedAt: event.at,
    certificateNumber: event.certificateNumber
  })

const decodeSource = Schema.decodeUnknown(EnrollmentCompleted)

/**
 * Maps the data of a stored `EnrollmentCompleted` event (as read from the event store, without
 * its `_tag`) to the published event, failing when the data does not decode.
 */
export const fromRecordedData = (data: { readonly [key: string]: unknown }): Effect.Effect<CourseCompleted, ParseResult.ParseError> =>
  Effect.map(decodeSource({ ...data, _tag: sourceEventType }), fromEnrollmentCompleted)

/** A certificate as someone presents it: its number, and the learner and course it names. */
export interface CertificateClaim {
  readonly certificateNumber: CertificateNumber
  readonly learnerId: LearnerId
  readonly courseId: CourseId
}

const enrollmentEvents = TypedEventStore.make(enrollmentCodec)

/**
 * The completion Sijawara published for `claim`, read from the learner's enrollment in that
 * course: none unless that enrollment was completed and its certificate has exactly this number.
 * The claim's words are never trusted: a number Sijawara did not issue, or issued to another
 * learner or for another course, finds nothing.
 */
export const findCompletion = (claim: CertificateClaim): Effect.Effect<Option.Option<CourseCompleted>, ReadError, EventStore.EventStore> =>
  Effect.gen(function* () {
    const store = yield* enrollmentEvents
    const { events } = yield* store.readStream(enrollmentStreamName(claim.learnerId, claim.courseId))
    for (const event of events) {
      if (event.data._tag === "EnrollmentCompleted" && event.data.certificateNumber === claim.certificateNumber) {
        return Option.some(fromEnrollmentCompleted(event.data))
      }
    }
    return Option.none()
  })
