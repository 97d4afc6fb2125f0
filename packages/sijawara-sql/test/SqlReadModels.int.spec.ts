import { describe, expect, it } from "vitest"
import * as fc from "fast-check"
import { Effect, Option, Random } from "effect"
import { type EventStore, TypedEventStore } from "@jatim/eventstore"
import type { Actor, Region } from "@jatim/kernel"
import {
  CertificateNumber,
  CertificateRegistry,
  Commands,
  CourseCommand,
  CourseContent,
  CourseFunnel,
  Enrollment,
  EnrollmentCommand,
  EnrollmentEvent,
  Ids,
  KabupatenLeaderboard,
  LearnerCommand,
  LearnerProgress,
  type LearnerRole,
  type Topic
} from "@jatim/sijawara"
import { Arbitraries } from "@jatim/sijawara/testing"
import { suiteDatabaseBeforeAll } from "@jatim/testing/postgres"
import { agreeOn, asking, type Comparison, folded, interleave, sendingAt, storedEvents } from "@jatim/testing/sqlReadModels"
import { SqlReadModels } from "../src/index.js"

const database = suiteDatabaseBeforeAll("sijawara_sql_read_models")

// ---------------------------------------------------------------------------------------------
// Histories: commands through Sijawara's command handlers, or (for what they never write) events

const officer: Actor.Actor = { _tag: "DINAS_OFFICER", officerId: "199001012020121001" }

/** One thing sent to the store: a command of one of Sijawara's streams, or events appended as they are. */
type Sent =
  | { readonly _tag: "course"; readonly command: CourseCommand.CourseCommand }
  | { readonly _tag: "learner"; readonly command: LearnerCommand.LearnerCommand }
  | { readonly _tag: "enroll"; readonly request: Commands.EnrollmentRequest }
  | { readonly _tag: "step"; readonly command: Commands.EnrollmentStep }
  | { readonly _tag: "events"; readonly stream: string; readonly events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent> }

/** What is sent, and the instant it is decided at. */
interface Timed {
  readonly sent: Sent
  readonly at: number
}

/**
 * Sends commands through Sijawara's command handlers on the store (or appends events as they
 * are), each with the clock at its instant. With `refusals: "skip"` a refusal by the rules is left
 * out of the history (random commands are often refused, as they should be); with `"fail"` every
 * command must be accepted.
 */
const sendAll = sendingAt(
  ({ sent }: Timed): Effect.Effect<unknown, { readonly _tag: string }, EventStore.EventStore> =>
    sent._tag === "course"
      ? Commands.course(sent.command)
      : sent._tag === "learner"
        ? Commands.learner(sent.command)
        : sent._tag === "enroll"
          ? Commands.enroll(sent.request)
          : sent._tag === "step"
            ? Commands.enrollment(sent.command)
            : Effect.flatMap(TypedEventStore.make(Enrollment.codec), (store) =>
                store.appendToStream(
                  sent.stream,
                  sent.events.map((event) => ({ event }))
                )
              )
)

const learnerActor = (learnerId: Ids.LearnerId): Actor.Actor => ({ _tag: "LEARNER", learnerId })

const register = (
  learnerId: Ids.LearnerId,
  region: Region.RegionCode,
  role: LearnerRole.LearnerRole = { _tag: "COOPERATIVE_MEMBER" }
): Sent => ({
  _tag: "learner",
  command: new LearnerCommand.RegisterLearner({ actor: learnerActor(learnerId), learnerId, name: `Peserta ${learnerId}`, region, role })
})

const draft = (courseId: Ids.CourseId, topic: Topic.Topic, content: CourseContent.CourseContent): Sent => ({
  _tag: "course",
  command: new CourseCommand.DraftCourse({ actor: officer, courseId, topic, content })
})
const revise = (courseId: Ids.CourseId, content: CourseContent.CourseContent): Sent => ({
  _tag: "course",
  command: new CourseCommand.ReviseCourse({ actor: officer, courseId, content })
})
const publish = (courseId: Ids.CourseId): Sent => ({
  _tag: "course",
  command: new CourseCommand.PublishCourse({ actor: officer, courseId })
})
const retire = (courseId: Ids.CourseId): Sent => ({
  _tag: "course",
  command: new CourseCommand.RetireCourse({ actor: officer, courseId, reason: "Materi diganti kurikulum baru" })
})
const enroll = (learnerId: Ids.LearnerId, courseId: Ids.CourseId, actor: Actor.Actor = learnerActor(learnerId)): Sent => ({
  _tag: "enroll",
  request: { actor, learnerId, courseId }
})

/**
 * A learner's way through `content`, module by module: each lesson, then the quiz — answered
 * wrong first where `wrongFirst` says so, then right.
 */
const through = (
  learnerId: Ids.LearnerId,
  courseId: Ids.CourseId,
  content: CourseContent.CourseContent,
  wrongFirst: ReadonlyArray<boolean> = []
): ReadonlyArray<Sent> => {
  const actor = learnerActor(learnerId)
  const attempt = (moduleId: Ids.ModuleId, answers: ReadonlyArray<number>): Sent => ({
    _tag: "step",
    command: new EnrollmentCommand.AttemptQuiz({ actor, learnerId, courseId, moduleId, answers })
  })
  return content.modules.flatMap((module, i) => [
    ...module.lessons.map(
      (lesson): Sent => ({
        _tag: "step",
        command: new EnrollmentCommand.CompleteLesson({ actor, learnerId, courseId, lessonId: lesson.lessonId })
      })
    ),
    ...(wrongFirst[i] === true
      ? [
          attempt(
            module.moduleId,
            module.quiz.questions.map((q) => (q.answer + 1) % q.choices.length)
          )
        ]
      : []),
    attempt(
      module.moduleId,
      module.quiz.questions.map((q) => q.answer)
    )
  ])
}

// ---------------------------------------------------------------------------------------------
// Pure read models and SQL ones, put the same questions

/** The pure read models' states after the same events. */
interface PureStates {
  readonly progress: LearnerProgress.State
  readonly funnel: CourseFunnel.State
  readonly leaderboard: KabupatenLeaderboard.State
  readonly registry: CertificateRegistry.State
}

const pureStates = (events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent>): PureStates => ({
  progress: events.reduce(LearnerProgress.apply, LearnerProgress.initial),
  funnel: events.reduce(CourseFunnel.apply, CourseFunnel.initial),
  leaderboard: events.reduce(KabupatenLeaderboard.apply, KabupatenLeaderboard.initial),
  registry: events.reduce(CertificateRegistry.apply, CertificateRegistry.initial)
})

/** What to ask: learners, courses, kabupaten/kota, how many learners, certificate numbers as typed. */
interface Questions {
  readonly learnerIds: ReadonlyArray<Ids.LearnerId>
  readonly courseIds: ReadonlyArray<Ids.CourseId>
  readonly regions: ReadonlyArray<Region.RegionCode>
  readonly numbers: ReadonlyArray<string>
}

/** One question, put to the pure read model and to the SQL one. */
type Probe = Comparison<PureStates>

const ask = asking<PureStates>()

const limits: ReadonlyArray<number | undefined> = [undefined, 0, 1, 2, 100, -1, Number.POSITIVE_INFINITY, Number.NaN, 1.5]

/** Every query of the four read models, for every learner, course, kabupaten/kota and number asked about. */
const probes = (models: SqlReadModels.SqlReadModels, q: Questions): ReadonlyArray<Probe> => [
  ...q.learnerIds.flatMap((learnerId) => [
    ...q.courseIds.flatMap(
      (courseId): ReadonlyArray<Probe> => [
        {
          label: `progress ${learnerId} ${courseId}`,
          pure: (s) => LearnerProgress.progress(s.progress, learnerId, courseId),
          sql: models.learnerProgress.progress(learnerId, courseId)
        },
        {
          label: `percent ${learnerId} ${courseId}`,
          pure: (s) => LearnerProgress.percent(s.progress, learnerId, courseId),
          sql: models.learnerProgress.percent(learnerId, courseId)
        }
      ]
    ),
    {
      label: `progress of learner ${learnerId}`,
      pure: (s: PureStates) => LearnerProgress.ofLearner(s.progress, learnerId),
      sql: models.learnerProgress.ofLearner(learnerId)
    },
    {
      label: `courses of learner ${learnerId}`,
      pure: (s: PureStates) => LearnerProgress.learnerCourses(s.progress, learnerId),
      sql: models.learnerProgress.learnerCourses(learnerId)
    },
    {
      label: `certificates of learner ${learnerId}`,
      pure: (s: PureStates) => CertificateRegistry.ofLearner(s.registry, learnerId),
      sql: models.certificateRegistry.ofLearner(learnerId)
    }
  ]),
  ...ask("funnel", q.courseIds, (s, courseId) => CourseFunnel.funnel(s.funnel, courseId), models.courseFunnel.funnel),
  { label: "leaderboard regions", pure: (s) => KabupatenLeaderboard.regions(s.leaderboard), sql: models.kabupatenLeaderboard.regions },
  ...q.regions.flatMap((region) =>
    limits.map(
      (limit): Probe => ({
        label: `leaderboard learners ${region} limit ${limit}`,
        pure: (s) =>
          limit === undefined
            ? KabupatenLeaderboard.learners(s.leaderboard, region)
            : KabupatenLeaderboard.learners(s.leaderboard, region, limit),
        sql: limit === undefined ? models.kabupatenLeaderboard.learners(region) : models.kabupatenLeaderboard.learners(region, limit)
      })
    )
  ),
  ...ask("verify", q.numbers, (s, number) => CertificateRegistry.verify(s.registry, number), models.certificateRegistry.verify),
  {
    label: "certificate collisions",
    pure: (s) => Array.from(s.registry.collisions),
    sql: models.certificateRegistry.collisions
  }
]

/** A number issued to nobody: drawn as completions draw theirs, with a seed of its own. */
const neverIssued = Effect.runSync(CertificateNumber.draw.pipe(Effect.withRandom(Random.make("tidak pernah terbit"))))

/** Each number issued, as issued, as a person types it, and mistyped; a number never issued, and no number at all. */
const numbersOf = (events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent>): ReadonlyArray<string> => [
  ...events.flatMap((e) =>
    e._tag === "EnrollmentCompleted"
      ? [
          e.certificateNumber,
          e.certificateNumber.toLowerCase().replaceAll("-", " "),
          e.certificateNumber.slice(0, 5) + (e.certificateNumber[5] === "7" ? "8" : "7") + e.certificateNumber.slice(6)
        ]
      : []
  ),
  neverIssued,
  "bukan nomor sertifikat"
]

/**
 * Runs `history` on a fresh PostgreSQL store: its first `before` items before the runner starts
 * (the projections catch up on them), the rest while it runs (they follow live). Then every SQL
 * query must answer exactly what the pure read model answers for the events the store holds;
 * after a reset, what it answers for no events; and after each projection is rebuilt from
 * scratch, the same as before. Returns the events and the pure states, for checks of their own.
 */
const agree = agreeOn({
  database,
  schema: "sijawara_sql",
  models: SqlReadModels.make,
  send: sendAll,
  events: storedEvents(Enrollment.codec, [Enrollment.category]),
  pure: folded(pureStates),
  comparisons: probes
})

// ---------------------------------------------------------------------------------------------
// Random histories

const courseIds = ["kemasan-101", "shu-201", "digital-301"].map((id) => Ids.CourseId.make(id))
const learnerIds = ["L-1", "L-2", "L-3", "L-4", "L-5", "L-6"].map((id) => Ids.LearnerId.make(id))
/** Few kabupaten/kota, so that learners share them and their leaderboards have ties. */
const regionsUsed: ReadonlyArray<Region.RegionCode> = ["35.07", "35.73", "35.78"]
/** A kabupaten/kota no generated learner is from. */
const regionUnused: Region.RegionCode = "35.01"

/** A course: its topic, the content it is drafted with and maybe a revision, and whether it is retired at some point. */
const courseSpec = (courseId: Ids.CourseId) =>
  fc.record({
    courseId: fc.constant(courseId),
    topic: Arbitraries.topic,
    contents: fc.array(Arbitraries.courseContent({ maxModules: 3, maxLessons: 2, maxQuestions: 2 }), { minLength: 1, maxLength: 2 }),
    retired: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })
  })

/**
 * A world of three courses and up to six registered learners from three kabupaten/kota, and
 * learners' ways through courses (enrolled by themselves or by a Dinas officer, through one of
 * the course's contents, some quizzes answered wrong first, some left before the end).
 */
const histories = fc
  .record({
    courses: fc.tuple(...courseIds.map(courseSpec)),
    learners: fc.uniqueArray(fc.tuple(fc.constantFrom(...learnerIds), fc.constantFrom(...regionsUsed), Arbitraries.learnerRole), {
      minLength: 2,
      maxLength: 6,
      selector: ([id]) => id
    }),
    journeys: fc.array(
      fc.record({
        /** Which registered learner (an index), in which course. */
        learner: fc.nat(),
        course: fc.nat({ max: courseIds.length - 1 }),
        /** Through which of the course's contents first (then through the other, in case the version enrolled in is that one). */
        content: fc.nat({ max: 1 }),
        byOfficer: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        wrongFirst: fc.array(fc.boolean(), { maxLength: 3 }),
        /** How far the learner gets: all the way, or a share of it. */
        reach: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true }))
      }),
      { minLength: 2, maxLength: 10 }
    ),
    start: Arbitraries.instant,
    gaps: fc.array(fc.integer({ min: 1, max: 10 * 60 * 60 * 1000 }), { maxLength: 200 }),
    interleaving: fc.array(fc.nat(), { maxLength: 200 }),
    /** The share of the history stored before the runner starts. */
    before: fc.double({ min: 0, max: 1, noNaN: true })
  })
  .map((h) => {
    // First every course drafted and published, every learner registered; then the rest interleaved.
    const prelude: ReadonlyArray<Sent> = [
      ...h.courses.flatMap((c) => [draft(c.courseId, c.topic, c.contents[0]!), publish(c.courseId)]),
      ...h.learners.map(([learnerId, region, role]) => register(learnerId, region, role))
    ]
    const queues: Array<Array<Sent>> = [
      ...h.courses.flatMap((c) => [
        ...(c.contents[1] === undefined ? [] : [[revise(c.courseId, c.contents[1]), publish(c.courseId)]]),
        ...(c.retired ? [[retire(c.courseId)]] : [])
      ]),
      ...h.journeys.map((j) => {
        const [learnerId] = h.learners[j.learner % h.learners.length]!
        const course = h.courses[j.course]!
        const contents = j.content === 0 ? course.contents : [...course.contents].reverse()
        const way = contents.flatMap((content) => through(learnerId, course.courseId, content, j.wrongFirst))
        return [
          enroll(learnerId, course.courseId, j.byOfficer ? officer : learnerActor(learnerId)),
          ...way.slice(0, Math.round(j.reach * way.length))
        ]
      })
    ].filter((queue) => queue.length > 0)
    const sent = [...prelude, ...interleave(queues, h.interleaving)]
    let at = h.start
    const history = sent.map((s, n): Timed => {
      at += h.gaps[n] ?? 60_000
      return { sent: s, at }
    })
    return { history, before: Math.floor(h.before * history.length) }
  })

const questionsAbout = (events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent>): Questions => ({
  learnerIds: [...learnerIds, Ids.LearnerId.make("L-0")],
  courseIds: [...courseIds, Ids.CourseId.make("tidak-ada")],
  regions: [...regionsUsed, regionUnused],
  numbers: numbersOf(events)
})

describe("Sijawara's SQL read models on PostgreSQL", () => {
  it("answer exactly what the pure read models answer, for random histories through the command handlers, also after a reset and a rebuild", async () => {
    let enrolled = 0
    let completed = 0
    await fc.assert(
      fc.asyncProperty(histories, async ({ history, before }) => {
        const { events } = await Effect.runPromise(agree(history, { before, refusals: "skip", questions: questionsAbout }))
        enrolled += events.filter((e) => e._tag === "Enrolled").length
        completed += events.filter((e) => e._tag === "EnrollmentCompleted").length
      }),
      // Each run creates a store and four read models on the real server, sends up to ~100 commands
      // through the command handlers and puts ~150 queries, three times (live, reset, rebuilt), to
      // PostgreSQL. 8 runs keep the file well under a minute; the pure read models' own properties
      // (sijawara's ReadModels.property.spec.ts) cover many more histories in memory.
      // A failing run reports its history as generated: shrinking one would take minutes on PostgreSQL.
      { numRuns: 8, endOnFailure: true }
    )
    // The histories reached what the read models are about (not only refusals).
    expect(enrolled).toBeGreaterThan(0)
    expect(completed).toBeGreaterThan(0)
  }, 60_000)
})

// ---------------------------------------------------------------------------------------------
// A history written out, with answers known in advance

const at = (iso: string) => new Date(iso).getTime()
const kemasan = Ids.CourseId.make("kemasan-101")
const shu = Ids.CourseId.make("shu-201")
const siti = Ids.LearnerId.make("L-2025-000123")
const budi = Ids.LearnerId.make("L-2025-000456")
const ani = Ids.LearnerId.make("L-2025-000789")

const quiz = (answer: number) => ({
  passMark: 100,
  questions: [{ prompt: "Jawaban yang benar?", choices: ["Pilihan A", "Pilihan B"], answer }] as const
})

const fungsi: CourseContent.Module = {
  moduleId: Ids.ModuleId.make("m1"),
  title: "Fungsi kemasan",
  lessons: [{ lessonId: Ids.LessonId.make("m1.l1"), title: "Melindungi" }],
  quiz: quiz(0)
}
const label: CourseContent.Module = {
  moduleId: Ids.ModuleId.make("m2"),
  title: "Label",
  lessons: [{ lessonId: Ids.LessonId.make("m2.l1"), title: "P-IRT" }],
  quiz: quiz(1)
}
const foto: CourseContent.Module = {
  moduleId: Ids.ModuleId.make("foto"),
  title: "Foto produk",
  lessons: [{ lessonId: Ids.LessonId.make("foto.l1"), title: "Cahaya" }],
  quiz: quiz(0)
}

/** Kemasan, version 1: two modules of one lesson each. */
const kemasanV1: CourseContent.CourseContent = { title: "Kemasan produk UMKM", modules: [fungsi, label] }

/** Kemasan, version 2: a module on photos before the label module. */
const kemasanV2: CourseContent.CourseContent = { title: "Kemasan produk UMKM", modules: [fungsi, foto, label] }

const shuContent: CourseContent.CourseContent = {
  title: "Menyusun laporan SHU",
  modules: [
    {
      moduleId: Ids.ModuleId.make("shu"),
      title: "SHU",
      lessons: [{ lessonId: Ids.LessonId.make("shu.l1"), title: "Jasa anggota" }],
      quiz: quiz(1)
    }
  ]
}

/** Two courses; Siti (Surabaya) completes both, Budi (Surabaya) one, Ani (Kediri) is halfway through version 2 of Kemasan. */
const example: ReadonlyArray<Timed> = [
  draft(kemasan, "KEMASAN", kemasanV1),
  publish(kemasan),
  draft(shu, "AKUNTANSI_SHU", shuContent),
  publish(shu),
  register(siti, "35.78"),
  register(budi, "35.78"),
  register(ani, "35.06"),
  enroll(siti, kemasan),
  ...through(siti, kemasan, kemasanV1),
  enroll(budi, kemasan, officer),
  ...through(budi, shu, shuContent),
  enroll(budi, shu),
  ...through(budi, shu, shuContent, [true]),
  revise(kemasan, kemasanV2),
  publish(kemasan),
  enroll(ani, kemasan),
  ...through(ani, kemasan, kemasanV2).slice(0, 3),
  enroll(siti, shu),
  ...through(siti, shu, shuContent)
].map((sent, n) => ({ sent, at: at("2025-03-03T01:00:00Z") + n * 3_600_000 }))

describe("Sijawara's SQL read models on PostgreSQL, a written-out history", () => {
  it("answer what the pure read models answer, which is what the history says, also after a reset and a rebuild", async () => {
    const { events, states } = await Effect.runPromise(
      agree(
        // Budi's steps in shu before he enrolls are refused: kept out of the history by "skip".
        example,
        {
          before: 12,
          refusals: "skip",
          questions: (stored) => ({
            learnerIds: [siti, budi, ani, Ids.LearnerId.make("L-0")],
            courseIds: [kemasan, shu, Ids.CourseId.make("tidak-ada")],
            regions: ["35.78", "35.06", "35.01"],
            numbers: numbersOf(stored)
          })
        }
      )
    )
    // The SQL models agreed with these; pin a few answers so the agreement is about something.
    expect(events.filter((e) => e._tag === "EnrollmentCompleted").map((e) => [e.learnerId, e.courseId])).toEqual([
      [siti, kemasan],
      [budi, shu],
      [siti, shu]
    ])
    expect(Option.map(CourseFunnel.funnel(states.funnel, kemasan), (f) => [f.enrolled, f.modules, f.completed])).toEqual(
      Option.some([
        3,
        [
          { moduleId: "m1", passed: 2 },
          { moduleId: "m2", passed: 1 },
          { moduleId: "foto", passed: 0 }
        ],
        1
      ])
    )
    expect(KabupatenLeaderboard.learners(states.leaderboard, "35.78")).toEqual([
      { rank: 1, learnerId: siti, completions: 2 },
      { rank: 2, learnerId: budi, completions: 1 }
    ])
    expect(
      KabupatenLeaderboard.regions(states.leaderboard)
        .slice(0, 2)
        .map((r) => [r.rank, r.region, r.learners, r.completions])
    ).toEqual([
      [1, "35.78", 2, 3],
      [2, "35.06", 1, 0]
    ])
    expect(LearnerProgress.percent(states.progress, ani, kemasan)).toEqual(Option.some(50))
    expect(CertificateRegistry.ofLearner(states.registry, siti).map((c) => c.courseId)).toEqual([kemasan, shu])
  }, 30_000)
})

// ---------------------------------------------------------------------------------------------
// Events the command handlers never write: redelivered ones, and a certificate number issued twice

const plan = CourseContent.planOf(kemasanV1)
const enrolledAt = (learnerId: Ids.LearnerId, region: Region.RegionCode, when: string) =>
  new EnrollmentEvent.Enrolled({
    learnerId,
    courseId: kemasan,
    courseVersion: 1,
    title: kemasanV1.title,
    topic: "KEMASAN",
    plan,
    region,
    linkedNib: null,
    at: new Date(when)
  })
const completedAt = (learnerId: Ids.LearnerId, region: Region.RegionCode, number: CertificateNumber.CertificateNumber, when: string) =>
  new EnrollmentEvent.EnrollmentCompleted({
    learnerId,
    courseId: kemasan,
    courseVersion: 1,
    topic: "KEMASAN",
    region,
    linkedNib: null,
    certificateNumber: number,
    at: new Date(when)
  })
const lesson = (learnerId: Ids.LearnerId, lessonId: string, when: string) =>
  new EnrollmentEvent.LessonCompleted({
    learnerId,
    courseId: kemasan,
    moduleId: Ids.ModuleId.make(lessonId.slice(0, 2)),
    lessonId: Ids.LessonId.make(lessonId),
    at: new Date(when)
  })
const passed = (learnerId: Ids.LearnerId, moduleId: string, when: string) =>
  new EnrollmentEvent.ModulePassed({ learnerId, courseId: kemasan, moduleId: Ids.ModuleId.make(moduleId), at: new Date(when) })

const appended = (learnerId: Ids.LearnerId, events: ReadonlyArray<EnrollmentEvent.EnrollmentEvent>, when: string): Timed => ({
  sent: { _tag: "events", stream: Enrollment.streamName(learnerId, kemasan), events },
  at: at(when)
})

describe("Sijawara's SQL read models on PostgreSQL, events written twice", () => {
  it("count a redelivered event once and list a number issued twice as a collision, as the pure read models do", async () => {
    const number = neverIssued
    const { states } = await Effect.runPromise(
      agree(
        [
          appended(
            siti,
            [enrolledAt(siti, "35.78", "2025-01-06T02:00:00Z"), enrolledAt(siti, "35.78", "2025-01-06T02:00:00Z")],
            "2025-01-06T02:00:00Z"
          ),
          appended(
            siti,
            [
              lesson(siti, "m1.l1", "2025-01-07T02:00:00Z"),
              lesson(siti, "m1.l1", "2025-01-07T02:00:00Z"),
              lesson(siti, "m9.l1", "2025-01-07T02:00:00Z"),
              passed(siti, "m1", "2025-01-07T03:00:00Z"),
              passed(siti, "m1", "2025-01-07T03:00:00Z"),
              passed(siti, "m9", "2025-01-07T03:00:00Z"),
              lesson(siti, "m2.l1", "2025-01-08T02:00:00Z"),
              passed(siti, "m2", "2025-01-08T03:00:00Z"),
              completedAt(siti, "35.78", number, "2025-01-08T03:00:00Z"),
              completedAt(siti, "35.78", number, "2025-01-08T03:00:00Z")
            ],
            "2025-01-08T03:00:00Z"
          ),
          appended(budi, [enrolledAt(budi, "35.73", "2025-01-09T02:00:00Z")], "2025-01-09T02:00:00Z"),
          // A module passed that no plan lists: the funnel lists it last, progress ignores it.
          appended(budi, [passed(budi, "ekstra", "2025-01-10T02:00:00Z")], "2025-01-10T02:00:00Z"),
          // Two random 60-bit codes alike: the second completion's number is a collision.
          appended(budi, [completedAt(budi, "35.73", number, "2025-01-11T02:00:00Z")], "2025-01-11T02:00:00Z"),
          appended(budi, [completedAt(budi, "35.73", number, "2025-01-11T02:00:00Z")], "2025-01-11T02:00:00Z")
        ],
        {
          before: 2,
          refusals: "fail",
          questions: (stored) => ({
            learnerIds: [siti, budi, ani],
            courseIds: [kemasan, shu],
            regions: ["35.78", "35.73", "35.01"],
            numbers: numbersOf(stored)
          })
        }
      )
    )
    expect(Array.from(states.registry.collisions).map((c) => [c.learnerId, c.number])).toEqual([
      [budi, number],
      [budi, number]
    ])
    expect(LearnerProgress.progress(states.progress, siti, kemasan)).toEqual(
      Option.some({ learnerId: siti, courseId: kemasan, courseVersion: 1, completed: true, done: 4, total: 4, percent: 100 })
    )
    expect(
      Option.map(CourseFunnel.funnel(states.funnel, kemasan), (f) => [
        f.enrolled,
        f.modules.map((m) => [m.moduleId, m.passed]),
        f.completed
      ])
    ).toEqual(
      Option.some([
        2,
        [
          ["m1", 1],
          ["m2", 1],
          ["m9", 1],
          ["ekstra", 1]
        ],
        2
      ])
    )
  }, 30_000)
})
