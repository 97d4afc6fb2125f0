/**
 * What the live feed shows each actor of Sijawara's events (streams `course-…`, `learner-…`,
 * `enrollment-…`):
 * - a course's published versions, its cohorts' dates and its retirement to everyone, their contents without answers;
 *   drafts and revisions (work in progress, as `GET /courses/{id}` keeps them) and every answer
 *   only to the course's authors and the Dinas (answers are graded inside Sijawara);
 * - learner events to that learner and the Dinas (a registration carries the learner's name,
 *   personal data); a link event also to the business it names (its UMKM's owner, its
 *   cooperative's admin), which is a side of that link — link events carry no name, and a
 *   replaced link's business does not see which business replaced it;
 * - enrollment events to that learner and the Dinas, as the codec reads them now (an `Enrolled`
 *   written with answer keys comes out without them).
 * An event that does not decode is left out.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import { type Actor, Visibility } from "@jatim/kernel"
import * as Course from "./Course.js"
import * as CourseContent from "./CourseContent.js"
import { CourseEvent } from "./CourseEvent.js"
import * as Enrollment from "./Enrollment.js"
import { EnrollmentEvent } from "./EnrollmentEvent.js"
import type { LearnerId } from "./Ids.js"
import * as Learner from "./Learner.js"
import { LearnerEvent, LinkEnded } from "./LearnerEvent.js"
import * as Link from "./Link.js"

const decodeCourseEvent = Schema.decodeUnknown(CourseEvent)
const encodeCourseEvent = Schema.encode(CourseEvent)
const decodeLearnerEvent = Schema.decodeUnknown(LearnerEvent)
const encodeLearnerEvent = Schema.encode(LearnerEvent)
const encodeEnrollmentEvent = Schema.encode(EnrollmentEvent)
const encodePublicContent = Schema.encode(CourseContent.PublicCourseContent)

const fieldsOf = (data: unknown): { readonly [key: string]: unknown } => (typeof data === "object" && data !== null ? { ...data } : {})

/** The data of an encoded event as the store keeps it: its fields without `_tag`. */
const withoutTag = ({ _tag: _, ...data }: { readonly _tag: string; readonly [key: string]: unknown }) => data

const isLearner = (actor: Actor.Actor, learnerId: LearnerId): boolean =>
  Visibility.isDinas(actor) || (actor._tag === "LEARNER" && actor.learnerId === learnerId)

/**
 * A course event as `actor` may see it: whole for its authors and the Dinas; for everyone else a
 * published version without answers and the retirement, never a draft or a revision.
 */
export const courseEventFor = (actor: Actor.Actor, event: CourseEvent): Effect.Effect<Option.Option<unknown>> =>
  Effect.gen(function* () {
    const encoded = yield* encodeCourseEvent(event)
    if (Course.isAuthor(actor) || Visibility.isDinas(actor) || event._tag === "CourseRetired" || event._tag === "CohortScheduled") {
      return Option.some(withoutTag(encoded))
    }
    if (event._tag !== "CoursePublished") return Option.none()
    const content = yield* encodePublicContent(CourseContent.withoutAnswers(event.content))
    return Option.some({ ...withoutTag(encoded), content })
  }).pipe(Effect.orElseSucceed(() => Option.none()))

/** Whether `actor` may see a learner event: the learner, the Dinas, and for a link event the business it names. */
export const maySeeLearnerEvent = (actor: Actor.Actor, event: LearnerEvent): boolean => {
  if (isLearner(actor, event.learnerId)) return true
  switch (event._tag) {
    case "LinkProposed":
    case "LinkConfirmed":
    case "LinkEnded":
    case "LinkProposalClosed":
    case "LinkProposalSuperseded":
      return Link.actsFor(actor, event.business)
    default:
      return false
  }
}

/**
 * A learner event as `actor` may see it, on the feed and in the answer to a command: whole for
 * the learner and the Dinas; for a link's business, without `replacedBy` (whom the learner chose
 * instead is the learner's business, not the old link's); none for anyone else.
 */
export const learnerEventFor = (actor: Actor.Actor, event: LearnerEvent): Option.Option<LearnerEvent> => {
  if (!maySeeLearnerEvent(actor, event)) return Option.none()
  if (isLearner(actor, event.learnerId) || event._tag !== "LinkEnded" || event.replacedBy === undefined) {
    return Option.some(event)
  }
  const { replacedBy: _, ...withoutReplacement } = event
  return Option.some(new LinkEnded(withoutReplacement))
}

const judge = (actor: Actor.Actor, event: Visibility.StoredEvent): Effect.Effect<Option.Option<unknown>> => {
  const category = event.streamName.split("-", 1)[0]
  const tagged = { ...fieldsOf(event.data), _tag: event.type }
  switch (category) {
    case Course.category:
      return decodeCourseEvent(tagged).pipe(
        Effect.flatMap((decoded) => courseEventFor(actor, decoded)),
        Effect.orElseSucceed(() => Option.none())
      )
    case Learner.category:
      return decodeLearnerEvent(tagged).pipe(
        Effect.flatMap((decoded) =>
          Option.match(learnerEventFor(actor, decoded), {
            onNone: () => Effect.succeed(Option.none()),
            onSome: (visible) => Effect.map(encodeLearnerEvent(visible), (encoded) => Option.some<unknown>(withoutTag(encoded)))
          })
        ),
        Effect.orElseSucceed(() => Option.none())
      )
    case Enrollment.category:
      return Enrollment.decodeStored(event.type, event.data).pipe(
        Effect.flatMap(
          Option.match({
            onNone: () => Effect.succeed(Option.none()),
            onSome: (decoded) =>
              isLearner(actor, decoded.learnerId)
                ? Effect.map(encodeEnrollmentEvent(decoded), (encoded) => Option.some<unknown>(withoutTag(encoded)))
                : Effect.succeed(Option.none())
          })
        ),
        Effect.orElseSucceed(() => Option.none())
      )
    default:
      return Effect.succeed(Option.none())
  }
}

/** Sijawara's feed policy, over its three stream categories. */
export const feedPolicy: Visibility.FeedPolicy = {
  categories: [Course.category, Learner.category, Enrollment.category],
  visible: judge
}
