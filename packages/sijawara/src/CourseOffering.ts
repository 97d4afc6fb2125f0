/**
 * A course offering: the latest published version of a course as an enrollment needs it — the
 * version number, the topic, the plan (module and lesson ids, pass marks, question counts; never
 * answer keys) and whether the course still takes enrollments. `Course.offering` reads it from a course's state;
 * the `Enroll` command carries it as a fact read from the course's stream (`VerifiedOffering`),
 * and the enrollment follows that version to the end.
 *
 * @since 0.1.0
 */
import { Schema } from "effect"
import { Plan } from "./CourseContent.js"
import { CourseId } from "./Ids.js"
import { Topic } from "./Topic.js"

/** Schema of a course offering. */
export const CourseOffering = Schema.Struct({
  courseId: CourseId,
  version: Schema.Int.pipe(Schema.positive()),
  title: Schema.NonEmptyTrimmedString,
  topic: Topic,
  /** `RETIRED` once the course is retired: it then takes no new enrollments. */
  status: Schema.Literal("OPEN", "RETIRED"),
  plan: Plan
}).annotations({ identifier: "CourseOffering" })

/** The latest published version of a course, as an enrollment follows it. */
export type CourseOffering = typeof CourseOffering.Type
