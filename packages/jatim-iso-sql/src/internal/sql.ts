/** JATIM ISO's SQL read models on `SqlReadModel` of `@jatim/eventstore-postgres`: UMKM events, from UMKM streams. */
import type { SqlClient } from "@effect/sql"
import { SqlReadModel } from "@jatim/eventstore-postgres"
import type { Page } from "@jatim/kernel"
import { Umkm } from "@jatim/jatim-iso"

export const { decodeRows, declareTables, firstRow, IntFromText, orUndefined } = SqlReadModel

/** What a query of a SQL read model fails with: the database, or a row that does not decode. */
export type QueryError = SqlReadModel.QueryError

/** A query of one page of a list filtered by `F`, in SQL. */
export type PagedQuery<F, A, K> = Page.PagedQuery<F, A, K, QueryError, SqlClient.SqlClient>

/** A JATIM ISO read model in SQL, declared by its tables, how a UMKM event changes them, and its queries. */
export const sqlReadModel = SqlReadModel.reading({ codec: Umkm.codec, categories: [Umkm.category] })
