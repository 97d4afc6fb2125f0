/** OPOP's SQL read models on `SqlReadModel` of `@jatim/eventstore-postgres`: OPOP's events and categories. */
import { SqlReadModel } from "@jatim/eventstore-postgres"
import { OpopEvent } from "@jatim/opop"

export const { decodeRows, firstRow, IntFromText, orUndefined } = SqlReadModel

/** What a query of a SQL read model fails with: the database, or a row that does not decode. */
export type QueryError = SqlReadModel.QueryError

/** Where a SQL read model lives (the options of each one's `make`). */
export type SqlReadModelOptions = SqlReadModel.Options

/** An OPOP read model in SQL, declared by its tables and how an OPOP event changes them. */
export const sqlReadModel = SqlReadModel.reading({ codec: OpopEvent.codec, categories: OpopEvent.categories })
