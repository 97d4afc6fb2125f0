/**
 * Read models kept in SQL tables by a projection: a read model declares its tables, how to
 * create them and how one of its domain's events changes them; `make` gives it the projection
 * (schema and tables created at setup, emptied together on a rebuild, events applied in the
 * runner's transaction with the checkpoint) and a way for its queries to reach its tables.
 * Each domain's SQL read models (`@jatim/opop-sql`, …) are built on it with `reading`, which
 * also takes each one's queries and gives its `make`; `declareTables` builds a read model's
 * `tables` and `createTables` from its tables declared as data; `group` puts a domain's read
 * models together, and `makeGroup` gives the `make` of them all.
 *
 * ```ts
 * const model = SqlReadModel.make({ schema: "opop_read" }, {
 *   defaultName: "opop-sql-pesantren-directory",
 *   codec: OpopEvent.codec,
 *   categories: OpopEvent.categories,
 *   tables: { pesantren: "opop_directory_pesantren" },
 *   createTables: (sql, t) => sql`CREATE TABLE IF NOT EXISTS ${t.pesantren} (…)`,
 *   apply: (sql, t, event) => …
 * })
 * ```
 *
 * @since 0.1.0
 */
import { Effect, type ParseResult, Record, Schema } from "effect"
import { SqlClient, type Statement } from "@effect/sql"
import type { SqlError } from "@effect/sql/SqlError"
import { type EventCodec, NullWhenUndefined, Projection } from "@jatim/eventstore"
import * as StatementBatch from "./internal/statementBatch.js"

/** A column that is SQL `NULL` when the read model's field is `undefined`. */
export const orUndefined = NullWhenUndefined.nullWhenUndefined

/** A whole number PostgreSQL returns as text (`bigint`, `numeric`). */
export const IntFromText = Schema.compose(Schema.NumberFromString, Schema.Int)

/** Decodes the rows of a query with `row`, failing with a `ParseError` on anything else. */
export const decodeRows = <A, I, R, E, R2>(
  row: Schema.Schema<A, I, R>,
  rows: Effect.Effect<ReadonlyArray<unknown>, E, R2>
): Effect.Effect<ReadonlyArray<A>, E | ParseResult.ParseError, R | R2> => Effect.flatMap(rows, Schema.decodeUnknown(Schema.Array(row)))

/** What a query of a SQL read model fails with: the database, or a row that does not decode. */
export type QueryError = SqlError | ParseResult.ParseError

/** A query of a SQL read model answering `A`, on the client of the context. */
export type Query<A> = Effect.Effect<A, QueryError, SqlClient.SqlClient>

/** Where a SQL read model lives (the options of each one's `make`). */
export interface Options {
  /** The PostgreSQL schema of its tables; created if absent. */
  readonly schema: string
  /** The projection's name (and checkpoint's); the read model's `defaultName` when absent. */
  readonly name?: string | undefined
}

/** The tables of a SQL read model, by key: each a fragment naming the table in the read model's schema. */
export type Tables<Key extends string> = { readonly [K in Key]: Statement.Fragment }

/** What a SQL read model declares: its events, its tables, how to create them and how an event changes them. */
export interface Definition<Key extends string, E extends { readonly _tag: string }> {
  /** The projection's name when `Options.name` is absent. */
  readonly defaultName: string
  /** The codec of the events it reads (only the codec's event types reach `apply`, decoded). */
  readonly codec: EventCodec.EventCodec<E>
  /** The stream categories it reads; every category of the codec's event types when absent. */
  readonly categories?: ReadonlyArray<string> | undefined
  /** The name of each table, by key (in the schema of `Options`). */
  readonly tables: { readonly [K in Key]: string }
  /** Creates its tables and indexes, idempotently: one statement, or several run in order. */
  readonly createTables: (
    sql: SqlClient.SqlClient,
    tables: Tables<Key>
  ) => Effect.Effect<unknown, unknown> | ReadonlyArray<Effect.Effect<unknown, unknown>>
  /** Applies one event to its tables. */
  readonly apply: (sql: SqlClient.SqlClient, tables: Tables<Key>, event: E) => Effect.Effect<unknown, unknown>
}

/** A SQL read model's projection, and a way for its queries to reach its tables. */
export interface SqlReadModel<Key extends string> {
  /** Keeps the tables (created with the schema, emptied on a rebuild); one event at a time. */
  readonly projection: Projection.Projection<SqlClient.SqlClient>
  /** Runs `query` with the client of the context and the read model's tables. */
  readonly query: <A, E, R>(
    query: (sql: SqlClient.SqlClient, tables: Tables<Key>) => Effect.Effect<A, E, R>
  ) => Effect.Effect<A, E, R | SqlClient.SqlClient>
  /** The rows `select` returns from its tables, decoded by `row` (see `decodeRows`). */
  readonly rows: <A, I, R>(
    row: Schema.Schema<A, I, R>,
    select: (sql: SqlClient.SqlClient, tables: Tables<Key>) => Effect.Effect<ReadonlyArray<unknown>, SqlError>
  ) => Effect.Effect<ReadonlyArray<A>, QueryError, R | SqlClient.SqlClient>
}

/** The events a domain's SQL read models read: their codec, and the categories of their streams (every category of the codec's event types when absent). */
export interface Source<E extends { readonly _tag: string }> {
  readonly codec: EventCodec.EventCodec<E>
  readonly categories?: ReadonlyArray<string> | undefined
}

/** What a read model of a known `Source` declares: its name, its tables, how to create them, how an event changes them, and its queries. */
export interface SourcedDefinition<Key extends string, E extends { readonly _tag: string }, Queries>
  extends Omit<Definition<Key, E>, "codec" | "categories"> {
  /** The read model's queries, on its tables (`model.rows`, `model.query`). */
  readonly queries: (model: SqlReadModel<Key>) => Queries
}

/** A read model's `make`: its projection and its queries, with its tables in `options.schema`. */
export type Make<Queries> = (options: Options) => Projected & Queries

/**
 * The `make` of each read model of one domain's events: each then declares only its tables, how
 * an event of `source` changes them, and its queries.
 *
 * ```ts
 * const sqlReadModel = SqlReadModel.reading({ codec: OpopEvent.codec, categories: OpopEvent.categories })
 * export const make = sqlReadModel({ defaultName, tables, createTables, apply, queries: (model) => ({ list: model.rows(…) }) })
 * const directory = make({ schema: "opop_read" })
 * ```
 */
export const reading =
  <E extends { readonly _tag: string }>(source: Source<E>) =>
  <Key extends string, Queries>(definition: SourcedDefinition<Key, E, Queries>): Make<Queries> =>
  (options) => {
    const model = make(options, { ...definition, codec: source.codec, categories: source.categories })
    return { projection: model.projection, ...definition.queries(model) }
  }

/**
 * A table of a SQL read model declared as data (see `declareTables`): its columns, its composite
 * primary key, if any, and its indexes.
 */
export interface TableDeclaration {
  /** The table's name (in the schema of `Options`). */
  readonly name: string
  /** Each column's name and what follows it in `CREATE TABLE`: its type and constraints (`"text NOT NULL"`), in order. */
  readonly columns: Readonly<Record<string, string>>
  /** The columns of its primary key, when it has several (one column says `PRIMARY KEY` itself). */
  readonly primaryKey?: ReadonlyArray<string> | undefined
  /**
   * Its indexes, each named `<table>_<key>`: the indexed columns or expressions (`"region_code"`),
   * or those and the condition of a partial index.
   */
  readonly indexes?: Readonly<Record<string, string | { readonly on: string; readonly where: string }>> | undefined
}

/** The `CREATE TABLE` and `CREATE INDEX` statements of `declaration`, for the table `table`; each does nothing when it exists. */
export const createTable = (
  sql: SqlClient.SqlClient,
  table: Statement.Fragment,
  declaration: TableDeclaration
): ReadonlyArray<Statement.Statement<unknown>> => {
  const definitions = [
    ...Object.entries(declaration.columns).map(([column, definition]) => `${column} ${definition}`),
    ...(declaration.primaryKey === undefined ? [] : [`PRIMARY KEY (${declaration.primaryKey.join(", ")})`])
  ]
  return [
    sql`CREATE TABLE IF NOT EXISTS ${table} (${sql.literal(definitions.join(",\n  "))})`,
    ...Object.entries(declaration.indexes ?? {}).map(([key, index]) => {
      const { on, where } = typeof index === "string" ? { on: index, where: undefined } : index
      return sql`CREATE INDEX IF NOT EXISTS ${sql(`${declaration.name}_${key}`)} ON ${table} (${sql.literal(on)})${
        where === undefined ? sql.literal("") : sql` WHERE ${sql.literal(where)}`
      }`
    })
  ]
}

/**
 * A read model's `tables` and `createTables` from its tables declared as data, by key: each
 * table is created, then its indexes, in the order declared.
 *
 * ```ts
 * sqlReadModel({
 *   defaultName,
 *   ...SqlReadModel.declareTables({
 *     stock: { name: "tomiko_listing_stock", columns: { listing_id: "text PRIMARY KEY", seller: "text NOT NULL" }, indexes: { seller: "seller" } }
 *   }),
 *   apply: (sql, { stock }, event) => …
 * })
 * ```
 */
export const declareTables = <Key extends string>(
  declarations: { readonly [K in Key]: TableDeclaration }
): Pick<Definition<Key, never>, "tables" | "createTables"> => ({
  tables: Record.map(declarations, (declaration) => declaration.name),
  createTables: (sql, tables) => Object.keys(declarations).flatMap((key) => createTable(sql, tables[key as Key], declarations[key as Key]))
})

/** The first row a query returns, if any (the answer of a lookup by key). */
export const firstRow = <A, E, R>(rows: Effect.Effect<ReadonlyArray<A>, E, R>): Effect.Effect<A | undefined, E, R> =>
  Effect.map(rows, (all) => all[0])

/** The SQL read model `definition` declares, with its tables in `options.schema`. */
export const make = <Key extends string, E extends { readonly _tag: string }>(
  options: Options,
  definition: Definition<Key, E>
): SqlReadModel<Key> => {
  const tablesOf = (sql: SqlClient.SqlClient): Tables<Key> =>
    Record.map(definition.tables, (table) => sql`${sql(options.schema)}.${sql(table)}`)
  const withTables = <A, Err, R>(f: (sql: SqlClient.SqlClient, tables: Tables<Key>) => Effect.Effect<A, Err, R>) =>
    Effect.flatMap(SqlClient.SqlClient, (sql) => f(sql, tablesOf(sql)))
  return {
    projection: Projection.typed<E, SqlClient.SqlClient>({
      name: options.name ?? definition.defaultName,
      codec: definition.codec,
      categories: definition.categories,
      setup: withTables((sql, tables) => {
        const created = definition.createTables(sql, tables)
        return Effect.zipRight(
          sql`CREATE SCHEMA IF NOT EXISTS ${sql(options.schema)}`,
          Effect.isEffect(created) ? created : Effect.all(created, { discard: true })
        )
      }),
      // A batch's statements go to the server together where their values allow (internal/statementBatch.ts).
      handle: (events) =>
        withTables((sql, tables) =>
          StatementBatch.runInOrder(
            sql,
            events.map((event) => definition.apply(sql, tables, event.data))
          )
        ),
      reset: withTables((sql, tables) => Effect.asVoid(sql`TRUNCATE ${sql.csv(Object.values<Statement.Fragment>(tables))}`))
    }),
    query: withTables,
    rows: (row, select) => withTables((sql, tables) => decodeRows(row, select(sql, tables)))
  }
}

/** Anything kept by one SQL projection (a SQL read model, or a domain's module built on one). */
export interface Projected {
  /** Keeps the tables; give it to a `ProjectionRunner` (or run it inline). */
  readonly projection: Projection.Projection<SqlClient.SqlClient>
}

/** Read models by name, with their projections listed for one `ProjectionRunner`. */
export type Group<Models extends Record<string, Projected>> = Models & {
  /** Each read model's projection, in the order of `Models`. */
  readonly projections: ReadonlyArray<Projection.Projection<SqlClient.SqlClient>>
}

/**
 * Read models by name, with their projections listed in the order they are named: what a
 * domain's `SqlReadModels.make` returns.
 *
 * ```ts
 * const readModels = SqlReadModel.group({ productCatalogue: SqlProductCatalogue.make(options), … })
 * const runner = yield* ProjectionRunner.make(readModels.projections)
 * ```
 */
export const group = <Models extends Record<string, Projected>>(models: Models): Group<Models> => ({
  ...models,
  projections: Object.values(models).map((model) => model.projection)
})

/**
 * The `make` of a domain's read models together: each read model's `make`, by name, given the
 * same schema (each under its default projection name: one set per event store, the names key
 * their checkpoints), and the read models `group`ed in the order named.
 *
 * ```ts
 * export const make = SqlReadModel.makeGroup({ productCatalogue: SqlProductCatalogue.make, … })
 * const readModels = make({ schema: "opop_read" })
 * ```
 */
export const makeGroup =
  <Makes extends Record<string, (options: Options) => Projected>>(makes: Makes) =>
  (options: { readonly schema: string }): Group<{ readonly [K in keyof Makes]: ReturnType<Makes[K]> }> =>
    group(Record.map(makes, (make) => make({ schema: options.schema })) as { readonly [K in keyof Makes]: ReturnType<Makes[K]> })
