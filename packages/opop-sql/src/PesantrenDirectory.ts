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
import type { Projection } from "@jatim/eventstore"
import { Identifier, Region } from "@jatim/kernel"
import { type OpopEvent, PesantrenDirectory, ProductId } from "@jatim/opop"
import { decodeRows, firstRow, orUndefined, type QueryError, type SqlReadModelOptions, sqlReadModel } from "./internal/sql.js"

/** Where the directory lives: the schema of its table, and its projection's name (`defaultName` when absent). */
export type Options = SqlReadModelOptions

/** The directory in SQL: its projection and its queries. */
export interface SqlPesantrenDirectory {
  /** Keeps the table; give it to a `ProjectionRunner` (or run it inline). */
  readonly projection: Projection.Projection<SqlClient.SqlClient>
  /** The pesantren that match `filter`, by name, then NSPP (as `PesantrenDirectory.list`). */
  readonly list: (
    filter?: PesantrenDirectory.DirectoryFilter
  ) => Effect.Effect<ReadonlyArray<PesantrenDirectory.DirectoryEntry>, QueryError, SqlClient.SqlClient>
  /** The pesantren of `nspp`, if registered (as `PesantrenDirectory.get`). */
  readonly get: (nspp: Identifier.Nspp) => Effect.Effect<PesantrenDirectory.DirectoryEntry | undefined, QueryError, SqlClient.SqlClient>
}

/** The default projection name. */
export const defaultName = "opop-sql-pesantren-directory"

/** A directory entry as a row of `list`. */
const Row = Schema.Struct({
  nspp: Identifier.Nspp,
  name: Schema.String,
  regionCode: Region.RegionCode,
  regionName: Schema.String,
  pengasuh: Schema.String,
  santriCount: Schema.Int,
  kopontren: orUndefined(Identifier.NikKoperasi),
  verified: Schema.Boolean,
  suspension: orUndefined(Schema.String),
  status: PesantrenDirectory.DirectoryStatus,
  flagship: orUndefined(ProductId.ProductId)
})

/** The directory kept in `options.schema`. */
export const make = (options: Options): SqlPesantrenDirectory => {
  const model = sqlReadModel(options, {
    defaultName,
    tables: { pesantren: "opop_directory_pesantren" },
    createTables: (sql, t) =>
      Effect.gen(function* () {
        yield* sql`CREATE TABLE IF NOT EXISTS ${t.pesantren} (
        nspp text PRIMARY KEY,
        name text NOT NULL,
        name_lower text NOT NULL,
        region_code text NOT NULL,
        region_name text NOT NULL,
        pengasuh text NOT NULL,
        santri_count integer NOT NULL,
        kopontren text,
        verified boolean NOT NULL,
        suspension text,
        flagship text
      )`
        yield* sql`CREATE INDEX IF NOT EXISTS opop_directory_pesantren_region ON ${t.pesantren} (region_code)`
      }),
    apply: (sql, { pesantren: t }, event: OpopEvent.OpopEvent): Effect.Effect<unknown, unknown> => {
      switch (event._tag) {
        case "PesantrenRegistered":
          return sql`INSERT INTO ${t}
            (nspp, name, name_lower, region_code, region_name, pengasuh, santri_count, kopontren, verified, suspension, flagship)
            VALUES (${event.nspp}, ${event.name}, ${event.name.toLowerCase()}, ${event.regionCode},
              ${Region.displayName(event.regionCode)}, ${event.pengasuh}, ${event.santriCount}, NULL, false, NULL, NULL)
            ON CONFLICT (nspp) DO NOTHING`
        case "KopontrenLinked":
          return sql`UPDATE ${t} SET kopontren = ${event.nik} WHERE nspp = ${event.nspp}`
        case "PesantrenVerified":
          return sql`UPDATE ${t} SET verified = true WHERE nspp = ${event.nspp}`
        case "PesantrenSuspended":
          return sql`UPDATE ${t} SET suspension = ${event.reason} WHERE nspp = ${event.nspp}`
        case "PesantrenReinstated":
          return sql`UPDATE ${t} SET suspension = NULL WHERE nspp = ${event.nspp}`
        case "FlagshipDesignated":
          return sql`UPDATE ${t} SET flagship = ${event.productId} WHERE nspp = ${event.nspp}`
        case "FlagshipRetired":
          return sql`UPDATE ${t} SET flagship = NULL WHERE nspp = ${event.nspp} AND flagship = ${event.productId}`
        default:
          return Effect.void
      }
    }
  })

  const status = `CASE WHEN suspension IS NOT NULL THEN 'SUSPENDED' WHEN verified THEN 'VERIFIED' ELSE 'UNVERIFIED' END`

  const select = (where: (sql: SqlClient.SqlClient) => ReadonlyArray<Statement.Fragment>) =>
    model.query((sql, t) =>
      decodeRows(
        Row,
        sql`
        SELECT nspp AS "nspp", name AS "name", region_code AS "regionCode", region_name AS "regionName",
          pengasuh AS "pengasuh", santri_count AS "santriCount", kopontren AS "kopontren", verified AS "verified",
          suspension AS "suspension", ${sql.literal(status)} AS "status", flagship AS "flagship"
        FROM ${t.pesantren}
        WHERE ${sql.and(where(sql))}
        ORDER BY name COLLATE "C", nspp COLLATE "C"`
      )
    )

  return {
    projection: model.projection,
    list: (filter = {}) =>
      select((sql) => [
        ...(filter.regionCode === undefined ? [] : [sql`region_code = ${filter.regionCode}`]),
        ...(filter.status === undefined ? [] : [sql`${sql.literal(status)} = ${filter.status}`]),
        ...(filter.nameContains === undefined ? [] : [sql`strpos(name_lower, ${filter.nameContains.toLowerCase()}) > 0`])
      ]),
    get: (nspp) => firstRow(select((sql) => [sql`nspp = ${nspp}`]))
  }
}
