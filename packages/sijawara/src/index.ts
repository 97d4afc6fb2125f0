/**
 * @jatim/sijawara: Sijawara, East Java's distance learning on cooperatives and UMKM — courses
 * published in versions, learners, enrollments with quiz attempt limits and verifiable
 * certificates, pure read models, and the `CourseCompleted` event other contexts consume.
 * Test support (fast-check arbitraries) is the `@jatim/sijawara/testing` subpath export.
 *
 * @since 0.1.0
 */

/** Certificate numbers: format, check characters, verification. */
export * as CertificateNumber from "./CertificateNumber.js"
/** Read model: certificates by number, verification. */
export * as CertificateRegistry from "./readModels/CertificateRegistry.js"
/** Command handling: each command on the stream its ids name; enrolling from the learner's and the course's streams. */
export * as Commands from "./Commands.js"
/** The course decider. */
export * as Course from "./Course.js"
/** Course commands. */
export * as CourseCommand from "./CourseCommand.js"
/** Course content: modules, lessons, quizzes, plans and grading. */
export * as CourseContent from "./CourseContent.js"
/** Course events. */
export * as CourseEvent from "./CourseEvent.js"
/** The course errors and their union `CourseError`. */
export * from "./CourseError.js"
/** Read model: enrolled → each module → completed, per course. */
export * as CourseFunnel from "./readModels/CourseFunnel.js"
/** The published version of a course as enrollments follow it. */
export * as CourseOffering from "./CourseOffering.js"
/** The enrollment decider. */
export * as Enrollment from "./Enrollment.js"
/** Enrollment commands. */
export * as EnrollmentCommand from "./EnrollmentCommand.js"
/** Enrollment events. */
export * as EnrollmentEvent from "./EnrollmentEvent.js"
/** The enrollment errors and their union `EnrollmentError`. */
export * from "./EnrollmentError.js"
/** Course, learner, module and lesson ids. */
export * as Ids from "./Ids.js"
/** What other contexts may depend on: the `CourseCompleted` integration event. */
export * as Integration from "./integration.js"
/** Read model: per-kabupaten/kota leaderboard. */
export * as KabupatenLeaderboard from "./readModels/KabupatenLeaderboard.js"
/** Links between a learner and a UMKM or a cooperative: both sides agree. */
export * as Link from "./Link.js"
/** What the live feed shows each actor of Sijawara's events. */
export * as FeedPolicy from "./FeedPolicy.js"
/** The learner decider. */
export * as Learner from "./Learner.js"
/** Learner commands. */
export * as LearnerCommand from "./LearnerCommand.js"
/** Learner events. */
export * as LearnerEvent from "./LearnerEvent.js"
/** The learner errors and their union `LearnerError`. */
export * from "./LearnerError.js"
/** The learner profile an enrollment keeps. */
export * as LearnerProfile from "./LearnerProfile.js"
/** Read model: learner progress in percent. */
export * as LearnerProgress from "./readModels/LearnerProgress.js"
/** Learner roles. */
export * as LearnerRole from "./LearnerRole.js"
/** Progress in percent. */
export * as Progress from "./Progress.js"
/** Course topics. */
export * as Topic from "./Topic.js"
/** A module's answer key in one course version, as a fact read from the course's stream. */
export * as VerifiedAnswerKey from "./VerifiedAnswerKey.js"
/** The UMKM whose link with a learner is in effect, as a fact read from the learner's stream. */
export * as VerifiedLink from "./VerifiedLink.js"
/** A course's offering, as a fact read from the course's stream. */
export * as VerifiedOffering from "./VerifiedOffering.js"
/** A learner's profile, as a fact read from the learner's stream. */
export * as VerifiedProfile from "./VerifiedProfile.js"
/** The read models as in-memory projections. */
export * as Projections from "./readModels/Projections.js"
/** The personal fields of the events, for crypto-shredding. */
export * as PersonalDataFields from "./PersonalDataFields.js"
