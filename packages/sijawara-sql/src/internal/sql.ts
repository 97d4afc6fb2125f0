/** Sijawara's SQL read models on `SqlReadModel` of `@jatim/eventstore-postgres`: enrollment events, from enrollment streams. */
import { SqlReadModel } from "@jatim/eventstore-postgres"
import { Enrollment, type EnrollmentEvent } from "@jatim/sijawara"

export const { decodeRows, IntFromText, orUndefined } = SqlReadModel

/** What a query of a SQL read model fails with: the database, or a row that does not decode. */
export type QueryError = SqlReadModel.QueryError

/** Where a SQL read model lives (the options of each one's `make`). */
export type SqlReadModelOptions = SqlReadModel.Options

/** A Sijawara read model in SQL, declared by its tables and how an enrollment event changes them. */
export const sqlReadModel = <Key extends string>(
  options: SqlReadModel.Options,
  definition: Omit<SqlReadModel.Definition<Key, EnrollmentEvent.EnrollmentEvent>, "codec" | "categories">
): SqlReadModel.SqlReadModel<Key> =>
  SqlReadModel.make(options, { ...definition, codec: Enrollment.codec, categories: [Enrollment.category] })
