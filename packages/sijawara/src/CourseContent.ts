/**
 * What a course teaches: modules, each with its lessons and exactly one quiz with a pass mark.
 *
 * The Schema fixes the shape (every module has at least one lesson and one quiz, every quiz at
 * least one question, every question two to six choices). The rules that span several parts —
 * unique ids, answers that point at a choice — are `problems`, checked when a course is drafted
 * or revised, so a Dinas officer gets every problem of a draft at once.
 *
 * An enrollment does not need the texts, only the `Plan`: the module ids, their lesson ids, and
 * each quiz's pass mark and number of questions. The answers never leave the course: a plan
 * carries no answer key, learners read a content `withoutAnswers`, and grading reads the
 * module's `AnswerKey` from the course's stream (`answerKeyOf`) inside Sijawara.
 *
 * @since 0.1.0
 */
import { Option, Schema } from "effect"
import { Text } from "@jatim/kernel"
import { LessonId, ModuleId } from "./Ids.js"

/** The most modules a course may have. */
export const maxModules = 20
/** The most lessons a module may have. */
export const maxLessonsPerModule = 30
/** The most questions a quiz may have. */
export const maxQuestions = 50

/** Schema of a lesson: an id unique within the course, and a title. */
export const Lesson = Schema.Struct({
  lessonId: LessonId,
  title: Text.bounded(200, "a lesson title")
}).annotations({ identifier: "Lesson" })
/** A lesson. */
export type Lesson = typeof Lesson.Type

/** Schema of a multiple-choice question; `answer` is the index of the correct choice, from 0. */
export const Question = Schema.Struct({
  prompt: Text.bounded(1000, "a question"),
  choices: Schema.Array(Text.bounded(300, "a choice")).pipe(Schema.minItems(2), Schema.maxItems(6)),
  answer: Schema.NonNegativeInt
}).annotations({ identifier: "Question" })
/** A question of a quiz. */
export type Question = typeof Question.Type

/** Schema of a pass mark: the share of correct answers needed to pass, in whole percent (1–100). */
export const PassMark = Schema.Int.pipe(
  Schema.between(1, 100, {
    message: (issue) => `a pass mark is a whole percentage from 1 to 100, got ${JSON.stringify(issue.actual)}`
  }),
  Schema.annotations({ identifier: "PassMark" })
)
/** A pass mark in whole percent. */
export type PassMark = typeof PassMark.Type

/** Schema of a module's quiz. */
export const Quiz = Schema.Struct({
  passMark: PassMark,
  questions: Schema.NonEmptyArray(Question).pipe(Schema.maxItems(maxQuestions))
}).annotations({ identifier: "Quiz" })
/** The quiz that closes a module. */
export type Quiz = typeof Quiz.Type

/** Schema of a module: lessons, then one quiz. */
export const Module = Schema.Struct({
  moduleId: ModuleId,
  title: Text.bounded(200, "a module title"),
  lessons: Schema.NonEmptyArray(Lesson).pipe(Schema.maxItems(maxLessonsPerModule)),
  quiz: Quiz
}).annotations({ identifier: "Module" })
/** A module of a course. */
export type Module = typeof Module.Type

/** Schema of a course's content: its title and modules, in teaching order. */
export const CourseContent = Schema.Struct({
  title: Text.bounded(200, "a course title"),
  modules: Schema.NonEmptyArray(Module).pipe(Schema.maxItems(maxModules))
}).annotations({ identifier: "CourseContent" })
/** A course's content. */
export type CourseContent = typeof CourseContent.Type

/** Whether two contents are the same (a revision that changes nothing is not a change). */
export const equivalent = Schema.equivalence(CourseContent)

const duplicates = <A>(values: ReadonlyArray<A>): ReadonlyArray<A> => {
  const seen = new Set<A>()
  const repeated = new Set<A>()
  for (const value of values) (seen.has(value) ? repeated : seen).add(value)
  return [...repeated]
}

/** The rules a content breaks that its Schema cannot see; empty when it may be drafted or revised. */
export const problems = (content: CourseContent): ReadonlyArray<string> => {
  const found: Array<string> = []
  for (const id of duplicates(content.modules.map((m) => m.moduleId))) {
    found.push(`module ids must be unique within a course, but "${id}" is used more than once`)
  }
  for (const id of duplicates(content.modules.flatMap((m) => m.lessons.map((l) => l.lessonId)))) {
    found.push(`lesson ids must be unique within a course (across modules), but "${id}" is used more than once`)
  }
  for (const module of content.modules) {
    module.quiz.questions.forEach((question, index) => {
      if (question.answer >= question.choices.length) {
        found.push(
          `question ${index + 1} of the quiz of module "${module.moduleId}" gives answer ${question.answer}, ` +
            `but its choices are numbered 0 to ${question.choices.length - 1}`
        )
      }
      if (duplicates(question.choices).length > 0) {
        found.push(`question ${index + 1} of the quiz of module "${module.moduleId}" repeats a choice`)
      }
    })
  }
  return found
}

/**
 * Schema of what an enrollment follows of one module: lesson ids, pass mark and how many
 * questions its quiz has. Never the answers: those stay in the course (`answerKeyOf`).
 */
export const ModulePlan = Schema.Struct({
  moduleId: ModuleId,
  lessonIds: Schema.NonEmptyArray(LessonId).pipe(Schema.maxItems(maxLessonsPerModule)),
  passMark: PassMark,
  /** How many questions the module's quiz has: an attempt answers each once. */
  questions: Schema.Int.pipe(Schema.between(1, maxQuestions)).annotations({
    description: "how many questions the module's quiz has: an attempt answers each once"
  })
}).annotations({ identifier: "ModulePlan" })
/** What an enrollment follows of one module. */
export type ModulePlan = typeof ModulePlan.Type

/** Schema of what an enrollment follows of a course version: its modules' plans, in order. */
export const Plan = Schema.NonEmptyArray(ModulePlan).pipe(Schema.maxItems(maxModules))
/** What an enrollment follows of a course version. */
export type Plan = typeof Plan.Type

/**
 * Schema of a module plan as `Enrolled` events carried it before answer keys were taken out of
 * them (schema version 1): with the module's `answerKey`, without `questions`. Only decoded, to
 * read old events; the key is dropped on the way (`Enrollment.codec` upcasts).
 */
export const LegacyModulePlan = Schema.Struct({
  moduleId: Schema.String,
  lessonIds: Schema.Array(Schema.String),
  passMark: Schema.Number,
  answerKey: Schema.Array(Schema.Number)
})

/** Schema of a module's answer key: the index of each question's correct choice, in order. Secret. */
export const AnswerKey = Schema.NonEmptyArray(Schema.NonNegativeInt).pipe(Schema.maxItems(maxQuestions))
/** A module's answer key. */
export type AnswerKey = typeof AnswerKey.Type

/** The plan of a content: ids, pass marks and question counts, without texts and without answers. */
export const planOf = (content: CourseContent): Plan => {
  const [first, ...rest] = content.modules
  return [modulePlanOf(first), ...rest.map(modulePlanOf)]
}

const modulePlanOf = (module: Module): ModulePlan => {
  const [firstLesson, ...otherLessons] = module.lessons
  return {
    moduleId: module.moduleId,
    lessonIds: [firstLesson.lessonId, ...otherLessons.map((l) => l.lessonId)],
    passMark: module.quiz.passMark,
    questions: module.quiz.questions.length
  }
}

/** The answer key of a module of `content`, if it has that module. Read only to grade, inside Sijawara. */
export const answerKeyOf = (content: CourseContent, moduleId: ModuleId): Option.Option<AnswerKey> =>
  Option.map(Option.fromNullable(content.modules.find((m) => m.moduleId === moduleId)), (module) => {
    const [first, ...rest] = module.quiz.questions
    return [first.answer, ...rest.map((q) => q.answer)]
  })

/** Schema of a question as learners read it: its prompt and choices, without the answer. */
export const PublicQuestion = Question.pipe(Schema.omit("answer")).annotations({ identifier: "PublicQuestion" })
/** A question without its answer. */
export type PublicQuestion = typeof PublicQuestion.Type

/** Schema of a module as learners read it: its lessons and its quiz without answers. */
export const PublicModule = Schema.Struct({
  moduleId: ModuleId,
  title: Module.fields.title,
  lessons: Module.fields.lessons,
  quiz: Schema.Struct({
    passMark: PassMark,
    questions: Schema.NonEmptyArray(PublicQuestion).pipe(Schema.maxItems(maxQuestions))
  })
}).annotations({ identifier: "PublicModule" })
/** A module without its answers. */
export type PublicModule = typeof PublicModule.Type

/** Schema of a course's content as learners (and everyone but its authors and the Dinas) read it: no answers. */
export const PublicCourseContent = Schema.Struct({
  title: CourseContent.fields.title,
  modules: Schema.NonEmptyArray(PublicModule).pipe(Schema.maxItems(maxModules))
}).annotations({ identifier: "PublicCourseContent" })
/** A course's content without its answers. */
export type PublicCourseContent = typeof PublicCourseContent.Type

const publicModule = (module: Module): PublicModule => {
  const [first, ...rest] = module.quiz.questions
  const ask = (q: Question): PublicQuestion => ({ prompt: q.prompt, choices: q.choices })
  return {
    moduleId: module.moduleId,
    title: module.title,
    lessons: module.lessons,
    quiz: { passMark: module.quiz.passMark, questions: [ask(first), ...rest.map(ask)] }
  }
}

/** A content as learners read it: every text, no answer. */
export const withoutAnswers = (content: CourseContent): PublicCourseContent => {
  const [first, ...rest] = content.modules
  return { title: content.title, modules: [publicModule(first), ...rest.map(publicModule)] }
}

/** The rules a plan breaks (unique module and lesson ids); empty when an enrollment may follow it. */
export const planProblems = (plan: Plan): ReadonlyArray<string> => [
  ...duplicates(plan.map((m) => m.moduleId)).map((id) => `module "${id}" appears more than once`),
  ...duplicates(plan.flatMap((m) => m.lessonIds)).map((id) => `lesson "${id}" appears more than once`)
]

/** A graded quiz attempt. */
export interface Grade {
  readonly correct: number
  readonly questions: number
  readonly passed: boolean
}

/**
 * Grades answers (one choice index per question, in order) against a module's answer key: the
 * attempt passes when `correct / questions >= passMark %`, computed in whole numbers.
 */
export const grade = (module: ModulePlan, answerKey: AnswerKey, answers: ReadonlyArray<number>): Grade => {
  const questions = answerKey.length
  const correct = answerKey.filter((answer, i) => answers[i] === answer).length
  return { correct, questions, passed: correct * 100 >= module.passMark * questions }
}

/** The number of steps of a plan towards completion: every lesson, and every module's quiz. */
export const stepsOf = (plan: Plan): number => plan.reduce((total, m) => total + m.lessonIds.length + 1, 0)
