/**
 * The personal fields of Sijawara's events, read from their Schemas (`PersonalData.field`):
 * a learner's name (`learner:<learnerId>`). Give it to `CryptoShredding` to keep them encrypted per person.
 *
 * @since 0.1.0
 */
import { PersonalData } from "@jatim/eventstore"
import { CourseEvent } from "./CourseEvent.js"
import { EnrollmentEvent } from "./EnrollmentEvent.js"
import { LearnerEvent } from "./LearnerEvent.js"

/** Every personal field of Sijawara's events, by event type. */
export const classification: PersonalData.Classification = PersonalData.merge(
  PersonalData.classify(CourseEvent),
  PersonalData.classify(EnrollmentEvent),
  PersonalData.classify(LearnerEvent)
)
