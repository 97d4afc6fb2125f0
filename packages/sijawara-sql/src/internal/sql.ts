/** Sijawara's SQL read models on `SqlReadModel` of `@jatim/eventstore-postgres`: enrollment events, from enrollment streams. */
import { SqlReadModel } from "@jatim/eventstore-postgres"
import { Enrollment } from "@jatim/sijawara"

export const { decodeRows, declareTables, firstRow, IntFromText, orUndefined } = SqlReadModel

/** What a query of a SQL read model fails with: the database, or a row that does not decode. */
export type QueryError = SqlReadModel.QueryError

/** A Sijawara read model in SQL, declared by its tables, how an enrollment event changes them, and its queries. */
export const sqlReadModel = SqlReadModel.reading({ codec: Enrollment.codec, categories: [Enrollment.category] })
