/**
 * Orders as each of their two cooperatives sees them (as `OrderBook` and `CooperativeStatement`
 * do): a table of orders keyed by `order_id` with their `buyer` and `seller`, indexed by both, and
 * one cooperative's orders read from it, as buyer (the seller its counterparty) and as seller (the
 * buyer its counterparty).
 */
import type { SqlClient, Statement } from "@effect/sql"
import type { SqlReadModel } from "@jatim/eventstore-postgres"
import type { Identifier } from "@jatim/kernel"

/**
 * The table of orders named `name`: `order_id` (its key), `buyer` and `seller`, then `columns` of
 * its own, indexed by buyer and by seller (`<name>_buyer`, `<name>_seller`) for `ofCooperative`.
 */
export const ordersTable = (name: string, columns: SqlReadModel.TableDeclaration["columns"]): SqlReadModel.TableDeclaration => ({
  name,
  columns: { order_id: "text PRIMARY KEY", buyer: "text NOT NULL", seller: "text NOT NULL", ...columns },
  indexes: { buyer: "buyer", seller: "seller" }
})

/**
 * The orders of `nik` in `table` (declared by `ordersTable`) where `condition` holds (SQL on the
 * table's columns; every order when absent), each with its `role` (`BUYER` or `SELLER`), its
 * `counterparty` and `columns` (the SQL of the other columns selected): a query to select from
 * as a subquery, in no order. An order to itself (which the decider refuses) is in it once, as
 * the seller's.
 */
export const ofCooperative = (
  sql: SqlClient.SqlClient,
  table: Statement.Fragment,
  nik: Identifier.NikKoperasi,
  columns: string,
  condition = "TRUE"
): Statement.Fragment =>
  sql`SELECT 'BUYER' AS "role", seller AS "counterparty", ${sql.literal(columns)}
    FROM ${table} WHERE buyer = ${nik} AND seller <> ${nik} AND ${sql.literal(condition)}
    UNION ALL
    SELECT 'SELLER' AS "role", buyer AS "counterparty", ${sql.literal(columns)}
    FROM ${table} WHERE seller = ${nik} AND ${sql.literal(condition)}`
