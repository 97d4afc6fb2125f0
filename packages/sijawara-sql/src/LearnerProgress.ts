/**
 * Learner progress as a SQL read model: the same progress as the pure `LearnerProgress`, kept
 * in one table of a PostgreSQL schema of your choice by a projection, and queried with
 * `progress`, `percent`, `ofLearner` and `learnerCourses`.
 *
 * Table (in `options.schema`): `sijawara_progress_enrollments`, one row per enrollment, keyed by
 * learner and course: the course version enrolled in, the lessons and modules of its plan and
 * its number of steps, the lessons completed and modules passed so far (each once, and only if
 * the plan has it), and whether it is completed. The key serves both a learner's one course and
 * all their courses (in course id order, ids being `COLLATE "C"`), so no query reads other
 * learners' rows. Progress in percent is computed when queried, by `Progress.make`.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema, Struct } from "effect"
import type { SqlClient, Statement } from "@effect/sql"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { CourseContent, type Ids, LearnerProgress, Progress } from "@jatim/sijawara"
import { declareTables, sqlReadModel } from "./internal/sql.js"

/** Where the progress lives: the schema of its table, and its projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** Learner progress in SQL: its projection and its queries. */
export interface SqlLearnerProgress extends SqlReadModel.Projected {
  /** The progress of a learner in a course, if enrolled (as `LearnerProgress.progress`). */
  readonly progress: (learnerId: Ids.LearnerId, courseId: Ids.CourseId) => SqlReadModel.Query<Option.Option<LearnerProgress.CourseProgress>>
  /** The progress of a learner in a course in whole percent, if enrolled (as `LearnerProgress.percent`). */
  readonly percent: (learnerId: Ids.LearnerId, courseId: Ids.CourseId) => SqlReadModel.Query<Option.Option<number>>
  /** Every course a learner is enrolled in, with progress, by course id (as `LearnerProgress.ofLearner`). */
  readonly ofLearner: (learnerId: Ids.LearnerId) => SqlReadModel.Query<ReadonlyArray<LearnerProgress.CourseProgress>>
  /** A learner's progress in every course, the view `LearnerProgress.visibleTo` judges (as `LearnerProgress.learnerCourses`). */
  readonly learnerCourses: (learnerId: Ids.LearnerId) => SqlReadModel.Query<LearnerProgress.LearnerCourses>
}

/** The default projection name. */
export const defaultName = "sijawara-sql-learner-progress"

/** An enrollment's progress as a row: `CourseProgress` with the steps `done` and in all (`steps`) in place of its progress, which `view` makes. */
const Row = Schema.Struct({
  ...Struct.omit(LearnerProgress.CourseProgress.fields, "done", "total", "percent"),
  done: Schema.Int,
  steps: Schema.Int
})

const view = ({ done, steps, ...enrollment }: typeof Row.Type): LearnerProgress.CourseProgress => ({
  ...enrollment,
  ...Progress.make(done, steps)
})

/** Learner progress kept in `options.schema`. */
export const make: (options: Options) => SqlLearnerProgress = sqlReadModel({
  defaultName,
  ...declareTables({
    enrollments: {
      name: "sijawara_progress_enrollments",
      columns: {
        learner_id: 'text COLLATE "C" NOT NULL',
        course_id: 'text COLLATE "C" NOT NULL',
        course_version: "integer NOT NULL",
        lessons: "text[] NOT NULL",
        modules: "text[] NOT NULL",
        steps: "integer NOT NULL",
        completed_lessons: "text[] NOT NULL",
        passed_modules: "text[] NOT NULL",
        completed: "boolean NOT NULL"
      },
      primaryKey: ["learner_id", "course_id"]
    }
  }),
  apply: (sql, { enrollments: t }, event) => {
    switch (event._tag) {
      case "Enrolled":
        return sql`INSERT INTO ${t}
            (learner_id, course_id, course_version, lessons, modules, steps, completed_lessons, passed_modules, completed)
            VALUES (${event.learnerId}, ${event.courseId}, ${event.courseVersion},
              ${event.plan.flatMap((m) => m.lessonIds)}::text[], ${event.plan.map((m) => m.moduleId)}::text[],
              ${CourseContent.stepsOf(event.plan)}, '{}', '{}', false)
            ON CONFLICT (learner_id, course_id) DO NOTHING`
      case "LessonCompleted":
        return sql`UPDATE ${t} SET completed_lessons = array_append(completed_lessons, ${event.lessonId}::text)
            WHERE learner_id = ${event.learnerId} AND course_id = ${event.courseId}
              AND ${event.lessonId}::text = ANY (lessons) AND NOT (${event.lessonId}::text = ANY (completed_lessons))`
      case "ModulePassed":
        return sql`UPDATE ${t} SET passed_modules = array_append(passed_modules, ${event.moduleId}::text)
            WHERE learner_id = ${event.learnerId} AND course_id = ${event.courseId}
              AND ${event.moduleId}::text = ANY (modules) AND NOT (${event.moduleId}::text = ANY (passed_modules))`
      case "EnrollmentCompleted":
        return sql`UPDATE ${t} SET completed = true WHERE learner_id = ${event.learnerId} AND course_id = ${event.courseId}`
      case "QuizAttempted":
        return Effect.void
    }
  },
  queries: (model) => {
    const select = (where: (sql: SqlClient.SqlClient) => Statement.Fragment) =>
      Effect.map(
        model.rows(
          Row,
          (sql, t) => sql`
          SELECT learner_id AS "learnerId", course_id AS "courseId", course_version AS "courseVersion",
            completed AS "completed", cardinality(completed_lessons) + cardinality(passed_modules) AS "done", steps AS "steps"
          FROM ${t.enrollments}
          WHERE ${where(sql)}
          ORDER BY course_id`
        ),
        (rows) => rows.map(view)
      )

    const progress: SqlLearnerProgress["progress"] = (learnerId, courseId) =>
      Effect.map(
        select((sql) => sql`learner_id = ${learnerId} AND course_id = ${courseId}`),
        (rows) => Option.fromNullable(rows[0])
      )
    const ofLearner: SqlLearnerProgress["ofLearner"] = (learnerId) => select((sql) => sql`learner_id = ${learnerId}`)

    return {
      progress,
      percent: (learnerId, courseId) =>
        Effect.map(
          progress(learnerId, courseId),
          Option.map((p) => p.percent)
        ),
      ofLearner,
      learnerCourses: (learnerId) => Effect.map(ofLearner(learnerId), (courses) => ({ learnerId, courses }))
    }
  }
})
