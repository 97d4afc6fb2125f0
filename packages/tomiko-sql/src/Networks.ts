/**
 * The secondary networks as a SQL read model: the same networks as the pure `Networks` (each
 * secondary cooperative with its name, kabupaten/kota and fee, and the primaries in it now), kept
 * in two tables of a PostgreSQL schema of your choice by a projection of the cooperatives'
 * events, and queried with `all`.
 *
 * Tables (in `options.schema`): `tomiko_networks` (one row per secondary cooperative) and
 * `tomiko_network_members` (one row per primary in a network now, keyed by the primary).
 *
 * @since 0.2.0
 */
import { Effect, Schema } from "effect"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { Identifier } from "@jatim/kernel"
import { Networks } from "@jatim/tomiko"
import { declareTables, koperasiEvents, sqlReadModel } from "./internal/sql.js"

/** Where the networks live: the schema of their tables, and their projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** The networks in SQL: their projection and their query. */
export interface SqlNetworks extends SqlReadModel.Projected {
  /** Every network with its members (by NIK, code-unit order), by its secondary's NIK (as `Networks.all`). */
  readonly all: SqlReadModel.Query<ReadonlyArray<Networks.NetworkView>>
}

/** The default projection name. */
export const defaultName = "tomiko-sql-networks"

/** A network as a row, its members as an array. */
const Row = Schema.Struct({ ...Networks.Network.fields, memberNiks: Schema.Array(Identifier.NikKoperasi) })

/** The networks kept in `options.schema`. */
export const make: (options: Options) => SqlNetworks = sqlReadModel(koperasiEvents, {
  defaultName,
  ...declareTables({
    networks: {
      name: "tomiko_networks",
      columns: { secondary: "text PRIMARY KEY", name: "text NOT NULL", region_code: "text NOT NULL", fee_basis_points: "integer NOT NULL" }
    },
    members: {
      name: "tomiko_network_members",
      columns: { nik: "text PRIMARY KEY", secondary: "text NOT NULL" },
      indexes: { secondary: "secondary" }
    }
  }),
  apply: (sql, t, event) => {
    switch (event._tag) {
      case "SecondaryKoperasiRegistered":
        return sql`INSERT INTO ${t.networks} (secondary, name, region_code, fee_basis_points)
          VALUES (${event.nik}, ${event.name}, ${event.regionCode}, ${event.feeBasisPoints})
          ON CONFLICT (secondary) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code,
            fee_basis_points = EXCLUDED.fee_basis_points`
      case "NetworkJoined":
        return sql`INSERT INTO ${t.members} (nik, secondary) VALUES (${event.nik}, ${event.secondary})
          ON CONFLICT (nik) DO UPDATE SET secondary = EXCLUDED.secondary`
      case "NetworkLeft":
        return sql`DELETE FROM ${t.members} WHERE nik = ${event.nik} AND secondary = ${event.secondary}`
      default:
        return Effect.void
    }
  },
  queries: (model) => ({
    all: model.rows(
      Row,
      (sql, t) => sql`
        SELECT n.secondary AS "secondary", n.name AS "name", n.region_code AS "regionCode", n.fee_basis_points AS "feeBasisPoints",
          count(m.nik)::int AS "members",
          COALESCE(array_agg(m.nik ORDER BY m.nik COLLATE "C") FILTER (WHERE m.nik IS NOT NULL), '{}') AS "memberNiks"
        FROM ${t.networks} n LEFT JOIN ${t.members} m ON m.secondary = n.secondary
        GROUP BY n.secondary, n.name, n.region_code, n.fee_basis_points
        ORDER BY n.secondary COLLATE "C"`
    )
  })
})
