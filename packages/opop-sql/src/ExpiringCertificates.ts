/**
 * Certificates expiring soon as a SQL read model: the same certificates in force as the pure
 * `ExpiringCertificates`, kept in two tables of a PostgreSQL schema of your choice by a
 * projection, and queried with `expiringWithin` and `lapsed`, relative to a `now` argument.
 *
 * Tables (in `options.schema`): `opop_expiring_certificates` (one row per certificate in force:
 * product, kind, number, `issued_on` and `valid_until` as `date`s, keyed by product, kind and
 * number; a renewal replaces the row, a revocation or recorded expiry deletes it, a halal
 * certificate without a term has none) and
 * `opop_expiring_products` (name and pesantren of each proposed product, joined when queried).
 *
 * @since 0.1.0
 */
import { Effect, Schema } from "effect"
import type { SqlClient, Statement } from "@effect/sql"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import { CalendarDate, Identifier } from "@jatim/kernel"
import { ExpiringCertificates } from "@jatim/opop"
import { declareTables, orUndefined, sqlReadModel } from "./internal/sql.js"

/** Where the certificates live: the schema of their tables, and their projection's name (`defaultName` when absent). */
export type Options = SqlReadModel.Options

/** The certificates in SQL: their projection and their queries. */
export interface SqlExpiringCertificates extends SqlReadModel.Projected {
  /**
   * The certificates whose last valid day falls within the next `days` days of `now` (in WIB),
   * soonest first (as `ExpiringCertificates.expiringWithin`): `days` below 0 selects nothing,
   * `Infinity` every certificate still valid today.
   */
  readonly expiringWithin: (now: Date | number, days: number) => SqlReadModel.Query<ReadonlyArray<ExpiringCertificates.ExpiringCertificate>>
  /** The certificates past their last valid day on `now` (in WIB) whose expiry is not recorded yet (as `ExpiringCertificates.lapsed`). */
  readonly lapsed: (now: Date | number) => SqlReadModel.Query<ReadonlyArray<ExpiringCertificates.ExpiringCertificate>>
}

/** The default projection name. */
export const defaultName = "opop-sql-expiring-certificates"

/** A certificate as a row of the queries: the product's name and pesantren NULL until its proposal is seen. */
const Row = Schema.Struct({
  ...ExpiringCertificates.ExpiringCertificate.fields,
  productName: orUndefined(Schema.String),
  nspp: orUndefined(Identifier.Nspp)
})

/** The certificates kept in `options.schema`. */
export const make: (options: Options) => SqlExpiringCertificates = sqlReadModel({
  defaultName,
  ...declareTables({
    certificates: {
      name: "opop_expiring_certificates",
      columns: {
        product_id: "text NOT NULL",
        kind: "text NOT NULL",
        number: "text NOT NULL",
        issued_on: "date NOT NULL",
        valid_until: "date NOT NULL"
      },
      primaryKey: ["product_id", "kind", "number"],
      indexes: { valid_until: "valid_until" }
    },
    products: {
      name: "opop_expiring_products",
      columns: { product_id: "text PRIMARY KEY", name: "text NOT NULL", nspp: "text NOT NULL" }
    }
  }),
  apply: (sql, t, event) => {
    switch (event._tag) {
      case "ProductProposed":
        return sql`INSERT INTO ${t.products} (product_id, name, nspp) VALUES (${event.productId}, ${event.name}, ${event.nspp})
          ON CONFLICT (product_id) DO NOTHING`
      case "CertificateAdded": {
        const { certificate, productId } = event
        // A halal certificate without a term never expires: not on the list (a renewal without one takes the dated one off).
        if (certificate.validUntil === undefined) {
          return sql`DELETE FROM ${t.certificates}
            WHERE product_id = ${productId} AND kind = ${certificate._tag} AND number = ${certificate.number}`
        }
        return sql`INSERT INTO ${t.certificates} (product_id, kind, number, issued_on, valid_until)
          VALUES (${productId}, ${certificate._tag}, ${certificate.number}, ${certificate.issuedOn}::date, ${certificate.validUntil}::date)
          ON CONFLICT (product_id, kind, number)
          DO UPDATE SET issued_on = EXCLUDED.issued_on, valid_until = EXCLUDED.valid_until`
      }
      case "CertificateRevoked":
      case "CertificateExpired":
        return sql`DELETE FROM ${t.certificates}
          WHERE product_id = ${event.productId} AND kind = ${event.kind} AND number = ${event.number}`
      default:
        return Effect.void
    }
  },
  queries: (model) => {
    const todayOf = (now: Date | number) => CalendarDate.fromEpochMillis(typeof now === "number" ? now : now.getTime())

    const select = (today: CalendarDate.CalendarDate, where: (sql: SqlClient.SqlClient) => Statement.Fragment) =>
      model.rows(
        Row,
        (sql, t) => sql`
        SELECT c.product_id AS "productId", c.kind AS "kind", c.number AS "number",
          to_char(c.issued_on, 'YYYY-MM-DD') AS "issuedOn", to_char(c.valid_until, 'YYYY-MM-DD') AS "validUntil",
          p.name AS "productName", p.nspp AS "nspp", (c.valid_until - ${today}::date) AS "daysLeft"
        FROM ${t.certificates} c
        LEFT JOIN ${t.products} p ON p.product_id = c.product_id
        WHERE ${where(sql)}
        ORDER BY c.valid_until, c.product_id COLLATE "C", c.kind COLLATE "C", c.number COLLATE "C"`
      )

    return {
      expiringWithin: (now, days) => {
        const today = todayOf(now)
        if (!(days >= 0)) return Effect.succeed([])
        const last = Number.isFinite(days) ? CalendarDate.addDays(today, Math.floor(days)) : undefined
        return select(today, (sql) =>
          last === undefined ? sql`c.valid_until >= ${today}::date` : sql`c.valid_until BETWEEN ${today}::date AND ${last}::date`
        )
      },
      lapsed: (now) => {
        const today = todayOf(now)
        return select(today, (sql) => sql`c.valid_until < ${today}::date`)
      }
    }
  }
})
