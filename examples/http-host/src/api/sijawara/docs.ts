/**
 * What the OpenAPI document says of Sijawara's operations. Who may issue a command is what the
 * domain's deciders check (`Course.decide`, `Learner.authorize`, `Enrollment.authorizeEnroll` and
 * `Enrollment.decide`); examples are the demo's courses (kemasan-101 published,
 * koperasi-digital drafted) and learners (Siti, Budi, Dewi), and a new course to draft.
 */
import type { CourseContent } from "@jatim/sijawara"
import type * as CommandTable from "../CommandTable.js"
import { type OperationDoc, type ProgramDoc, role, sees, wholeList } from "../docs.js"
import type { sijawaraCommands } from "./commands.js"

/** Who may issue a course command. */
const courseAuthors = `${role.dinas} only: only Dinas officers draft, revise, publish and retire courses.`

/** Who may propose a link (and nobody consents for another). */
const learnerProposes =
  `the ${role.learner} themself only (the token's learner is the payload's \`learnerId\`); the business confirms it: ` +
  "nobody else, not even a Dinas officer, consents for either side."

/** The business side of a link, in role names. */
const businessSide = `the business's side (the ${role.umkmOwner} of its NIB, or the ${role.koperasiAdmin} of its NIK Koperasi)`

/** Who may enroll a learner. */
const learnerOrDinas = `the ${role.learner} themself (the token's learner is the payload's \`learnerId\`), or ${role.dinas}.`

/** Who may act on an enrollment. */
const ownEnrollment = `the ${role.learner} themself only (the token's learner is the payload's \`learnerId\`): learners act only on their own enrollment.`

/** Who sees a learner's progress and certificates: the Dinas and the learner themself. */
const learnerViewers = sees.private(`${role.dinas} and the ${role.learner} themself`)

/** A course's content (a new course on digital marketing): modules of lessons, each with a quiz and its pass mark. */
const content: typeof CourseContent.CourseContent.Encoded = {
  title: "Pemasaran digital untuk UMKM",
  modules: [
    {
      moduleId: "m1",
      title: "Foto produk",
      lessons: [
        { lessonId: "m1.l1", title: "Cahaya alami" },
        { lessonId: "m1.l2", title: "Latar dan komposisi" }
      ],
      quiz: {
        passMark: 50,
        questions: [{ prompt: "Cahaya terbaik untuk foto produk?", choices: ["Lampu kilat langsung", "Cahaya jendela"], answer: 1 }]
      }
    }
  ]
}

/** Sijawara's groups: their prefix, and what its commands are about. */
export const sijawaraProgram: ProgramDoc = {
  prefix: "/sijawara",
  name: "Sijawara",
  meaning:
    "Distance learning about cooperatives and UMKM: the Dinas drafts and publishes courses; learners register, enroll, complete lessons " +
    "and pass each module's quiz, and get a certificate anyone may verify; a learner's link to a UMKM or a cooperative needs both sides."
}

/** The Sijawara command endpoints' documentation, by endpoint name. */
export const sijawaraCommandDocs: CommandTable.Docs<typeof sijawaraCommands> = {
  draftCourse: {
    summary: "Draft a course",
    who: courseAuthors,
    what:
      "Drafts a distance-learning course on a topic (perkoperasian, manajemen koperasi, akuntansi & SHU, kemasan, pemasaran digital): modules of " +
      "lessons, each module with a quiz and its pass mark. The quiz answers stay inside Sijawara: learners never see them.",
    example: { courseId: "pemasaran-digital-101", topic: "PEMASARAN_DIGITAL", content }
  },
  reviseCourse: {
    summary: "Revise a course's draft",
    who: courseAuthors,
    what: "Replaces the course's draft content; learners see it once it is published as a new version.",
    example: { courseId: "koperasi-digital", content }
  },
  publishCourse: {
    summary: "Publish a course",
    who: courseAuthors,
    what: "Publishes the draft as the course's next version: learners may enroll in it.",
    example: { courseId: "koperasi-digital" }
  },
  retireCourse: {
    summary: "Retire a course",
    who: courseAuthors,
    what: "Retires the course, with the reason: nobody enrolls in it any more.",
    example: { courseId: "kemasan-101", reason: "Diganti kursus kemasan edisi 2027" }
  },
  scheduleCohort: {
    summary: "Offer a course as a cohort",
    who: courseAuthors,
    what:
      "Offers the course as a cohort from `startsOn` to `endsOn` (calendar dates in WIB, both included): learners enroll until the end of " +
      "`endsOn`, then enrollment closes (422 `EnrollmentClosed`). Scheduling again replaces the cohort, for the next intake; a course never " +
      "scheduled stays self-paced. The end date may not be past, nor before the start.",
    example: { courseId: "kemasan-101", startsOn: "2027-02-01", endsOn: "2027-02-07" }
  },
  registerLearner: {
    summary: "Register a learner",
    who: learnerOrDinas,
    what:
      "Registers a learner with their kabupaten/kota and role: cooperative member or board, UMKM owner (with the NIB), or public. A learner " +
      "registering themself as a UMKM's owner proposes the link to that UMKM, which its owner confirms.",
    example: { learnerId: "L-2025-000125", name: "Dewi Lestari", region: "35.09", role: { _tag: "PUBLIC" } }
  },
  proposeLink: {
    summary: "Propose a link between a learner and a business",
    who: learnerProposes,
    what:
      "Proposes a link from the learner to a UMKM (by NIB) or a cooperative (by NIK Koperasi): it takes effect when the business confirms it. " +
      "A training is credited to a UMKM only for a course completed while the link was in effect.",
    example: { learnerId: "L-2025-000124", business: { _tag: "KOPERASI", nik: "3578010000000011" } }
  },
  confirmLink: {
    summary: "Confirm a proposed link",
    who: `either side of the link: ${businessSide} for the learner's proposal, or the ${role.learner} themself for a business's earlier proposal; not a Dinas officer.`,
    what: "Confirms the link the other side proposed: it takes effect, replacing the learner's link of that kind if one was in effect.",
    example: { learnerId: "L-2025-000123", business: { _tag: "UMKM", nib: "9120001234567" } }
  },
  endLink: {
    summary: "End a link",
    who: `either side of the link (the ${role.learner} themself, or ${businessSide}), or ${role.dinas}.`,
    what: "Ends the link in effect (or declines a proposal) between the learner and the business.",
    example: { learnerId: "L-2025-000124", business: { _tag: "KOPERASI", nik: "3578010000000011" } }
  },
  eraseLearnerData: {
    summary: "Erase a learner's personal data",
    who: `${role.dinas} only, on the learner's request (UU 27/2022).`,
    what:
      "Deletes the learner's key: their name reads as `[dihapus]` in every event, in the live feed and in every read model " +
      "rebuilt since; their ids, enrollments and certificates stay. Answers the audit event `LearnerDataErased` (who erased " +
      "and when, nothing erased). Erasing again answers no event.",
    example: { learnerId: "L-2025-000124" }
  },
  linkLearnerToUmkm: {
    summary: "Propose a link to a UMKM (first version)",
    who: learnerProposes,
    what: "The first version's endpoint: now proposes a link from the learner to the UMKM (`proposeLink`), which its owner confirms.",
    example: { learnerId: "L-2025-000123", nib: "9120001234567" }
  },
  linkLearnerToKoperasi: {
    summary: "Propose a link to a cooperative (first version)",
    who: learnerProposes,
    what: "The first version's endpoint: now proposes a link from the learner to the cooperative (`proposeLink`), which its admin confirms.",
    example: { learnerId: "L-2025-000124", nik: "3578010000000011" }
  },
  enroll: {
    summary: "Enroll a learner in a course",
    who: learnerOrDinas,
    what:
      "Enrolls a registered learner in the published version of a course (the learner and the course are read from their streams); a course " +
      "offered as a cohort takes enrollments until the end of its end date (WIB, by the server's clock).",
    example: { learnerId: "L-2025-000125", courseId: "kemasan-101" }
  },
  completeLesson: {
    summary: "Complete a lesson",
    who: ownEnrollment,
    what: "Records a lesson of the enrollment as completed (completing it again changes nothing).",
    example: { learnerId: "L-2025-000124", courseId: "kemasan-101", lessonId: "m1.l2" }
  },
  attemptQuiz: {
    summary: "Attempt a module's quiz",
    who: ownEnrollment,
    what:
      "Answers a module's quiz, once its lessons are completed, at most 3 attempts per module a day; graded inside Sijawara against the course's key. " +
      "Passing every module completes the course with one certificate, whose number anyone may verify.",
    example: { learnerId: "L-2025-000124", courseId: "kemasan-101", moduleId: "m1", answers: [0, 1] }
  }
}

/** The Sijawara queries' documentation, by endpoint name. */
export const sijawaraQueryDocs = {
  getCourse: {
    summary: "Get a course",
    who: sees.trimmed(`${role.dinas} (the courses' authors)`, "its public form: questions and choices, no answers"),
    what: "A course: its status, topic, draft title, published versions and the offering new enrollments follow."
  },
  learnerProgress: {
    summary: "Get a learner's progress",
    who: learnerViewers,
    what: `A learner's progress in each of their courses, in percent, with the modules passed and the certificate. ${wholeList("one learner's courses")}`
  },
  verifyCertificate: {
    summary: "Verify a certificate by its number",
    who: sees.public,
    what: "Verifies a Sijawara certificate number (`SJW-XXXX-XXXX-XXXX-CC`): valid (the course, the holder by learner id, never by name), not issued, or malformed."
  },
  learnerCertificates: {
    summary: "List a learner's certificates",
    who: learnerViewers,
    what:
      "Every Sijawara certificate the learner holds, oldest first: its number (which anyone may verify), the course and version completed, " +
      `its topic, the kabupaten/kota enrolled from and when it was issued. ${wholeList("the courses one learner completed")}`
  },
  courseFunnel: {
    summary: "Get a course's funnel",
    who: sees.public,
    what:
      "How many learners enrolled in a course, passed each of its modules (in teaching order) and completed it: counts only, no learner named, " +
      "so it is public like the leaderboard. 404 when nobody has enrolled in the course."
  },
  leaderboard: {
    summary: "Get the per-kabupaten leaderboard",
    who: sees.public,
    what: `The kabupaten/kota ranked by completed courses, with their learners (counts only). ${wholeList("the 38 kabupaten/kota")}`
  }
} as const satisfies { readonly [name: string]: OperationDoc }
