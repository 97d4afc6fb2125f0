/** Shared examples for Sijawara's tests: a packaging course in two modules, its people, its events. */
import type { Actor } from "@jatim/kernel"
import { Identifier } from "@jatim/kernel"
import { Effect, Either, Option, Random } from "effect"
import { CertificateNumber, CourseContent, CourseEvent, EnrollmentEvent, Ids } from "../src/index.js"

export const courseId = Ids.CourseId.make("kemasan-101")
export const learnerId = Ids.LearnerId.make("L-2025-000123")
export const otherLearnerId = Ids.LearnerId.make("L-2025-000999")
export const nib = Either.getOrThrow(Identifier.parse(Identifier.Nib, "9120001234567"))
export const otherNib = Either.getOrThrow(Identifier.parse(Identifier.Nib, "9120007654321"))
export const nik = Either.getOrThrow(Identifier.parse(Identifier.NikKoperasi, "3578010000000001"))

export const officer: Actor.Actor = { _tag: "DINAS_OFFICER", officerId: "199001012020121001" }
export const learner: Actor.Actor = { _tag: "LEARNER", learnerId }
export const otherLearner: Actor.Actor = { _tag: "LEARNER", learnerId: otherLearnerId }
export const curator: Actor.Actor = { _tag: "CURATOR", curatorId: "kurator-07" }
export const umkmOwner: Actor.Actor = { _tag: "UMKM_OWNER", nib }
export const koperasiAdmin: Actor.Actor = { _tag: "KOPERASI_ADMIN", nik }
export const otherUmkmOwner: Actor.Actor = { _tag: "UMKM_OWNER", nib: otherNib }
export const otherKoperasiAdmin: Actor.Actor = {
  _tag: "KOPERASI_ADMIN",
  nik: Either.getOrThrow(Identifier.parse(Identifier.NikKoperasi, "3578010000000002"))
}
export const pesantrenAdmin: Actor.Actor = {
  _tag: "PESANTREN_ADMIN",
  nspp: Either.getOrThrow(Identifier.parse(Identifier.Nspp, "510035780001"))
}

export const m1 = Ids.ModuleId.make("m1")
export const m2 = Ids.ModuleId.make("m2")
export const l11 = Ids.LessonId.make("m1.l1")
export const l12 = Ids.LessonId.make("m1.l2")
export const l21 = Ids.LessonId.make("m2.l1")

/** Two modules: m1 (two lessons, two questions, pass mark 50 %), m2 (one lesson, two questions, 100 %). */
export const content: CourseContent.CourseContent = {
  title: "Kemasan produk UMKM",
  modules: [
    {
      moduleId: m1,
      title: "Fungsi kemasan",
      lessons: [
        { lessonId: l11, title: "Melindungi produk" },
        { lessonId: l12, title: "Menjual produk" }
      ],
      quiz: {
        passMark: 50,
        questions: [
          { prompt: "Fungsi utama kemasan?", choices: ["Melindungi", "Menghias"], answer: 0 },
          { prompt: "Label wajib memuat?", choices: ["Harga", "Komposisi", "Warna"], answer: 1 }
        ]
      }
    },
    {
      moduleId: m2,
      title: "Label dan izin",
      lessons: [{ lessonId: l21, title: "P-IRT dan halal" }],
      quiz: {
        passMark: 100,
        questions: [
          { prompt: "P-IRT berapa digit?", choices: ["13", "15"], answer: 1 },
          { prompt: "Sertifikat halal diawali?", choices: ["ID", "MD"], answer: 0 }
        ]
      }
    }
  ]
}

/** The content after a revision: m2 gains a lesson. */
export const revisedContent: CourseContent.CourseContent = {
  ...content,
  modules: [
    content.modules[0],
    {
      ...content.modules[1]!,
      lessons: [...content.modules[1]!.lessons, { lessonId: Ids.LessonId.make("m2.l2"), title: "BPOM MD" }]
    }
  ]
}

export const d = (iso: string) => new Date(iso)

export const drafted = (at = d("2025-01-06T01:00:00Z")) => new CourseEvent.CourseDrafted({ courseId, topic: "KEMASAN", content, at })
export const published = (version = 1, at = d("2025-01-07T01:00:00Z"), c = content) =>
  new CourseEvent.CoursePublished({ courseId, version, content: c, at })

export const enrolled = (at = d("2025-01-10T02:00:00Z")) =>
  new EnrollmentEvent.Enrolled({
    learnerId,
    courseId,
    courseVersion: 1,
    title: content.title,
    topic: "KEMASAN",
    plan: CourseContent.planOf(content),
    region: "35.78",
    linkedNib: nib,
    at
  })

export const lessonCompleted = (lessonId: Ids.LessonId, moduleId: Ids.ModuleId, at = d("2025-01-10T03:00:00Z")) =>
  new EnrollmentEvent.LessonCompleted({ learnerId, courseId, moduleId, lessonId, at })

export const allLessonsOf1 = () => [lessonCompleted(l11, m1), lessonCompleted(l12, m1)]

export const attempted = (moduleId: Ids.ModuleId, at: Date, passed = false, correct = passed ? 2 : 0) =>
  new EnrollmentEvent.QuizAttempted({ learnerId, courseId, moduleId, correct, questions: 2, passed, at })

export const modulePassed = (moduleId: Ids.ModuleId, at: Date) => new EnrollmentEvent.ModulePassed({ learnerId, courseId, moduleId, at })

/** The answer key of a module of `content`, as grading reads it from the course's stream. */
export const keyOf = (moduleId: Ids.ModuleId, of: CourseContent.CourseContent = content) =>
  Option.getOrThrow(CourseContent.answerKeyOf(of, moduleId))

/**
 * The certificate number a `Random` seeded with `seed` draws first: what a completion decided
 * with that seed records, and a well-formed number for hand-written events.
 */
export const numberDrawnWith = (seed: number | string): CertificateNumber.CertificateNumber =>
  Effect.runSync(CertificateNumber.draw.pipe(Effect.withRandom(Random.make(seed))))

/** Whether any object in `json` has a property named `answer` or `answerKey`: a quiz's answers. */
export { hasAnswers } from "../src/testing.js"
