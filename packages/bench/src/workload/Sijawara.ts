/**
 * Sijawara in the workload: the Dinas drafts and publishes courses (a few dozen, on the five
 * topics); each learner's script registers them (UMKM owners register themselves and their
 * business confirms the link), then enrolls them in one to three published courses (profile and
 * offering read from their streams) and walks the lessons and quizzes (answer key and link read
 * from their streams), passing most quizzes, failing and retrying some, dropping out of some
 * courses; a completion draws its certificate number from the seeded `Random`.
 */
import { Either } from "effect"
import {
  Course,
  CourseCommand,
  Enrollment,
  EnrollmentCommand,
  Ids,
  Learner,
  LearnerCommand,
  Topic,
  VerifiedAnswerKey,
  VerifiedLink,
  VerifiedOffering,
  VerifiedProfile
} from "@jatim/sijawara"
import { actor, command, decode, digits, officials, personName, regions, type Script, type Steps } from "./Script.js"
import type { World } from "./World.js"

/** A published course as the learners' scripts know it: its modules, lessons and correct answers. */
interface PublishedCourse {
  readonly courseId: Ids.CourseId
  readonly modules: ReadonlyArray<{
    readonly moduleId: string
    readonly lessonIds: ReadonlyArray<string>
    readonly answers: ReadonlyArray<number>
  }>
}

const lessonTitles = ["Pengantar", "Prinsip dasar", "Studi kasus", "Praktik", "Rangkuman"]

/** Sijawara's scripts in one world. */
export const make = (w: World) => {
  let courseCount = 0
  let learnerCount = 0
  let nibCount = 0
  const published: Array<PublishedCourse> = []
  const offerings = new Map<string, VerifiedOffering.VerifiedOffering>()
  const answerKeys = new Map<string, VerifiedAnswerKey.VerifiedAnswerKey | null>()

  function* course(): Steps {
    const n = ++courseCount
    const topic = Topic.topics[n % Topic.topics.length] ?? "PERKOPERASIAN"
    const courseId = decode(Ids.CourseId, `kursus-${digits(n, 3)}`)
    const stream = Course.streamName(courseId)
    const dinas = w.pick(officials.dinas)
    const modules = Array.from({ length: w.int(2, 4) }, (_, m) => {
      const moduleId = `m${m + 1}`
      const questions = Array.from({ length: w.int(2, 5) }, (_, q) => {
        const choices = w.int(2, 4)
        return {
          prompt: `Pertanyaan ${q + 1} modul ${m + 1}?`,
          choices: Array.from({ length: choices }, (_, c) => `Pilihan ${c + 1}`),
          answer: w.int(0, choices - 1)
        }
      })
      return {
        moduleId,
        title: `Modul ${m + 1}`,
        lessons: Array.from({ length: w.int(2, 4) }, (_, l) => ({
          lessonId: `${moduleId}.l${l + 1}`,
          title: lessonTitles[l] ?? `Pelajaran ${l + 1}`
        })),
        quiz: { passMark: w.pick([50, 60, 70]), questions }
      }
    })
    const drafted = w.course.decide(
      stream,
      command(CourseCommand.DraftCourse, { actor: dinas, courseId, topic, content: { title: `${Topic.label(topic)} ${n}`, modules } })
    )
    if (Either.isLeft(drafted)) return
    yield
    const publishedCourse = w.course.decide(stream, command(CourseCommand.PublishCourse, { actor: dinas, courseId }))
    if (Either.isLeft(publishedCourse)) return
    published.push({
      courseId,
      modules: modules.map((m) => ({
        moduleId: m.moduleId,
        lessonIds: m.lessons.map((l) => l.lessonId),
        answers: m.quiz.questions.map((q) => q.answer)
      }))
    })
    yield
  }

  const offering = (courseId: Ids.CourseId) => {
    const known = offerings.get(courseId)
    if (known !== undefined) return Either.right(known)
    const read = w.read(VerifiedOffering.read(courseId))
    if (Either.isRight(read)) offerings.set(courseId, read.right)
    return read
  }

  const answerKey = (courseId: Ids.CourseId, courseVersion: number, moduleId: Ids.ModuleId) => {
    const id = `${courseId}@${courseVersion}/${moduleId}`
    const known = answerKeys.get(id)
    if (known !== undefined) return known
    const read = w.read(VerifiedAnswerKey.read(courseId, courseVersion, moduleId))
    const key = Either.isRight(read) && read.right._tag === "Some" ? read.right.value : null
    answerKeys.set(id, key)
    return key
  }

  function* learner(): Steps {
    while (published.length === 0) yield
    const n = ++learnerCount
    const learnerId = decode(Ids.LearnerId, `L-${2024 + (n % 3)}-${digits(n, 7)}`)
    const stream = Learner.streamName(learnerId)
    const self = actor({ _tag: "LEARNER", learnerId })
    const kind = w.int(1, 10)
    const nib = `92${digits(++nibCount, 11)}`
    const role =
      kind <= 3
        ? { _tag: "UMKM_OWNER", nib }
        : kind <= 5
          ? { _tag: "COOPERATIVE_MEMBER" }
          : kind === 6
            ? { _tag: "COOPERATIVE_BOARD" }
            : { _tag: "PUBLIC" }
    const registered = w.learner.decide(
      stream,
      command(LearnerCommand.RegisterLearner, {
        actor: role._tag === "UMKM_OWNER" || w.chance(0.7) ? self : w.pick(officials.dinas),
        learnerId,
        name: personName(n),
        region: w.pick(regions),
        role
      })
    )
    if (Either.isLeft(registered)) return
    yield
    if (role._tag === "UMKM_OWNER" && w.chance(0.8)) {
      w.learner.decide(
        stream,
        command(LearnerCommand.ConfirmLink, { actor: { _tag: "UMKM_OWNER", nib }, learnerId, business: { _tag: "UMKM", nib } })
      )
      yield
    }
    const link = w.read(VerifiedLink.read(learnerId))
    const courses = new Set<PublishedCourse>()
    const wanted = w.pick([1, 1, 1, 2, 2, 3])
    for (let i = 0; i < wanted * 2 && courses.size < wanted; i++) courses.add(w.pick(published))
    for (const chosen of courses) {
      const { courseId } = chosen
      const enrollmentStream = Enrollment.streamName(learnerId, courseId)
      const profile = w.read(VerifiedProfile.read(learnerId))
      const course = offering(courseId)
      if (Either.isLeft(profile) || Either.isLeft(course) || Either.isLeft(link)) break
      const enrolled = w.enrollment.decide(
        enrollmentStream,
        new EnrollmentCommand.Enroll({ actor: self, learner: profile.right, course: course.right })
      )
      if (Either.isLeft(enrolled)) continue
      yield
      const dropsOutAfter = w.chance(0.25) ? w.int(0, chosen.modules.length - 1) : chosen.modules.length
      for (const [index, module] of chosen.modules.entries()) {
        if (index >= dropsOutAfter) break
        for (const lessonId of module.lessonIds) {
          w.enrollment.decide(enrollmentStream, command(EnrollmentCommand.CompleteLesson, { actor: self, learnerId, courseId, lessonId }))
          yield
        }
        const moduleId = decode(Ids.ModuleId, module.moduleId)
        let passed = false
        for (let attempt = 0; attempt < 6 && !passed; attempt++) {
          const state = w.enrollment.state(enrollmentStream)
          if (state._tag !== "Enrollment") break
          const answers = module.answers.map((answer) => (w.chance(0.85) ? answer : answer === 0 ? 1 : 0))
          const graded = w.enrollment.decide(
            enrollmentStream,
            new EnrollmentCommand.GradeAttempt({
              actor: self,
              learnerId,
              courseId,
              moduleId,
              answers,
              key: answerKey(courseId, state.courseVersion, moduleId),
              link: link.right
            })
          )
          passed = Either.isRight(graded) && graded.right.some((event) => event._tag === "ModulePassed")
          yield
        }
        if (!passed) break
      }
      w.enrollment.forget(enrollmentStream)
    }
    w.learner.forget(stream)
  }

  return {
    /** Whether fewer courses are published than a province of this size offers. */
    needsCourse: (targetEvents: number) => courseCount < Math.min(60, 8 + Math.floor(targetEvents / 40_000)),
    /** A new course, drafted and published. */
    spawnCourse: (): Script => ({ program: "Sijawara", steps: course() }),
    /** A new learner's life. */
    spawnLearner: (): Script => ({ program: "Sijawara", steps: learner() })
  }
}
