/**
 * The course funnel as a SQL read model: the same funnels as the pure `CourseFunnel`, kept in
 * four tables of a PostgreSQL schema of your choice by a projection, and queried with `funnel`.
 *
 * Tables (in `options.schema`): `sijawara_funnel_courses` (one row per course seen, with its
 * counts of learners enrolled and completed), `sijawara_funnel_modules` (each course's modules in
 * teaching order, by `position`, with the count of learners who passed each),
 * `sijawara_funnel_learners` (who enrolled in and who completed each course) and
 * `sijawara_funnel_passes` (who passed each module). The last two make an event applied twice
 * count once; the counts are kept as events arrive, so a funnel is read from one course's rows,
 * however many learners it has.
 *
 * @since 0.1.0
 */
import { Effect, Option, Schema } from "effect"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { type CourseFunnel, Ids } from "@jatim/sijawara"
import { decodeRows, declareTables, sqlReadModel } from "./internal/sql.js"

/** Where the funnel lives: the schema of its tables, and its projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** The course funnel in SQL: its projection and its query. */
export interface SqlCourseFunnel extends SqlReadModel.Projected {
  /** The funnel of a course, if anyone enrolled (as `CourseFunnel.funnel`). */
  readonly funnel: (courseId: Ids.CourseId) => SqlReadModel.Query<Option.Option<CourseFunnel.Funnel>>
}

/** The default projection name. */
export const defaultName = "sijawara-sql-course-funnel"

const CourseRow = Schema.Struct({ enrolled: Schema.Int, completed: Schema.Int })

const ModuleRow = Schema.Struct({ moduleId: Ids.ModuleId, passed: Schema.Int })

/** The funnel kept in `options.schema`. */
export const make: (options: Options) => SqlCourseFunnel = sqlReadModel({
  defaultName,
  ...declareTables({
    courses: {
      name: "sijawara_funnel_courses",
      columns: { course_id: 'text COLLATE "C" PRIMARY KEY', enrolled: "integer NOT NULL", completed: "integer NOT NULL" }
    },
    modules: {
      name: "sijawara_funnel_modules",
      columns: {
        course_id: 'text COLLATE "C" NOT NULL',
        module_id: 'text COLLATE "C" NOT NULL',
        position: "integer NOT NULL",
        passed: "integer NOT NULL"
      },
      primaryKey: ["course_id", "module_id"],
      indexes: { position: "course_id, position" }
    },
    learners: {
      name: "sijawara_funnel_learners",
      columns: {
        course_id: 'text COLLATE "C" NOT NULL',
        learner_id: 'text COLLATE "C" NOT NULL',
        enrolled: "boolean NOT NULL",
        completed: "boolean NOT NULL"
      },
      primaryKey: ["course_id", "learner_id"]
    },
    passes: {
      name: "sijawara_funnel_passes",
      columns: { course_id: 'text COLLATE "C" NOT NULL', module_id: 'text COLLATE "C" NOT NULL', learner_id: 'text COLLATE "C" NOT NULL' },
      primaryKey: ["course_id", "module_id", "learner_id"]
    }
  }),
  apply: (sql, t, event) => {
    switch (event._tag) {
      case "Enrolled":
        return Effect.zipRight(
          // The learner counts once among the enrolled; the course is seen.
          sql`WITH fresh AS (
              INSERT INTO ${t.learners} AS l (course_id, learner_id, enrolled, completed)
              VALUES (${event.courseId}, ${event.learnerId}, true, false)
              ON CONFLICT (course_id, learner_id) DO UPDATE SET enrolled = true WHERE NOT l.enrolled
              RETURNING 1
            )
            INSERT INTO ${t.courses} AS c (course_id, enrolled, completed)
            VALUES (${event.courseId}, (SELECT count(*) FROM fresh)::int, 0)
            ON CONFLICT (course_id) DO UPDATE SET enrolled = c.enrolled + EXCLUDED.enrolled`,
          // The plan's modules not listed yet come after those listed, in the plan's order.
          sql`INSERT INTO ${t.modules} (course_id, module_id, position, passed)
            SELECT ${event.courseId}, m.module_id,
              coalesce((SELECT max(position) FROM ${t.modules} WHERE course_id = ${event.courseId}), 0) + m.ordinal, 0
            FROM unnest(${event.plan.map((m) => m.moduleId)}::text[]) WITH ORDINALITY AS m(module_id, ordinal)
            ON CONFLICT (course_id, module_id) DO NOTHING`
        )
      case "ModulePassed":
        // The course is seen, the module listed (last, if new), and the learner counts once among those who passed it.
        return sql`WITH course AS (
              INSERT INTO ${t.courses} (course_id, enrolled, completed) VALUES (${event.courseId}, 0, 0)
              ON CONFLICT (course_id) DO NOTHING
            ), fresh AS (
              INSERT INTO ${t.passes} (course_id, module_id, learner_id) VALUES (${event.courseId}, ${event.moduleId}, ${event.learnerId})
              ON CONFLICT DO NOTHING
              RETURNING 1
            )
            INSERT INTO ${t.modules} AS m (course_id, module_id, position, passed)
            VALUES (${event.courseId}, ${event.moduleId},
              coalesce((SELECT max(position) FROM ${t.modules} WHERE course_id = ${event.courseId}), 0) + 1,
              (SELECT count(*) FROM fresh)::int)
            ON CONFLICT (course_id, module_id) DO UPDATE SET passed = m.passed + EXCLUDED.passed`
      case "EnrollmentCompleted":
        return sql`WITH fresh AS (
              INSERT INTO ${t.learners} AS l (course_id, learner_id, enrolled, completed)
              VALUES (${event.courseId}, ${event.learnerId}, false, true)
              ON CONFLICT (course_id, learner_id) DO UPDATE SET completed = true WHERE NOT l.completed
              RETURNING 1
            )
            INSERT INTO ${t.courses} AS c (course_id, enrolled, completed)
            VALUES (${event.courseId}, 0, (SELECT count(*) FROM fresh)::int)
            ON CONFLICT (course_id) DO UPDATE SET completed = c.completed + EXCLUDED.completed`
      case "LessonCompleted":
      case "QuizAttempted":
        return Effect.void
    }
  },
  queries: (model) => ({
    funnel: (courseId) =>
      model.query((sql, t) =>
        Effect.gen(function* () {
          const [course] = yield* decodeRows(
            CourseRow,
            sql`SELECT enrolled AS "enrolled", completed AS "completed" FROM ${t.courses} WHERE course_id = ${courseId}`
          )
          if (course === undefined) return Option.none()
          const modules = yield* decodeRows(
            ModuleRow,
            sql`SELECT module_id AS "moduleId", passed AS "passed" FROM ${t.modules} WHERE course_id = ${courseId} ORDER BY position`
          )
          return Option.some({ courseId, enrolled: course.enrolled, modules, completed: course.completed })
        })
      )
  })
})
