/**
 * The certificate registry as a SQL read model: the same certificates as the pure
 * `CertificateRegistry`, kept in two tables of a PostgreSQL schema of your choice by a
 * projection, and queried with `verify`, `ofLearner` and `collisions`.
 *
 * Tables (in `options.schema`): `sijawara_certificates`, one row per issued number (the first
 * completion that carried it: whose, which course and version, topic, kabupaten/kota, when),
 * indexed by learner and issue time for `ofLearner`; and `sijawara_certificate_collisions`, the
 * later completions that carried a number already issued to another enrollment, in the order
 * they were applied (`seq`), for an officer to resolve. A number is checked (`CertificateNumber.parse`)
 * before any lookup, so a malformed one never reaches the database.
 *
 * @since 0.1.0
 */
import { Effect, Either, Schema } from "effect"
import type { SqlClient, Statement } from "@effect/sql"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { CertificateNumber, CertificateRegistry, type Ids } from "@jatim/sijawara"
import { declareTables, sqlReadModel } from "./internal/sql.js"

/** Where the registry lives: the schema of its tables, and its projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** The certificate registry in SQL: its projection and its queries. */
export interface SqlCertificateRegistry extends SqlReadModel.Projected {
  /** Verifies a certificate number as typed by a person (as `CertificateRegistry.verify`; `CertificateRegistry.report` gives it as clients read it). */
  readonly verify: (input: string) => SqlReadModel.Query<CertificateRegistry.Verification>
  /**
   * Every certificate of a learner, oldest first (as `CertificateRegistry.ofLearner`); two issued
   * at the same instant come by number.
   */
  readonly ofLearner: (learnerId: Ids.LearnerId) => SqlReadModel.Query<ReadonlyArray<CertificateRegistry.Certificate>>
  /** The completions whose number was already issued to another enrollment, in the order applied (as the pure state's `collisions`). */
  readonly collisions: SqlReadModel.Query<ReadonlyArray<CertificateRegistry.Certificate>>
  /**
   * Every certificate issued, of one kabupaten/kota (by region code) or of all when `region` is
   * absent, by region, then oldest first, then number (the Dinas's report of certificates).
   */
  readonly all: (region?: string) => SqlReadModel.Query<ReadonlyArray<CertificateRegistry.Certificate>>
}

/** The default projection name. */
export const defaultName = "sijawara-sql-certificate-registry"

/** A certificate as a row: the certificate's own fields, `issuedAt` as PostgreSQL returns a `timestamptz`. */
const Row = Schema.Struct({ ...CertificateRegistry.Certificate.fields, issuedAt: Schema.DateFromSelf })

const columns = `number AS "number", learner_id AS "learnerId", course_id AS "courseId", course_version AS "courseVersion",
  topic AS "topic", region AS "region", issued_at AS "issuedAt"`

/** The columns of a certificate after its number, the same in both tables. */
const certificateColumns = {
  learner_id: 'text COLLATE "C" NOT NULL',
  course_id: 'text COLLATE "C" NOT NULL',
  course_version: "integer NOT NULL",
  topic: "text NOT NULL",
  region: "text NOT NULL",
  issued_at: "timestamptz NOT NULL"
}

/** The registry kept in `options.schema`. */
export const make: (options: Options) => SqlCertificateRegistry = sqlReadModel({
  defaultName,
  ...declareTables({
    certificates: {
      name: "sijawara_certificates",
      columns: { number: 'text COLLATE "C" PRIMARY KEY', ...certificateColumns },
      indexes: { learner: "learner_id, issued_at, number" }
    },
    collisions: {
      name: "sijawara_certificate_collisions",
      columns: { seq: "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY", number: 'text COLLATE "C" NOT NULL', ...certificateColumns }
    }
  }),
  apply: (sql, t, event) => {
    if (event._tag !== "EnrollmentCompleted") return Effect.void
    const values = sql`(${event.certificateNumber}::text, ${event.learnerId}::text, ${event.courseId}::text,
        ${event.courseVersion}::integer, ${event.topic}::text, ${event.region}::text, ${event.at}::timestamptz)`
    // The first completion with a number issues it; a later one of another enrollment is a collision
    // (the statement's snapshot shows the certificate already there, never the one it inserts).
    return sql`WITH issued AS (
          INSERT INTO ${t.certificates} (number, learner_id, course_id, course_version, topic, region, issued_at)
          VALUES ${values}
          ON CONFLICT (number) DO NOTHING
          RETURNING 1
        )
        INSERT INTO ${t.collisions} (number, learner_id, course_id, course_version, topic, region, issued_at)
        SELECT * FROM (VALUES ${values}) AS v
        WHERE NOT EXISTS (SELECT 1 FROM issued)
          AND NOT EXISTS (
            SELECT 1 FROM ${t.certificates} c
            WHERE c.number = ${event.certificateNumber} AND c.learner_id = ${event.learnerId} AND c.course_id = ${event.courseId}
          )`
  },
  queries: (model) => {
    const select = (table: "certificates" | "collisions", where: (sql: SqlClient.SqlClient) => Statement.Fragment, orderBy: string) =>
      model.rows(Row, (sql, t) => sql`SELECT ${sql.literal(columns)} FROM ${t[table]} WHERE ${where(sql)} ORDER BY ${sql.literal(orderBy)}`)

    return {
      verify: (input) =>
        Either.match(CertificateNumber.parse(input), {
          onLeft: (error) => Effect.succeed<CertificateRegistry.Verification>({ _tag: "Malformed", error }),
          onRight: (number) =>
            Effect.map(
              select("certificates", (sql) => sql`number = ${number}`, "number"),
              ([certificate]): CertificateRegistry.Verification =>
                certificate === undefined ? { _tag: "NotIssued", number } : { _tag: "Valid", certificate }
            )
        }),
      ofLearner: (learnerId) => select("certificates", (sql) => sql`learner_id = ${learnerId}`, "issued_at, number"),
      collisions: select("collisions", (sql) => sql`TRUE`, "seq"),
      all: (region) =>
        select("certificates", (sql) => (region === undefined ? sql`TRUE` : sql`region = ${region}`), "region, issued_at, number")
    }
  }
})
