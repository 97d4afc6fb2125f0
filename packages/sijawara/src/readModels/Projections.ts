/**
 * Sijawara's read models as in-memory projections over enrollment events, ready for a
 * `ProjectionRunner` (or for an in-memory store's inline read models).
 *
 * @since 0.1.0
 */
import { InMemoryReadModel } from "@jatim/eventstore"
import * as CertificateRegistry from "./CertificateRegistry.js"
import * as CourseFunnel from "./CourseFunnel.js"
import * as Enrollment from "../Enrollment.js"
import type { EnrollmentEvent } from "../EnrollmentEvent.js"
import * as KabupatenLeaderboard from "./KabupatenLeaderboard.js"
import * as LearnerProgress from "./LearnerProgress.js"

const over = <S>(name: string, initial: S, apply: (state: S, event: EnrollmentEvent) => S) =>
  InMemoryReadModel.typed({
    name,
    codec: Enrollment.codec,
    categories: ["enrollment"],
    initial,
    apply: (state, recorded) => apply(state, recorded.data)
  })

/** Learner progress in percent. */
export const learnerProgress = over("sijawara-learner-progress", LearnerProgress.initial, LearnerProgress.apply)
/** The course funnel: enrolled, each module passed, completed. */
export const courseFunnel = over("sijawara-course-funnel", CourseFunnel.initial, CourseFunnel.apply)
/** Completions per kabupaten/kota. */
export const kabupatenLeaderboard = over("sijawara-kabupaten-leaderboard", KabupatenLeaderboard.initial, KabupatenLeaderboard.apply)
/** Certificates by number, for verification. */
export const certificateRegistry = over("sijawara-certificates", CertificateRegistry.initial, CertificateRegistry.apply)
