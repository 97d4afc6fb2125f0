/**
 * fast-check arbitraries of Sijawara's commands, valid and invalid, for this package's property
 * tests and for teams that embed it. Built on `effect`'s own fast-check (`FastCheck`), so they
 * need no other dependency.
 *
 * "Valid" means the command passes every rule in the state it is meant for (a draft on a new
 * course, an enrollment step on its enrollment); every "invalid" arbitrary yields the command
 * with the `_tag` of the error its decider must answer (`expected`).
 *
 * No arbitrary here makes a fact (a learner's profile, a course's offering, an answer key, a link
 * in effect), nor a command that must carry a new one (`Enroll`): a generator of facts would be
 * an issuer in anyone's hands (its mapping function mints a fact of any content). Facts are read
 * by their readers (`VerifiedProfile.read`, `VerifiedOffering.read`, `VerifiedAnswerKey.read`,
 * `VerifiedLink.read`) from a store holding the events that make them true; the steps of an
 * enrollment (`enrollmentStep`, `gradeAttempt`) carry the facts of the `EnrollmentTarget` they
 * are given, never facts of their own.
 *
 * @since 0.1.0
 */
import { Arbitrary, FastCheck as fc } from "effect"
import { Actor, CalendarDate, Identifier, Region } from "@jatim/kernel"
import type { AnswerKey, CourseContent, Module, Plan, Question } from "./CourseContent.js"
import { DraftCourse, PublishCourse, ReviseCourse, RetireCourse, CourseCommand, ScheduleCohort } from "./CourseCommand.js"
import { CompleteLesson, GradeAttempt } from "./EnrollmentCommand.js"
import { CourseDrafted, CourseEvent, CoursePublished, CourseRetired, CourseRevised } from "./CourseEvent.js"
import { EnrollmentEvent } from "./EnrollmentEvent.js"
import { CourseId, LearnerId, LessonId, ModuleId } from "./Ids.js"
import { ConfirmLink, EndLink, LearnerCommand, ProposeLink, RegisterLearner } from "./LearnerCommand.js"
import { LearnerEvent } from "./LearnerEvent.js"
import { LearnerRole } from "./LearnerRole.js"
import { Business } from "./Link.js"
import { Topic } from "./Topic.js"
import type { VerifiedAnswerKey } from "./VerifiedAnswerKey.js"
import type { VerifiedLink } from "./VerifiedLink.js"

/** A command with the `_tag` of the error its decider must refuse it with. */
export interface Refused<C> {
  readonly command: C
  readonly expected: string
}

/** Course ids (any the Schema accepts). */
export const courseId: fc.Arbitrary<CourseId> = Arbitrary.make(CourseId)
/** Learner ids (any the Schema accepts). */
export const learnerId: fc.Arbitrary<LearnerId> = Arbitrary.make(LearnerId)
/** Topics. */
export const topic: fc.Arbitrary<Topic> = Arbitrary.make(Topic)
/** Kabupaten/kota codes of Jawa Timur. */
export const region: fc.Arbitrary<Region.RegionCode> = fc.constantFrom(...Region.codes)
/** NIBs. */
export const nib: fc.Arbitrary<Identifier.Nib> = Arbitrary.make(Identifier.Nib)
/** NIK Koperasi numbers. */
export const nik: fc.Arbitrary<Identifier.NikKoperasi> = Arbitrary.make(Identifier.NikKoperasi)
/** Learner roles. */
export const learnerRole: fc.Arbitrary<LearnerRole> = Arbitrary.make(LearnerRole)

/** Any actor. */
export const actor: fc.Arbitrary<Actor.Actor> = Arbitrary.make(Actor.Actor)
/** A Dinas officer. */
export const dinasOfficer: fc.Arbitrary<Actor.Actor> = Arbitrary.make(Actor.DinasOfficer)
/** Any actor but a Dinas officer. */
export const nonDinasActor: fc.Arbitrary<Actor.Actor> = actor.filter((a) => a._tag !== "DINAS_OFFICER")
/** The `LEARNER` actor of a learner. */
export const learnerActor = (id: LearnerId): Actor.Actor => ({ _tag: "LEARNER", learnerId: id })
/** Any actor but the learner `id` themself and Dinas officers. */
export const actorOtherThan = (id: LearnerId): fc.Arbitrary<Actor.Actor> =>
  nonDinasActor.filter((a) => !(a._tag === "LEARNER" && a.learnerId === id))

/** Instants from the program's launch (7 August 2019) to 2035, in milliseconds. */
export const instant: fc.Arbitrary<number> = fc.integer({
  min: Date.UTC(2019, 7, 7),
  max: Date.UTC(2035, 0, 1)
})

const title = fc
  .constantFrom(
    "Pengantar perkoperasian",
    "Rapat anggota tahunan",
    "Menyusun laporan SHU",
    "Desain kemasan produk",
    "Foto produk untuk marketplace",
    "Iklan digital untuk UMKM"
  )
  .chain((base) => fc.nat({ max: 99 }).map((n) => `${base} ${n + 1}`))

const shortId = fc.stringMatching(/^[a-z][a-z0-9]{0,3}$/)

/** Sizes of generated course contents. */
export interface ContentSize {
  readonly maxModules?: number | undefined
  readonly maxLessons?: number | undefined
  readonly maxQuestions?: number | undefined
}

const question: fc.Arbitrary<Question> = fc.integer({ min: 2, max: 4 }).chain((choices) =>
  fc.record({
    prompt: title.map((t) => `${t}?`),
    choices: fc.constant(Array.from({ length: choices }, (_, i) => `Pilihan ${String.fromCharCode(65 + i)}`)),
    answer: fc.nat({ max: choices - 1 })
  })
)

const nonEmpty = <A>(items: ReadonlyArray<A>): readonly [A, ...Array<A>] => {
  const [first, ...rest] = items
  if (first === undefined) throw new Error("Arbitraries: a generator produced an empty list where one item at least was required")
  return [first, ...rest]
}

/** Valid course contents: unique module and lesson ids, answers that point at a choice. */
export const courseContent = (size: ContentSize = {}): fc.Arbitrary<CourseContent> => {
  const maxModules = size.maxModules ?? 3
  const maxLessons = size.maxLessons ?? 3
  const maxQuestions = size.maxQuestions ?? 3
  return fc.uniqueArray(shortId, { minLength: 1, maxLength: maxModules }).chain((moduleNames) =>
    fc
      .tuple(
        title,
        fc.tuple(
          ...moduleNames.map((name) =>
            fc.record({
              title,
              lessonCount: fc.integer({ min: 1, max: maxLessons }),
              passMark: fc.integer({ min: 1, max: 100 }),
              questions: fc.array(question, { minLength: 1, maxLength: maxQuestions }),
              name: fc.constant(name)
            })
          )
        )
      )
      .map(
        ([courseTitle, modules]): CourseContent => ({
          title: courseTitle,
          modules: nonEmpty(
            modules.map(
              (m): Module => ({
                moduleId: ModuleId.make(m.name),
                title: m.title,
                lessons: nonEmpty(
                  Array.from({ length: m.lessonCount }, (_, i) => ({
                    lessonId: LessonId.make(`${m.name}.l${i + 1}`),
                    title: `${m.title}, bagian ${i + 1}`
                  }))
                ),
                quiz: { passMark: m.passMark, questions: nonEmpty(m.questions) }
              })
            )
          )
        })
      )
  )
}

/** A course content that breaks one rule, with the rule it breaks. */
export const invalidCourseContent: fc.Arbitrary<{ readonly content: CourseContent; readonly rule: string }> = fc.oneof(
  courseContent().map((content) => {
    const [first] = content.modules
    const copy: Module = {
      ...first,
      lessons: nonEmpty(first.lessons.map((l) => ({ ...l, lessonId: LessonId.make(`${l.lessonId}x`) })))
    }
    const [, ...rest] = content.modules
    const broken: CourseContent = { ...content, modules: [first, ...rest, copy] }
    return { content: broken, rule: "module ids must be unique" }
  }),
  courseContent().map((content) => {
    const [first, ...rest] = content.modules
    const broken: CourseContent = { ...content, modules: [{ ...first, lessons: [...first.lessons, first.lessons[0]] }, ...rest] }
    return { content: broken, rule: "lesson ids must be unique" }
  }),
  fc.tuple(courseContent(), fc.nat({ max: 5 })).map(([content, beyond]) => {
    const [first, ...rest] = content.modules
    const [q, ...qs] = first.quiz.questions
    const broken: Module = {
      ...first,
      quiz: { ...first.quiz, questions: [{ ...q, answer: q.choices.length + beyond }, ...qs] }
    }
    return { content: { ...content, modules: [broken, ...rest] } satisfies CourseContent, rule: "gives answer" }
  })
)

/** Drafts of a new course by a Dinas officer, with valid content. */
export const draftCourse: fc.Arbitrary<DraftCourse> = fc
  .record({
    actor: dinasOfficer,
    courseId,
    topic,
    content: courseContent()
  })
  .map((fields) => new DraftCourse(fields))

/** Drafts refused on a new course: by anyone but a Dinas officer, or with content that breaks a rule. */
export const invalidDraftCourse: fc.Arbitrary<Refused<DraftCourse>> = fc.oneof(
  fc.tuple(draftCourse, nonDinasActor).map(([command, actor]) => ({
    command: new DraftCourse({ ...command, actor }),
    expected: "ActorNotAuthorized"
  })),
  fc.tuple(draftCourse, invalidCourseContent).map(([command, { content }]) => ({
    command: new DraftCourse({ ...command, content }),
    expected: "InvalidCourseContent"
  }))
)

/** Revisions, publications, cohorts and retirements of a course by anyone but a Dinas officer (always refused). */
export const courseCommandByNonDinas = (id: CourseId): fc.Arbitrary<CourseCommand> =>
  fc.tuple(nonDinasActor, courseContent()).chain(([actor, content]) =>
    fc.constantFrom<Array<CourseCommand>>(
      new ReviseCourse({ actor, courseId: id, content }),
      new PublishCourse({ actor, courseId: id }),
      new RetireCourse({ actor, courseId: id, reason: "Materi diganti kurikulum baru" }),
      new ScheduleCohort({
        actor,
        courseId: id,
        startsOn: CalendarDate.unsafeMake("2026-01-05"),
        endsOn: CalendarDate.unsafeMake("2026-01-11")
      })
    )
  )

/** Registrations by the learner themself or by a Dinas officer. */
export const registerLearner: fc.Arbitrary<RegisterLearner> = fc
  .record({
    learnerId,
    name: title,
    region,
    role: learnerRole,
    self: fc.boolean(),
    officer: dinasOfficer
  })
  .map(
    ({ learnerId, name, region, role, self, officer }) =>
      new RegisterLearner({ actor: self ? learnerActor(learnerId) : officer, learnerId, name, region, role })
  )

/** Registrations refused: by anyone but the learner and Dinas officers. */
export const invalidRegisterLearner: fc.Arbitrary<Refused<RegisterLearner>> = registerLearner.chain((command) =>
  actorOtherThan(command.learnerId).map((actor) => ({
    command: new RegisterLearner({ ...command, actor }),
    expected: "ActorNotAuthorized"
  }))
)

/** Businesses a learner may be linked to: UMKM and cooperatives. */
export const business: fc.Arbitrary<Business> = Arbitrary.make(Business)

/** The actor of the business side of a link: the UMKM's owner, or the cooperative's admin. */
export const businessActor = (of: Business): Actor.Actor =>
  of._tag === "UMKM" ? { _tag: "UMKM_OWNER", nib: of.nib } : { _tag: "KOPERASI_ADMIN", nik: of.nik }

/** Proposals of a link of learner `id` to a business, by the learner (who alone proposes; always accepted for a registered learner). */
export const proposeLink = (id: LearnerId): fc.Arbitrary<ProposeLink> =>
  business.map((of) => new ProposeLink({ actor: learnerActor(id), learnerId: id, business: of }))

/**
 * Link commands (propose, confirm, end) of learner `id` by one of the link's two sides, with
 * businesses from `among` (a small pool makes proposals meet their confirmations).
 */
export const linkCommandBySide = (
  id: LearnerId,
  among: fc.Arbitrary<Business> = business
): fc.Arbitrary<ProposeLink | ConfirmLink | EndLink> =>
  fc.tuple(among, fc.boolean(), fc.constantFrom("propose", "confirm", "end")).map(([of, self, verb]) => {
    const fields = { actor: self ? learnerActor(id) : businessActor(of), learnerId: id, business: of }
    return verb === "propose" ? new ProposeLink(fields) : verb === "confirm" ? new ConfirmLink(fields) : new EndLink(fields)
  })

/**
 * Any actor who is neither side of a link of learner `id` with `of`: another learner, the owner
 * of another UMKM, the admin of another cooperative, a pesantren admin, a curator, or a Dinas
 * officer (who may end a link but never propose or confirm one).
 */
export const actorOutsideLink = (id: LearnerId, of: Business): fc.Arbitrary<Actor.Actor> =>
  actor.filter(
    (a) =>
      !(a._tag === "LEARNER" && a.learnerId === id) &&
      !(of._tag === "UMKM" && a._tag === "UMKM_OWNER" && a.nib === of.nib) &&
      !(of._tag === "KOPERASI" && a._tag === "KOPERASI_ADMIN" && a.nik === of.nik)
  )

/**
 * Inputs that are not learner registrations at all (they fail to decode): a region outside Jawa
 * Timur, a malformed NIB, a learner id with a space or `_`.
 */
export const invalidRegisterLearnerInput: fc.Arbitrary<unknown> = fc
  .record({
    learnerId: fc.constantFrom("L-1", "budi santoso", "L_1", ""),
    region: fc.constantFrom("35.78", "35.30", "31.71", "3578"),
    nib: fc.constantFrom("1234567890123", "123456789012", "12345678901234", "12345678901a3")
  })
  .filter((input) => !(input.learnerId === "L-1" && input.region === "35.78" && input.nib === "1234567890123"))
  .map(({ learnerId, nib, region }) => ({
    _tag: "RegisterLearner",
    actor: { _tag: "DINAS_OFFICER", officerId: "dinas-01" },
    learnerId,
    name: "Siti Aminah",
    region,
    role: { _tag: "UMKM_OWNER", nib }
  }))

/** The answer keys of a course version's modules, by module id. */
export type AnswerKeys = ReadonlyMap<string, AnswerKey>

/** Answer keys that fit `plan`: one key per module, one answer (0 or 1) per question. */
export const answerKeysFor = (plan: Plan): fc.Arbitrary<AnswerKeys> => {
  const total = plan.reduce((n, m) => n + m.questions, 0)
  return fc.array(fc.nat({ max: 1 }), { minLength: total, maxLength: total }).map((answers) => {
    let next = 0
    return new Map(
      plan.map((m) => {
        const from = next
        next += m.questions
        return [m.moduleId, nonEmpty(answers.slice(from, next))] as const
      })
    )
  })
}

/**
 * The enrollment a step is taken in: its plan, and the facts grading reads — the answer keys of
 * the enrolled version (course stream) and the link in effect (learner stream).
 */
export interface EnrollmentTarget {
  readonly learnerId: LearnerId
  readonly courseId: CourseId
  readonly courseVersion: number
  readonly plan: Plan
  /** The answer key of each module of the enrolled version, by module id, as `VerifiedAnswerKey.read` reads it. */
  readonly answerKeys: ReadonlyMap<string, VerifiedAnswerKey>
  /** The UMKM whose link with the learner is in effect when the steps are taken, as `VerifiedLink.read` reads it. */
  readonly link: VerifiedLink
}

/** A learner's graded attempt in `target`, with the module's key as the course holds it and the link in effect. */
export const gradeAttempt = (
  target: EnrollmentTarget,
  moduleId: ModuleId,
  answers: ReadonlyArray<number>,
  by: Actor.Actor = learnerActor(target.learnerId)
): GradeAttempt =>
  new GradeAttempt({
    actor: by,
    learnerId: target.learnerId,
    courseId: target.courseId,
    moduleId,
    answers,
    key: target.answerKeys.get(moduleId) ?? null,
    link: target.link
  })

/**
 * Steps of a learner in their enrollment: lessons of the plan (or, rarely, unknown ones) and quiz
 * attempts with the right answers, random answers or a wrong number of answers. Each is a command
 * a learner may send; the rules decide whether it passes in the state it meets.
 */
export const enrollmentStep = (target: EnrollmentTarget): fc.Arbitrary<CompleteLesson | GradeAttempt> => {
  const { courseId, learnerId, plan } = target
  const actor = learnerActor(learnerId)
  const lessons = plan.flatMap((m) => m.lessonIds)
  const lesson = fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...lessons) },
    { weight: 1, arbitrary: fc.constant(LessonId.make("no-such-lesson")) }
  )
  const attempt = fc
    .constantFrom(...plan)
    .chain((module) =>
      fc
        .oneof(
          { weight: 4, arbitrary: fc.constant([...(target.answerKeys.get(module.moduleId)?.answerKey ?? [])]) },
          { weight: 4, arbitrary: fc.array(fc.nat({ max: 3 }), { minLength: module.questions, maxLength: module.questions }) },
          { weight: 1, arbitrary: fc.array(fc.nat({ max: 3 }), { maxLength: 4 }) }
        )
        .map((answers) => gradeAttempt(target, module.moduleId, answers, actor))
    )
  return fc.oneof(
    { weight: 3, arbitrary: lesson.map((lessonId) => new CompleteLesson({ actor, learnerId, courseId, lessonId })) },
    { weight: 2, arbitrary: attempt }
  )
}

/** Steps in someone else's enrollment: refused whoever the actor is, unless it is the learner. */
export const foreignEnrollmentStep = (target: EnrollmentTarget): fc.Arbitrary<Refused<CompleteLesson | GradeAttempt>> =>
  fc.tuple(enrollmentStep(target), actorOtherThan(target.learnerId)).map(([step, actor]) => ({
    command: step._tag === "CompleteLesson" ? new CompleteLesson({ ...step, actor }) : new GradeAttempt({ ...step, actor }),
    expected: "ActorNotAuthorized"
  }))

/**
 * Course events around a few course ids, with small contents (cheap to generate in bulk; the
 * Schema's own arbitraries, `anyCourseEvent`, make contents up to the full limits).
 */
export const courseEvent = (
  ids: ReadonlyArray<CourseId> = [CourseId.make("kemasan-101"), CourseId.make("shu-201")]
): fc.Arbitrary<CourseEvent> => {
  const id = fc.constantFrom(...ids)
  const at = instant.map((millis) => new Date(millis))
  return fc.oneof(
    fc.record({ courseId: id, topic, content: courseContent(), at }).map((f) => new CourseDrafted(f)),
    fc.record({ courseId: id, content: courseContent(), at }).map((f) => new CourseRevised(f)),
    fc.record({ courseId: id, version: fc.integer({ min: 1, max: 4 }), content: courseContent(), at }).map((f) => new CoursePublished(f)),
    fc.record({ courseId: id, reason: title, at }).map((f) => new CourseRetired(f))
  )
}

/** Any course command the Schema accepts (for robustness properties). */
export const anyCourseCommand: fc.Arbitrary<CourseCommand> = Arbitrary.make(CourseCommand)
/** Any learner command the Schema accepts. */
export const anyLearnerCommand: fc.Arbitrary<LearnerCommand> = Arbitrary.make(LearnerCommand)
/**
 * Any enrollment command the Schema accepts that carries no fact: lessons completed (an
 * enrollment's `Enroll` and `GradeAttempt` carry facts read from the course's and the learner's
 * streams).
 */
export const anyEnrollmentCommand: fc.Arbitrary<CompleteLesson> = Arbitrary.make(CompleteLesson)
/** Any course event the Schema accepts. */
export const anyCourseEvent: fc.Arbitrary<CourseEvent> = Arbitrary.make(CourseEvent)
/** Any learner event the Schema accepts. */
export const anyLearnerEvent: fc.Arbitrary<LearnerEvent> = Arbitrary.make(LearnerEvent)
/** Any enrollment event the Schema accepts. */
export const anyEnrollmentEvent: fc.Arbitrary<EnrollmentEvent> = Arbitrary.make(EnrollmentEvent)
