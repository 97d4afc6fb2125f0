/**
 * The pesantren directory as a SQL read model: the same entries and filters as the pure
 * `PesantrenDirectory`, kept in one table of a PostgreSQL schema of your choice by a
 * projection, and queried with `list` and `get`.
 *
 * Table (in `options.schema`): `opop_directory_pesantren`, one row per registered pesantren with
 * its Kopontren, verification, suspension (its reason) and active flagship. The status
 * (`SUSPENDED` over `VERIFIED` over `UNVERIFIED`) is computed when queried. The name is also
 * kept lower-cased as JavaScript lower-cases it (`name_lower`), so `nameContains` matches
 * exactly as the pure model's, whatever the database's locale.
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import type { SqlClient, Statement } from "@effect/sql"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { Identifier, Page, Region } from "@jatim/kernel"
import { PesantrenDirectory, ProductId } from "@jatim/opop"
import { declareTables, firstRow, inKeyOrder, keepColumn, orUndefined, type PagedQuery, sqlReadModel } from "./internal/sql.js"

/** Where the directory lives: the schema of its table, and its projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** The directory in SQL: its projection and its queries. */
export interface SqlPesantrenDirectory extends SqlReadModel.Projected {
  /** The pesantren that match `filter`, by name, then NSPP (as `PesantrenDirectory.list`). */
  readonly list: (filter?: PesantrenDirectory.DirectoryFilter) => SqlReadModel.Query<ReadonlyArray<PesantrenDirectory.DirectoryEntry>>
  /** One page of `list` (as `PesantrenDirectory.listPage`), read from the index of its order. */
  readonly listPage: PagedQuery<PesantrenDirectory.DirectoryFilter, PesantrenDirectory.DirectoryEntry, PesantrenDirectory.Key>
  /** The pesantren of `nspp`, if registered (as `PesantrenDirectory.get`). */
  readonly get: (nspp: Identifier.Nspp) => SqlReadModel.Query<PesantrenDirectory.DirectoryEntry | undefined>
}

/** The default projection name. */
export const defaultName = "opop-sql-pesantren-directory"

/** A directory entry as a row of `list`: absent values as NULL. */
const Row = Schema.Struct({
  ...PesantrenDirectory.DirectoryEntry.fields,
  kopontren: orUndefined(Identifier.NikKoperasi),
  suspension: orUndefined(Schema.String),
  flagship: orUndefined(ProductId.ProductId)
})

/** The order of `list` (`PesantrenDirectory.order`) in SQL: by name, then NSPP, in code-unit order. */
const directoryOrder = 'name COLLATE "C", nspp COLLATE "C"'

/** The directory kept in `options.schema`. */
export const make: (options: Options) => SqlPesantrenDirectory = sqlReadModel({
  defaultName,
  ...declareTables({
    pesantren: {
      name: "opop_directory_pesantren",
      columns: {
        nspp: "text PRIMARY KEY",
        name: "text NOT NULL",
        name_lower: "text NOT NULL",
        region_code: "text NOT NULL",
        region_name: "text NOT NULL",
        pengasuh: "text NOT NULL",
        santri_count: "integer NOT NULL",
        kopontren: "text",
        verified: "boolean NOT NULL",
        suspension: "text",
        flagship: "text"
      },
      indexes: { region: "region_code", order: directoryOrder }
    }
  }),
  apply: (sql, { pesantren: t }, event) => {
    switch (event._tag) {
      case "PesantrenRegistered":
        return sql`INSERT INTO ${t}
            (nspp, name, name_lower, region_code, region_name, pengasuh, santri_count, kopontren, verified, suspension, flagship)
            VALUES (${event.nspp}, ${event.name}, ${event.name.toLowerCase()}, ${event.regionCode},
              ${Region.displayName(event.regionCode)}, ${event.pengasuh}, ${event.santriCount}, NULL, false, NULL, NULL)
            ON CONFLICT (nspp) DO NOTHING`
      case "KopontrenLinked":
      case "KopontrenReplaced":
        return sql`UPDATE ${t} SET kopontren = ${event.nik} WHERE nspp = ${event.nspp}`
      case "PesantrenVerified":
        return sql`UPDATE ${t} SET verified = true WHERE nspp = ${event.nspp}`
      case "PesantrenSuspended":
        return sql`UPDATE ${t} SET suspension = ${event.reason} WHERE nspp = ${event.nspp}`
      case "PesantrenReinstated":
        return sql`UPDATE ${t} SET suspension = NULL WHERE nspp = ${event.nspp}`
      case "FlagshipDesignated":
      case "FlagshipRetired":
        return keepColumn(sql, t, event)
      default:
        return Effect.void
    }
  },
  queries: (model) => {
    const status = `CASE WHEN suspension IS NOT NULL THEN 'SUSPENDED' WHEN verified THEN 'VERIFIED' ELSE 'UNVERIFIED' END`

    /** The pesantren where every condition of `where` holds, in the directory's order, after `after`, `limit` at the most (all when absent). */
    const select = (
      where: (sql: SqlClient.SqlClient) => ReadonlyArray<Statement.Fragment>,
      after?: PesantrenDirectory.Key,
      limit?: number
    ) =>
      model.rows(
        Row,
        (sql, t) => sql`
        SELECT nspp AS "nspp", name AS "name", region_code AS "regionCode", region_name AS "regionName",
          pengasuh AS "pengasuh", santri_count AS "santriCount", kopontren AS "kopontren", verified AS "verified",
          suspension AS "suspension", ${sql.literal(status)} AS "status", flagship AS "flagship"
        FROM ${t.pesantren}
        ${inKeyOrder(sql, directoryOrder, where(sql), after, limit)}`
      )
    const filtered =
      (filter: PesantrenDirectory.DirectoryFilter) =>
      (sql: SqlClient.SqlClient): ReadonlyArray<Statement.Fragment> => [
        ...(filter.regionCode === undefined ? [] : [sql`region_code = ${filter.regionCode}`]),
        ...(filter.status === undefined ? [] : [sql`${sql.literal(status)} = ${filter.status}`]),
        ...(filter.nameContains === undefined ? [] : [sql`strpos(name_lower, ${filter.nameContains.toLowerCase()}) > 0`])
      ]

    return {
      list: (filter = {}) => select(filtered(filter)),
      listPage: (filter, request) =>
        Page.readAfter(PesantrenDirectory.order, request, (after, limit) => select(filtered(filter), after, limit)),
      get: (nspp) => firstRow(select((sql) => [sql`nspp = ${nspp}`]))
    }
  }
})
